/**
 * The wire contract between an office's Naungan and the central server. Both sides import these
 * types; docs/sync.md explains the protocol in prose. Everything is JSON over HTTP(S); responses
 * are gzip-compressed when the client accepts it.
 *
 * Endpoints (all under the server's base URL):
 *
 *   GET  /api/health                              → HealthResponse            (no auth; the probe)
 *   GET  /api/health/live                         → { ok: true }              (no auth; no database)
 *   GET  /api/health/ready                        → ReadinessResponse         (no auth; 503 if not)
 *   POST /api/enrol           EnrolRequest        → EnrolResponse             (one-time code;
 *                                                      with a card key, also its certificate)
 *   POST /api/session         LoginRequest        → SessionResponse           (device + user)
 *   POST /api/session/refresh RefreshRequest      → SessionResponse
 *   POST /api/session/logout                      → LogoutResponse            (ends this session)
 *   POST /api/session/password ChangePasswordRequest → ChangePasswordResponse (own password)
 *   GET  /api/office-users                        → OfficeUsersResponse       (offline login data)
 *   POST /api/card-certificate  CardCertificateRequest → CardKeysResponse (operator, supervisor)
 *   GET  /api/card-keys                           → DistrictCardKeysResponse  (no auth; public)
 *   GET  /api/sync/participants/pull?checkpoint=<urlencoded JSON>&limit=<n>  → PullResponse
 *        (or the same two in the headers PULL_CHECKPOINT_HEADER / PULL_LIMIT_HEADER, see there)
 *   POST /api/sync/participants/push  PushRequest → PushResponse
 *   GET  /api/sync/participants/stream            → text/event-stream of SyncStreamEvent
 *   BPJS bills and payments (supervisor, admin; see BillWire below):
 *   GET  /api/bills                               → BillsResponse             (summaries)
 *   GET  /api/bills/<id>                          → BillResponse              (one bill whole)
 *   POST /api/bills            { bill }           → BillResponse     (up to MAX_BILL_BODY_BYTES)
 *   GET  /api/bill-resolutions                    → BillResolutionsResponse
 *   POST /api/bill-resolutions { resolution }     → BillResolutionResponse    (bill recorded)
 *   GET  /api/payments                            → PaymentsResponse
 *   POST /api/payments         { payment }        → PaymentResponse
 *   GET  /api/payment-withdrawals                 → PaymentWithdrawalsResponse
 *   POST /api/payment-withdrawals { withdrawal }  → PaymentWithdrawalResponse
 *   Admin (role admin):
 *   GET  /api/admin/offices | POST /api/admin/offices          CreateOfficeRequest → OfficeInfo
 *   GET  /api/admin/users   | POST /api/admin/users            CreateUserRequest   → UserInfo
 *   POST /api/admin/enrolment-codes   CreateEnrolmentCodeRequest → EnrolmentCodeResponse
 *   GET  /api/admin/devices | POST /api/admin/devices/<id>/revoke | …/<id>/unlock
 *   POST /api/admin/users/<id>/deactivate | reactivate | unlock | password (admin-api.ts)
 *   GET  /api/admin/security-events                 → SecurityEventsResponse
 *
 * Authenticated calls send `Authorization: Bearer <accessToken>`. Errors are `ApiError` bodies
 * with an HTTP status: 400 invalid, 401 token missing/expired/forged or session ended, 403 not
 * allowed (revoked device, deactivated user, other jurisdiction, role), 413 body too large, 423
 * login locked after repeated wrong passwords (Retry-After header), 426 the app's API_VERSION_HEADER
 * names another major than the server's, 429 rate limited (Retry-After).
 */
import type { ParticipantDocument } from '../participant/participant-document'
import type { OfficeKind, Role } from './roles'
import type { BillResolution, StoredBill } from '../coverage/bills'
import type { PaymentRecord, PaymentWithdrawal } from '../coverage/payments'

