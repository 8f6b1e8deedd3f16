import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { expect, test, type BrowserContext } from '@playwright/test'
import { readXlsx } from '../../shared/import/xlsx'
import type {
  EnrolmentBatchesResponse,
  OfficeInfo,
  ParticipantWireDocument,
} from '../../shared/sync/sync-protocol'
import { pdfFileOf, pdfPages, pdfText, renderPages } from '../support/pdf-tools'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { makassarToday } from './support/makassar-dates'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * BPJS enrolment against a real central server (PGlite, its own process): two fishermen are
 * approved through the workflow over the sync API; a supervisor at the central office exports
 * them in a batch, reads BPJS's answer and applies it. The KPJ numbers keep their leading zeros
 * from the answer file to the server. At each step the supervisor's dashboard (and its PDF report)
 * is checked against a hand count made here from the rules of docs/coverage.md.
 */

const PASSWORD = 'kata-sandi-kepesertaan-1'
const SYNC_MS = 30_000
const KODE_IURAN = 'KI-6402.01/2026'

let server: SyncServer
let context: BrowserContext
let app: NaunganApp
let approved: ParticipantWireDocument[]

test.describe.configure({ mode: 'serial' })

// ---- The dashboard, counted by hand -----------------------------------------------------------

/** The district configuration the build serves: tariffs and the baseline of covered people. */
const DISTRICT = JSON.parse(
  readFileSync(resolve(__dirname, '../../resources/district/district.json'), 'utf8'),
) as {
  tariffs: {
    validFrom: string
    validUntil?: string
    lines: { jkk: number; jkm: number }
    total: number
    regulation: string
  }[]
  baselineCoveredParticipants: number
  annualTargets: { year: number; newParticipants: number }[]
}
const BASELINE = DISTRICT.baselineCoveredParticipants

/**
 * What the kabupaten pays for one participant in a month: the tariff in force then ('YYYY-MM'
 * compares as text). No discount: the shipped one (PP 50/2025) excludes APBD payers, which
 * tests/unit/district-tariffs.test.ts checks.
 */
function tariffOf(year: number, month: number) {
  const key = `${year}-${String(month).padStart(2, '0')}`
  const tariff = DISTRICT.tariffs.find(
    (entry) =>
      entry.validFrom <= key && (entry.validUntil === undefined || key <= entry.validUntil),
  )
  if (!tariff) throw new Error(`district.json has no tariff for ${key}`)
  return tariff
}

/** Without a plan the target is district.json's for the year, or none (0). */
function configuredTarget(year: number): number {
  return DISTRICT.annualTargets.find((entry) => entry.year === year)?.newParticipants ?? 0
}

/** The year's plan the supervisor saves (so target and allocation do not depend on the year). */
const PLAN_TARGET = 10
const PLAN_ALLOCATION = 1_000_000
/** Tenggarong's share of the target: both fishermen are registered by a Tenggarong office. */
const PLAN_TENGGARONG = 4

/** Whole numbers the way id-ID writes them, by hand: 35440 → "35.440". */
function grouped(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
}

function rupiah(value: number): string {
  return `Rp${grouped(value)}`
}

/**
 * One participant's coverage this year as months (1..12): a month is paid when the person is
 * covered on any day of it, so a period from the 1st of `fromMonth` to any day of `untilMonth`
 * pays fromMonth..untilMonth; an open period runs to December.
 */
interface CoveredMonths {
  fromMonth: number
  untilMonth: number
  /** Covered on today's date (the last covered day is inclusive). */
  coveredToday: boolean
}

interface HandCount {
  approved: number
  sentInBatch: number
  /** Participants with a first coverage period this year. */
  newThisYear: number
  /** Whether the supervisor's plan is saved yet (target and allocation). */
  planned: boolean
  covered: CoveredMonths[]
}

