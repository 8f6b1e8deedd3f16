/**
 * The participant record as it is stored and replicated: one JSON schema for the local store
 * (RxDB), and for the server's validation of pushed documents. Plain data — no store import —
 * so every side reads the same definition.
 *
 * Bump PARTICIPANT_SCHEMA_VERSION whenever the stored shape changes, and add the migration for the
 * new version in `renderer/src/core/store/migrations.ts` (RxDB refuses to open a newer schema without
 * one), so offices that update keep every record they have.
 */
import type { PrintRecord } from '../cards/print-log'
import type { ServerReceipt } from '../sync/receipt'
import {
  reverificationJsonSchema,
  type ReverificationDecision,
} from '../reverification/reverification-decision'
import { MAX_PRINT_RECORDS, MAX_REPRINT_NOTE_LENGTH, REPRINT_REASONS } from '../cards/print-log'
import type { AgencyCheck, ReviewDecision } from '../workflow/workflow'
import {
  CLAIM_DOCUMENT_CODES,
  CLAIM_KINDS,
  CLAIM_STATUSES,
  MAX_CLAIM_HISTORY,
  MAX_CLAIMS_PER_RECORD,
  type ClaimCase,
} from '../claims/claim-case'
import {
  DEATH_SOURCES,
  MAX_CORRECTION_REASON,
  MAX_DEATH_REFERENCE,
  type DeathReport,
} from './death'
import {
  COVERAGE_END_REASONS,
  PARTICIPANT_STATUSES,
  type CoveragePeriod,
  type ParticipantStatus,
} from './participant-status'

// Status and coverage live in a leaf module (participant-status.ts) so the workflow and card rules
// can name them without importing this document, which imports those rules' types.
export {
  COVERAGE_END_REASONS,
  PARTICIPANT_STATUSES,
  type CoverageEndReason,
  type CoveragePeriod,
  type ParticipantStatus,
} from './participant-status'

export const PARTICIPANT_SCHEMA_VERSION = 8

/**
 * Fields holding personal data that UU PDP 27/2022 treats as sensitive. They are encrypted at rest
 * on the client and on the server, never logged, and masked in history and on print.
 */
export const SENSITIVE_PARTICIPANT_FIELDS = ['nik', 'kk', 'phone'] as const
export type SensitiveParticipantField = (typeof SENSITIVE_PARTICIPANT_FIELDS)[number]

/**
 * Fields encrypted at rest: the sensitive ones, plus `conflicts`, whose kept values may be any of
 * them.
 */
export const SEALED_PARTICIPANT_FIELDS = [...SENSITIVE_PARTICIPANT_FIELDS, 'conflicts'] as const

/**
 * Another record with the same NIK, registered elsewhere. Set by the server only (it alone sees
 * every office); both records are kept for a supervisor to resolve.
 */
export interface DuplicateFlag {
  id: string
  registrationNumber: string
  officeCode: string
}

/**
 * Two edits of the same field made apart (two offices, or a clerk and a verifier). The document
 * keeps the server's value; the other one waits here, with who typed it, until a supervisor
 * chooses. Values are JSON text of the field's value.
 */
export interface FieldConflict {
  field: string
  localValue: string
  serverValue: string
  localBy: string
  localAt: string
  detectedAt: string
}

