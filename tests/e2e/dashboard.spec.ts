import { readFile } from 'node:fs/promises'
import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { BUDI, SITI } from './support/people'
import { pdfFileOf, pdfPages, pdfText, renderPages } from '../support/pdf-tools'
import { APP_URL } from './support/chromium'
import { startSyncServer, type SyncServer } from './support/sync-server'

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

  const dashboard = app.dashboard
  await dashboard.open()
  await expect(dashboard.headline).toBeVisible()

  // No one is covered by Naungan yet: the active total is the district baseline (35.440).
  await expect(dashboard.tileValue('active')).toHaveText('35.440')
  await expect(dashboard.tileValue('new')).toHaveText('0')
  await expect(dashboard.tileValue('approved')).toHaveText('0')
  await expect(dashboard.tileValue('waiting')).toHaveText('0')
  await expect(dashboard.tile('waiting')).toContainText('0 dikembalikan, 2 draf, 2 data')
  // Standalone: the target is district.json's (13.000 for this year).
  await expect(dashboard.tile('new')).toContainText('dari target 13.000')

  // Kecamatan: Registered | Active | New | Target | %.
  expect(await dashboard.tableRow('kecamatan', 'Tenggarong')).toBe('Tenggarong|1|0|0|–|–')
  expect(await dashboard.tableRow('kecamatan', 'Anggana')).toBe('Anggana|1|0|0|–|–')
  expect(await dashboard.tableRow('kecamatan', 'Muara Muntai')).toBe('Muara Muntai|0|0|0|–|–')

  // Villages of the chosen kecamatan.
  await dashboard.openTab('desa')
  await dashboard.chooseKecamatan('Tenggarong')
  await expect(dashboard.panel('desa').getByRole('heading')).toContainText('Tenggarong')
  expect(await dashboard.tableRow('desa-64.02.06', 'Loa Ipuh')).toBe('Loa Ipuh|1|0|0')

  expect(await dashboard.tableRow('pekerjaan', 'Nelayan')).toBe('Nelayan|1|0')
  expect(await dashboard.tableRow('pekerjaan', 'Pedagang kecil / kaki lima')).toBe(
    'Pedagang kecil / kaki lima|1|0',
  )
  expect(await dashboard.tableRow('jenis-kelamin-umur', '35–44')).toBe('35–44|1|1|2')
  expect(await dashboard.tableRow('jenis-kelamin-umur', '18–24')).toBe('18–24|0|0|0')
  expect(await dashboard.tableRow('alur-verifikasi', 'Diajukan')).toBe('Diajukan|0')
  const weekly = dashboard.weeklyRows
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
  await dashboard.openTab('kecamatan')
  const xlsx = await dashboard.exportXlsx('kecamatan')
  expect(xlsx.suggestedFilename()).toMatch(/^dasbor-kecamatan-\d{4}\.xlsx$/)
  const xlsxBytes = await readFile((await xlsx.path()) ?? '')
  expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK')

  // The PDF report.
  const download = await dashboard.downloadPdfReport()
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

test('after a restart the dashboard counts from its saved copy and what was registered since', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const app = new NaunganApp(page)
  await app.open()
  await app.settings.setUpOffice()
  await app.registration.register(SITI)
  const dashboard = app.dashboard
  await dashboard.open()
  await expect(dashboard.tile('waiting')).toContainText('0 dikembalikan, 1 draf, 1 data')
  // The copy is saved for the next start once the figures are out: wait until it is stored.
  await expect
    .poll(() => page.evaluate(savedDashboardCopies), { timeout: 15_000 })
    .toBeGreaterThan(0)

  // Budi is registered after that save; then the app starts again (a reload opens the store anew).
  await app.registration.register(BUDI)
  await app.open()
  await dashboard.open()
  await expect(dashboard.tile('waiting')).toContainText('0 dikembalikan, 2 draf, 2 data')
  expect(await dashboard.tableRow('kecamatan', 'Tenggarong')).toBe('Tenggarong|1|0|0|–|–')
  expect(await dashboard.tableRow('kecamatan', 'Anggana')).toBe('Anggana|1|0|0|–|–')
  expect(await dashboard.tableRow('pekerjaan', 'Nelayan')).toBe('Nelayan|1|0')
})

/** In the page: how many saved dashboard copies the store's local documents hold (0 or 1). */
async function savedDashboardCopies(): Promise<number> {
  const names = (await indexedDB.databases()).map((entry) => entry.name ?? '')
  const name = names.find((entry) => entry.endsWith('--0--plugin-local-documents-'))
  if (!name) return 0
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('open failed'))
  })
  try {
    return await new Promise<number>((resolve, reject) => {
      const request = db
        .transaction('docs', 'readonly')
        .objectStore('docs')
        .count('dashboard-records-snapshot')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error ?? new Error('count failed'))
    })
  } finally {
    db.close()
  }
}

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
    const dashboard = supervisor.dashboard
    await dashboard.open()
    // The plan has a tab of its own; the headline tiles stay above every tab.
    await dashboard.openTab('rencana')
    const plans = dashboard.plans
    await expect(plans.getByText('Belum ada rencana tersimpan')).toBeVisible()
    await dashboard.planField('Kabupaten (total): Target peserta baru').fill('500')
    await dashboard.planField('Kabupaten (total): Pagu APBD (Rp)').fill('1.000.000.000')
    await dashboard.planField('Tenggarong: Target peserta baru').fill('40')
    await dashboard.savePlanButton.click()
    await expect(plans.getByText('Rencana tersimpan.')).toBeVisible()
    await expect(dashboard.tile('new')).toContainText('dari target 500')
    await expect(dashboard.tile('new')).toContainText('target dari rencana tahunan')
    expect(await dashboard.tableRow('kecamatan', 'Tenggarong')).toBe('Tenggarong|0|0|0|40|0%')
    // A kecamatan left blank gets no plan: no target of 0, just none.
    expect(await dashboard.tableRow('kecamatan', 'Muara Muntai')).toBe('Muara Muntai|0|0|0|–|–')
    await dashboard.openTab('rencana')
    await expect(dashboard.planField('Muara Muntai: Target peserta baru')).toHaveValue('')
    await dashboard.openTab('anggaran')
    await expect(dashboard.table('anggaran')).toContainText('Rp1.000.000.000')

    // A bad value is explained before anything is sent.
    await dashboard.openTab('rencana')
    await dashboard.planField('Tenggarong: Target peserta baru').fill('-3')
    await dashboard.savePlanButton.click()
    await expect(plans.getByRole('alert')).toContainText('bilangan bulat')

    // Offline: the figures keep the last known plan, and the panel says editing needs the server.
    await supervisor.page.context().setOffline(true)
    await dashboard.recount()
    await expect(plans.getByText('Mengubah rencana memerlukan koneksi')).toBeVisible()
    await expect(dashboard.savePlanButton).toHaveCount(0)
    await expect(dashboard.tile('new')).toContainText('dari target 500')
    await supervisor.page.context().setOffline(false)

    const operator = await signIn(browser, 2, 'operator')
    await operator.dashboard.open()
    await expect(operator.dashboard.tile('new')).toContainText('dari target 500')
    await operator.dashboard.openTab('rencana')
    const operatorPlans = operator.dashboard.plans
    await expect(
      operatorPlans.getByText('Hanya supervisor yang dapat mengubah rencana.'),
    ).toBeVisible()
    await expect(operatorPlans.getByRole('textbox')).toHaveCount(0)
    await expect(operator.dashboard.savePlanButton).toHaveCount(0)
  })
})