/**
 * The wire contract's major version. The rule (docs/operations.md, "Upgrading"): an app and a
 * server work together when their majors are equal. Additions the other side can ignore (a new
 * route, a new optional field) keep the number; anything an older peer would misread (a field
 * removed, renamed or given a new meaning) raises it, and then the older side must be updated.
 */
export const SYNC_API_VERSION = 1

/**
 * The app sends its SYNC_API_VERSION in this header on every request; a server of another major
 * answers 426 API_VERSION_MISMATCH with an Indonesian message saying which side to update, and
 * names its own version in the same header. A request without it (an app from before the header,
 * a monitoring probe) is served as before.
 */
export const API_VERSION_HEADER = 'X-Naungan-Api'
export const API_VERSION_MISMATCH = 'API_VERSION_MISMATCH'

/** The major of a version as sent ('1', '1.4'), or null when it is no version at all. */
export function apiMajorOf(text: string): number | null {
  const match = /^\s*(\d{1,6})(?:\.\d{1,6})?\s*$/.exec(text)
  return match ? Number(match[1]) : null
}

/**
 * Which side must be updated for an app of `appVersion` to talk to a server of `serverVersion`,
 * or null when their majors agree.
 */
export function apiVersionGap(appVersion: number, serverVersion: number): 'app' | 'server' | null {
  if (appVersion === serverVersion) return null
  return appVersion < serverVersion ? 'app' : 'server'
}

/** The sentence a clerk reads when app and server speak different majors. */
export function apiVersionMismatchMessage(appVersion: number, serverVersion: number): string {
  return apiVersionGap(appVersion, serverVersion) === 'server'
    ? `Server pusat masih versi lama (API ${serverVersion}), aplikasi ini memakai API ${appVersion}. Minta admin server memperbarui server; sampai itu, data tetap aman di PC ini.`
    : `Aplikasi di PC ini perlu diperbarui: server pusat memakai API ${serverVersion}, aplikasi ini API ${appVersion}. Pasang versi terbaru aplikasi; sampai itu, data tetap aman di PC ini.`
}

/** Largest push the server accepts, in rows and in bytes of (uncompressed) JSON body. */
export const MAX_PUSH_ROWS = 200
export const MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024
/** Largest pull page the server returns, whatever the client asks for. */
export const MAX_PULL_LIMIT = 2000

/**
 * The app's pull page: 1,000 records (about 110 kB as sent, ~0.9 s at 1 Mbit/s). Every page costs
 * a round trip (300 ms on a satellite link); with 300-row pages those made an initial sync of
 * 50,000 take 2.3x the time its payload needs (docs/performance.md), but the app asks for the
 * next page while this one still arrives (`renderer/src/sync/pull-pacer.ts`), so a page need
 * only outlast one round trip. Smaller than the server's cap because each page is one unit of
 * the store's work (RxDB reads every id of the page, then writes the page), and a clerk's search
 * during a first sync waits for the unit under way: with 2,000-record pages a search took a
 * median 0.7–1.4 s at 50,000, with 1,000 0.2–0.6 s; the sync's time on a slow link stayed
 * within its spread (docs/performance.md, "Pages of 1,000"). A cut page is retried from the last
 * checkpoint. Never above the server's cap: RxDB ends a run at the first page shorter than it
 * asked for.
 */
export const PULL_BATCH_SIZE = Math.min(1000, MAX_PULL_LIMIT)

/**
 * A pull may carry its checkpoint and limit in these headers instead of the query string. The
 * app does: a browser keeps a CORS preflight's answer per URL, so a query that changes with
 * every page cost one more round trip per page (26 × 300 ms at 50,000 records), while one
 * constant URL is preflighted once for two hours. The server's answers are `no-store`, so no
 * cache between can confuse two pages of one URL.
 */
export const PULL_CHECKPOINT_HEADER = 'X-Naungan-Checkpoint'
export const PULL_LIMIT_HEADER = 'X-Naungan-Limit'