export interface ParticipantDocument {
  /** Random UUID made offline: unique across offices without asking the server. */
  id: string
  /** Human-readable number, `KKOO-NNNNNN` (kecamatan, office, sequence). */
  registrationNumber: string
  nik: string
  /**
   * Keyed, prefix-preserving blind index of the NIK (`shared/identity/nik-blind-index.ts`):
   * exact and prefix lookups work on it while the NIK itself stays encrypted.
   */
  nikIndex: string
  kk: string
  fullName: string
  /** `nameSearchKey(fullName)`: indexed for search-as-you-type and duplicate warnings. */
  nameKey: string
  birthPlace: string
  /** YYYY-MM-DD */
  birthDate: string
  sex: 'L' | 'P'
  address: string
  rt: string
  rw: string
  /** Kemendagri code, e.g. 64.02.06 */
  kecamatanCode: string
  /** Kemendagri code, e.g. 64.02.06.1001 */
  villageCode: string
  occupationCode: string
  /** Declared monthly income in rupiah. */
  monthlyIncome: number
  /** Normalised mobile number (+628…), absent when the person has none. */
  phone?: string
  heirName: string
  heirRelationship: string
  status: ParticipantStatus
  /** The office that registered the person, e.g. `06-01` (kecamatan short code, office number). */
  officeCode: string
  createdAt: string
  createdBy: string
  updatedAt: string
  updatedBy: string
  /** Server-owned: other records with this NIK (cross-office duplicates). Empty when none. */
  duplicates: DuplicateFlag[]
  /**
   * Server-owned: the server's signed receipt for this state (shared/sync/receipt.ts). A PC shows
   * it to a server restored from an older backup, which takes the state back on its signature
   * (docs/operations.md, "Restore"). Absent on records this PC has not had from the server.
   */
  receipt?: ServerReceipt
  /** Edits that clashed during sync, waiting for a supervisor. Empty when none. */
  conflicts: FieldConflict[]
  /**
   * BPJS Ketenagakerjaan participant number (KPJ), once issued. Text: its length and leading
   * zeros are BPJS's business, not ours.
   */
  kpjNumber?: string
  /** Every card and sticker printed for this person (append-only, `shared/cards/print-log.ts`). */
  prints: PrintRecord[]
  /** One entry per agency that must check this candidate (set on submission). */
  checks: AgencyCheck[]
  /** The supervisor's latest approval or return, with the words the clerk reads. */
  review?: ReviewDecision
  /** Where a record not typed at the counter came from, e.g. 'impor:DTKS 2026-11'. */
  source?: string
  /** The BPJS enrolment batch this person was last sent in (status enrolled and later). */
  enrolmentBatchId?: string
  /**
   * Coverage per budget year, oldest first: BPJS's start date, and the end when coverage stopped
   * (reason from `COVERAGE_END_REASONS`). The APBD pays per month covered.
   */
  coverage?: CoveragePeriod[]
  /**
   * A death reported at an office (shared/participant/death.ts): date, source, document, who
   * reported it, what the record was before, and a supervisor's correction if it was wrong.
   */
  death?: DeathReport
  /**
   * Claim assistance for the heirs (JKM) or the participant (JKK), one case per event
   * (shared/claims/claim-case.ts): checklist, status history, amounts. Append-only history.
   */
  claims?: ClaimCase[]
  /**
   * The annual re-checks' decisions (shared/reverification/reverification-decision.ts):
   * continued, ended with a reason, or pending, per budget year; append-only.
   */
  reverification?: ReverificationDecision[]
}

const shortText = (maxLength: number) => ({ type: 'string', maxLength }) as const

/** Coverage periods, oldest first: on the record, and as a death report keeps them. */
const coverageSchema = {
  type: 'array',
  maxItems: 60,
  items: {
    type: 'object',
    properties: {
      year: { type: 'integer', minimum: 2000, maximum: 2100, multipleOf: 1 },
      from: shortText(10),
      until: shortText(10),
      endReason: { type: 'string', enum: [...COVERAGE_END_REASONS], maxLength: 20 },
      batchId: shortText(40),
      payerCode: shortText(40),
    },
    required: ['year', 'from', 'batchId'],
    additionalProperties: false,
  },
} as const

