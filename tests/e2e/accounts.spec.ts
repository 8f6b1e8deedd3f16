import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import type { AdminPage } from './pages/admin-page'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { startSyncServer, type SyncServer } from './support/sync-server'
import type { OfficeInfo } from '../../shared/sync/sync-protocol'
import type { AdminUserInfo, SecurityEventsResponse } from '../../shared/sync/admin-api'

/**
 * Accounts on a shared kecamatan PC, against one real central server (PGlite, its own process):
 * "Keluar" hands the PC to the next clerk without a reload, a clerk changes their own password,
 * and what an admin does to an account (deactivate, reset, unlock) reaches the PCs — online at
 * once, offline after the PC's next sync. Each PC is its own browser context.
 */

const PASSWORD = 'kata-sandi-kantor-1'

let server: SyncServer
let officeNumber = 0
const contexts: BrowserContext[] = []

test.beforeAll(async () => {
  test.setTimeout(60_000)
  server = await startSyncServer()
})

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined)
  await server?.close()
})

interface Office {
  office: OfficeInfo
  /** Operators of the office, all with PASSWORD. */
  clerks: { username: string; displayName: string }[]
}

/** A Tenggarong office with `clerkNames.length` operators. */
async function newOffice(...clerkNames: string[]): Promise<Office> {
  const number = ++officeNumber
  const office = await server.createKecamatanOffice('64.02.06', number)
  const clerks = clerkNames.map((displayName, index) => ({
    username: `petugas${number}${String.fromCharCode(97 + index)}`,
    displayName,
  }))
  for (const clerk of clerks) {
    await server.createUser({ officeId: office.id, ...clerk, role: 'operator', password: PASSWORD })
  }
  return { office, clerks }
}

/** A PC of `office`, enrolled through the UI, nobody signed in. */
async function newPc(browser: Browser, office: OfficeInfo, name: string) {
  const { code } = await server.createEnrolmentCode(office.id)
  const context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  })
  contexts.push(context)
  const app = new NaunganApp(await context.newPage())
  await app.enrol.connect(server.url, code, name)
  return { app, context }
}

/** Marks the page so a test can tell that no reload happened since. */
async function markPage(app: NaunganApp) {
  await app.page.evaluate(() => {
    ;(window as unknown as { notReloaded?: boolean }).notReloaded = true
  })
}

async function expectNotReloaded(app: NaunganApp) {
  expect(
    await app.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
  ).toBe(true)
}

/**
 * The app learns that the server ended a session at its next request. "Sinkronkan sekarang" makes
 * one now, unless a request of its own (the refresh, a change event) got there first.
 */
async function expectThrownToLogin(pc: { app: NaunganApp }, notice: string) {
  await expect(async () => {
    if (!(await pc.app.login.notice.isVisible())) {
      await pc.app.syncIndicator
        .getByRole('button', { name: 'Sinkronkan sekarang' })
        .click({ timeout: 2_000 })
        .catch(() => undefined)
    }
    await expect(pc.app.login.notice).toContainText(notice, { timeout: 3_000 })
  }).toPass({ timeout: 30_000 })
}

async function userNamed(username: string): Promise<AdminUserInfo> {
  const users = await server.adminApi<{ users: AdminUserInfo[] }>('GET', '/api/admin/users')
  const user = users.body.users.find((entry) => entry.username === username)
  if (!user) throw new Error(`no user ${username}`)
  return user
}

async function securityEvents(kind: string) {
  const answer = await server.adminApi<SecurityEventsResponse>(
    'GET',
    `/api/admin/security-events?limit=100&kind=${kind}`,
  )
  return answer.body.events
}

