import { readFileSync } from 'node:fs'
import { expect, test, type BrowserContext } from '@playwright/test'
import { readXlsx } from '../../shared/import/xlsx'
import type { OfficeInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * BPJS enrolment against a real central server (PGlite, its own process): two fishermen are
 * approved through the workflow over the sync API; a supervisor at the central office exports
 * them in a batch, reads BPJS's answer and applies it. The KPJ numbers keep their leading zeros
 * from the answer file to the server.
 */

const PASSWORD = 'kata-sandi-kepesertaan-1'
const SYNC_MS = 30_000
const KODE_IURAN = 'KI-6402.01/2026'

let server: SyncServer
let context: BrowserContext
let app: NaunganApp
let approved: ParticipantWireDocument[]

test.describe.configure({ mode: 'serial' })

/** Today in the browser's time zone (Asia/Makassar, UTC+8), as YYYY-MM-DD. */
function makassarToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000)
  server = await startSyncServer()
  const kantor: OfficeInfo = await server.createKecamatanOffice('64.02.06', 1)
  approved = await server.seedApprovedParticipants<ParticipantWireDocument>(kantor, [
    'Ahmad Nelayan',
    'Bambang Pelaut',
  ])
  const central = await server.centralOffice()
  await server.createUser({
    officeId: central.id,
    username: 'supervisor-bpjs',
    displayName: 'Sari Supervisor',
    role: 'supervisor',
    password: PASSWORD,
  })
  const { code } = await server.createEnrolmentCode(central.id)
  context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    acceptDownloads: true,
  })
  app = new NaunganApp(await context.newPage())
  await app.enrol(server.url, code, 'PC Supervisor Pusat')
  await app.login('supervisor-bpjs', PASSWORD)
})

test.afterAll(async () => {
  await context?.close().catch(() => undefined)
  await server?.close()
})

async function serverCopy(id: string): Promise<ParticipantWireDocument> {
  const documents = await server.pullAll<ParticipantWireDocument>()
  const found = documents.find((doc) => doc.id === id)
  if (!found) throw new Error(`${id} is not on the server`)
  return found
}