/**
 * The answer's own page, told in a response header before its body: `PullPageHead` as JSON. With
 * it the app asks for the next page as soon as this one starts to arrive, so on a slow link the
 * next request's round trip and the server's work hide behind this page's body (each page waited
 * for both: ~0.5 s of a 2.5 s page at 1 Mbit/s + 300 ms). The body stays what counts: a page
 * whose body says otherwise drops the request made ahead.
 */
export const PULL_PAGE_HEADER = 'X-Naungan-Page'

export interface PullPageHead {
  /** Documents in the body. */
  count: number
  /** The body's `checkpoint` and `remaining`. */
  checkpoint: PullCheckpoint | null
  remaining: number
}

// Role and OfficeKind live in a leaf module (roles.ts) so the card and workflow rules can name them
// without importing the protocol, which imports the participant document, which imports them.
export { ROLES, type OfficeKind, type Role } from './roles'

export interface OfficeInfo {
  id: string
  /** e.g. '06-01' for kecamatan 06, office 1; 'PUSAT' for the central office. */
  code: string
  name: string
  kind: OfficeKind
  /** Kemendagri code of the office's kecamatan, e.g. '64.02.06'; null for district-wide offices. */
  kecamatanCode: string | null
  /** 1–99 within the kecamatan; the middle part of registration numbers. Null when not kecamatan. */
  officeNumber: number | null
  /** For agency offices: which agency (district.json verification.agencies); else null. */
  agencyCode: string | null
}

export interface UserInfo {
  id: string
  username: string
  displayName: string
  role: Role
  officeId: string
  active: boolean
}

export interface ApiError {
  error: {
    /** Stable machine code, e.g. 'TOKEN_EXPIRED', 'DEVICE_REVOKED', 'OUT_OF_JURISDICTION'. */
    code: string
    /** Plain Indonesian sentence a clerk can act on. */
    message: string
  }
}

export interface HealthResponse {
  ok: true
  apiVersion: number
  serverTime: string
  /** The district this server serves: its Kemendagri code and name ('Kota Samarinda'). */
  district: { code: string; name: string }
}

/**
 * GET /api/health/ready: 200 when the server can serve (the database answered, every migration is
 * applied, the keys are loaded), else 503 with the first check that failed.
 */
export type ReadinessResponse =
  | { ready: true; checks: { database: 'ok'; migrations: 'ok'; keys: 'ok' } }
  | {
      ready: false
      reason: 'DATABASE_UNAVAILABLE' | 'MIGRATIONS_PENDING' | 'KEYS_MISSING'
      message: string
    }

export interface EnrolRequest {
  code: string
  deviceName: string
  /** The app's district (district.json `region.code`): a server of another one refuses (409). */
  districtCode?: string
  /**
   * base64url (unpadded) of this PC's Ed25519 card signing public key, when it prints cards. An
   * invalid key refuses the enrolment (400 CARD_KEY_INVALID) and leaves the code usable.
   */
  cardSigningPublicKey?: string
}

export interface EnrolResponse {
  deviceId: string
  /** Shown once; the app keeps it in the OS keychain. The server stores only a hash. */
  deviceSecret: string
  office: OfficeInfo
  /** Present when `cardSigningPublicKey` was sent. */
  cardKeys?: CardKeysResponse
}

/**
 * `POST /api/card-certificate` (operator or supervisor on a non-revoked device; admin accounts
 * get 403): certify this PC's card signing key again, e.g. after a new key or near expiry.
 */
export interface CardCertificateRequest {
  /** base64url (unpadded) of 32 bytes: an Ed25519 public key. */
  publicKey: string
}

/** What a PC needs to sign cards (shared/cards/card-token.ts) and to check anyone's. */
export interface CardKeysResponse {
  /** base64url of the device certificate bytes, for `CardSigner.certificate`. */
  certificate: string
  /** base64url Ed25519 public keys of the district: the current one first, then retired ones. */
  districtPublicKeys: string[]
  /** YYYY-MM-DD, the certificate's last valid day (UTC). */
  expiresOn: string
}

