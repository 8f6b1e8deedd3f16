import { expect, test, type BrowserContext } from '@playwright/test'
import type { OfficeInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import type { NaunganApp } from './pages/naungan-app'
import { startSyncServer, type SyncServer } from './support/sync-server'
import { makassarToday, addMonths, dayWords, lastDayWords } from './support/makassar-dates'
import { pcOfOffice, supervisorPcAtTenggarong } from './support/supervisor-pc'

/**
 * A death reported at the counter, acted on everywhere: a clerk at Tenggarong, with the link
 * down, reports that a covered participant died; the report is kept on the PC, reaches the real
 * server when the link returns, ends the record there, and the supervisor's PC receives it. The
 * bill for the next month then shows the person as deceased instead of payable, and the
 * supervisor can withdraw a wrong report with a reason. Then Disdukcapil's list of deaths is
 * matched and recorded, and an heir's JKM claim goes from the checklist to paid and onto the
 * dashboard. (Verifiers are refused both, in tests/unit/shared/workflow and tests/server.)
 *
 * Dates follow today in Makassar: the death is today, so coverage ends at the end of this month.
 */

const PASSWORD = 'kata-sandi-kematian-1'

let server: SyncServer
const contexts: BrowserContext[] = []
let supervisor: NaunganApp
let tenggarong: OfficeInfo

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000)
  server = await startSyncServer()
  const pc = await supervisorPcAtTenggarong(browser, server, {
    username: 'supervisor-kematian',
    password: PASSWORD,
  })
  contexts.push(pc.context)
  supervisor = pc.app
  tenggarong = pc.office
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
  await server?.close()
})

test('a clerk reports a death offline; it syncs, ends the record and the next bill calls it deceased', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const today = makassarToday()
  const nextMonth = addMonths(today.slice(0, 7), 1)
  const seeded = await server.seedCoveredParticipants<ParticipantWireDocument>(
    tenggarong,
    ['Hasan Wafat', 'Rina Hidup'],
    `${today.slice(0, 4)}-01-01`,
  )
  const hasan = seeded.find((doc) => doc.fullName === 'Hasan Wafat')
  const rina = seeded.find((doc) => doc.fullName === 'Rina Hidup')
  if (!hasan || !rina) throw new Error('not seeded')

  const clerkPc = await pcOfOffice(
    browser,
    server,
    tenggarong,
    { username: 'loket-kematian', password: PASSWORD, displayName: 'Nur Loket', role: 'operator' },
    'PC loket Tenggarong',
  )
  contexts.push(clerkPc.context)
  const clerk = clerkPc.app
  await clerk.expectSyncState('synced', 60_000)

  // The link drops; the family comes to the counter anyway.
  await clerkPc.context.setOffline(true)
  await clerk.expectSyncState('offline')
  await clerk.participants.openParticipant('Hasan Wafat')
  const panel = clerk.page.getByTestId('death-panel')
  await panel.getByRole('button', { name: 'Laporkan kematian' }).click()
  await panel.getByLabel('Tanggal meninggal').fill(today)
  await panel.getByLabel('Sumber laporan').selectOption({ label: 'Keluarga' })
  await panel.getByLabel('No. akta kematian / surat keterangan').fill('6402-KM-2026-000123')
  await panel.getByRole('button', { name: 'Simpan laporan kematian' }).click()
  await expect(panel).toContainText(
    `Laporan kematian tersimpan. Kepesertaan berakhir ${lastDayWords(today)}.`,
  )
  await expect(clerk.page.getByTestId('death-reported')).toContainText('Dilaporkan oleh Nur Loket')
  await expect(clerk.page.getByText('Batalkan laporan kematian')).toHaveCount(0)

  // The link returns: the report reaches the server, which ended the record as the rule says.
  await clerkPc.context.setOffline(false)
  await clerk.expectSyncState('synced', 60_000)
  await expect
    .poll(async () => {
      const docs = await server.pullAll<ParticipantWireDocument>()
      const stored = docs.find((doc) => doc.id === hasan.id)
      return stored ? [stored.status, stored.death?.date, stored.coverage?.[0]?.endReason] : null
    })
    .toEqual(['ended', today, 'meninggal'])

  // The supervisor's PC has it too; next month's bill names him deceased, Rina payable.
  await supervisor.participants.openParticipant('Hasan Wafat')
  await expect(supervisor.page.getByTestId('death-reported')).toContainText(
    'Dilaporkan oleh Nur Loket',
    {
      timeout: 60_000,
    },
  )
  const bill = [
    'NIK;NO KPJ;NAMA PESERTA;IURAN',
    `${hasan.nik};${hasan.kpjNumber ?? ''};HASAN WAFAT;16.800`,
    `${rina.nik};${rina.kpjNumber ?? ''};RINA HIDUP;16.800`,
  ].join('\r\n')
  await supervisor.billing.open()
  await supervisor.billing.importBill(nextMonth, { name: `tagihan-${nextMonth}.csv`, text: bill })
  if (nextMonth.slice(0, 4) === today.slice(0, 4)) {
    // Within the year Rina is covered next month and agrees; across a year end she is not yet
    // renewed, which the bill reports as ended.
    await expect(supervisor.billing.differences()).toHaveCount(1)
  }
  await expect(supervisor.billing.difference('deceased')).toContainText('Hasan Wafat')
  await expect(supervisor.billing.difference('deceased')).toContainText(
    `Meninggal ${dayWords(today)}`,
  )

  // A wrong report is withdrawn by the supervisor, with a reason; the record is active again.
  await supervisor.participants.openParticipant('Hasan Wafat')
  const supervisorPanel = supervisor.page.getByTestId('death-panel')
  await supervisorPanel.getByText('Batalkan laporan kematian').click()
  await supervisorPanel
    .getByLabel('Alasan pembatalan')
    .fill('Salah orang: yang meninggal saudaranya')
  await supervisorPanel.getByRole('button', { name: 'Batalkan laporan' }).click()
  await expect(supervisorPanel).toContainText('Laporan kematian dibatalkan.')
  await expect(supervisorPanel).toContainText('Salah orang: yang meninggal saudaranya')
  await supervisor.expectSyncState('synced', 60_000)
  await expect
    .poll(async () => {
      const docs = await server.pullAll<ParticipantWireDocument>()
      const stored = docs.find((doc) => doc.id === hasan.id)
      return stored ? [stored.status, stored.coverage?.[0]?.until ?? null] : null
    })
    .toEqual(['active', null])
})

