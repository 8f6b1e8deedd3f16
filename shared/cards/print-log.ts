/**
 * Every card and sticker printed for a participant, kept in the participant record so it syncs
 * with it (`ParticipantDocument.prints`). The log is append-only: offices add entries, nobody
 * edits or removes one — the server refuses a push that does, and a sync merge takes the union.
 *
 * The newest entry of a kind is the valid one: printing again (lost card, damaged sticker) makes
 * every earlier serial of that kind revoked, which any PC learns at its next sync.
 */
import type { CardKind, TokenCheck } from './card-token'
import { canonicalJson } from '../sync/canonical-json'
import type { ParticipantStatus } from '../participant/participant-status'
import { CARD_STATUSES } from './card-coverage'
import { revocationOf, type CardRevocationList } from './card-revocations'

export interface PrintRecord {
  /** `7K3M-9QX2`, as printed under the QR code. */
  serial: string
  kind: CardKind
  /** ISO time of printing. */
  printedAt: string
  printedBy: string
  officeCode: string
  /** YYYY-MM-DD: the last day the printed card states. */
  validUntil: string
  /** Set on a reprint: why the earlier card or sticker is replaced. */
  reprintReason?: ReprintReason
  /** Free text for 'lainnya', or detail for any reason. */
  reprintNote?: string
}

export const REPRINT_REASONS = [
  'hilang',
  'rusak',
  'data-berubah',
  'salah-cetak',
  'lainnya',
] as const
export type ReprintReason = (typeof REPRINT_REASONS)[number]

export function isReprintReason(value: unknown): value is ReprintReason {
  return typeof value === 'string' && (REPRINT_REASONS as readonly string[]).includes(value)
}

export const MAX_PRINT_RECORDS = 100
export const MAX_REPRINT_NOTE_LENGTH = 200

const newestFirst = (a: PrintRecord, b: PrintRecord) =>
  a.printedAt === b.printedAt ? (a.serial < b.serial ? 1 : -1) : a.printedAt < b.printedAt ? 1 : -1

/** The card or sticker that counts now, or undefined when none was printed. */
export function currentPrintOf(
  prints: readonly PrintRecord[],
  kind: CardKind,
): PrintRecord | undefined {
  return prints.filter((entry) => entry.kind === kind).sort(newestFirst)[0]
}

/** A second card (or sticker) needs a reason: the first one becomes invalid. */
export function isReprint(prints: readonly PrintRecord[], kind: CardKind): boolean {
  return prints.some((entry) => entry.kind === kind)
}

const entryKey = (entry: PrintRecord) => `${entry.kind}:${entry.serial}`

/**
 * Union of two logs (sync merge): every entry either side has, once, oldest first. Two PCs that
 * printed while apart both keep their entry; the newer one is then the valid card.
 */
export function mergePrintLogs(
  a: readonly PrintRecord[] | undefined,
  b: readonly PrintRecord[] | undefined,
): PrintRecord[] {
  const byKey = new Map<string, PrintRecord>()
  for (const entry of [...(a ?? []), ...(b ?? [])]) {
    if (!byKey.has(entryKey(entry))) byKey.set(entryKey(entry), entry)
  }
  return [...byKey.values()].sort((x, y) => -newestFirst(x, y)).slice(-MAX_PRINT_RECORDS)
}

/**
 * True when `next` keeps every entry of `previous` unchanged (it may add entries). The server
 * uses it to refuse pushes that rewrite or drop print history.
 */
export function isAppendOnly(
  previous: readonly PrintRecord[] | undefined,
  next: readonly PrintRecord[] | undefined,
): boolean {
  // Compared as canonical JSON: PostgreSQL's jsonb hands keys back in its own order.
  const kept = new Map((next ?? []).map((entry) => [entryKey(entry), canonicalJson(entry)]))
  return (previous ?? []).every((entry) => kept.get(entryKey(entry)) === canonicalJson(entry))
}