/** `GET /api/card-keys` (no auth): the district keys any copy of Naungan may trust for cards. */
export interface DistrictCardKeysResponse {
  /** base64url, current first. */
  districtPublicKeys: string[]
}

export interface LoginRequest {
  deviceId: string
  deviceSecret: string
  username: string
  password: string
  /** The app's district (district.json `region.code`): a server of another one refuses (409). */
  districtCode?: string
}

export interface RefreshRequest {
  deviceId: string
  deviceSecret: string
  refreshToken: string
}

export interface SessionResponse {
  accessToken: string
  /** ISO time; the client refreshes a minute before. */
  accessTokenExpiresAt: string
  refreshToken: string
  user: UserInfo
  office: OfficeInfo
}

/**
 * What the app keeps to check a user's password with no network. The verifier is argon2id of
 * the password with its own salt (not the server's login hash), made when the password is set.
 */
export interface OfflineUserRecord {
  user: UserInfo
  verifier: {
    algorithm: 'argon2id'
    /** base64 */
    salt: string
    memoryKiB: number
    iterations: number
    parallelism: number
    /** base64 of the 32-byte raw hash */
    hash: string
  }
}

/**
 * `users` holds the active users who may sign in on this PC (its office's), each with a verifier;
 * it replaces whatever the PC kept. `withdrawn` names the office's deactivated users (no
 * verifier): the PC drops any verifier it still holds for them and can say why they are refused.
 */
export interface OfficeUsersResponse {
  office: OfficeInfo
  users: OfflineUserRecord[]
  withdrawn: UserInfo[]
}

/** POST /api/session/password (the signed-in user's own password). */
export interface ChangePasswordRequest {
  currentPassword: string
  newPassword: string
}

/** The caller's other sessions have ended; this one goes on. */
export interface ChangePasswordResponse {
  user: UserInfo
}

/** POST /api/session/logout (no body): the session's refresh tokens and access token are dead. */
export interface LogoutResponse {
  ended: true
}

/**
 * A participant as it travels. `nikIndex` is not sent: the blind index is keyed per office, so
 * each client computes its own on arrival. `_deleted` marks a tombstone.
 */
export type ParticipantWireDocument = Omit<ParticipantDocument, 'nikIndex'> & { _deleted: boolean }

/**
 * Pull position. The server orders changes by the PostgreSQL transaction id that wrote them and
 * only hands out changes of transactions older than every transaction still running, so a
 * transaction that commits late can never slip behind a checkpoint a client already holds.
 */
export interface PullCheckpoint {
  /** xid8 as a decimal string */
  txid: string
  id: string
  /**
   * The server generation that handed it out (server/generation.ts). A checkpoint of another
   * generation is refused with SERVER_RESTORED: the server was restored from a backup since.
   */
  generation?: string
}

/** The code of a pull refused because the server was restored from a backup since. */
export const SERVER_RESTORED = 'SERVER_RESTORED'

/**
 * POST /api/sync/participants/recover, after SERVER_RESTORED: the states this PC last had from
 * the server, each with the server's receipt (shared/sync/receipt.ts), at most 100 a request.
 */
export interface RecoverRequest {
  states: ParticipantWireDocument[]
}

export interface RecoverResponse {
  /** States the server did not hold (or held older) and took back as they were. */
  restored: number
  /** States merged with an edit made on the server since the restore (clashes kept). */
  merged: number
  /** States the server already holds, or holds a later one of. */
  alreadyHeld: number
  /** States not taken: no valid receipt, outside this PC's kecamatan, or malformed. */
  refused: { id: string; code: string; message: string }[]
}

export const RECOVER_PATH = '/api/sync/participants/recover'

/**
 * POST /api/sync/rescue (supervisor, admin): one part of an opened rescue file
 * (shared/rescue/rescue-file.ts), judged as pushes from the PC that made it, by the importer.
 */
export interface RescueImportRequest {
  /** The PC the file came from (enrolled here; a revoked PC too). */
  deviceId: string
  /** At most 100 a request. */
  participants: { state: ParticipantWireDocument; base: ParticipantWireDocument | null }[]
  /** That PC's own history entries, at most 200 a request. */
  audit: unknown[]
}