test('approved participants → XLSX batch → BPJS answer → active with their KPJ numbers', async () => {
  test.setTimeout(120_000)
  expect(approved.map((doc) => doc.status)).toEqual(['approved', 'approved'])
  const [ahmad, bambang] = approved as [ParticipantWireDocument, ParticipantWireDocument]
  const page = app.page

  await app.openEnrolment()
  // The approved records arrive by sync.
  await expect(page.getByRole('checkbox', { name: `Pilih ${ahmad.fullName}` })).toBeVisible({
    timeout: SYNC_MS,
  })
  await expect(page.getByRole('checkbox', { name: `Pilih ${bambang.fullName}` })).toBeVisible({
    timeout: SYNC_MS,
  })
  await page.getByRole('checkbox', { name: 'Pilih semua' }).check()
  await expect(page.getByText('2 dipilih')).toBeVisible()

  // Without a kode iuran nothing is recorded, and the screen says why.
  await page.getByRole('button', { name: 'Ekspor XLSX' }).click()
  await expect(page.getByRole('alert')).toContainText('Kode iuran')
  await page.getByRole('textbox', { name: 'Kode iuran', exact: true }).fill(KODE_IURAN)

  // BPJS's sheet this year calls the first column "NIK Peserta": the layout follows it.
  await page.getByText('Susunan kolom berkas').click()
  await page.getByLabel('Judul kolom 1', { exact: true }).fill('NIK Peserta')

  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Ekspor XLSX' }).click()
  const download = await downloading
  const today = makassarToday()
  const period = `${today.slice(5, 7)}-${today.slice(0, 4)}`
  expect(download.suggestedFilename()).toBe(`batch-KI-6402.01_2026-${period}.xlsx`)
  await expect(page.getByText(/Batch B\d{8}-\w+ dicatat: 2 peserta dikirim ke BPJS/)).toBeVisible()

  // The sheet, read back with the import's XLSX reader: NIKs are text cells, the kode iuran and
  // the period are on every row.
  const sheet = readXlsx(new Uint8Array(readFileSync((await download.path())!)))
  expect(sheet.ok).toBe(true)
  if (!sheet.ok) return
  const [header, ...rows] = sheet.rows
  const column = (heading: string) => header!.cells.indexOf(heading)
  expect(column('NIK Peserta')).toBe(0)
  expect(rows.map((row) => row.cells[column('NIK Peserta')]).sort()).toEqual(
    [ahmad.nik, bambang.nik].sort(),
  )
  expect(rows.every((row) => (row.numericCells ?? []).length === 0)).toBe(true)
  expect(rows.map((row) => row.cells[column('Kode Iuran')])).toEqual([KODE_IURAN, KODE_IURAN])
  expect(rows.map((row) => row.cells[column('Periode')])).toEqual([period, period])

  // BPJS answers with KPJ numbers that start with zeros, covered from the 1st of this month.
  await app.enrolmentTab('Jawaban BPJS').click()
  const start = `01-${period}`
  const answer = [
    'NIK;No KPJ;Tgl Kepesertaan;Keterangan',
    `${ahmad.nik};0012345601;${start};OK`,
    `${bambang.nik};0012345602;${start};OK`,
  ].join('\r\n')
  await page.getByLabel('Berkas jawaban BPJS (CSV atau XLSX)').setInputFiles({
    name: 'jawaban-bpjs.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(answer, 'utf8'),
  })
  await expect(page.getByLabel('Kolom NIK')).toHaveValue('0')
  await page.getByRole('button', { name: 'Uji coba' }).click()
  await expect(
    page.getByText('2 cocok, 0 ganda, 0 bermasalah, 0 anggota tidak ada di jawaban.'),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Terapkan' }).click()
  await expect(page.getByText('2 peserta diperbarui, 0 sudah tercatat sebelumnya.')).toBeVisible()

  for (const [doc, kpj] of [
    [ahmad, '0012345601'],
    [bambang, '0012345602'],
  ] as const) {
    const row = app.enrolmentMemberRow(doc.fullName)
    await expect(row).toContainText('Aktif')
    await expect(row).toContainText(kpj)
  }

  // Applying the same answer again changes nothing.
  await page.getByRole('button', { name: 'Uji coba' }).click()
  await page.getByRole('button', { name: 'Terapkan' }).click()
  await expect(page.getByText('0 peserta diperbarui, 2 sudah tercatat sebelumnya.')).toBeVisible()

  // The participant's own page says Aktif.
  await app.enrolmentMemberRow(ahmad.fullName).getByRole('link').click()
  await expect(page.getByRole('heading', { name: ahmad.fullName })).toBeVisible()
  await expect(app.workflowStatus).toHaveText('Status: Aktif')
  const data = page.locator('.detail-grid')
  await expect(data.getByText('No. KPJ')).toBeVisible()
  await expect(data.getByText('0012345601', { exact: true })).toBeVisible()

  // After sync the server holds the status and the KPJ as text, leading zeros kept.
  await expect(app.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })
  const stored = await serverCopy(ahmad.id)
  expect(stored.status).toBe('active')
  expect(stored.kpjNumber).toBe('0012345601')
  expect(stored.coverage).toMatchObject([{ from: `${today.slice(0, 7)}-01` }])
  expect((await serverCopy(bambang.id)).kpjNumber).toBe('0012345602')
})

test('the supervisor ends a participant’s coverage with a reason, and the server has it', async () => {
  const [, bambang] = approved as [ParticipantWireDocument, ParticipantWireDocument]
  const page = app.page
  await app.openEnrolment()
  await app.enrolmentTab('Batas usia').click()
  await expect(page.getByText('Tidak ada peserta yang mencapai batas usia.')).toBeVisible()

  // Nothing chosen: refused in plain words.
  await page.getByRole('button', { name: 'Akhiri kepesertaan' }).click()
  await expect(page.getByRole('alert')).toHaveText('Pilih peserta dan isi tanggal.')

  await page.getByRole('combobox', { name: 'Peserta' }).selectOption({
    label: `${bambang.fullName} — ${bambang.registrationNumber} — KPJ 0012345602`,
  })
  await page.getByRole('combobox', { name: 'Alasan' }).selectOption({ label: 'Pindah domisili' })
  const today = makassarToday()
  await page.getByLabel('Hari terakhir dilindungi').fill(today)
  await page.getByRole('button', { name: 'Akhiri kepesertaan' }).click()
  await expect(page.getByText(`Kepesertaan ${bambang.fullName} diakhiri.`)).toBeVisible()

  await expect(app.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })
  const stored = await serverCopy(bambang.id)
  expect(stored.status).toBe('ended')
  expect(stored.kpjNumber).toBe('0012345602')
  expect(stored.coverage).toMatchObject([{ until: today, endReason: 'pindah' }])
})
