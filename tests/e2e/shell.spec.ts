import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import type { OfficeInfo, Role } from '../../shared/sync/sync-protocol'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * The shell on an office PC's screen, for each kind of user: at 1024×768 and 1366×768 every
 * screen of their menu opens with its title in the first view and no sideways scroll, the menu
 * lists only their screens, and a screen that is not theirs says so instead of breaking.
 */

const PASSWORD = 'kata-sandi-shell-1'
const ADMIN = { username: 'admin-uji', password: 'kata-sandi-uji-123' }
const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
]

/** Menu label → address. */
const SCREEN = {
  Pendaftaran: '#/daftar',
  'Impor daftar': '#/impor',
  'Daftar Peserta': '#/peserta',
  'Kematian peserta': '#/kematian',
  'Klaim ahli waris': '#/klaim',
  'Verifikasi ulang tahunan': '#/verifikasi-ulang',
  Pemeriksaan: '#/pemeriksaan',
  'Kepesertaan BPJS': '#/kepesertaan',
  'Tagihan & iuran': '#/tagihan',
  'Cetak Kartu & Stiker': '#/cetak',
  'Verifikasi Kartu': '#/verifikasi',
  Dasbor: '#/dasbor',
  'Riwayat perubahan (audit)': '#/audit',
  Administrasi: '#/admin',
  Pengaturan: '#/pengaturan',
  'Masalah sinkronisasi': '#/sinkronisasi',
} as const
type Label = keyof typeof SCREEN

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

async function newApp(browser: Browser): Promise<NaunganApp> {
  const context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  })
  contexts.push(context)
  return new NaunganApp(await context.newPage())
}

/** A PC of `office`, enrolled and signed in through the UI as `username`. */
async function signedIn(
  browser: Browser,
  office: OfficeInfo,
  user: { username: string; password: string; role?: Role },
): Promise<NaunganApp> {
  if (user.role) {
    await server.createUser({
      officeId: office.id,
      username: user.username,
      displayName: `Uji ${user.username}`,
      role: user.role,
      password: user.password,
    })
  }
  const { code } = await server.createEnrolmentCode(office.id)
  const app = await newApp(browser)
  await app.enrol.connect(server.url, code, `PC ${user.username}`)
  await app.login.signIn(user.username, user.password)
  return app
}

/** The checks of this spec for one user: menu, every screen at both sizes, one refusal. */
async function expectShellFits(
  app: NaunganApp,
  menu: Label[],
  forbidden: { hash: string; screen: string },
) {
  await expect(app.mainMenu).toBeVisible()
  expect(await app.mainMenuLabels()).toEqual(menu)
  for (const viewport of VIEWPORTS) {
    await app.page.setViewportSize(viewport)
    for (const label of menu) {
      const what = `${label} at ${viewport.width}×${viewport.height}`
      await app.goToHash(SCREEN[label])
      await expect(app.mainMenu.getByRole('link', { name: label })).toHaveAttribute(
        'aria-current',
        'page',
      )
      await app.page.evaluate(() => window.scrollTo(0, 0))
      const title = app.page.locator('main h1').first()
      await expect(title, what).toBeVisible({ timeout: 20_000 })
      await app.expectInViewport(title)
      await app.expectNoSideScroll(what)
      await expect(app.refusal).toHaveCount(0)
    }
  }
  // A typed address of a screen that is not theirs.
  await app.goToHash(forbidden.hash)
  await expect(app.refusal.getByRole('heading', { level: 1 })).toHaveText(
    'Layar ini bukan untuk peran Anda',
  )
  await expect(app.refusal).toContainText(`“${forbidden.screen}”`)
  await app.expectNoSideScroll(`refusal of ${forbidden.hash}`)
}

test('a standalone clerk keeps every screen of a PC without a server', async ({ browser }) => {
  const app = await newApp(browser)
  await app.open('/')
  await app.settings.setUpOffice()
  await expectShellFits(
    app,
    [
      'Pendaftaran',
      'Impor daftar',
      'Daftar Peserta',
      'Kematian peserta',
      'Klaim ahli waris',
      'Verifikasi ulang tahunan',
      'Cetak Kartu & Stiker',
      'Verifikasi Kartu',
      'Dasbor',
      'Pengaturan',
    ],
    { hash: '#/admin', screen: 'Administrasi' },
  )
  await expect(app.refusal).toContainText('belum terhubung ke server')
})