export interface RescueImportResponse {
  /** Records now on the server as the file had them (new, or edits on the copy they started from). */
  written: number
  /** Records whose server copy had moved on: merged, clashes kept for a supervisor. */
  merged: number
  /** Records the server already held as they are. */
  alreadyHeld: number
  refused: { id: string; code: string; message: string }[]
  auditStored: number
  auditRefused: number
}

export const RESCUE_PATH = '/api/sync/rescue'
export const MAX_RESCUE_RECORDS = 100
export const MAX_RESCUE_AUDIT = 200

export interface PullResponse {
  documents: ParticipantWireDocument[]
  /** Unchanged from the request when there is nothing new. */
  checkpoint: PullCheckpoint | null
  /** Documents after this page visible to the caller: drives "12.400 dari 50.000". */
  remaining: number
}

export interface PushRow {
  /** The server copy the client last saw; absent for a record the server has never had. */
  assumedMasterState?: ParticipantWireDocument
  newDocumentState: ParticipantWireDocument
}

export interface PushRequest {
  rows: PushRow[]
}

export interface PushRejection {
  id: string
  /** e.g. 'INVALID_DOCUMENT', 'OUT_OF_JURISDICTION' */
  code: string
  /** Plain Indonesian reason, shown on the record. */
  message: string
  /**
   * The server's current copy of this record, when it has one the caller may see. A refused row
   * leaves the client holding a stale idea of the server copy; with this it can repair that (its
   * next push then starts from the real server copy) instead of waiting for the next pull.
   */
  serverDocument?: ParticipantWireDocument
}

export interface PushResponse {
  /**
   * Current server copies of the documents whose `assumedMasterState` was out of date. The
   * client merges and pushes again; nothing was written for them.
   */
  conflicts: ParticipantWireDocument[]
  /** Documents refused for good (invalid, other jurisdiction); nothing was written for them. */
  rejected: PushRejection[]
}

/** Server-sent event `data` (event name `change`): something changed; pull from your checkpoint. */
export interface SyncStreamEvent {
  checkpoint: PullCheckpoint
}

export interface CreateOfficeRequest {
  code: string
  name: string
  kind: OfficeKind
  kecamatanCode: string | null
  officeNumber: number | null
  /** Required for agency offices; absent or null otherwise. */
  agencyCode?: string | null
}

export interface CreateUserRequest {
  officeId: string
  username: string
  displayName: string
  role: Role
  password: string
}

export interface CreateEnrolmentCodeRequest {
  officeId: string
}

export interface EnrolmentCodeResponse {
  /** Short, typeable, one-time: e.g. 'K7QM-2XWD'. Valid until `expiresAt`. */
  code: string
  expiresAt: string
}

export interface DeviceInfo {
  id: string
  officeId: string
  name: string
  enrolledAt: string
  revokedAt: string | null
  lastSeenAt: string | null
  /** base64url of the card signing key last certified for this PC; null: it cannot sign cards. */
  cardPublicKey: string | null
  /** When that key was last certified (ISO time). */
  cardCertifiedAt: string | null
}

/**
 * Annual plan (dashboard): the new-participant target and APBD premium allocation for a year, for
 * the district (kecamatanCode '') and per kecamatan. `GET /api/plans?year=` (any signed-in user),
 * `POST /api/plans` (supervisor, admin; the server reads bodies of POST only). Amounts are whole rupiah, at most MAX_PLAN_AMOUNT.
 */
export const MAX_PLAN_AMOUNT = 10_000_000_000_000

export interface PlanRow {
  year: number
  /** '' for the district total, else a kecamatan code (64.02.06). */
  kecamatanCode: string
  target: number
  allocation: number
  updatedAt: string
  updatedBy: string
}

export interface PlansResponse {
  year: number
  plans: PlanRow[]
}

