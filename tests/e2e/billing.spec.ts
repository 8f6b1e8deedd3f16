import { expect, test, type BrowserContext } from '@playwright/test'
import type { OfficeInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import type { NaunganApp } from './pages/naungan-app'
import { startSyncServer, type SyncServer } from './support/sync-server'
import { makassarToday, addMonths, monthWords } from './support/makassar-dates'
import { supervisorPcAtTenggarong } from './support/supervisor-pc'

/**
 * A month's bill from BPJS, end to end through the app: a supervisor at Tenggarong imports BPJS's
 * bill for a month with five kinds of difference (a NIK no one has, a person never covered that
 * month, a person billed twice, a wrong amount, a covered person left off), resolves each with a
 * note, records the payments with their SP2D, and watches the continuity guard — on the dashboard
 * and in the header of every other screen — name the unpaid month and clear once it is paid. The
 * bill, its resolutions and the payments reach the real server.
 *
 * Months are counted from today in Makassar (the browser's zone): the bill is for the month two
 * before this one, whose contribution was due on the 15th of last month, so it is overdue on
 * every day of the year; the month after it is paid too, so the guard clears whatever today is.
 */

const PASSWORD = 'kata-sandi-tagihan-1'
const TARIFF = 16_800

let server: SyncServer
let context: BrowserContext
let app: NaunganApp
let tenggarong: OfficeInfo

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000)
  server = await startSyncServer()
  ;({
    context,
    app,
    office: tenggarong,
  } = await supervisorPcAtTenggarong(browser, server, {
    username: 'supervisor-tagihan',
    password: PASSWORD,
  }))
})

test.afterAll(async () => {
  await context?.close()
  await server?.close()
})

