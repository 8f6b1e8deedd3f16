import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import type { OfficeInfo } from '../../shared/sync/sync-protocol'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { tenggarongWoman, type Walkin } from './support/people'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * Issue 13, item 9: checking identity is Disdukcapil's job, so its verifier may see the full NIK
 * of a candidate it checks, each time recorded in the person's history (UU PDP); a sector agency
 * never sees it. One real central server (PGlite, own process); a Tenggarong clerk and the
 * Disdukcapil and DKP verifiers, each in their own browser context, enrolled through the UI.
 */

const PASSWORD = 'kata-sandi-periksa-1'
const SYNC_MS = 30_000
const DUKCAPIL_QUEUE = 'Antrean pemeriksaan — Disdukcapil (identitas kependudukan)'
const DKP_QUEUE = 'Antrean pemeriksaan — Dinas Kelautan dan Perikanan'

interface Desk {
  app: NaunganApp
  context: BrowserContext
}

let server: SyncServer
let clerk: Desk
let dukcapil: Desk
let dkp: Desk
const contexts: BrowserContext[] = []

test.describe.configure({ mode: 'serial' })

async function openDesk(
  browser: Browser,
  office: OfficeInfo,
  user: { username: string; displayName: string; role: 'operator' | 'verifier' },
): Promise<Desk> {
  await server.createUser({ officeId: office.id, password: PASSWORD, ...user })
  const { code } = await server.createEnrolmentCode(office.id)
  const context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  })
  contexts.push(context)
  const app = new NaunganApp(await context.newPage())
  await app.enrol.connect(server.url, code, `PC ${user.displayName}`)
  await app.login.signIn(user.username, PASSWORD)
  return { app, context }
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000)
  server = await startSyncServer()
  clerk = await openDesk(browser, await server.createKecamatanOffice('64.02.06', 1), {
    username: 'petugas-tgr',
    displayName: 'Rina Petugas',
    role: 'operator',
  })
  dukcapil = await openDesk(browser, await server.createAgencyOffice('disdukcapil'), {
    username: 'verifikator-dukcapil',
    displayName: 'Dewi Dukcapil',
    role: 'verifier',
  })
  dkp = await openDesk(browser, await server.createAgencyOffice('dkp'), {
    username: 'verifikator-dkp',
    displayName: 'Bayu Perikanan',
    role: 'verifier',
  })
})

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined)
  await server?.close()
})

/** The clerk registers `person` (a nelayan: Disdukcapil, Dinsos, DKP check) and submits. */
async function registerAndSubmit(person: Walkin): Promise<void> {
  const { app } = clerk
  await app.registration.register(person)
  await app.participants.openParticipant(person.fullName)
  await app.page
    .getByTestId('workflow')
    .getByRole('button', { name: 'Ajukan', exact: true })
    .click()
  await expect(app.participant.workflowStatus).toHaveText('Status: Diajukan')
  await expect(app.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })
}

test('the Disdukcapil verifier reveals a NIK, DKP cannot, and the clerk sees the reveal in the history', async () => {
  test.setTimeout(120_000)
  const person: Walkin = { ...tenggarongWoman(7, 'Rahma Wulandari'), occupation: 'Nelayan' }
  const masked = `${person.nik.slice(0, 6)}******${person.nik.slice(12)}`
  await registerAndSubmit(person)

  // Disdukcapil opens the candidate beside its check: the NIK is masked until asked for.
  const verifier = dukcapil.app
  await verifier.queue.open(DUKCAPIL_QUEUE)
  await verifier.queue.highlight(person.fullName, SYNC_MS)
  await verifier.page.keyboard.press('Enter')
  const entry = verifier.page.getByTestId('side-by-side').getByTestId('clerk-entry')
  await expect(entry.getByTestId('nik-value')).toHaveText(masked)
  await expect(entry).not.toContainText(person.nik)
  await expect(entry).toContainText('dicatat di riwayat peserta')

  // With the keyboard: the button takes focus, Enter reveals.
  const show = entry.getByRole('button', { name: 'Tampilkan NIK' })
  await show.focus()
  await expect(show).toBeFocused()
  await verifier.page.keyboard.press('Enter')
  await expect(entry.getByTestId('nik-value')).toHaveText(person.nik)
  // Hidden again on request; the next candidate would start masked.
  await entry.getByRole('button', { name: 'Sembunyikan NIK' }).click()
  await expect(entry.getByTestId('nik-value')).toHaveText(masked)
  await expect(entry.getByRole('button', { name: 'Tampilkan NIK' })).toBeVisible()

  // DKP checks the same person for its sector: masked, and no button at all.
  await dkp.app.queue.open(DKP_QUEUE)
  await dkp.app.queue.highlight(person.fullName, SYNC_MS)
  await dkp.app.page.keyboard.press('Enter')
  const dkpEntry = dkp.app.page.getByTestId('side-by-side').getByTestId('clerk-entry')
  await expect(dkpEntry).toContainText(masked)
  await expect(dkpEntry).not.toContainText(person.nik)
  await expect(dkpEntry.getByRole('button', { name: 'Tampilkan NIK' })).toHaveCount(0)

  // On the clerk's PC, the person's page shows the reveal once synced: who, which agency, and
  // never the digits.
  const { app } = clerk
  const revealed = app.page.locator('[data-testid="history-entry"][data-kind="revealed"]')
  await expect(revealed).toHaveCount(1, { timeout: SYNC_MS })
  await expect(revealed).toContainText('NIK ditampilkan')
  await expect(revealed).toContainText(
    'NIK ditampilkan kepada Verifikator Dewi Dukcapil (Disdukcapil)',
  )
  await expect(revealed).toContainText('verifikator instansi')
  await expect(app.page.getByTestId('participant-history')).not.toContainText(person.nik)
})
