import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import type { NaunganApp } from './pages/naungan-app'
import { pcOfOffice } from './support/supervisor-pc'
import { tenggarongWoman } from './support/people'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * The restore drill (issue 18; docs/operations.md, "Restore"): two offices of Tenggarong sync
 * through the real server and its live stream; the IT admin takes a backup while it serves; the
 * offices keep working; then the server is restored from that older backup — after one office's
 * PC has died. The other office's PC notices the server went back in time, gives back everything
 * it holds (the dead PC's registration too, on the server's receipts), sends the edit it made
 * while the link was down, and pulls again. Nothing is lost that a living PC held, nothing is
 * duplicated. Only the app's UI is used on the PCs; the server side is the CLI's backup and
 * restore, run by the harness exactly as `npm run server -- backup|restore` runs them.
 */

const PASSWORD = 'kata-sandi-pemulihan-1'
const CONVERGE_MS = 30_000

let server: SyncServer
const contexts: BrowserContext[] = []

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(60_000)
  server = await startSyncServer()
})

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined)
  await server?.close()
})

/** A new Tenggarong office and its clerk's PC, enrolled and signed in through the UI. */
async function openOffice(browser: Browser, number: number) {
  const office = await server.createKecamatanOffice('64.02.06', number)
  const pc = await pcOfOffice(
    browser,
    server,
    office,
    {
      username: `pulih${number}`,
      password: PASSWORD,
      displayName: `Petugas Pulih ${number}`,
      role: 'operator',
    },
    `PC pemulihan ${number}`,
  )
  contexts.push(pc.context)
  return pc
}

async function expectListed(app: NaunganApp, fullName: string) {
  await app.participants.open()
  await app.participants.search(fullName)
  await expect(app.participants.rowOf(fullName)).toHaveCount(1, { timeout: CONVERGE_MS })
}

const namesOnServer = async () =>
  (await server.pullAll<ParticipantWireDocument>())
    .filter((doc) => !doc._deleted)
    .map((doc) => doc.fullName)
    .sort()

test('a server restored from an older backup gets back everything a living PC holds', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const a = await openOffice(browser, 11)
  const b = await openOffice(browser, 12)
  const before = tenggarongWoman(21, 'Rahma Sebelum Cadangan')
  const after = tenggarongWoman(22, 'Yuli Sesudah Cadangan')
  const offline = tenggarongWoman(23, 'Nina Selagi Putus')

  // Both offices work and sync; the IT admin takes the nightly backup while the server serves.
  await a.app.registration.register(before)
  await expectListed(b.app, before.fullName)
  const backup = await server.backup()

  // After the backup: office A registers another walk-in and corrects the first one's name; the
  // live stream brings both to office B.
  await a.app.registration.register(after)
  await a.app.participants.openParticipant(before.fullName)
  await a.app.page.getByRole('link', { name: 'Ubah data' }).click()
  await a.app.registration.field('Nama lengkap').fill('Rahma Sebelum Cadangan Putri')
  await a.app.page.getByRole('button', { name: 'Simpan perubahan' }).click()
  await expect(a.app.pendingChanges).toHaveAttribute('data-count', '0', { timeout: CONVERGE_MS })
  await expectListed(b.app, after.fullName)
  await expectListed(b.app, 'Rahma Sebelum Cadangan Putri')
  await b.app.expectSyncState('synced', CONVERGE_MS)
  // Office B also holds office A's history of the new walk-in (the audit trail is pulled too).
  await b.app.participants.openParticipant(after.fullName)
  await expect(
    b.app.page.getByTestId('participant-history').getByTestId('history-entry'),
  ).not.toHaveCount(0, { timeout: CONVERGE_MS })

  // Office B's link drops; its clerk registers a walk-in anyway. Office A's PC dies for good.
  await b.context.setOffline(true)
  await b.app.expectSyncState('offline')
  await b.app.registration.register(offline)
  await expect(b.app.pendingChanges).toHaveAttribute('data-count', '1')
  contexts.splice(contexts.indexOf(a.context), 1)
  await a.context.close()

  // The server's disk dies too: restored from last night's backup, it knows only the first
  // registration, under its first name.
  await server.restore(backup)
  expect(await namesOnServer()).toEqual([before.fullName])

  // The link returns. Nobody clicks anything: office B's PC notices the server went back in
  // time, gives back what it holds, sends the registration made offline, and pulls again.
  await b.context.setOffline(false)
  await expect(b.app.page.getByTestId('sync-recovery')).toContainText(
    'Server pusat dipulihkan dari cadangan',
    { timeout: CONVERGE_MS },
  )
  await expect(b.app.pendingChanges).toHaveAttribute('data-count', '0', { timeout: CONVERGE_MS })
  await b.app.expectSyncState('synced', CONVERGE_MS)
  await expect
    .poll(namesOnServer, { timeout: CONVERGE_MS })
    .toEqual([offline.fullName, 'Rahma Sebelum Cadangan Putri', after.fullName].sort())
  // Nothing twice on the PC either, and nothing waits for a person.
  for (const name of [offline.fullName, after.fullName, 'Rahma Sebelum Cadangan Putri']) {
    await expectListed(b.app, name)
  }
  await expect(b.app.page.getByTestId('sync-problems')).toHaveCount(0)

  // The audit trail: office B's own history entries are on the server again, and office A's
  // entry of the walk-in registered after the backup (held by B, given back on its receipt).
  const onServer = await server.pullAll<ParticipantWireDocument>()
  const idOf = (name: string) => onServer.find((doc) => doc.fullName === name)?.id
  await expect
    .poll(
      async () => {
        const entries = await server.auditEntries<{ participantId: string; deviceId: string }>()
        return [idOf(offline.fullName), idOf(after.fullName)].map((id) =>
          entries.some((entry) => entry.participantId === id),
        )
      },
      { timeout: CONVERGE_MS },
    )
    .toEqual([true, true])
  const ids = (await server.auditEntries<{ id: string }>()).map((entry) => entry.id)
  expect(new Set(ids).size).toBe(ids.length)
})