test('a bill with five kinds of difference is reconciled, resolved, paid, and the guard clears', async () => {
  test.setTimeout(240_000)
  const page = app.page
  const billMonth = addMonths(makassarToday().slice(0, 7), -2)
  const nextMonth = addMonths(billMonth, 1)

  // Five people covered by the regency's APBD all of the bill's year; one approved, never covered.
  const covered = await server.seedCoveredParticipants<ParticipantWireDocument>(
    tenggarong,
    ['Ani Tagih', 'Budi Dobel', 'Citra Selisih', 'Dodi Terlewat', 'Eka Sesuai'],
    `${billMonth.slice(0, 4)}-01-01`,
  )
  const [notCovered] = await server.seedApprovedParticipants<ParticipantWireDocument>(tenggarong, [
    'Fajar Belum',
  ])
  const byName = (name: string) => {
    const doc = covered.find((entry) => entry.fullName === name)
    if (!doc) throw new Error(`${name} not seeded`)
    return doc
  }
  if (!notCovered) throw new Error('Fajar Belum not seeded')
  const [ani, budi, citra, dodi, eka] = [
    'Ani Tagih',
    'Budi Dobel',
    'Citra Selisih',
    'Dodi Terlewat',
    'Eka Sesuai',
  ].map(byName) as [
    ParticipantWireDocument,
    ParticipantWireDocument,
    ParticipantWireDocument,
    ParticipantWireDocument,
    ParticipantWireDocument,
  ]
  await app.participants.open()
  await expect(page.getByText('6 peserta')).toBeVisible({ timeout: 60_000 })

  // BPJS's bill, as its branch sends it: semicolons, amounts written the Indonesian way.
  const line = (nik: string, kpj: string, name: string, amount: string) =>
    `${nik};${kpj};${name};${amount}`
  const bill = [
    'NIK;NO KPJ;NAMA PESERTA;IURAN',
    line(ani.nik, ani.kpjNumber ?? '', 'ANI TAGIH', '16.800'),
    line(budi.nik, budi.kpjNumber ?? '', 'BUDI DOBEL', '16.800'),
    line(budi.nik, budi.kpjNumber ?? '', 'BUDI DOBEL', '16.800'),
    line(citra.nik, citra.kpjNumber ?? '', 'CITRA SELISIH', '20.000'),
    line(eka.nik, eka.kpjNumber ?? '', 'EKA SESUAI', 'Rp 16.800,00'),
    line(notCovered.nik, '', 'FAJAR BELUM', '16.800'),
    line('6402069999990001', '0009999999999', 'ORANG LAIN', '16.800'),
  ].join('\r\n')
  const billedTotal = 6 * TARIFF + 20_000

  await app.billing.open()
  await app.billing.expectExchanged()
  await app.billing.importBill(billMonth, { name: `tagihan-${billMonth}.csv`, text: bill })
  await expect(page.getByText(`Tagihan ${monthWords(billMonth)} tersimpan (7 baris`)).toBeVisible({
    timeout: 30_000,
  })
  const reconciliation = page.getByTestId('bill-reconciliation')
  await expect(reconciliation).toContainText('Ditagih BPJS: 7 baris, Rp120.800.')
  await expect(reconciliation).toContainText(
    'Menurut Naungan: 5 peserta ditanggung APBD Kabupaten Kutai Kartanegara, Rp84.000 (Rp16.800 per orang).',
  )
  await expect(reconciliation).toContainText('3 baris sesuai.')
  await expect(app.billing.differences()).toHaveCount(5)
  await expect(app.billing.difference('not-ours')).toContainText('ORANG LAIN')
  await expect(app.billing.difference('not-ours')).toContainText('640206******0001')
  await expect(app.billing.difference('ended')).toContainText('Fajar Belum')
  await expect(app.billing.difference('billed-twice')).toContainText('Budi Dobel')
  await expect(app.billing.difference('amount')).toContainText('Citra Selisih')
  await expect(app.billing.difference('amount')).toContainText('Rp20.000')
  await expect(app.billing.difference('not-billed')).toContainText('Dodi Terlewat')
  await expect(app.billing.difference('not-billed')).toContainText(
    `${dodi.nik.slice(0, 6)}******${dodi.nik.slice(12)}`,
  )
  // No NIK in the clear anywhere on the screen.
  await expect(page.locator('main')).not.toContainText(ani.nik)

  // The guard: the bill's month is overdue, five people at risk — here and in the header.
  await expect(app.billing.guard()).toContainText(`iuran ${monthWords(billMonth)} belum dibayar`)
  await expect(app.billing.guard()).toContainText('5 peserta menjadi nonaktif')
  await app.participants.open()
  await expect(app.billing.guard()).toContainText(`iuran ${monthWords(billMonth)} belum dibayar`)
  await app.dashboard.open()
  await expect(app.billing.guard()).toContainText(`iuran ${monthWords(billMonth)} belum dibayar`)

  // Each difference settled with a note, one by one.
  await app.billing.open()
  await expect(app.billing.differences()).toHaveCount(5)
  for (const kind of ['not-ours', 'ended', 'billed-twice', 'amount', 'not-billed']) {
    await app.billing.resolve(app.billing.difference(kind), `Dilaporkan ke BPJS (${kind})`)
  }
  await expect(page.getByTestId('bill-resolved-count')).toHaveText(
    'Semua selisih sudah diselesaikan. Laporan siap dilampirkan pada berkas pembayaran.',
  )

  // The payments, with their SP2D: the billed month in full, and the month after it.
  await app.billing.recordPayment({
    month: billMonth,
    amount: String(billedTotal),
    paidOn: makassarToday(),
    reference: 'SP2D 00123/BUD/2026',
  })
  await app.billing.recordPayment({
    month: nextMonth,
    amount: '84.000',
    paidOn: makassarToday(),
    reference: 'SP2D 00124/BUD/2026',
  })
  await expect(app.billing.guard()).toHaveCount(0)
  await app.billing.tab('Linimasa').click()
  const timeline = page.getByTestId('billing-timeline-apbd-kabupaten')
  if (billMonth.slice(0, 4) === makassarToday().slice(0, 4)) {
    await expect(timeline.locator(`tr[data-month="${billMonth}"]`)).toContainText('Lunas')
  }
  // Nobody here is paid by two sources; the five are unprotected only once their year is over.
  await app.billing.tab('Ganda & tanpa penanggung').click()
  await expect(
    page.getByRole('heading', { name: 'Dibayar dua sumber dana pada bulan yang sama (0)' }),
  ).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText('Tidak ada peserta yang dibayar dua sumber dana.')).toBeVisible()
  const yearOver = billMonth.slice(0, 4) !== makassarToday().slice(0, 4)
  await expect(
    page.getByRole('heading', {
      name: `Berstatus aktif tetapi tidak ditanggung hari ini (${yearOver ? 5 : 0})`,
    }),
  ).toBeVisible()

  await app.participants.open()
  await expect(app.billing.guard()).toHaveCount(0)

  // Everything reached the server, with the author taken from the session.
  await app.billing.open()
  await app.billing.expectExchanged()
  const stored = await server.adminApi<{
    bills: { month: string; lineCount: number; importedBy: string }[]
  }>('GET', '/api/bills')
  expect(stored.status).toBe(200)
  expect(stored.body.bills).toEqual([
    expect.objectContaining({ month: billMonth, lineCount: 7, importedBy: 'Sari Supervisor' }),
  ])
})

