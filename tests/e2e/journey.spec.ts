import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import type { AdminPage, NewOffice } from './pages/admin-page'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { startServerFromCli, type CliServer } from './support/cli-server'
import { tenggarongWoman } from './support/people'

/**
 * A district goes live from zero: an empty server data folder and the README's `create-admin`
 * command are the only steps outside the app. From there, only the UI: the admin enrols their PC
 * with the printed code and creates the kecamatan office, three agency offices, a clerk, three
 * verifiers, a supervisor and a code per PC; each PC enrols and signs in; the clerk registers a
 * fisherwoman and submits her; two agencies confirm in the app; the third (DKP) has nobody in the
 * app yet, so the supervisor records its decision from its letter; the supervisor approves; the
 * clerk's PC shows "Disetujui". One browser context per PC, as many PCs as offices.
 */

const ADMIN = {
  username: 'admin-kukar',
  password: 'Mahakam-Tepian-2026',
  displayName: 'Andi Admin',
}
const PASSWORD = 'Loa-Ipuh-Sejahtera-26'
const SYNC_MS = 30_000

const AGENCIES = [
  {
    code: 'disdukcapil',
    officeCode: 'DUKCAPIL',
    label: 'Disdukcapil (identitas kependudukan)',
    heading: 'Antrean pemeriksaan — Disdukcapil (identitas kependudukan)',
  },
  {
    code: 'dinsos',
    officeCode: 'DINSOS',
    label: 'Dinas Sosial (DTKS / P3KE)',
    heading: 'Antrean pemeriksaan — Dinas Sosial (DTKS / P3KE)',
  },
  {
    code: 'dkp',
    officeCode: 'DKP',
    label: 'Dinas Kelautan dan Perikanan',
    heading: 'Antrean pemeriksaan — Dinas Kelautan dan Perikanan',
  },
] as const

let server: CliServer
const contexts: BrowserContext[] = []

test.beforeAll(async () => {
  test.setTimeout(90_000)
  server = await startServerFromCli(ADMIN)
})

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined)
  await server?.close()
})

async function newPc(
  browser: Browser,
  viewport = { width: 1366, height: 768 },
): Promise<NaunganApp> {
  const context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    viewport,
  })
  contexts.push(context)
  return new NaunganApp(await context.newPage())
}

/** Admin screen: one office, and its code in the office list. */
async function addOffice(admin: AdminPage, office: NewOffice, expectCode: string) {
  await admin.addOffice(office)
  await expect(admin.cell(expectCode, true)).toBeVisible()
}

/** Admin screen: one user with PASSWORD; the role list offers only what the office may have. */
async function addUser(
  admin: AdminPage,
  user: { office: string; username: string; displayName: string; role?: string },
) {
  await admin.addUser({
    ...user,
    role: user.role ? { label: user.role } : undefined,
    password: PASSWORD,
  })
  await expect(admin.cell(user.username, true)).toBeVisible()
}

/** Admin screen: a one-time code for an office's PC, read from the notice. */
async function codeFor(admin: AdminPage, officeLabel: string): Promise<string> {
  const feedback = await admin.requestCode(officeLabel)
  await expect(feedback).toContainText(officeLabel.split(' — ')[1]!)
  const code = await admin.codeIn(feedback)
  if (!code) throw new Error(`no code in: ${await feedback.textContent()}`)
  return code
}

