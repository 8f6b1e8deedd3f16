import type { MigrationStrategies } from 'rxdb'
import { requiredAgenciesFor } from '@shared/workflow/verification-config'
import { withDefaultPayer } from '@shared/coverage/payers'
import type { CoveragePeriod } from '@shared/participant/participant-status'
import { district } from '@/core/district'

/**
 * Migration strategies by target schema version. RxDB runs them on open and refuses a newer
 * schema without one, so an office that updates never loses its records. Each strategy takes a
 * document of the previous version and returns it in the new shape.
 */
export const participantMigrations: MigrationStrategies = {
  // v1 (sync): server-set duplicate flags and conflict records, both empty for existing records.
  1: (oldDoc: Record<string, unknown>) => ({ ...oldDoc, duplicates: [], conflicts: [] }),
  // v2 (printing): the print log, empty for records never printed; KPJ numbers arrive later.
  2: (oldDoc: Record<string, unknown>) => ({ ...oldDoc, prints: [] }),
  // v3 (verification): records already submitted wait for every agency their occupation needs.
  3: (oldDoc: Record<string, unknown>) => ({
    ...oldDoc,
    checks:
      oldDoc.status === 'submitted'
        ? requiredAgenciesFor(district.config.verification, String(oldDoc.occupationCode)).map(
            (agency) => ({ agency, state: 'pending' }),
          )
        : [],
  }),
  // v4 (payers, issue 16): each coverage period names who pays for it. Everything recorded
  // before was the regency's APBD, district.json's default payer; written into the period so a
  // later change of the default cannot move last year's people to another budget.
  4: (oldDoc: Record<string, unknown>) => {
    const coverage = withDefaultPayer(
      oldDoc.coverage as CoveragePeriod[] | undefined,
      district.defaultPayer.code,
    )
    return coverage === undefined ? oldDoc : { ...oldDoc, coverage }
  },
  // v5 (deaths, issue 17): an optional death report; no stored record has one yet.
  5: (oldDoc: Record<string, unknown>) => oldDoc,
  // v6 (claims, issue 17): optional claim cases for the heirs; no stored record has one yet.
  6: (oldDoc: Record<string, unknown>) => oldDoc,
  // v7 (annual re-verification, issue 17): optional decisions per budget year; none stored yet.
  7: (oldDoc: Record<string, unknown>) => oldDoc,
  // v8 (restore, issue 18): the server's optional receipt; records get one from their next pull.
  8: (oldDoc: Record<string, unknown>) => oldDoc,
}
export const participantChangeMigrations: MigrationStrategies = {
  // v1 (audit trail): entries written before it knew no role, PC or kecamatan. They stay on the
  // PC that wrote them (an entry without a device is never sent: the server could not tell whose
  // it is), and the history shows them as before.
  1: (oldDoc: Record<string, unknown>) => ({
    ...oldDoc,
    role: '',
    deviceId: '',
    kecamatanCode: '',
  }),
  // v2 (NIK reveal): one more kind; every stored entry is valid as it is. Kept unchanged: should
  // the audit replication ever send one again, the server finds the same entry and counts it
  // stored (entries are append-only; a changed one would be refused).
  2: (oldDoc: Record<string, unknown>) => oldDoc,
  // v3 (restore, issue 18): the server's optional receipt; entries get one when pulled again.
  3: (oldDoc: Record<string, unknown>) => oldDoc,
}