test('a payment recorded by mistake is withdrawn with a reason, the guard comes back, and a correction clears it', async () => {
  test.setTimeout(180_000)
  const page = app.page
  const billMonth = addMonths(makassarToday().slice(0, 7), -2)
  const billedTotal = 6 * TARIFF + 20_000
  await app.billing.open()
  await app.billing.expectExchanged()
  await expect(app.billing.guard()).toHaveCount(0)

  // The bank sent the SP2D back: the payment of the bill's month did not happen after all.
  await app.billing.withdrawPayment(
    'SP2D 00123/BUD/2026',
    'SP2D dikembalikan bank: rekening tujuan salah.',
  )
  const payments = page.getByTestId('billing-payments')
  await expect(
    payments.locator('tbody tr').filter({ hasText: 'SP2D 00123/BUD/2026' }),
  ).toContainText('Dibatalkan: SP2D dikembalikan bank: rekening tujuan salah. (Sari Supervisor,')
  // The guard recounts at once: the month is unpaid again, here and in every screen's header.
  await expect(app.billing.guard()).toContainText(`iuran ${monthWords(billMonth)} belum dibayar`)
  await app.participants.open()
  await expect(app.billing.guard()).toContainText(`iuran ${monthWords(billMonth)} belum dibayar`)

  // Paid again, but the amount typed wrong: short of the bill, so the month is still not paid.
  await app.billing.open()
  await app.billing.recordPayment({
    month: billMonth,
    amount: '12.080',
    paidOn: makassarToday(),
    reference: 'SP2D 00131/BUD/2026',
  })
  await expect(app.billing.guard()).toContainText(`iuran ${monthWords(billMonth)} belum dibayar`)
  await app.billing.correctPayment('SP2D 00131/BUD/2026', {
    amount: String(billedTotal),
    reason: 'Salah ketik jumlah, sesuai SP2D Rp120.800.',
  })
  await expect(app.billing.guard()).toHaveCount(0)
  const corrected = payments.locator('tbody tr').filter({ hasText: 'Rp12.080' })
  await expect(corrected).toContainText('Dibatalkan: Salah ketik jumlah, sesuai SP2D Rp120.800.')
  await expect(corrected).toContainText(
    `Diganti pembayaran Rp120.800 untuk ${monthWords(billMonth)}.`,
  )
  // Withdrawn rows have no actions left; the payment in force has both.
  await expect(payments.getByRole('button', { name: /^Batalkan pembayaran / })).toHaveCount(2)

  // Both withdrawals reached the server in the supervisor's name, each a security event.
  await app.billing.expectExchanged()
  await expect
    .poll(
      async () =>
        (
          await server.adminApi<{ withdrawals: { reason: string; withdrawnBy: string }[] }>(
            'GET',
            '/api/payment-withdrawals',
          )
        ).body.withdrawals?.map((entry) => [entry.reason, entry.withdrawnBy]),
      { timeout: 30_000 },
    )
    .toEqual([
      ['SP2D dikembalikan bank: rekening tujuan salah.', 'Sari Supervisor'],
      ['Salah ketik jumlah, sesuai SP2D Rp120.800.', 'Sari Supervisor'],
    ])
  const events = await server.adminApi<{ events: { detail: { month?: string } }[] }>(
    'GET',
    '/api/admin/security-events?kind=payment_withdrawn',
  )
  expect(events.body.events.map((event) => event.detail.month)).toEqual([billMonth, billMonth])
})
