import type { Browser, BrowserContext } from '@playwright/test'
import { NaunganApp } from '../pages/naungan-app'
import { APP_URL } from './chromium'
import type { OfficeInfo } from '../../../shared/sync/sync-protocol'
import type { SyncServer } from './sync-server'

/**
 * A supervisor of the Tenggarong office (64.02.06, office 01) on a PC of their own: the user is
 * created on `server`, a fresh browser context (Indonesian, Asia/Makassar) is enrolled with an
 * enrolment code and signed in through the UI. The caller closes `context`; `office` is the
 * Tenggarong office, for seeding its records.
 */
/**
 * Another PC of an office already created: a user of `role` is created there, and a fresh
 * browser context (Indonesian, Asia/Makassar) is enrolled and signed in through the UI.
 */
export async function pcOfOffice(
  browser: Browser,
  server: SyncServer,
  office: OfficeInfo,
  user: {
    username: string
    password: string
    displayName: string
    role: 'operator' | 'supervisor' | 'verifier'
  },
  deviceName: string,
  /** Where the app under test is served: another district's build has its own address. */
  appUrl: string = APP_URL,
): Promise<{ context: BrowserContext; app: NaunganApp }> {
  await server.createUser({
    officeId: office.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    password: user.password,
  })
  const { code } = await server.createEnrolmentCode(office.id)
  const context = await browser.newContext({
    baseURL: appUrl,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    acceptDownloads: true,
  })
  const app = new NaunganApp(await context.newPage())
  await app.enrol.connect(server.url, code, deviceName)
  await app.login.signIn(user.username, user.password)
  return { context, app }
}

export async function supervisorPcAtTenggarong(
  browser: Browser,
  server: SyncServer,
  user: { username: string; password: string },
): Promise<{ context: BrowserContext; app: NaunganApp; office: OfficeInfo }> {
  const tenggarong = await server.createKecamatanOffice('64.02.06', 1)
  await server.createUser({
    officeId: tenggarong.id,
    username: user.username,
    displayName: 'Sari Supervisor',
    role: 'supervisor',
    password: user.password,
  })
  const { code } = await server.createEnrolmentCode(tenggarong.id)
  const context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  })
  const app = new NaunganApp(await context.newPage())
  await app.enrol.connect(server.url, code, 'PC Supervisor Tenggarong')
  await app.login.signIn(user.username, user.password)
  return { context, app, office: tenggarong }
}