export interface PutPlansRequest {
  year: number
  plans: { kecamatanCode: string; target: number; allocation: number }[]
}

/**
 * BPJS enrolment batches, kept on the server so every supervisor PC knows them (the answer to a
 * batch is often read on another PC than the one that sent it). Immutable once recorded.
 * - `GET /api/enrolment-batches`: summaries (no member ids), newest first, at most 500.
 * - `GET /api/enrolment-batches/<id>`: one batch whole.
 * - `POST /api/enrolment-batches` with `{ batch }`: records one (the same again is a no-op;
 *   another batch under a recorded id is refused with BATCH_IMMUTABLE).
 * Supervisors and admins only. Member ids are participant ids (UUIDs), never personal data.
 */
export interface EnrolmentBatchWire {
  id: string
  kind: 'new' | 'renewal'
  kodeIuran: string
  period: { year: number; fromMonth: number }
  createdAt: string
  createdBy: string
  memberIds: string[]
  /** The payer the batch is for (district.json payers); absent on batches from before payers. */
  payerCode?: string
}

export type EnrolmentBatchSummary = Omit<EnrolmentBatchWire, 'memberIds'> & {
  memberCount: number
}

export interface EnrolmentBatchesResponse {
  batches: EnrolmentBatchSummary[]
}

export interface EnrolmentBatchResponse {
  batch: EnrolmentBatchWire
}

export interface PushEnrolmentBatchRequest {
  batch: EnrolmentBatchWire
}

/**
 * BPJS bills, their resolutions and the payments (issue 16), kept on the server so every
 * supervisor PC reconciles and watches the same months. Supervisors and admins only; everyone
 * else is refused (FORBIDDEN_ROLE). The server records the account from the session beside each
 * record and writes the caller's display name over the `importedBy`/`resolvedBy`/`recordedBy` a
 * client sent: a record never claims another author.
 * - `GET /api/bills`: summaries (no lines), newest first. `GET /api/bills/<id>`: one bill whole.
 *   `POST /api/bills` `{ bill }`: records one; the same again is a no-op, another bill under a
 *   recorded id is refused (BILL_IMMUTABLE), a payer district.json does not know too
 *   (UNKNOWN_PAYER). A bill's lines hold masked NIKs and participant ids, never a NIK.
 * - `GET /api/bill-resolutions`, `POST /api/bill-resolutions` `{ resolution }` (its bill must be
 *   recorded: BILL_NOT_FOUND).
 * - `GET /api/payments`, `POST /api/payments` `{ payment }` (immutable like bills:
 *   PAYMENT_IMMUTABLE; UNKNOWN_PAYER).
 */
export type BillWire = StoredBill
export type BillSummary = Omit<BillWire, 'lines'> & { lineCount: number; billedTotal: number }
export interface BillsResponse {
  bills: BillSummary[]
}
export interface BillResponse {
  bill: BillWire
}
export interface BillResolutionsResponse {
  resolutions: BillResolution[]
}
export interface BillResolutionResponse {
  resolution: BillResolution
}
export interface PaymentsResponse {
  payments: PaymentRecord[]
}
export interface PaymentResponse {
  payment: PaymentRecord
}
/**
 * `GET /api/payment-withdrawals`, `POST /api/payment-withdrawals` `{ withdrawal }`: a payment
 * recorded by mistake is taken back with a reason (and, for a correction, the payment recorded in
 * its place). One per payment: PAYMENT_ALREADY_WITHDRAWN; its payment must be on the server:
 * PAYMENT_NOT_FOUND. Logged as the security event `payment_withdrawn`.
 */
export interface PaymentWithdrawalsResponse {
  withdrawals: PaymentWithdrawal[]
}
export interface PaymentWithdrawalResponse {
  withdrawal: PaymentWithdrawal
}
/** A bill of 200,000 lines with 120-character names is ~50 MB of JSON: the bill route reads up to this much (after gunzip; the app sends it gzipped). */
export const MAX_BILL_BODY_BYTES = 64 * 1024 * 1024