test('a clerk signs out with "Keluar" and the next clerk signs in on the same PC without a reload', async ({
  browser,
}) => {
  const { office, clerks } = await newOffice('Rina Loket', 'Sari Loket')
  const [rina, sari] = clerks as [Office['clerks'][0], Office['clerks'][0]]
  const pc = await newPc(browser, office, 'PC loket bersama')
  await markPage(pc.app)

  await pc.app.login.signIn(rina.username, PASSWORD)
  await expect(pc.app.account.region).toContainText('Rina Loket')
  await pc.app.account.signOutWithKeyboard()
  await expect(pc.app.login.notice).toContainText('Rina Loket sudah keluar')
  await expect(pc.app.account.region).toBeHidden()
  // The server ended Rina's session, not just this screen.
  const rinaId = (await userNamed(rina.username)).id
  await expect
    .poll(async () => (await securityEvents('session_ended')).map((event) => event.userId))
    .toContain(rinaId)

  await pc.app.login.signIn(sari.username, PASSWORD)
  await expect(pc.app.account.region).toContainText('Sari Loket')
  await expect(pc.app.page.getByRole('heading', { name: 'Pendaftaran peserta baru' })).toBeVisible()
  await expectNotReloaded(pc.app)
})

test('"Keluar" without a link signs out here at once and ends the server session when the link returns', async ({
  browser,
}) => {
  const { office, clerks } = await newOffice('Nina Loket')
  const nina = clerks[0]!
  const pc = await newPc(browser, office, 'PC loket Nina')
  await pc.app.login.signIn(nina.username, PASSWORD)
  const ninaId = (await userNamed(nina.username)).id
  const endedFor = async () =>
    (await securityEvents('session_ended')).filter((event) => event.userId === ninaId).length

  await pc.context.setOffline(true)
  await pc.app.expectSyncState('offline')
  await pc.app.account.signOutWithKeyboard()
  await expect(pc.app.login.notice).toContainText('Server belum dapat dihubungi')
  expect(await endedFor()).toBe(0)

  await pc.context.setOffline(false)
  await expect.poll(endedFor, { timeout: 15_000 }).toBe(1)
})

test('a clerk changes their own password; offline the new one works and the old one is refused', async ({
  browser,
}) => {
  const { office, clerks } = await newOffice('Tari Loket')
  const tari = clerks[0]!
  const pc = await newPc(browser, office, 'PC loket Tari')
  await pc.app.login.signIn(tari.username, PASSWORD)
  const newPassword = 'teh-manis-di-loket-7'

  let outcome = await pc.app.account.changePassword('bukan-kata-sandinya', newPassword)
  await expect(outcome).toHaveText('Kata sandi sekarang salah.')
  outcome = await pc.app.account.changePassword(PASSWORD, newPassword, 'teh-manis-di-loket-8')
  await expect(outcome).toHaveText('Kata sandi baru dan ulangannya tidak sama.')
  // The server's policy says in Indonesian why a password is refused.
  outcome = await pc.app.account.changePassword(PASSWORD, `${tari.username}123`)
  await expect(outcome).toContainText('Kata sandi baru ditolak:')
  outcome = await pc.app.account.changePassword(PASSWORD, newPassword)
  await expect(outcome).toContainText('Kata sandi sudah diganti.')
  await pc.app.account.closePasswordDialog()
  // Still signed in and syncing with the session that changed it.
  await pc.app.expectSyncState('synced')
  await pc.app.account.signOutWithKeyboard()

  await pc.context.setOffline(true)
  await pc.app.login.submit(tari.username, PASSWORD)
  await expect(pc.app.login.failure).toHaveText('Nama pengguna atau kata sandi salah.')
  await pc.app.login.signIn(tari.username, newPassword, 'offline')
  await expect(pc.app.syncIndicator).toContainText('masuk tanpa sambungan')
  await pc.context.setOffline(false)
  await pc.app.expectSyncState('synced')
})