export type CardVerdict =
  | { status: 'forged'; reason: Exclude<TokenCheck, { ok: true }>['reason'] }
  | { status: 'revoked'; claims: ValidClaims; replacedBy: PrintRecord }
  /**
   * Signed by a PC the district has since revoked (`card-revocations.ts`). `printedBeforeRevocation`
   * is what the card claims, and the claim is the revoked PC's own word: whoever holds a stolen
   * PC's key can sign any print day. So such a card is never "genuine" on its claim alone: false →
   * reject (printed on or after the day of revocation); true → caution, check it by hand.
   */
  | {
      status: 'revoked-signer'
      claims: ValidClaims
      revokedAt: string
      printedBeforeRevocation: boolean
    }
  | { status: 'expired'; claims: ValidClaims }
  | { status: 'not-yet-valid'; claims: ValidClaims }
  /**
   * A genuine card of a person this PC knows is not (or no longer) covered: registered but not yet
   * enrolled with BPJS, or whose coverage ended. Cards are printed only for covered people; this
   * catches cards printed before that rule and people whose coverage has since ended.
   */
  | { status: 'not-covered'; claims: ValidClaims; participantStatus: ParticipantStatus }
  /** A genuine card of a person whose death this PC knows of (death.ts): nobody is covered. */
  | { status: 'deceased'; claims: ValidClaims; dateOfDeath: string }
  | {
      status: 'valid'
      claims: ValidClaims
      /**
       * 'checked': this PC holds the participant's print log and the serial is the current one.
       * 'unknown': the participant is not in this PC's data (another kecamatan) or the print has
       * not reached it yet: the signature is genuine, replacement cannot be ruled out here.
       */
      revocation: 'checked' | 'unknown'
    }

type ValidClaims = Extract<TokenCheck, { ok: true }>['claims'] & { officeCode: string }

/**
 * What the "Verifikasi kartu" screen shows for a checked QR, given what this PC knows about the
 * participant (its print log, when it holds the record) and today's date (YYYY-MM-DD).
 */
export function judgeCard(
  check: TokenCheck,
  context: {
    today: string
    printLog: readonly PrintRecord[] | undefined
    /** The participant's status where this PC holds the record; undefined elsewhere. */
    participantStatus?: ParticipantStatus
    /** The date of death when a death report that counts is on the record. */
    dateOfDeath?: string
    /** The newest verified list of revoked PCs this PC holds; undefined when it has none. */
    revocations?: CardRevocationList
  },
): CardVerdict {
  if (!check.ok) return { status: 'forged', reason: check.reason }
  const claims: ValidClaims = { ...check.claims, officeCode: check.certificate.officeCode }
  const log = context.printLog
  const revocation = revocationOf(context.revocations, check.certificate.devicePublicKey)
  if (revocation) {
    // The card's print day against the UTC day of revocation: in a district east of Greenwich
    // that is the earlier calendar, so a doubtful day counts as "after".
    const printedBefore = claims.printedOn < revocation.revokedAt.slice(0, 10)
    // Backdating is free for whoever holds the key; a print log entry is not: it reached this PC
    // through the server, which takes no push from a revoked PC, so it was there before.
    const loggedBefore =
      printedBefore &&
      (log ?? []).some(
        (entry) =>
          entry.kind === claims.kind &&
          entry.serial === claims.serial &&
          entry.printedAt < revocation.revokedAt,
      )
    if (!loggedBefore) {
      return {
        status: 'revoked-signer',
        claims,
        revokedAt: revocation.revokedAt,
        printedBeforeRevocation: printedBefore,
      }
    }
  }
  // Whatever else holds of the card, its holder has died: no card of theirs protects anyone.
  if (context.dateOfDeath !== undefined) {
    return { status: 'deceased', claims, dateOfDeath: context.dateOfDeath }
  }
  if (log) {
    const current = currentPrintOf(log, claims.kind)
    const known = log.some((entry) => entry.kind === claims.kind && entry.serial === claims.serial)
    if (current && known && current.serial !== claims.serial) {
      return { status: 'revoked', claims, replacedBy: current }
    }
    if (current && !known && current.printedAt.slice(0, 10) > claims.printedOn) {
      // A card this PC never heard of, older than the current one: replaced all the same.
      return { status: 'revoked', claims, replacedBy: current }
    }
  }
  const status = context.participantStatus
  if (status !== undefined && !CARD_STATUSES.includes(status)) {
    return { status: 'not-covered', claims, participantStatus: status }
  }
  if (context.today > claims.validUntil) return { status: 'expired', claims }
  if (context.today < claims.validFrom) return { status: 'not-yet-valid', claims }
  const checked = log?.some((entry) => entry.kind === claims.kind && entry.serial === claims.serial)
  return { status: 'valid', claims, revocation: checked ? 'checked' : 'unknown' }
}
