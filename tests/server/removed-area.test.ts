import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadServerDistrict } from '../../server/district'
import type { RunningServer } from '../../server/server'
import { REGION_CHANGES_HEADER } from '../../shared/region/region-changes'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  startTestServer,
} from './support/server-fixture'

const ROOT = resolve(import.meta.dirname, '../..')
/** Jahab, the village makeParticipant gives Tenggarong's people. */
const JAHAB = '64.02.06.1001'

/**
 * Kemendagri removes an area in a new edition (a split gives its villages new codes): records
 * registered under the old code keep it (docs/district-config.md), so the server must go on
 * taking their changes — as long as the district's record of changes names the removal.
 */
describe('a village Kemendagri removed: its records keep syncing', () => {
  const dirs: string[] = []
  const servers: RunningServer[] = []

  /** Kukar's folder with Jahab gone from the table, and the removal recorded or not. */
  function districtWithoutJahab(recorded: boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'naungan-removed-area-'))
    dirs.push(dir)
    copyFileSync(join(ROOT, 'resources/district/district.json'), join(dir, 'district.json'))
    const table = readFileSync(join(ROOT, 'resources/district/wilayah.csv'), 'utf8')
    writeFileSync(
      join(dir, 'wilayah.csv'),
      table
        .split('\n')
        .filter((line) => !line.startsWith(`${JAHAB},`))
        .join('\n'),
    )
    writeFileSync(
      join(dir, 'wilayah-perubahan.csv'),
      `${REGION_CHANGES_HEADER}\n${recorded ? `${JAHAB},Jahab,,idn-area-data 9.9.9\n` : ''}`,
    )
    return loadServerDistrict(join(dir, 'district.json'), join(dir, 'wilayah.csv'))
  }

  async function pushJahabRecord(recorded: boolean) {
    const server = await startTestServer('pglite', { district: districtWithoutJahab(recorded) })
    servers.push(server)
    const clerk = await enrolAndLogin(server, await createKecamatanOffice(server, '64.02.06', 1))
    const doc = makeParticipant(clerk.office)
    expect(doc.villageCode).toBe(JAHAB)
    return (await clerk.push([{ newDocumentState: doc }])).body
  }

  afterAll(async () => {
    for (const server of servers) await server.close()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('is taken when the record of changes names the removal', async () => {
    expect(await pushJahabRecord(true)).toEqual({ conflicts: [], rejected: [] })
  })

  it('is refused as unknown when nothing says the area ever existed', async () => {
    const { rejected } = await pushJahabRecord(false)
    expect(rejected).toHaveLength(1)
    expect(rejected[0]?.code).toBe('INVALID_DOCUMENT')
    expect(rejected[0]?.message).toContain('Desa/kelurahan')
  })
})
