import type { MigrationStrategies } from 'rxdb'

/**
 * Migration strategies by target schema version. Version 0 is the first shipped shape, so there is
 * nothing to migrate yet; when `PARTICIPANT_SCHEMA_VERSION` becomes 1, add `1: (oldDoc) => newDoc`
 * here. RxDB runs the strategies on open and refuses a version without one, so an office that
 * updates never loses its records.
 */
export const participantMigrations: MigrationStrategies = {}
export const participantChangeMigrations: MigrationStrategies = {}
