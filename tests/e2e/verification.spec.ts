import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import type { OfficeInfo, ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { tenggarongWoman, type Walkin } from './support/people'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * Cross-agency verification against one real central server (PGlite, its own process): a clerk in
 * Tenggarong, verifiers of Disdukcapil, Dinas Sosial and DKP, and a Distransnaker supervisor, each
 * in their own browser context (own IndexedDB store and keychain), enrolled and signed in through
 * the UI. Decisions travel only by sync; nobody clicks "Sinkronkan sekarang".
 */

const PASSWORD = 'kata-sandi-periksa-1'
/** Generous for a link on 127.0.0.1, still bounded. */
const SYNC_MS = 30_000

const AGENCIES = [
  { code: 'disdukcapil', heading: 'Antrean pemeriksaan — Disdukcapil (identitas kependudukan)' },
  { code: 'dinsos', heading: 'Antrean pemeriksaan — Dinas Sosial (DTKS / P3KE)' },
  { code: 'dkp', heading: 'Antrean pemeriksaan — Dinas Kelautan dan Perikanan' },
] as const
type AgencyCode = (typeof AGENCIES)[number]['code']

const VERIFIER_CANNOT_EDIT =
  'Verifikator instansi hanya boleh mengisi hasil pemeriksaan instansinya, bukan mengubah data peserta.'

interface Desk {
  app: NaunganApp
  context: BrowserContext
  office: OfficeInfo
}

let server: SyncServer
let clerk: Desk
let supervisor: Desk
const verifiers = {} as Record<AgencyCode, Desk>
const contexts: BrowserContext[] = []

test.describe.configure({ mode: 'serial' })

/** A user of `office` with `role`, on a PC of that office enrolled and signed in through the UI. */
async function openDesk(
  browser: Browser,
  office: OfficeInfo,
  user: { username: string; displayName: string; role: 'operator' | 'verifier' | 'supervisor' },
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
  return { app, context, office }
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000)
  server = await startSyncServer()
  const kantor = await server.createKecamatanOffice('64.02.06', 1)
  clerk = await openDesk(browser, kantor, {
    username: 'petugas-tgr',
    displayName: 'Rina Petugas',
    role: 'operator',
  })
  for (const { code } of AGENCIES) {
    const office = await server.createAgencyOffice(code)
    verifiers[code] = await openDesk(browser, office, {
      username: `verifikator-${code}`,
      displayName: `Verifikator ${code.toUpperCase()}`,
      role: 'verifier',
    })
  }
  supervisor = await openDesk(browser, await server.centralOffice(), {
    username: 'supervisor-pusat',
    displayName: 'Sari Supervisor',
    role: 'supervisor',
  })
})

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined)
  await server?.close()
})

/** A fisherwoman from Tenggarong: nelayan needs Disdukcapil, Dinas Sosial and DKP. */
function fisherwoman(serial: number, fullName: string): Walkin {
  return { ...tenggarongWoman(serial, fullName), occupation: 'Nelayan' }
}

/** The clerk registers `person` and submits them from their page; returns the record's id. */
async function registerAndSubmit(person: Walkin): Promise<string> {
  const { app } = clerk
  await app.registration.register(person)
  await app.participants.openParticipant(person.fullName)
  const workflow = app.page.getByTestId('workflow')
  await expect(workflow).toContainText(
    'Belum diajukan. Instansi yang akan memeriksa: Disdukcapil (identitas kependudukan), Dinas Sosial (DTKS / P3KE), Dinas Kelautan dan Perikanan.',
  )
  await workflow.getByRole('button', { name: 'Ajukan', exact: true }).click()
  await expect(app.participant.workflowStatus).toHaveText('Status: Diajukan')
  for (const { code } of AGENCIES) {
    await expect(app.participant.workflowCheck(code)).toHaveAttribute('data-state', 'pending')
  }
  await expect(app.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })
  return app.participant.idInUrl()
}