test('a district goes live from an empty server to its first approved participant, through the app alone', async ({
  browser,
}) => {
  test.setTimeout(300_000)

  // ---- the admin's own PC, with the code create-admin printed (an office PC's 1024×768 screen)
  const admin = await newPc(browser, { width: 1024, height: 768 })
  await admin.enrol.connect(server.url, server.adminEnrolmentCode, 'PC admin Distransnaker')
  await admin.login.signIn(ADMIN.username, ADMIN.password)
  // An admin registers nobody: they land on Administrasi, not on the registration form.
  const screen = admin.admin
  await expect(screen.heading).toBeVisible()
  await expect(screen.officeTable.getByRole('columnheader', { name: 'Kode kantor' })).toBeVisible()

  await addOffice(
    screen,
    {
      kind: 'kecamatan',
      kecamatan: 'Tenggarong',
      number: '1',
      name: 'Kantor Kecamatan Tenggarong',
    },
    '06-01',
  )
  for (const agency of AGENCIES) {
    await addOffice(
      screen,
      {
        kind: 'agency',
        agencyLabel: agency.label,
        code: agency.officeCode,
        name: `Kantor ${agency.label}`,
      },
      agency.officeCode,
    )
  }

  await addUser(screen, {
    office: '06-01 — Kantor Kecamatan Tenggarong',
    username: 'rina',
    displayName: 'Rina Petugas',
    role: 'Operator',
  })
  // DKP's office exists, but nobody there uses the app yet.
  for (const agency of AGENCIES.filter((entry) => entry.code !== 'dkp')) {
    const office = `${agency.officeCode} — Kantor ${agency.label}`
    await screen.userOffice.selectOption({ label: office })
    // An agency office has verifiers and nothing else.
    await expect(screen.roleChoices).toHaveText(['Verifikator instansi'])
    await addUser(screen, {
      office,
      username: `verif-${agency.code}`,
      displayName: `Verifikator ${agency.officeCode}`,
    })
  }
  const pusat = (await screen.userOffice.locator('option', { hasText: 'PUSAT' }).textContent())!
  await addUser(screen, {
    office: pusat,
    username: 'sari',
    displayName: 'Sari Supervisor',
    role: 'Supervisor',
  })

  const codes = {
    clerk: await codeFor(screen, '06-01 — Kantor Kecamatan Tenggarong'),
    supervisor: await codeFor(screen, pusat),
    agencies: [] as string[],
  }
  const inApp = AGENCIES.filter((entry) => entry.code !== 'dkp')
  for (const agency of inApp) {
    codes.agencies.push(await codeFor(screen, `${agency.officeCode} — Kantor ${agency.label}`))
  }

  // ---- every other PC enrols with its code and its user signs in
  const clerk = await newPc(browser)
  await clerk.enrol.connect(server.url, codes.clerk, 'PC loket Tenggarong')
  await clerk.login.signIn('rina', PASSWORD)
  const verifiers: NaunganApp[] = []
  for (const [index, agency] of inApp.entries()) {
    const desk = await newPc(browser)
    await desk.enrol.connect(server.url, codes.agencies[index]!, `PC ${agency.officeCode}`)
    await desk.login.signIn(`verif-${agency.code}`, PASSWORD)
    // Verifiers land on their queue.
    await expect(desk.page.getByRole('heading', { name: agency.heading, level: 1 })).toBeVisible()
    verifiers.push(desk)
  }
  const supervisor = await newPc(browser)
  await supervisor.enrol.connect(server.url, codes.supervisor, 'PC supervisor Distransnaker')
  await supervisor.login.signIn('sari', PASSWORD)

  // ---- the clerk registers a fisherwoman and submits her
  const person = { ...tenggarongWoman(2, 'Nur Hasanah'), occupation: 'Nelayan' }
  await clerk.registration.register(person)
  await clerk.participants.openParticipant(person.fullName)
  await clerk.page
    .getByTestId('workflow')
    .getByRole('button', { name: 'Ajukan', exact: true })
    .click()
  await expect(clerk.participant.workflowStatus).toHaveText('Status: Diajukan')
  await expect(clerk.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })

  // ---- each agency in the app confirms from its own queue
  for (const [index, agency] of inApp.entries()) {
    const desk = verifiers[index]!
    await desk.queue.open(agency.heading)
    await desk.queue.highlight(person.fullName, SYNC_MS)
    await desk.page.keyboard.press('Space')
    await desk.page.keyboard.press('k')
    await expect(desk.queue.feedback).toContainText('1 data dikonfirmasi.')
    await expect(desk.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })
  }

  // ---- DKP answered by letter: the supervisor records its decision on its behalf
  await supervisor.queue.open('Persetujuan supervisor')
  const row = supervisor.queue.row(person.fullName)
  for (const agency of inApp) {
    await expect(row.locator(`[data-agency="${agency.code}"]`)).toHaveText('✓ dikonfirmasi', {
      timeout: SYNC_MS,
    })
  }
  await supervisor.queue.highlight(person.fullName)
  await supervisor.page.keyboard.press('Enter')
  const panel = supervisor.page.getByTestId('side-by-side')
  await panel.getByRole('button', { name: 'Catat keputusan instansi dari surat…' }).click()
  await expect(panel.getByLabel('Instansi', { exact: true })).toHaveValue('dkp')
  await panel.getByRole('button', { name: 'Simpan keputusan instansi' }).click()
  // Without the letter it is refused: a decision on an agency's behalf must be traceable.
  await expect(panel.getByRole('alert')).toContainText('nomor dan tanggal surat instansi')
  await panel
    .getByLabel('Nomor dan tanggal surat instansi')
    .fill('523/88/DKP/2026, 1 Desember 2026')
  await panel.getByRole('button', { name: 'Simpan keputusan instansi' }).click()
  await expect(supervisor.queue.feedback).toContainText('1 keputusan instansi dicatat dari surat.')
  await expect(panel.getByTestId('check-on-behalf')).toContainText(
    'dicatat atas nama instansi oleh Sari Supervisor',
  )
  await expect(panel.getByTestId('check-on-behalf')).toContainText('523/88/DKP/2026')
  await supervisor.page.keyboard.press('Escape')

  // ---- the supervisor approves
  for (const agency of AGENCIES) {
    await expect(row.locator(`[data-agency="${agency.code}"]`)).toHaveText('✓ dikonfirmasi', {
      timeout: SYNC_MS,
    })
  }
  await supervisor.queue.highlight(person.fullName)
  await supervisor.page.keyboard.press('s')
  await expect(supervisor.queue.feedback).toContainText('1 data disetujui.')

  // ---- and the clerk's PC shows it, by sync alone
  await expect(clerk.participant.workflowStatus).toHaveText('Status: Disetujui', {
    timeout: SYNC_MS,
  })
  await expect(clerk.page.getByTestId('workflow-review')).toContainText(
    'Disetujui oleh Sari Supervisor',
  )
  // The clerk reads whose decision DKP's was, and where it is written down.
  await expect(clerk.page.getByTestId('check-on-behalf')).toContainText(
    'dicatat atas nama instansi oleh Sari Supervisor',
  )
})
