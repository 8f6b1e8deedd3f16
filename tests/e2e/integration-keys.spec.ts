import { expect, test, type BrowserContext } from '@playwright/test'
import type { IntegrationParticipantsResponse } from '../../shared/integration/integration-api'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * The district's IT admin connects another district system through the app alone (issue 18,
 * docs/integration.md): Administrasi → Kunci integrasi makes a read-only key for the identity
 * fields of every kecamatan, shows its token once, and revokes it. The key is then used as the
 * other system would, over HTTP: it reads names but never a NIK, and once revoked it is refused.
 */

let server: SyncServer
let context: BrowserContext | null = null

test.beforeAll(async () => {
  server = await startSyncServer()
})

test.afterAll(async () => {
  await context?.close()
  await server?.close()
})

async function readFeed(token: string) {
  const response = await fetch(`${server.url}/api/integration/v1/participants?limit=100`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  return {
    status: response.status,
    body: (await response.json()) as IntegrationParticipantsResponse,
  }
}

test('the admin makes a key in the app, the other system reads with it, the admin revokes it', async ({
  browser,
}) => {
  const tenggarong = await server.createKecamatanOffice('64.02.06', 1)
  const [seeded] = await server.seedParticipants<ParticipantWireDocument>(tenggarong, [
    'Asih Terbaca',
  ])
  const central = await server.centralOffice()
  const { code } = await server.createEnrolmentCode(central.id)
  context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  })
  const app = new NaunganApp(await context.newPage())
  await app.enrol.connect(server.url, code, 'PC admin pusat')
  await app.login.signIn('admin-uji', 'kata-sandi-uji-123')
  await app.admin.open()
  const panel = app.page.getByTestId('integration-keys')
  await expect(panel.getByText('Belum ada kunci integrasi.')).toBeVisible()

  // Nothing is made without a name and a data group.
  await panel.getByRole('button', { name: 'Buat kunci' }).click()
  await expect(panel).toContainText('Isi nama sistem pemakai kunci.')
  await panel.getByLabel('Nama sistem pemakai kunci').fill('SI Pekerja Rentan Kukar Idaman')
  await panel.getByRole('button', { name: 'Buat kunci' }).click()
  await expect(panel).toContainText('Pilih paling sedikit satu kelompok data.')

  await panel.getByLabel('Identitas (nama, tempat dan tanggal lahir, jenis kelamin)').check()
  await panel.getByRole('button', { name: 'Buat kunci' }).click()
  await expect(panel).toContainText('Kunci "SI Pekerja Rentan Kukar Idaman" dibuat.')
  const token = await panel.getByLabel('Kunci (hanya ditampilkan sekali)').inputValue()
  expect(token).toMatch(/^ngi_/)
  const row = panel.locator('tbody tr', { hasText: 'SI Pekerja Rentan Kukar Idaman' })
  await expect(row).toContainText('Semua kecamatan')
  await expect(row).toHaveAttribute('data-key-state', 'active')

  // The other system reads the names, never a NIK: the key does not hold the personal group.
  const read = await readFeed(token)
  expect(read.status).toBe(200)
  const asih = read.body.participants.find((entry) => entry.id === seeded?.id) as
    Record<string, unknown> | undefined
  expect(asih?.fullName).toBe('Asih Terbaca')
  expect(asih?.nik).toBeUndefined()
  expect(JSON.stringify(read.body)).not.toContain(seeded?.nik ?? 'no-nik')

  // Revoked in the app, asked first: the next request with it is refused.
  await row.getByRole('button', { name: 'Cabut kunci' }).click()
  await app.page.getByRole('alertdialog').getByRole('button', { name: 'Cabut kunci' }).click()
  await expect(panel).toContainText('Kunci "SI Pekerja Rentan Kukar Idaman" dicabut.')
  await expect(row).toHaveAttribute('data-key-state', 'revoked')
  expect((await readFeed(token)).status).toBe(401)
})