/** A verifier confirms `fullName` from their queue with the keyboard: ↑/↓, Space, K. */
async function confirmWithKeyboard(agency: AgencyCode, fullName: string) {
  const { app } = verifiers[agency]
  await app.queue.open(AGENCIES.find((entry) => entry.code === agency)!.heading)
  await app.queue.highlight(fullName, SYNC_MS)
  await app.page.keyboard.press('Space')
  await expect(app.queue.row(fullName)).toHaveAttribute('aria-selected', 'true')
  await app.page.keyboard.press('k')
  await expect(app.queue.feedback).toContainText('1 data dikonfirmasi.')
  // Decided: it leaves the queue of pending checks, and the decision reaches the server.
  await expect(app.queue.row(fullName)).toHaveCount(0)
  await expect(app.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })
}

async function serverCopy(id: string): Promise<ParticipantWireDocument> {
  const documents = await server.pullAll<ParticipantWireDocument>()
  const found = documents.find((doc) => doc.id === id)
  if (!found) throw new Error(`${id} is not on the server`)
  return found
}

test('a clerk submits, three agencies confirm in their own sessions (one offline), the supervisor approves', async () => {
  test.setTimeout(120_000)
  const person = fisherwoman(2, 'Nur Hasanah')
  const id = await registerAndSubmit(person)

  await confirmWithKeyboard('disdukcapil', person.fullName)
  await confirmWithKeyboard('dinsos', person.fullName)

  // DKP looks at what the clerk entered beside the other agencies' checks, then confirms there.
  const dkp = verifiers.dkp.app
  await dkp.queue.open(AGENCIES[2].heading)
  await dkp.queue.highlight(person.fullName, SYNC_MS)
  await dkp.page.keyboard.press('Enter')
  const panel = dkp.page.getByTestId('side-by-side')
  await expect(panel.getByTestId('clerk-entry')).toContainText(person.fullName)
  // NIK and KK masked: region and last four digits only.
  await expect(panel.getByTestId('clerk-entry')).toContainText('640206******0002')
  await expect(panel.getByTestId('clerk-entry')).not.toContainText(person.nik)
  await expect(panel.getByTestId('clerk-entry')).toContainText('Nelayan')
  // The other agencies' checks arrive by sync; they are shown, not editable.
  const others = panel.getByTestId('other-checks')
  await expect(others.locator('li[data-agency="disdukcapil"]')).toHaveAttribute(
    'data-state',
    'confirmed',
    { timeout: SYNC_MS },
  )
  await expect(others.locator('li[data-agency="dinsos"]')).toHaveAttribute(
    'data-state',
    'confirmed',
    { timeout: SYNC_MS },
  )
  await expect(others.getByRole('button')).toHaveCount(0)
  await expect(panel).toBeFocused()
  // The link to the server drops: the decision is made on this PC and goes out when it returns.
  // (Not waiting for the indicator to say "offline": the decision must not need it.)
  await verifiers.dkp.context.setOffline(true)
  await dkp.page.keyboard.press('k')
  await expect(dkp.queue.feedback).toContainText('1 data dikonfirmasi.')
  await expect(dkp.pendingChanges).toHaveAttribute('data-count', '1')
  await verifiers.dkp.context.setOffline(false)
  await expect(dkp.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })

  // The supervisor sees all three confirmed and approves with the keyboard.
  const boss = supervisor.app
  await boss.queue.open('Persetujuan supervisor')
  await boss.page
    .getByLabel('Tampilkan', { exact: true })
    .selectOption({ label: 'Semua instansi sudah konfirmasi' })
  const row = boss.queue.row(person.fullName)
  await expect(row).toHaveCount(1, { timeout: SYNC_MS })
  for (const { code } of AGENCIES) {
    await expect(row.locator(`[data-agency="${code}"]`)).toHaveText('✓ dikonfirmasi', {
      timeout: SYNC_MS,
    })
  }
  await boss.queue.highlight(person.fullName)
  await boss.page.keyboard.press('s')
  await expect(boss.queue.feedback).toContainText('1 data disetujui.')
  await expect(boss.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })

  // The clerk's open page shows the approval once it has synced, without reopening.
  await expect(clerk.app.participant.workflowStatus).toHaveText('Status: Disetujui', {
    timeout: SYNC_MS,
  })
  await expect(clerk.app.page.getByTestId('workflow-review')).toContainText(
    'Disetujui oleh Sari Supervisor',
  )
  expect((await serverCopy(id)).status).toBe('approved')
})