test('Disdukcapil’s list of deaths is matched by NIK and recorded in one go', async () => {
  test.setTimeout(180_000)
  const today = makassarToday()
  const seeded = await server.seedCoveredParticipants<ParticipantWireDocument>(
    tenggarong,
    ['Joko Daftar', 'Lina Daftar', 'Maya Tetap'],
    `${today.slice(0, 4)}-01-01`,
  )
  const nikOf = (name: string) => {
    const doc = seeded.find((entry) => entry.fullName === name)
    if (!doc) throw new Error(`${name} not seeded`)
    return doc.nik
  }
  const [year, month, day] = today.split('-')
  const list = [
    'NIK,NAMA,TANGGAL MENINGGAL,NO AKTA KEMATIAN',
    `${nikOf('Joko Daftar')},JOKO DAFTAR,${day}-${month}-${year},6402-KM-${year}-000777`,
    // No certificate number on the list: the list itself is the document.
    `${nikOf('Lina Daftar')},LINA DAFTAR,${day}/${month}/${year},`,
    // The same row twice: counted once.
    `${nikOf('Lina Daftar')},LINA DAFTAR,${day}/${month}/${year},`,
    // Someone of another kabupaten: not on this PC.
    `6471010101800009,ORANG LUAR,${day}-${month}-${year},`,
    // Unreadable date: refused, never guessed.
    `${nikOf('Maya Tetap')},MAYA TETAP,kemarin,`,
  ].join('\r\n')

  const page = supervisor.page
  await page.getByRole('link', { name: 'Kematian peserta' }).first().click()
  await expect(page.getByRole('heading', { name: 'Kematian peserta', level: 1 })).toBeVisible()
  await page.getByLabel('Berkas daftar kematian').setInputFiles({
    name: 'kematian-disdukcapil.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(list, 'utf8'),
  })
  await page.getByRole('button', { name: 'Cocokkan dengan data peserta' }).click()
  await expect(page.getByTestId('death-list-summary')).toHaveText(
    '2 akan dicatat meninggal, 0 sudah tercatat, 1 tidak ada di data PC ini, 0 NIK ganda, 1 baris bermasalah.',
    { timeout: 30_000 },
  )
  const matches = page.getByTestId('death-list-matches')
  await expect(matches.locator('tr[data-kind="duplicate"]')).toContainText('Salinan baris 3')
  await expect(matches.locator('tr[data-kind="error"]')).toContainText(
    'Tanggal meninggal tidak terbaca.',
  )
  await page.getByRole('button', { name: 'Catat 2 kematian' }).click()
  await expect(page.getByText('2 kematian tercatat dan akan dikirim ke server.')).toBeVisible({
    timeout: 30_000,
  })

  const recorded = page.getByTestId('deaths-list')
  await expect(recorded.getByRole('rowheader', { name: 'Joko Daftar' })).toBeVisible({
    timeout: 30_000,
  })
  await expect(recorded.getByRole('rowheader', { name: 'Lina Daftar' })).toBeVisible()
  await expect(recorded.getByRole('rowheader', { name: 'Maya Tetap' })).toHaveCount(0)
  await supervisor.expectSyncState('synced', 60_000)
  await expect
    .poll(
      async () => {
        const docs = await server.pullAll<ParticipantWireDocument>()
        return docs
          .filter((doc) => doc.death && !doc.death.correction && doc.death.source === 'disdukcapil')
          .map((doc) => [doc.fullName, doc.death?.reference])
          .sort()
      },
      { timeout: 30_000 },
    )
    .toEqual([
      ['Joko Daftar', `6402-KM-${year}-000777`],
      ['Lina Daftar', 'Daftar kematian Disdukcapil kematian-disdukcapil.csv, baris 3'],
    ])
})

