import { readFile } from 'node:fs/promises'
import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { BUDI, SITI } from './support/people'
import { pdfFileOf, pdfPages, pdfText, renderPages } from '../support/pdf-tools'
import { APP_URL } from './support/chromium'
import { dashboardTableRow, openDashboardTab } from './support/dashboard-table'
import { startSyncServer, type SyncServer } from './support/sync-server'

/** The text of one row of a dashboard table, cells joined by '|'. */
test('the dashboard of a standalone office counts what the clerk registered, and the PDF report says the same', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const app = new NaunganApp(page)
  await app.open()
  await app.settings.setUpOffice()
  // Hand count: two drafts, Siti (P, 36, Tenggarong, Pedagang kecil) and Budi (L, 41, Anggana,
  // Nelayan); nobody submitted, approved or covered yet.
  await app.registration.register(SITI)
  await app.registration.register(BUDI)

  await page.keyboard.press('Alt+0')
  await expect(page.getByRole('heading', { name: 'Dasbor cakupan', level: 1 })).toBeVisible()
  await expect(page.getByTestId('dashboard-headline')).toBeVisible()

  // No one is covered by Naungan yet: the active total is the district baseline (35.440).
  await expect(page.getByTestId('tile-active-value')).toHaveText('35.440')
  await expect(page.getByTestId('tile-new-value')).toHaveText('0')
  await expect(page.getByTestId('tile-approved-value')).toHaveText('0')
  await expect(page.getByTestId('tile-waiting-value')).toHaveText('0')
  await expect(page.getByTestId('tile-waiting')).toContainText('0 dikembalikan, 2 draf, 2 data')
  // Standalone: the target is district.json's (13.000 for this year).
  await expect(page.getByTestId('tile-new')).toContainText('dari target 13.000')

  // Kecamatan: Registered | Active | New | Target | %.
  expect(await dashboardTableRow(page, 'kecamatan', 'Tenggarong')).toBe('Tenggarong|1|0|0|–|–')
  expect(await dashboardTableRow(page, 'kecamatan', 'Anggana')).toBe('Anggana|1|0|0|–|–')
  expect(await dashboardTableRow(page, 'kecamatan', 'Muara Muntai')).toBe('Muara Muntai|0|0|0|–|–')

  // Villages of the chosen kecamatan.
  await openDashboardTab(page, 'desa')
  await page.getByTestId('dashboard-kecamatan').selectOption({ label: 'Tenggarong' })
  const desa = page.getByTestId('panel-desa')
  await expect(desa.getByRole('heading')).toContainText('Tenggarong')
  expect(await dashboardTableRow(page, 'desa-64.02.06', 'Loa Ipuh')).toBe('Loa Ipuh|1|0|0')

  expect(await dashboardTableRow(page, 'pekerjaan', 'Nelayan')).toBe('Nelayan|1|0')
  expect(await dashboardTableRow(page, 'pekerjaan', 'Pedagang kecil / kaki lima')).toBe(
    'Pedagang kecil / kaki lima|1|0',
  )
  expect(await dashboardTableRow(page, 'jenis-kelamin-umur', '35–44')).toBe('35–44|1|1|2')
  expect(await dashboardTableRow(page, 'jenis-kelamin-umur', '18–24')).toBe('18–24|0|0|0')
  expect(await dashboardTableRow(page, 'alur-verifikasi', 'Diajukan')).toBe('Diajukan|0')
  const weekly = page.getByTestId('table-pendaftaran-mingguan').locator('tbody tr')
  await expect(weekly).toHaveCount(12)
  await expect(weekly.last().locator('td').last()).toHaveText('2')
  // Weeks read as dates ("15–21 Sep", "29 Sep–5 Okt"), not ISO codes like "2026-W38".
  // (The week is the row header, a th: `td:first-child` matched nothing and checked no label.)
  const weeks = await weekly.getByRole('rowheader').allTextContents()
  expect(weeks).toHaveLength(12)
  for (const label of weeks) {
    expect(label).toMatch(/^\d{1,2}( [A-Z][a-z]{2}( \d{4})?)?–\d{1,2} [A-Z][a-z]{2}( \d{4})?$/)
  }
  // Read row by row from the keyboard: one Tab stop, then ↑/↓ and End (ui/DataTable keyboardRows).
  await weekly.first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(weekly.nth(1)).toBeFocused()
  await page.keyboard.press('End')
  await expect(weekly.last()).toBeFocused()

  // An XLSX per chart.
  await openDashboardTab(page, 'kecamatan')
  const xlsxDownload = page.waitForEvent('download')
  await page.getByTestId('panel-kecamatan').getByRole('button', { name: 'Ekspor XLSX' }).click()
  const xlsx = await xlsxDownload
  expect(xlsx.suggestedFilename()).toMatch(/^dasbor-kecamatan-\d{4}\.xlsx$/)
  const xlsxBytes = await readFile((await xlsx.path()) ?? '')
  expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK')

  // The PDF report.
  const pdfDownload = page.waitForEvent('download')
  await page.getByTestId('dashboard-pdf').click()
  const download = await pdfDownload
  expect(download.suggestedFilename()).toMatch(/^laporan-cakupan-\d{4}-\d{4}-\d{2}-\d{2}\.pdf$/)
  const file = await pdfFileOf(new Uint8Array(await readFile((await download.path()) ?? '')))
  try {
    const pages = await pdfPages(file.path)
    expect(pages.length).toBeGreaterThanOrEqual(1)
    expect(Math.round(pages[0]?.widthMm ?? 0)).toBe(210)
    const text = (await pdfText(file.path, { layout: true })).replace(/[ \t]+/g, ' ')
    expect(text).toContain('Laporan cakupan BPJS Ketenagakerjaan')
    expect(text).toContain('35.440')
    expect(text).toContain('13.000')
    expect(text).toMatch(/Tenggarong 1 0 0/)
    expect(text).toMatch(/Anggana 1 0 0/)
    expect(text).toMatch(/35–44 1 1 2/)
    expect(text).toMatch(/Nelayan 1 0/)
    expect(text).toContain('Rp16.800')

    // It renders: pdftoppm draws every page, and the first page is not blank.
    const { rendered, firstPage } = await renderPages(file.path)
    expect(rendered).toBe(pages.length)
    expect(firstPage.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(firstPage.byteLength).toBeGreaterThan(2_000)
  } finally {
    await file.cleanup()
  }
})

