import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../server/migrations'
import { startServer } from '../../server/server'
import { defineSyncSuite } from './sync-suite'
import {
  randomKeys,
  startTestServer,
  TEST_LOGIN_HASH_PARAMS,
  tempDir,
} from './support/server-fixture'

defineSyncSuite('embedded PGlite', { start: () => startTestServer('pglite') })

describe('embedded PGlite data folder', () => {
  it('starts again on the same folder: migrations are not re-applied, keys and data are kept', async () => {
    const dataDir = tempDir()
    const options = {
      database: 'pglite' as const,
      dataDir,
      port: 0,
      loginHashParams: TEST_LOGIN_HASH_PARAMS,
      env: {},
    }
    const first = await startServer(options)
    const office = await first.admin.ensureCentralOffice()
    const keys = first.keys
    await first.close()

    const second = await startServer(options)
    try {
      expect(second.keys.dataKey.equals(keys.dataKey)).toBe(true)
      expect(second.keys.tokenKey.equals(keys.tokenKey)).toBe(true)
      expect(second.keys.cardSigningKey.equals(keys.cardSigningKey)).toBe(true)
      expect(second.districtPublicKeys).toEqual(first.districtPublicKeys)
      expect((await second.admin.ensureCentralOffice()).id).toBe(office.id)
      const { rows } = await second.db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      )
      expect(rows.map((row) => Number(row.version))).toEqual(
        MIGRATIONS.map((migration) => migration.version),
      )
    } finally {
      await second.close()
    }
    // Explicit keys win over the key file.
    const third = await startServer({ ...options, keys: randomKeys() })
    expect(third.keys.dataKey.equals(keys.dataKey)).toBe(false)
    await third.close()
  }, 60_000)
})