/** Every figure the test reads off the screen and the PDF, from the hand count and today. */
function expectedFigures(count: HandCount, today: string) {
  const month = Number(today.slice(5, 7))
  const paid = count.covered.flatMap(({ fromMonth, untilMonth }) =>
    Array.from({ length: untilMonth - fromMonth + 1 }, (_, index) => fromMonth + index),
  )
  const active = count.covered.filter((person) => person.coveredToday).length
  const target = count.planned ? PLAN_TARGET : configuredTarget(Number(today.slice(0, 4)))
  const allocation = count.planned ? PLAN_ALLOCATION : 0
  const year = Number(today.slice(0, 4))
  // Each paid month at the tariff in force that month, per line.
  const sumOf = (months: number[], line: 'jkk' | 'jkm' | 'total') =>
    months.reduce(
      (sum, paidMonth) =>
        sum +
        (line === 'total'
          ? tariffOf(year, paidMonth).total
          : tariffOf(year, paidMonth).lines[line]),
      0,
    )
  const paidToDate = paid.filter((paidMonth) => paidMonth <= month)
  const spent = sumOf(paidToDate, 'total')
  const projected = sumOf(paid, 'total')
  const premium = tariffOf(year, month).total
  const remainingTarget = Math.max(0, target - count.newThisYear)
  // The rest of the target is costed from next month (a batch sent now starts then at the
  // earliest), each month at its own tariff; in December no month of the year is left.
  const addFrom = month < 12 ? month + 1 : null
  const costToTarget =
    addFrom === null
      ? 0
      : remainingTarget *
        sumOf(
          Array.from({ length: 12 - addFrom + 1 }, (_, index) => addFrom + index),
          'total',
        )
  return {
    // Anggaran per sumber dana: Kukar's one payer, every person with coverage this year.
    payerRow: [
      'APBD Kabupaten Kutai Kartanegara',
      String(count.covered.length),
      'Pagu belum diisi',
      rupiah(spent),
      rupiah(projected),
      '–',
      '–',
    ].join('|'),
    activeTotal: grouped(BASELINE + active),
    activeDetail: `${grouped(BASELINE)} peserta awal + ${active} aktif di Naungan = ${grouped(BASELINE + active)}`,
    newThisYear: String(count.newThisYear),
    approved: String(count.approved),
    sentInBatch: `${count.sentInBatch} sudah dikirim dalam batch`,
    target,
    // Kecamatan table: Registered | Active | New | Target | % (no plan: no kecamatan target).
    tenggarong: [
      'Tenggarong',
      '2',
      String(active),
      String(count.newThisYear),
      count.planned ? String(PLAN_TENGGARONG) : '–',
      count.planned ? `${Math.round((count.newThisYear / PLAN_TENGGARONG) * 100)}%` : '–',
    ].join('|'),
    percent: target > 0 ? `${Math.round((count.newThisYear / target) * 100)}%` : '–',
    budget: [
      ['Iuran per orang per bulan', rupiah(premium)],
      ['Peserta aktif di Naungan hari ini', grouped(active)],
      ['Peserta awal di luar Naungan (tidak dihitung)', grouped(BASELINE)],
      ['Iuran bulanan (iuran × peserta aktif)', rupiah(active * premium)],
      ['Pagu APBD', rupiah(allocation)],
      ['Realisasi s.d. bulan ini', rupiah(spent)],
      ['Realisasi JKK s.d. bulan ini', rupiah(sumOf(paidToDate, 'jkk'))],
      ['Realisasi JKM s.d. bulan ini', rupiah(sumOf(paidToDate, 'jkm'))],
      ['Proyeksi s.d. akhir tahun', rupiah(projected)],
      ['Proyeksi JKK s.d. akhir tahun', rupiah(sumOf(paid, 'jkk'))],
      ['Proyeksi JKM s.d. akhir tahun', rupiah(sumOf(paid, 'jkm'))],
      projected > allocation
        ? ['Kekurangan pagu pada akhir tahun', rupiah(projected - allocation)]
        : ['Sisa pagu pada akhir tahun', rupiah(allocation - projected)],
      ['Sisa target peserta baru', grouped(remainingTarget)],
      [`Biaya menambah sisa target (mulai bulan ${addFrom ?? '–'})`, rupiah(costToTarget)],
      ['Proyeksi bila target tercapai', rupiah(projected + costToTarget)],
    ] as const,
  }
}