export const participantJsonSchema = {
  title: 'participant',
  description: 'A worker registered for BPJS Ketenagakerjaan coverage',
  version: PARTICIPANT_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: shortText(40),
    registrationNumber: shortText(20),
    nik: shortText(16),
    nikIndex: shortText(16),
    kk: shortText(16),
    fullName: shortText(100),
    nameKey: shortText(100),
    birthPlace: shortText(100),
    birthDate: shortText(10),
    sex: { type: 'string', enum: ['L', 'P'], maxLength: 1 },
    address: shortText(200),
    rt: shortText(3),
    rw: shortText(3),
    kecamatanCode: shortText(8),
    villageCode: shortText(13),
    occupationCode: shortText(40),
    monthlyIncome: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
    phone: shortText(16),
    heirName: shortText(100),
    heirRelationship: shortText(40),
    status: { type: 'string', enum: [...PARTICIPANT_STATUSES], maxLength: 20 },
    officeCode: shortText(8),
    createdAt: shortText(30),
    createdBy: shortText(100),
    updatedAt: shortText(30),
    updatedBy: shortText(100),
    receipt: {
      type: 'object',
      properties: {
        g: shortText(40),
        n: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
        sig: shortText(64),
      },
      required: ['g', 'n', 'sig'],
      additionalProperties: false,
    },
    duplicates: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          id: shortText(40),
          registrationNumber: shortText(20),
          officeCode: shortText(8),
        },
        required: ['id', 'registrationNumber', 'officeCode'],
        additionalProperties: false,
      },
    },
    conflicts: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        properties: {
          field: shortText(40),
          localValue: shortText(2000),
          serverValue: shortText(2000),
          localBy: shortText(100),
          localAt: shortText(30),
          detectedAt: shortText(30),
        },
        required: ['field', 'localValue', 'serverValue', 'localBy', 'localAt', 'detectedAt'],
        additionalProperties: false,
      },
    },
    kpjNumber: shortText(30),
    checks: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          agency: shortText(40),
          state: { type: 'string', enum: ['pending', 'confirmed', 'rejected'], maxLength: 10 },
          reasonCode: shortText(40),
          note: shortText(300),
          decidedBy: shortText(100),
          decidedRole: shortText(20),
          decidedAt: shortText(30),
        },
        required: ['agency', 'state'],
        additionalProperties: false,
      },
    },
    source: shortText(80),
    enrolmentBatchId: shortText(40),
    coverage: coverageSchema,
    claims: {
      type: 'array',
      maxItems: MAX_CLAIMS_PER_RECORD,
      items: {
        type: 'object',
        properties: {
          id: shortText(40),
          participantId: shortText(40),
          kecamatanCode: shortText(8),
          kind: { type: 'string', enum: [...CLAIM_KINDS], maxLength: 3 },
          eventOn: shortText(10),
          died: { type: 'boolean' },
          openedOn: shortText(10),
          heir: {
            type: 'object',
            properties: {
              name: shortText(100),
              relationshipCode: shortText(40),
              recordIndex: { type: 'integer', minimum: 0, maximum: 100, multipleOf: 1 },
            },
            required: ['name', 'relationshipCode'],
            additionalProperties: false,
          },
          documents: {
            type: 'array',
            maxItems: CLAIM_DOCUMENT_CODES.length,
            items: {
              type: 'object',
              properties: {
                code: { type: 'string', enum: [...CLAIM_DOCUMENT_CODES], maxLength: 40 },
                state: { type: 'string', enum: ['received', 'missing'], maxLength: 10 },
                on: shortText(10),
              },
              required: ['code', 'state', 'on'],
              additionalProperties: false,
            },
          },
          history: {
            type: 'array',
            maxItems: MAX_CLAIM_HISTORY,
            items: {
              type: 'object',
              properties: {
                status: { type: 'string', enum: [...CLAIM_STATUSES], maxLength: 20 },
                on: shortText(10),
                by: shortText(120),
                note: shortText(300),
                reason: shortText(300),
                amountClaimed: {
                  type: 'integer',
                  minimum: 0,
                  maximum: 10_000_000_000,
                  multipleOf: 1,
                },
                amountPaid: { type: 'integer', minimum: 0, maximum: 10_000_000_000, multipleOf: 1 },
              },
              required: ['status', 'on', 'by'],
              additionalProperties: false,
            },
          },
        },
        required: [
          'id',
          'participantId',
          'kecamatanCode',
          'kind',
          'eventOn',
          'died',
          'openedOn',
          'documents',
          'history',
        ],
        additionalProperties: false,
      },
    },
    reverification: reverificationJsonSchema,
    death: {
      type: 'object',
      properties: {
        date: shortText(10),
        source: { type: 'string', enum: [...DEATH_SOURCES], maxLength: 20 },
        reference: shortText(MAX_DEATH_REFERENCE),
        reportedAt: shortText(30),
        reportedOn: shortText(10),
        reportedBy: shortText(100),
        officeCode: shortText(8),
        previousStatus: { type: 'string', enum: [...PARTICIPANT_STATUSES], maxLength: 20 },
        previousCoverage: coverageSchema,
        correction: {
          type: 'object',
          properties: {
            reason: shortText(MAX_CORRECTION_REASON),
            by: shortText(100),
            at: shortText(30),
          },
          required: ['reason', 'by', 'at'],
          additionalProperties: false,
        },
      },
      required: [
        'date',
        'source',
        'reference',
        'reportedAt',
        'reportedOn',
        'reportedBy',
        'officeCode',
        'previousStatus',
      ],
      additionalProperties: false,
    },
    review: {
      type: 'object',
      properties: {
        decision: { type: 'string', enum: ['approved', 'returned'], maxLength: 10 },
        note: shortText(500),
        by: shortText(100),
        at: shortText(30),
      },
      required: ['decision', 'note', 'by', 'at'],
      additionalProperties: false,
    },
    prints: {
      type: 'array',
      maxItems: MAX_PRINT_RECORDS,
      items: {
        type: 'object',
        properties: {
          serial: shortText(9),
          kind: { type: 'string', enum: ['card', 'sticker'], maxLength: 7 },
          printedAt: shortText(30),
          printedBy: shortText(100),
          officeCode: shortText(8),
          validUntil: shortText(10),
          reprintReason: { type: 'string', enum: [...REPRINT_REASONS], maxLength: 20 },
          reprintNote: shortText(MAX_REPRINT_NOTE_LENGTH),
        },
        required: ['serial', 'kind', 'printedAt', 'printedBy', 'officeCode', 'validUntil'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'id',
    'registrationNumber',
    'nik',
    'nikIndex',
    'kk',
    'fullName',
    'nameKey',
    'birthPlace',
    'birthDate',
    'sex',
    'address',
    'rt',
    'rw',
    'kecamatanCode',
    'villageCode',
    'occupationCode',
    'monthlyIncome',
    'heirName',
    'heirRelationship',
    'status',
    'officeCode',
    'createdAt',
    'createdBy',
    'updatedAt',
    'updatedBy',
    'duplicates',
    'conflicts',
    'prints',
    'checks',
  ],
  // Every index is a prefix scan the UI relies on; each one also costs every write, so keep few.
  indexes: [
    'nameKey',
    'nikIndex',
    'registrationNumber',
    ['kecamatanCode', 'nameKey'],
    ['villageCode', 'nameKey'],
    // The verification queues and the dashboard read by status.
    ['status', 'nameKey'],
  ],
  additionalProperties: false,
} as const

/** A change to one field, as kept in a participant's history. Sensitive values are masked. */
export interface FieldChange {
  field: string
  from: string
  to: string
}

/**
 * What a history entry records. `created`, `updated` and `status` come from the clerk's screens;
 * `check` (an agency's decision), `review` (the supervisor's), `printed`, `imported` and
 * `conflict-resolved` from the workflows that write them. `revealed`: someone was shown a full NIK
 * (`shared/identity/identity-reveal.ts`); its changes name the field, never the value.
 */
export const PARTICIPANT_CHANGE_KINDS = [
  'created',
  'updated',
  'status',
  'check',
  'review',
  'printed',
  'imported',
  'conflict-resolved',
  'revealed',
] as const
export type ParticipantChangeKind = (typeof PARTICIPANT_CHANGE_KINDS)[number]

/**
 * v1 (audit trail): who in which role on which PC, and the kecamatan, for sync; more kinds.
 * v2: the kind `revealed` (a new enum value changes the schema, which RxDB opens only with a
 * version and a migration: `participantChangeMigrations` in `renderer/src/core/store/migrations.ts`).
 */
export const PARTICIPANT_CHANGE_SCHEMA_VERSION = 3

/**
 * One entry of a participant's append-only history, also the audit record the server keeps
 * (`shared/audit/audit-entry.ts`). Never changed once written.
 */
export interface ParticipantChangeDocument {
  id: string
  participantId: string
  kind: ParticipantChangeKind
  /** NIK, KK and phone values appear masked only (`shared/identity/masking.ts`). */
  changes: FieldChange[]
  at: string
  /** The user's display name (or, on a standalone PC, the operator named in the settings). */
  by: string
  /** The user's role at the time; '' for entries written before v1. */
  role: string
  /** The office of the PC the change was made on ('06-01', 'PUSAT'). */
  officeCode: string
  /** That PC's enrolment (device id); '' on a standalone PC and for entries before v1. */
  deviceId: string
  /** The participant's kecamatan when the change was made: the server's jurisdiction key. */
  kecamatanCode: string
  /** The server's receipt, on entries pulled from it (shared/sync/receipt.ts). */
  receipt?: string
}

export const participantChangeJsonSchema = {
  title: 'participant change',
  description: 'Who changed what in a participant record, and when (append-only)',
  version: PARTICIPANT_CHANGE_SCHEMA_VERSION,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: shortText(40),
    participantId: shortText(40),
    kind: { type: 'string', enum: [...PARTICIPANT_CHANGE_KINDS], maxLength: 20 },
    changes: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        properties: {
          field: shortText(40),
          from: shortText(300),
          to: shortText(300),
        },
        required: ['field', 'from', 'to'],
        additionalProperties: false,
      },
    },
    at: shortText(30),
    by: shortText(100),
    role: shortText(20),
    officeCode: shortText(8),
    deviceId: shortText(100),
    kecamatanCode: shortText(8),
    // The server's receipt for a pulled entry (shared/sync/receipt.ts): after a restore, any PC
    // holding the entry can give it back. Never part of what was pushed.
    receipt: shortText(40),
  },
  required: [
    'id',
    'participantId',
    'kind',
    'changes',
    'at',
    'by',
    'role',
    'officeCode',
    'deviceId',
    'kecamatanCode',
  ],
  indexes: [['participantId', 'at']],
  additionalProperties: false,
} as const