test('a password changed on another PC ends the session here: back to login, no retry with the old password', async ({
  browser,
}) => {
  const { office, clerks } = await newOffice('Umi Loket')
  const umi = clerks[0]!
  const first = await newPc(browser, office, 'PC loket 1')
  const second = await newPc(browser, office, 'PC loket 2')
  await first.app.login.signIn(umi.username, PASSWORD)
  await second.app.login.signIn(umi.username, PASSWORD)
  const failuresBefore = (await securityEvents('login_failed')).length

  const outcome = await second.app.account.changePassword(PASSWORD, 'kopi-susu-pagi-hari-9')
  await expect(outcome).toContainText('Kata sandi sudah diganti.')

  // The first PC's next request meets 401 SESSION_ENDED.
  await expectThrownToLogin(first, 'Sesi Umi Loket sudah diakhiri')
  await first.app.expectSyncState('signed-out')
  await first.app.page.waitForTimeout(1_000)
  // The app did not try the old password on its own (each try would count towards the lock).
  expect(await securityEvents('login_failed')).toHaveLength(failuresBefore)
})

test('a clerk deactivated while signed in is sent to the login screen and refused offline', async ({
  browser,
}) => {
  const { office, clerks } = await newOffice('Vina Loket', 'Wati Loket')
  const [vina, wati] = clerks as [Office['clerks'][0], Office['clerks'][0]]
  const pc = await newPc(browser, office, 'PC loket Vina')
  await pc.app.login.signIn(vina.username, PASSWORD)

  const vinaId = (await userNamed(vina.username)).id
  const answer = await server.adminApi('POST', `/api/admin/users/${vinaId}/deactivate`)
  expect(answer.status).toBe(200)

  // Her next request meets 403 USER_INACTIVE: signed out, her verifier dropped at once.
  await expectThrownToLogin(pc, 'Akun Vina Loket sudah dinonaktifkan')
  await pc.context.setOffline(true)
  await pc.app.login.submit(vina.username, PASSWORD)
  await expect(pc.app.login.failure).toContainText('sudah dinonaktifkan')
  // Another clerk of the office still works offline.
  await pc.app.login.signIn(wati.username, PASSWORD, 'offline')
  await pc.context.setOffline(false)
})

const ADMIN = { username: 'admin-uji', password: 'kata-sandi-uji-123' }

/** The central admin signed in on a PC of the central office, on "Administrasi". */
async function openAdminScreen(browser: Browser): Promise<AdminPage> {
  const central = await server.centralOffice()
  const pc = await newPc(browser, central, `PC admin ${++officeNumber}`)
  await pc.app.login.signIn(ADMIN.username, ADMIN.password)
  await pc.app.admin.openByAddress()
  return pc.app.admin
}

test('an admin deactivates a clerk in the admin screen: her session ends and, once the PC syncs, she is refused offline', async ({
  browser,
}) => {
  const { office, clerks } = await newOffice('Xena Loket', 'Yuli Loket')
  const [xena, yuli] = clerks as [Office['clerks'][0], Office['clerks'][0]]
  // Xena works on the first PC; the second PC knows her from an earlier shift.
  const first = await newPc(browser, office, 'PC loket depan')
  const second = await newPc(browser, office, 'PC loket belakang')
  await second.app.login.signIn(xena.username, PASSWORD)
  await second.app.account.signOutWithKeyboard()
  await first.app.login.signIn(xena.username, PASSWORD)

  const admin = await openAdminScreen(browser)
  await admin.userAction(xena.username, 'Nonaktifkan').click()
  // Asked first, with the safe answer under the cursor; Esc keeps her active.
  await expect(admin.question).toContainText('Nonaktifkan Xena Loket')
  await expect(admin.question.getByRole('button', { name: 'Batal' })).toBeFocused()
  await admin.page.keyboard.press('Escape')
  await expect(admin.question).toHaveCount(0)
  await expect(admin.userStatus(xena.username)).toHaveText('aktif')
  await admin.userAction(xena.username, 'Nonaktifkan').click()
  await admin.question.getByRole('button', { name: 'Nonaktifkan', exact: true }).click()
  await expect(admin.page.getByText(`${xena.username} dinonaktifkan.`)).toBeVisible()
  await expect(admin.userStatus(xena.username)).toContainText('nonaktif sejak')
  await expect(admin.latestSecurityEvent('user_deactivated')).toContainText(
    'Pengguna dinonaktifkan',
  )

  // Her live session is thrown to the login screen at its next request.
  await expectThrownToLogin(first, 'Akun Xena Loket sudah dinonaktifkan')

  // The second PC syncs (Yuli signs in there), which withdraws Xena's verifier.
  await second.app.login.signIn(yuli.username, PASSWORD)
  await second.app.account.signOutWithKeyboard()
  await second.context.setOffline(true)
  await second.app.login.submit(xena.username, PASSWORD)
  await expect(second.app.login.failure).toHaveText(
    'Akun ini sudah dinonaktifkan. Hubungi admin kantor.',
  )
  await second.context.setOffline(false)

  // Reactivated, she signs in again with her old password.
  await admin.userAction(xena.username, 'Aktifkan lagi').click()
  await expect(admin.userStatus(xena.username)).toHaveText('aktif')
  await second.app.login.signIn(xena.username, PASSWORD)
})