test('a rejection returns the record with its reason; the clerk corrects and resubmits', async () => {
  test.setTimeout(120_000)
  const person = fisherwoman(3, 'Wati Lestari')
  const id = await registerAndSubmit(person)

  // Disdukcapil rejects with a reason and a note: T opens the form, Ctrl+Enter sends it.
  const dukcapil = verifiers.disdukcapil.app
  await dukcapil.queue.open(AGENCIES[0].heading)
  await dukcapil.queue.highlight(person.fullName, SYNC_MS)
  await dukcapil.page.keyboard.press('t')
  const reason = dukcapil.page.getByLabel('Alasan penolakan')
  await expect(reason).toBeFocused()
  // "Lainnya" needs words: refused until there is a note.
  await reason.selectOption({ label: 'Lainnya (jelaskan di keterangan)' })
  await dukcapil.page.keyboard.press('Control+Enter')
  await expect(
    dukcapil.page.getByRole('alert').filter({ hasText: 'perlu keterangan' }),
  ).toBeVisible()
  await reason.selectOption({ label: 'Nama, tanggal lahir atau alamat tidak cocok' })
  await dukcapil.page.getByLabel('Keterangan').fill('Alamat di KTP: Jl. Danau Aji No. 21')
  await dukcapil.page.keyboard.press('Control+Enter')
  await expect(dukcapil.queue.feedback).toContainText('1 data ditolak.')
  await expect(dukcapil.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })

  await confirmWithKeyboard('dinsos', person.fullName)
  await confirmWithKeyboard('dkp', person.fullName)

  // Until the supervisor returns it, the clerk's list says an agency refused it, not "Diajukan".
  await clerk.app.participants.open()
  await clerk.app.participants.search(person.fullName)
  await expect(clerk.app.participants.rowOf(person.fullName).getByTestId('row-status')).toHaveText(
    'Ditolak Disdukcapil, menunggu supervisor',
    { timeout: SYNC_MS },
  )
  await clerk.app.participants.openParticipant(person.fullName)

  // The supervisor cannot approve it, and returns it with the prefilled reasons.
  const boss = supervisor.app
  await boss.queue.open('Persetujuan supervisor')
  await boss.page.getByLabel('Tampilkan', { exact: true }).selectOption({ label: 'Ada penolakan' })
  const row = boss.queue.row(person.fullName)
  await expect(row.locator('[data-agency="disdukcapil"]')).toHaveText(
    '✗ ditolak (Nama, tanggal lahir atau alamat tidak cocok)',
    { timeout: SYNC_MS },
  )
  await expect(row.locator('[data-agency="dkp"]')).toHaveText('✓ dikonfirmasi', {
    timeout: SYNC_MS,
  })
  await boss.queue.highlight(person.fullName)
  // It cannot be approved: returning it is the highlighted action, not "Setujui".
  await expect(boss.page.getByRole('button', { name: 'Setujui (S)' }).first()).not.toHaveClass(
    /primary/,
  )
  await expect(
    boss.page.getByRole('button', { name: 'Kembalikan ke petugas (K)' }).first(),
  ).toHaveClass(/primary/)
  await boss.page.keyboard.press('s')
  await expect(boss.page.getByTestId('queue-refusals')).toContainText(
    `${person.fullName}: Belum semua instansi mengonfirmasi peserta ini; data belum dapat disetujui.`,
  )
  await boss.queue.list.focus()
  await boss.page.keyboard.press('k')
  const note = boss.page.getByLabel(`Catatan untuk petugas — ${person.fullName}`)
  await expect(note).toBeFocused()
  await expect(note).toHaveValue(
    'Disdukcapil: Nama, tanggal lahir atau alamat tidak cocok — Alamat di KTP: Jl. Danau Aji No. 21',
  )
  await boss.page.keyboard.press('Control+Enter')
  await expect(boss.queue.feedback).toContainText('1 data dikembalikan ke petugas.')
  await expect(boss.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })

  // The clerk's page says so, with the reason.
  const { app } = clerk
  await expect(app.participant.workflowStatus).toHaveText('Status: Dikembalikan', {
    timeout: SYNC_MS,
  })
  const notice = app.page.getByTestId('returned-notice')
  await expect(notice).toContainText(
    'Dikembalikan oleh supervisor: Disdukcapil: Nama, tanggal lahir atau alamat tidak cocok',
  )
  await expect(notice).toContainText('Alamat di KTP: Jl. Danau Aji No. 21')

  // Corrects the address and submits again.
  await app.page.getByRole('link', { name: 'Ubah data' }).click()
  await app.registration.field('Alamat').fill('Jl. Danau Aji No. 21')
  await app.page.getByRole('button', { name: 'Simpan perubahan' }).click()
  // Saved before leaving: going back while the save is still on its way races it.
  await expect(app.registration.saveStatus).toContainText('Tersimpan')
  await app.page.getByRole('link', { name: 'Kembali ke data peserta' }).click()
  await expect(app.page.getByRole('heading', { name: person.fullName })).toBeVisible()
  await app.page.getByRole('button', { name: 'Ajukan ulang' }).click()
  await expect(app.participant.workflowStatus).toHaveText('Status: Diajukan')
  // Only the agency that rejected is asked again; the others' confirmations are kept.
  await expect(app.participant.workflowCheck('disdukcapil')).toHaveAttribute(
    'data-state',
    'pending',
  )
  await expect(app.participant.workflowCheck('dinsos')).toHaveAttribute('data-state', 'confirmed')
  await expect(app.participant.workflowCheck('dkp')).toHaveAttribute('data-state', 'confirmed')
  await expect(app.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })

  const stored = await serverCopy(id)
  expect(stored.status).toBe('submitted')
  expect(stored.address).toBe('Jl. Danau Aji No. 21')
  expect(stored.checks.map((check) => [check.agency, check.state])).toEqual([
    ['disdukcapil', 'pending'],
    ['dinsos', 'confirmed'],
    ['dkp', 'confirmed'],
  ])
  // And it is back in Disdukcapil's queue.
  await expect(dukcapil.queue.row(person.fullName)).toHaveCount(1, { timeout: SYNC_MS })
})