/** Opens Dasbor (Alt+0) and checks the headline and the budget against the hand count. */
async function expectDashboard(count: HandCount): Promise<ReturnType<typeof expectedFigures>> {
  const dashboard = app.dashboard
  const today = makassarToday()
  const want = expectedFigures(count, today)
  await dashboard.open()
  await expect(app.page).toHaveURL(/#\/dasbor$/)

  // Headline. The figures recount at most every 2 s after a change, hence the waiting checks.
  await expect(dashboard.tileValue('active')).toHaveText(want.activeTotal)
  await expect(dashboard.tile('active')).toContainText(want.activeDetail)
  await expect(dashboard.tileValue('new')).toHaveText(want.newThisYear)
  await expect(dashboard.tile('new')).toContainText(
    `dari target ${grouped(want.target)} (${want.percent})`,
  )
  await expect(dashboard.tileValue('approved')).toHaveText(want.approved)
  await expect(dashboard.tile('approved')).toContainText(want.sentInBatch)
  await expect(dashboard.tileValue('waiting')).toHaveText('0')
  await expect.poll(() => dashboard.tableRow('kecamatan', 'Tenggarong')).toBe(want.tenggarong)

  // Budget: Anggaran iuran (APBD).
  for (const [label, value] of want.budget) {
    await expect.poll(() => dashboard.tableRow('anggaran', label)).toBe(`${label}|${value}`)
  }
  // The tariff this month is costed at, with its regulation, on the same tab.
  const tariff = tariffOf(Number(today.slice(0, 4)), Number(today.slice(5, 7)))
  const tariffs = dashboard.table('anggaran-tarif')
  await expect(tariffs).toContainText(tariff.regulation)
  await expect(tariffs).toContainText(rupiah(tariff.total))
  // The same year by funding source: Kukar has one payer, so it carries the whole spend; its
  // budget for this year is not in district.json yet (docs/district-config.md).
  await expect
    .poll(() => dashboard.tableRow('anggaran-pembayar', 'APBD Kabupaten Kutai Kartanegara'))
    .toBe(want.payerRow)
  return want
}

/** Downloads the dashboard's PDF report and checks it carries the same figures, and renders. */
async function expectPdfReport(want: ReturnType<typeof expectedFigures>) {
  const today = makassarToday()
  const download = await app.dashboard.downloadPdfReport()
  expect(download.suggestedFilename()).toBe(`laporan-cakupan-${today.slice(0, 4)}-${today}.pdf`)
  const file = await pdfFileOf(new Uint8Array(await readFile((await download.path()) ?? '')))
  try {
    const pages = await pdfPages(file.path)
    expect(pages.length).toBeGreaterThanOrEqual(1)
    const lines = (await pdfText(file.path, { layout: true }))
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
    const line = (text: string) => expect(lines, `a line "${text}" in the PDF`).toContain(text)
    line(`Peserta terlindungi ${want.activeTotal}`)
    line(want.activeDetail)
    line(`Peserta baru tahun ini ${want.newThisYear}`)
    line(`Target ${grouped(want.target)}`)
    line(`% target ${want.percent}`)
    line(`Disetujui, menunggu BPJS ${want.approved}`)
    line('Menunggu verifikasi 0')
    line(want.tenggarong.replaceAll('|', ' '))
    for (const [label, value] of want.budget) line(`${label} ${value}`)
    line(want.payerRow.replaceAll('|', ' '))

    // It renders: pdftoppm draws every page, and the first page is not blank.
    const { rendered, firstPage } = await renderPages(file.path)
    expect(rendered).toBe(pages.length)
    expect(firstPage.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(firstPage.byteLength).toBeGreaterThan(2_000)
  } finally {
    await file.cleanup()
  }
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
  await app.enrol.connect(server.url, code, 'PC Supervisor Pusat')
  await app.login.signIn('supervisor-bpjs', PASSWORD)
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

test('before the batch the dashboard shows two approved, nobody covered; the supervisor plans the year', async () => {
  test.setTimeout(90_000)
  const page = app.page
  // Nobody is covered yet: the active total is the district baseline, nothing is paid.
  await expectDashboard({
    approved: 2,
    sentInBatch: 0,
    newThisYear: 0,
    planned: false,
    covered: [],
  })
  await expect(page.getByText('Pagu APBD tahun ini belum diisi di Rencana tahunan.')).toBeVisible()

  // The year's plan: a target and an allocation, so the budget's remainder is known.
  const dashboard = app.dashboard
  await dashboard.openTab('rencana')
  await dashboard.planField('Kabupaten (total): Target peserta baru').fill(String(PLAN_TARGET))
  await dashboard.planField('Kabupaten (total): Pagu APBD (Rp)').fill(grouped(PLAN_ALLOCATION))
  await dashboard.planField('Tenggarong: Target peserta baru').fill(String(PLAN_TENGGARONG))
  await dashboard.savePlanButton.click()
  await expect(dashboard.plans.getByText('Rencana tersimpan.')).toBeVisible()
  await expect(dashboard.tile('new')).toContainText('target dari rencana tahunan')
  await expect(page.getByText('Pagu APBD tahun ini belum diisi di Rencana tahunan.')).toHaveCount(0)
  await expectDashboard({
    approved: 2,
    sentInBatch: 0,
    newThisYear: 0,
    planned: true,
    covered: [],
  })
})

test('approved participants → XLSX batch → BPJS answer → active with their KPJ numbers', async () => {
  test.setTimeout(120_000)
  expect(approved.map((doc) => doc.status)).toEqual(['approved', 'approved'])
  const [ahmad, bambang] = approved as [ParticipantWireDocument, ParticipantWireDocument]
  const page = app.page

  await app.batches.open()
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
  // One batch, one payer: Kukar's APBD, the default (district.json payers).
  await expect(page.getByLabel('Sumber dana')).toHaveValue('apbd-kabupaten')

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
  // The batch also goes to the server, so any supervisor PC can read BPJS's answer to it.
  await expect
    .poll(
      async () => {
        const listed = await server.adminApi<EnrolmentBatchesResponse>(
          'GET',
          '/api/enrolment-batches',
        )
        return listed.body.batches.map((entry) => [
          entry.kodeIuran,
          entry.memberCount,
          entry.payerCode,
        ])
      },
      { timeout: SYNC_MS },
    )
    .toEqual([[KODE_IURAN, 2, 'apbd-kabupaten']])

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

  // Sent, not yet answered: still approved and waiting for BPJS, now both in a batch.
  await expectDashboard({
    approved: 2,
    sentInBatch: 2,
    newThisYear: 0,
    planned: true,
    covered: [],
  })
  await app.batches.open()

  // BPJS answers with KPJ numbers that start with zeros, covered from the 1st of this month.
  // The tabs take the keyboard: → selects the next one, and the cursor moves with it.
  await app.batches.tab('Batch baru').focus()
  await page.keyboard.press('ArrowRight')
  await expect(app.batches.tab('Jawaban BPJS')).toBeFocused()
  await expect(app.batches.tab('Jawaban BPJS')).toHaveAttribute('aria-selected', 'true')
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
    const row = app.batches.memberRow(doc.fullName)
    await expect(row).toContainText('Aktif')
    await expect(row).toContainText(kpj)
  }

  // Applying the same answer again changes nothing.
  await page.getByRole('button', { name: 'Uji coba' }).click()
  await page.getByRole('button', { name: 'Terapkan' }).click()
  await expect(page.getByText('0 peserta diperbarui, 2 sudah tercatat sebelumnya.')).toBeVisible()

  // The participant's own page says Aktif.
  await app.batches.memberRow(ahmad.fullName).getByRole('link').click()
  await expect(page.getByRole('heading', { name: ahmad.fullName })).toBeVisible()
  await expect(app.participant.workflowStatus).toHaveText('Status: Aktif')
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

test('after the answer the dashboard and its PDF count both as active, and the premiums by month', async () => {
  test.setTimeout(90_000)
  const month = Number(makassarToday().slice(5, 7))
  // Hand count: both covered from the 1st of this month, open to 31 December; this month is
  // paid for both, and every month to December is projected for both.
  const want = await expectDashboard({
    approved: 0,
    sentInBatch: 0,
    newThisYear: 2,
    planned: true,
    covered: [
      { fromMonth: month, untilMonth: 12, coveredToday: true },
      { fromMonth: month, untilMonth: 12, coveredToday: true },
    ],
  })
  await expectPdfReport(want)
})

test('the supervisor ends a participant’s coverage with a reason, and the server has it', async () => {
  const [, bambang] = approved as [ParticipantWireDocument, ParticipantWireDocument]
  const page = app.page
  await app.batches.open()
  await app.batches.tab('Batas usia').click()
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

test('after the end the dashboard and its PDF still pay this month for both, and no later month for the one ended', async () => {
  test.setTimeout(90_000)
  const month = Number(makassarToday().slice(5, 7))
  // Hand count: Bambang's last covered day is today, so he is still covered (and active) today
  // and this month is paid; nothing after it is. Ahmad runs to December.
  const want = await expectDashboard({
    approved: 0,
    sentInBatch: 0,
    newThisYear: 2,
    planned: true,
    covered: [
      { fromMonth: month, untilMonth: 12, coveredToday: true },
      { fromMonth: month, untilMonth: month, coveredToday: true },
    ],
  })
  await expectPdfReport(want)
})
