import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test, type BrowserContext } from '@playwright/test'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import type { NaunganApp } from './pages/naungan-app'
import { tenggarongWoman } from './support/people'
import { pcOfOffice, supervisorPcAtTenggarong } from './support/supervisor-pc'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * The rescue path (issue 18; docs/operations.md, "A PC that cannot sync"): Tenggarong's
 * supervisor registers two walk-ins on a PC whose link is down for good, saves them into a rescue
 * file under a passphrase (Pengaturan), and the file — carried on a stick — is imported from
 * another PC by a supervisor. A changed file or a wrong passphrase opens nothing; a clerk sees
 * no rescue panel; the server ends up with both records and the dying PC's history entries.
 */

const PASSWORD = 'kata-sandi-penyelamat-1'
const PASSPHRASE = 'flashdisk-merah-di-laci'

let server: SyncServer
const contexts: BrowserContext[] = []

test.beforeAll(async () => {
  server = await startSyncServer()
})

test.afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await server?.close()
})

async function openSettings(app: NaunganApp) {
  await app.page.keyboard.press('Alt+3')
  await expect(app.page.getByRole('heading', { name: 'Pengaturan kantor' })).toBeVisible()
}

test('a PC that cannot sync hands its unsent records over in a locked file', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000)
  const dying = await supervisorPcAtTenggarong(browser, server, {
    username: 'supervisor-penyelamat',
    password: PASSWORD,
  })
  contexts.push(dying.context)
  const first = tenggarongWoman(31, 'Lestari Tanpa Jaringan')
  const second = tenggarongWoman(32, 'Maya Tanpa Jaringan')

  // The link is gone; the office keeps registering.
  await dying.context.setOffline(true)
  await dying.app.expectSyncState('offline')
  await dying.app.registration.register(first)
  await dying.app.registration.register(second)
  await expect(dying.app.pendingChanges).toHaveAttribute('data-count', '2')

  // Pengaturan: the file holds what has not reached the server, under a passphrase.
  await openSettings(dying.app)
  const panel = dying.app.page.getByTestId('rescue-panel')
  await expect(panel.getByTestId('rescue-counts')).toContainText('2 data belum sampai ke server')
  await panel.getByLabel('Kata sandi berkas (paling sedikit 12 karakter)').fill('pendek')
  await panel.getByLabel('Ulangi kata sandi berkas').fill('pendek')
  await panel.getByRole('button', { name: 'Simpan berkas penyelamatan' }).click()
  await expect(panel).toContainText('Kata sandi berkas paling sedikit 12 karakter.')
  await panel.getByLabel('Kata sandi berkas (paling sedikit 12 karakter)').fill(PASSPHRASE)
  await panel.getByLabel('Ulangi kata sandi berkas').fill(PASSPHRASE)
  const downloading = dying.app.page.waitForEvent('download')
  await panel.getByRole('button', { name: 'Simpan berkas penyelamatan' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^naungan-06-01-\d{4}-\d{2}-\d{2}\.naungan-rescue$/)
  const file = testInfo.outputPath('rescue.naungan-rescue')
  await download.saveAs(file)
  const text = readFileSync(file, 'utf8')
  // Nothing readable leaks from the file without its passphrase.
  expect(text).not.toContain(first.nik)
  expect(text).not.toContain('Lestari')

  // The stick reaches the district office. A clerk there has no rescue panel.
  const tenggarong = dying.office
  const clerk = await pcOfOffice(
    browser,
    server,
    tenggarong,
    {
      username: 'loket-penyelamat',
      password: PASSWORD,
      displayName: 'Dedi Loket',
      role: 'operator',
    },
    'PC loket kedua',
  )
  contexts.push(clerk.context)
  await openSettings(clerk.app)
  await expect(clerk.app.page.getByTestId('rescue-panel')).toHaveCount(0)

  const helper = await pcOfOffice(
    browser,
    server,
    tenggarong,
    {
      username: 'supervisor-kedua',
      password: PASSWORD,
      displayName: 'Sari Supervisor',
      role: 'supervisor',
    },
    'PC supervisor kedua',
  )
  contexts.push(helper.context)
  await openSettings(helper.app)
  const importer = helper.app.page.getByTestId('rescue-panel')
  const importFile = async (path: string, passphrase: string) => {
    await importer.getByLabel('Berkas penyelamatan (.naungan-rescue)').setInputFiles(path)
    await importer.getByLabel('Kata sandi berkas', { exact: true }).fill(passphrase)
    await importer.getByRole('button', { name: 'Impor ke server' }).click()
  }

  // A file changed on the way (one character of its sealed body) does not open.
  const envelope = JSON.parse(text) as { data: string }
  const flipped = envelope.data[40] === 'A' ? 'B' : 'A'
  const tampered = testInfo.outputPath('tampered.naungan-rescue')
  writeFileSync(
    tampered,
    JSON.stringify({
      ...envelope,
      data: `${envelope.data.slice(0, 40)}${flipped}${envelope.data.slice(41)}`,
    }),
  )
  await importFile(tampered, PASSPHRASE)
  await expect(importer.getByTestId('rescue-result')).toHaveText(
    'Berkas tidak dapat dibuka: kata sandinya salah, atau isi berkas telah diubah sejak disimpan.',
  )
  // Neither does the real one with a wrong passphrase.
  await importFile(file, 'flashdisk-biru-di-laci')
  await expect(importer.getByTestId('rescue-result')).toContainText('kata sandinya salah')
  const names = async () =>
    (await server.pullAll<ParticipantWireDocument>()).map((doc) => doc.fullName)
  expect(await names()).not.toContain(first.fullName)

  // The real file, with its passphrase: both records reach the server.
  await importFile(file, PASSPHRASE)
  await expect(importer.getByTestId('rescue-label')).toContainText('PC Supervisor Tenggarong')
  await expect(importer.getByTestId('rescue-result')).toHaveText(
    /^Selesai: 2 data masuk, 0 digabung dengan perubahan di server, 0 sudah ada; \d+ catatan riwayat\.$/,
    { timeout: 30_000 },
  )
  expect(await names()).toEqual(expect.arrayContaining([first.fullName, second.fullName]))
  // With the dying PC's history of them.
  const onServer = await server.pullAll<ParticipantWireDocument>()
  const ids = new Set(
    onServer
      .filter((doc) => [first.fullName, second.fullName].includes(doc.fullName))
      .map((d) => d.id),
  )
  const entries = await server.auditEntries<{ participantId: string; kind: string }>()
  expect(entries.filter((entry) => ids.has(entry.participantId)).length).toBeGreaterThanOrEqual(2)

  // Imported twice by mistake: nothing is doubled.
  await importFile(file, PASSPHRASE)
  await expect(importer.getByTestId('rescue-result')).toContainText('Selesai:', { timeout: 30_000 })
  expect((await names()).filter((name) => name === first.fullName)).toHaveLength(1)
})