test("a verifier cannot edit the clerk's fields: the UI offers no way, the server refuses", async () => {
  const person = fisherwoman(4, 'Yuni Astuti')
  const id = await registerAndSubmit(person)

  const { app, office } = verifiers.dinsos
  await app.queue.open(AGENCIES[1].heading)
  await expect(app.queue.row(person.fullName)).toHaveCount(1, { timeout: SYNC_MS })
  await app.goToHash(`#/peserta/${id}`)
  await expect(app.page.getByRole('heading', { name: person.fullName })).toBeVisible({
    timeout: SYNC_MS,
  })
  await expect(app.page.getByRole('link', { name: 'Ubah data' })).toHaveCount(0)
  await expect(app.page.getByRole('button', { name: /^Ajukan/ })).toHaveCount(0)

  // Typing the edit address shows the rule instead of the form.
  await app.goToHash(`#/peserta/${id}/ubah`)
  await expect(app.page.getByTestId('edit-refused')).toHaveText(VERIFIER_CANNOT_EDIT)
  await expect(app.page.getByRole('button', { name: 'Simpan perubahan' })).toHaveCount(0)
  await expect(app.registration.field('Alamat')).toHaveCount(0)

  // A forged push straight to the sync API, as a verifier of the same agency office.
  const answer = await server.pushAsVerifier(office, id, { address: 'Jl. Diubah Verifikator' })
  expect(answer.status).toBe(200)
  expect(answer.body.rejected).toMatchObject([
    { id, code: 'WORKFLOW_FORBIDDEN', message: VERIFIER_CANNOT_EDIT },
  ])
  expect((await serverCopy(id)).address).toBe(person.address)
})
