import { expect, test, type BrowserContext } from '@playwright/test'
import type { AuditSearchResponse } from '../../shared/audit/audit-entry'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { NaunganApp } from './pages/naungan-app'
import { startSyncServer, type SyncServer } from './support/sync-server'
import { supervisorPcAtTenggarong } from './support/supervisor-pc'

/**
 * Targeting moved to DTSEN (Inpres 4/2025). A supervisor at the Tenggarong office imports the
 * September extract: families in deciles 1–5 become drafts, a family in decile 6 does not, and
 * the row says why. The December extract is compared with it: one person's decile rose across
 * the threshold, one left DTSEN, one fell within it. Their records get a note for the yearly
 * review, nobody's record is ended, and an older extract is refused.
 */

const PASSWORD = 'kata-sandi-dtsen-1'
const SYNC_MS = 30_000

let server: SyncServer
let context: BrowserContext
let app: NaunganApp

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000)
  server = await startSyncServer()
  ;({ context, app } = await supervisorPcAtTenggarong(browser, server, {
    username: 'supervisor-dtsen',
    password: PASSWORD,
  }))
})

test.afterAll(async () => {
  await context?.close()
  await server?.close()
})

const HEADER = 'NIK;NO KK;NAMA;TGL LAHIR;DESA;DESIL'
const ANI = '6402064101900001;6402060101200001;Ani Rahayu;01-01-1990;Loa Ipuh'
const BUDI = '6402060202850002;6402060101200002;Budi Santoso;02-02-1985;Loa Ipuh'
const CITRA = '6402064303880003;6402060101200003;Citra Lestari;03-03-1988;Loa Ipuh'
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n')

test('a newer DTSEN extract notes who crossed the decile threshold or left, and ends no one', async () => {
  test.setTimeout(120_000)
  const page = app.page
  await app.import.open()

  // September: Ani and Budi within the threshold become drafts; Citra (decile 6) does not.
  await app.import.dryRunDtsen(
    { name: 'dtsen-2025-09.csv', text: csv(`${ANI};3`, `${BUDI};5`, `${CITRA};6`) },
    'DTSEN Dinsos',
    '2025-09-30',
  )
  await expect(app.import.count('Data baru')).toHaveText('2', { timeout: 30_000 })
  await expect(app.import.count('NIK tidak ditemukan')).toHaveText('1')
  await expect(
    page.getByText(/Keluarga ini berada di desil 6, di atas batas program \(desil 1–5\)/),
  ).toBeVisible()
  await expect(app.import.dtsenGroup(/^Baru di DTSEN/)).toHaveText(['3', ''])
  await app.import.applyDtsen(/Ekstrak DTSEN 2025-09-30 diterapkan: 2 data baru/)

  // December: Ani rose to 7, Budi is gone, Citra fell to 4 (not registered: a draft now).
  await app.import.startAnother()
  await app.import.dryRunDtsen(
    { name: 'dtsen-2025-12.csv', text: csv(`${ANI};7`, `${CITRA};4`) },
    'DTSEN Dinsos',
    '2025-12-31',
  )
  await expect(
    page.getByRole('heading', { name: 'Perubahan sejak ekstrak DTSEN 2025-09-30' }),
  ).toBeVisible({ timeout: 30_000 })
  await expect(app.import.dtsenGroup(/^Desil naik melewati batas/)).toHaveText(['1', '1'])
  await expect(app.import.dtsenGroup(/^Tidak ada lagi di DTSEN/)).toHaveText(['1', '1'])
  await expect(app.import.dtsenGroup(/^Desil turun ke dalam batas/)).toHaveText(['1', '0'])
  await expect(app.import.count('Data baru')).toHaveText('1')
  await app.import.applyDtsen(/1 data baru, 0 pemeriksaan diubah, 2 data diberi catatan tinjauan/)

  // The notes reach the central audit trail like any history entry, and both records are
  // still drafts there: nothing was ended or changed.
  await expect
    .poll(
      async () => {
        const { body } = await server.adminApi<AuditSearchResponse>('GET', '/api/audit/search')
        return body.entries
          .flatMap((hit) => hit.entry.changes)
          .filter((change) => change.field === 'dtsen.desil')
          .map((change) => change.to.split(':')[0])
          .sort()
      },
      { timeout: SYNC_MS },
    )
    .toEqual(['desil 7 (DTSEN 2025-12-31), di atas batas desil 5', 'tidak ada di DTSEN 2025-12-31'])
  const onServer = await server.pullAll<ParticipantWireDocument>()
  expect(
    onServer
      .filter((doc) => doc.fullName === 'Ani Rahayu' || doc.fullName === 'Budi Santoso')
      .map((doc) => doc.status),
  ).toEqual(['draft', 'draft'])

  // An extract older than December's is refused, and cannot be applied.
  await app.import.startAnother()
  await app.import.dryRunDtsen(
    { name: 'dtsen-2025-06.csv', text: csv(`${ANI};2`) },
    'DTSEN Dinsos',
    '2025-06-30',
  )
  await expect(
    page.getByText(/lebih lama dari ekstrak terakhir yang diterapkan di PC ini \(2025-12-31\)/),
  ).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('button', { name: /^Terapkan/ })).toBeDisabled()
})