test('an admin resets a clerk password: the policy is explained, her session ends, the new one works', async ({
  browser,
}) => {
  const { office, clerks } = await newOffice('Zahra Loket')
  const zahra = clerks[0]!
  const pc = await newPc(browser, office, 'PC loket Zahra')
  await pc.app.login.signIn(zahra.username, PASSWORD)

  const admin = await openAdminScreen(browser)
  await admin.userAction(zahra.username, 'Atur ulang kata sandi').click()
  const form = admin.passwordResetForm('Zahra Loket')
  const box = form.getByLabel(/Kata sandi baru untuk/)
  await expect(box).toBeFocused()
  await box.fill('password')
  await form.getByRole('button', { name: 'Simpan kata sandi' }).click()
  // The server's reason, in Indonesian; the form stays for another try.
  await expect(admin.outcome).toContainText('terlalu umum')
  await expect(form).toBeVisible()
  const newPassword = 'pisang-goreng-sore-4'
  await box.fill(newPassword)
  await form.getByRole('button', { name: 'Simpan kata sandi' }).click()
  await expect(
    admin.page.getByText(`Kata sandi ${zahra.username} sudah diatur ulang`),
  ).toBeVisible()
  await expect(form).toBeHidden()

  await expectThrownToLogin(pc, 'Sesi Zahra Loket sudah diakhiri')
  await pc.app.login.submit(zahra.username, PASSWORD)
  await expect(pc.app.login.failure).toHaveText('Nama pengguna atau kata sandi salah.')
  await pc.app.login.signIn(zahra.username, newPassword)
})

test('a locked account shows the lock, the admin sees it and unlocks it', async ({ browser }) => {
  const { office, clerks } = await newOffice('Ayu Loket')
  const ayu = clerks[0]!
  const pc = await newPc(browser, office, 'PC loket Ayu')
  for (let attempt = 1; attempt <= 5; attempt++) {
    await pc.app.login.submit(ayu.username, `salah-${attempt}-kali`)
    await expect(pc.app.login.failure).toBeVisible()
  }
  // Now even the right password is refused, with the server's reason and a way out.
  await pc.app.login.submit(ayu.username, PASSWORD)
  await expect(pc.app.login.failure).toContainText('dikunci sementara')
  await expect(pc.app.login.failure).toContainText('admin')
  await pc.app.expectSyncState('signed-out')

  const admin = await openAdminScreen(browser)
  await expect(admin.userStatus(ayu.username)).toContainText('dikunci sampai')
  await expect(admin.latestSecurityEvent('login_locked')).toBeVisible()
  await admin.userAction(ayu.username, 'Buka kunci').click()
  await expect(admin.userStatus(ayu.username)).toHaveText('aktif')

  await pc.app.login.signIn(ayu.username, PASSWORD)
})