test.describe('annual plans', () => {
  const PASSWORD = 'kata-sandi-uji-123'
  let server: SyncServer
  const contexts: BrowserContext[] = []

  test.beforeAll(async () => {
    test.setTimeout(60_000)
    server = await startSyncServer()
  })

  test.afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined)
    await server?.close()
  })

  async function signIn(browser: Browser, officeNumber: number, role: 'operator' | 'supervisor') {
    const office = await server.createKecamatanOffice('64.02.06', officeNumber)
    const username = `${role}${officeNumber}`
    await server.createUser({
      officeId: office.id,
      username,
      displayName: `${role} ${officeNumber}`,
      role,
      password: PASSWORD,
    })
    const { code } = await server.createEnrolmentCode(office.id)
    const context = await browser.newContext({
      baseURL: APP_URL,
      locale: 'id-ID',
      timezoneId: 'Asia/Makassar',
    })
    contexts.push(context)
    const app = new NaunganApp(await context.newPage())
    await app.enrol.connect(server.url, code, `PC ${officeNumber}`)
    await app.login.signIn(username, PASSWORD)
    return app
  }

  test('a supervisor sets the target and allocation; another office sees them; an operator cannot edit', async ({
    browser,
  }) => {
    test.setTimeout(120_000)
    const supervisor = await signIn(browser, 1, 'supervisor')
    await supervisor.page.keyboard.press('Alt+0')
    // The plan has a tab of its own; the headline tiles stay above every tab.
    await openDashboardTab(supervisor.page, 'rencana')
    const plans = supervisor.page.getByTestId('plans-panel')
    await expect(plans.getByText('Belum ada rencana tersimpan')).toBeVisible()
    await plans.getByLabel('Kabupaten (total): Target peserta baru', { exact: true }).fill('500')
    await plans
      .getByLabel('Kabupaten (total): Pagu APBD (Rp)', { exact: true })
      .fill('1.000.000.000')
    await plans.getByLabel('Tenggarong: Target peserta baru', { exact: true }).fill('40')
    await plans.getByRole('button', { name: 'Simpan rencana' }).click()
    await expect(plans.getByText('Rencana tersimpan.')).toBeVisible()
    await expect(supervisor.page.getByTestId('tile-new')).toContainText('dari target 500')
    await expect(supervisor.page.getByTestId('tile-new')).toContainText(
      'target dari rencana tahunan',
    )
    expect(await dashboardTableRow(supervisor.page, 'kecamatan', 'Tenggarong')).toBe(
      'Tenggarong|0|0|0|40|0%',
    )
    // A kecamatan left blank gets no plan: no target of 0, just none.
    expect(await dashboardTableRow(supervisor.page, 'kecamatan', 'Muara Muntai')).toBe(
      'Muara Muntai|0|0|0|–|–',
    )
    await openDashboardTab(supervisor.page, 'rencana')
    await expect(
      plans.getByLabel('Muara Muntai: Target peserta baru', { exact: true }),
    ).toHaveValue('')
    await openDashboardTab(supervisor.page, 'anggaran')
    await expect(supervisor.page.getByTestId('table-anggaran')).toContainText('Rp1.000.000.000')

    // A bad value is explained before anything is sent.
    await openDashboardTab(supervisor.page, 'rencana')
    await plans.getByLabel('Tenggarong: Target peserta baru', { exact: true }).fill('-3')
    await plans.getByRole('button', { name: 'Simpan rencana' }).click()
    await expect(plans.getByRole('alert')).toContainText('bilangan bulat')

    // Offline: the figures keep the last known plan, and the panel says editing needs the server.
    await supervisor.page.context().setOffline(true)
    await supervisor.page.getByRole('button', { name: 'Hitung ulang' }).click()
    await expect(plans.getByText('Mengubah rencana memerlukan koneksi')).toBeVisible()
    await expect(plans.getByRole('button', { name: 'Simpan rencana' })).toHaveCount(0)
    await expect(supervisor.page.getByTestId('tile-new')).toContainText('dari target 500')
    await supervisor.page.context().setOffline(false)

    const operator = await signIn(browser, 2, 'operator')
    await operator.page.keyboard.press('Alt+0')
    await expect(operator.page.getByTestId('tile-new')).toContainText('dari target 500')
    await openDashboardTab(operator.page, 'rencana')
    const operatorPlans = operator.page.getByTestId('plans-panel')
    await expect(
      operatorPlans.getByText('Hanya supervisor yang dapat mengubah rencana.'),
    ).toBeVisible()
    await expect(operatorPlans.getByRole('textbox')).toHaveCount(0)
    await expect(operatorPlans.getByRole('button', { name: 'Simpan rencana' })).toHaveCount(0)
  })
})
