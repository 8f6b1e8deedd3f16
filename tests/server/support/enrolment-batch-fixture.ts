import type { EnrolmentBatchWire } from '../../../shared/sync/sync-protocol'

/** A batch as a supervisor PC records it: `members` fresh participant ids, December 2026. */
export function makeEnrolmentBatch(id: string, createdAt: string, members = 3): EnrolmentBatchWire {
  return {
    id,
    kind: 'new',
    kodeIuran: 'KI-6402.01/2026',
    period: { year: 2026, fromMonth: 12 },
    createdAt,
    createdBy: 'Sari Supervisor',
    memberIds: Array.from({ length: members }, () => crypto.randomUUID()),
  }
}