test('a kecamatan clerk registers, prints and checks cards', async ({ browser }) => {
  const office = await server.createKecamatanOffice('64.02.06', 1)
  const app = await signedIn(browser, office, {
    username: 'petugas-shell',
    password: PASSWORD,
    role: 'operator',
  })
  await expect(app.page.getByRole('heading', { name: 'Pendaftaran peserta baru' })).toBeVisible()
  await expectShellFits(
    app,
    [
      'Pendaftaran',
      'Impor daftar',
      'Daftar Peserta',
      'Kematian peserta',
      'Klaim ahli waris',
      'Verifikasi ulang tahunan',
      'Cetak Kartu & Stiker',
      'Verifikasi Kartu',
      'Dasbor',
      'Pengaturan',
      'Masalah sinkronisasi',
    ],
    { hash: '#/audit', screen: 'Riwayat perubahan (audit)' },
  )
  await expect(app.refusal).toContainText('Petugas pendaftaran')
  // A shortcut to a screen not theirs says the same, and offers the way back.
  await app.page.keyboard.press('Alt+5')
  await expect(app.refusal).toContainText('“Administrasi”')
  await app.refusal.getByRole('link', { name: 'Ke layar utama Anda: Pendaftaran' }).click()
  await expect(app.page.getByRole('heading', { name: 'Pendaftaran peserta baru' })).toBeVisible()
})

test('an agency verifier works from the checks queue', async ({ browser }) => {
  const office = await server.createAgencyOffice('disdukcapil')
  const app = await signedIn(browser, office, {
    username: 'verifikator-shell',
    password: PASSWORD,
    role: 'verifier',
  })
  await expect(app.page).toHaveURL(/#\/pemeriksaan$/)
  await expectShellFits(
    app,
    [
      'Impor daftar',
      'Daftar Peserta',
      'Verifikasi ulang tahunan',
      'Pemeriksaan',
      'Verifikasi Kartu',
      'Dasbor',
      'Pengaturan',
      'Masalah sinkronisasi',
    ],
    { hash: '#/daftar', screen: 'Pendaftaran' },
  )
})

test('a central supervisor approves, enrols with BPJS and reads the history', async ({
  browser,
}) => {
  const app = await signedIn(browser, await server.centralOffice(), {
    username: 'supervisor-shell',
    password: PASSWORD,
    role: 'supervisor',
  })
  await expect(app.page).toHaveURL(/#\/pemeriksaan$/)
  await expectShellFits(
    app,
    [
      'Impor daftar',
      'Daftar Peserta',
      'Kematian peserta',
      'Klaim ahli waris',
      'Verifikasi ulang tahunan',
      'Pemeriksaan',
      'Kepesertaan BPJS',
      'Tagihan & iuran',
      'Cetak Kartu & Stiker',
      'Verifikasi Kartu',
      'Dasbor',
      'Riwayat perubahan (audit)',
      'Pengaturan',
      'Masalah sinkronisasi',
    ],
    { hash: '#/admin', screen: 'Administrasi' },
  )
})

test('the central admin lands on Administrasi', async ({ browser }) => {
  const app = await signedIn(browser, await server.centralOffice(), ADMIN)
  await expect(app.admin.heading).toBeVisible()
  await expectShellFits(
    app,
    [
      'Impor daftar',
      'Daftar Peserta',
      'Kematian peserta',
      'Klaim ahli waris',
      'Verifikasi ulang tahunan',
      'Pemeriksaan',
      'Kepesertaan BPJS',
      'Tagihan & iuran',
      'Verifikasi Kartu',
      'Dasbor',
      'Riwayat perubahan (audit)',
      'Administrasi',
      'Pengaturan',
      'Masalah sinkronisasi',
    ],
    { hash: '#/cetak', screen: 'Cetak Kartu & Stiker' },
  )
})