test('the heir is helped to claim JKM: checklist, submitted, paid, on the dashboard', async () => {
  test.setTimeout(180_000)
  const today = makassarToday()
  const page = supervisor.page
  // Joko Daftar died today (the list above); covered since 1 January: past the first 3 months
  // from 1 April on, so the full JKM benefit then, the funeral costs alone before.
  const fullBenefit = today.slice(5) >= '04-01'
  const expectedTotal = fullBenefit ? 'Rp42.000.000' : 'Rp10.000.000'
  await supervisor.participants.openParticipant('Joko Daftar')
  const panel = page.getByTestId('claim-panel')
  await panel.getByRole('button', { name: 'Buka klaim JKM (kematian)' }).click()
  await expect(panel.getByLabel('Tanggal meninggal')).toHaveValue(today)
  await panel.getByRole('button', { name: 'Buka klaim' }).click()
  await expect(panel).toContainText('Klaim dibuka.')
  const claim = panel.getByTestId('claim-case')
  await expect(claim).toHaveAttribute('data-status', 'dilaporkan')
  await expect(claim.getByTestId('claim-benefit')).toContainText(`Jumlah ${expectedTotal}`)

  // The family brings the documents; the heir on record is the spouse, so the marriage book too.
  const documents = claim.locator('.claim-checklist li')
  await expect(claim.locator('li[data-document="buku-nikah"]')).toHaveCount(1)
  const count = await documents.count()
  for (let index = 0; index < count; index++) {
    await documents.nth(index).getByRole('checkbox').click()
    await expect(documents.nth(index)).toHaveAttribute('data-state', 'received')
  }
  const move = async (button: string, fill?: { label: string; value: string }) => {
    await claim.getByRole('button', { name: button, exact: true }).click()
    if (fill) await claim.getByLabel(fill.label).fill(fill.value)
    await claim.getByRole('button', { name: 'Simpan status' }).click()
  }
  await move('Berkas lengkap')
  await expect(claim).toHaveAttribute('data-status', 'berkas-lengkap')
  await move('Diajukan ke BPJS', { label: 'Jumlah yang diajukan (Rp)', value: expectedTotal })
  await expect(claim).toHaveAttribute('data-status', 'diajukan')
  await move('Dibayar', { label: 'Jumlah yang dibayar (Rp)', value: expectedTotal })
  await expect(claim).toHaveAttribute('data-status', 'dibayar')
  await expect(claim).toContainText(`dibayar ${expectedTotal}`)

  // The claims list of the office, and the dashboard's figures by kecamatan.
  await page.getByRole('link', { name: 'Klaim ahli waris' }).first().click()
  const listed = page.getByTestId('claims-list').locator('tbody tr', { hasText: 'Joko Daftar' })
  await expect(listed).toHaveAttribute('data-status', 'dibayar', { timeout: 30_000 })
  await expect(listed).toContainText(expectedTotal)
  await supervisor.dashboard.open()
  await expect
    .poll(() => supervisor.dashboard.tableRow('kecamatan-klaim', 'Tenggarong'), { timeout: 30_000 })
    .toBe(`Tenggarong|1|0|1|${expectedTotal}`)

  // And the server holds the case as the office recorded it.
  await supervisor.expectSyncState('synced', 60_000)
  await expect
    .poll(async () => {
      const docs = await server.pullAll<ParticipantWireDocument>()
      const joko = docs.find((doc) => doc.fullName === 'Joko Daftar')
      return joko?.claims?.[0]?.history.map((step) => step.status)
    })
    .toEqual(['dilaporkan', 'berkas-lengkap', 'diajukan', 'dibayar'])
})
