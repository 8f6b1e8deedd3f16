import type { MigrationStrategies } from 'rxdb'

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
}
export const participantChangeMigrations: MigrationStrategies = {}
