import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, expect, test, type BrowserContext } from '@playwright/test'
import { formatDate, formatNumber } from '../../shared/i18n/format'
import { maskKk, maskNik, maskPhone } from '../../shared/identity/masking'
import { PULL_BATCH_SIZE } from '../../shared/sync/sync-protocol'
import {
  MAX_PUSH_ROWS,
  type OfficeInfo,
  type ParticipantWireDocument,
} from '../../shared/sync/sync-protocol'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL, CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * Issue 14, correctness of the initial sync: a new PC of a kecamatan office, on a fresh Chromium
 * profile on disk, enrolled and signed in through the UI, pulls everything its office registered
 * on other PCs — more than one pull page — and shows it: the list's count, and a sample of records
 * (both sides of every page boundary, the first and the last) field by field against what was
 * pushed, NIK, KK and phone readable in full in the edit form (a clerk may edit a submitted
 * record of its office) and masked as the rules say on the detail screen and in the list.
 *
 * The records are pushed over HTTP by other PCs of the office (the server's push path), at most
 * MAX_PUSH_ROWS a push. One real central server (PGlite, its own process), nothing mocked.
 */

/** More than one page, and a last page that is not full. */
const COUNT = PULL_BATCH_SIZE + 500
const PASSWORD = 'kata-sandi-sinkron-awal-1'
const SYNC_MS = 180_000

/** Village names by Kemendagri code (the build's region table). */
const VILLAGES = new Map(
  readFileSync(resolve(__dirname, '../../resources/district/wilayah.csv'), 'utf8')
    .split('\n')
    .map((line) => line.split(','))
    .map(([code, name]) => [code ?? '', name ?? ''] as const),
)
const DISTRICT = JSON.parse(
  readFileSync(resolve(__dirname, '../../resources/district/district.json'), 'utf8'),
) as {
  occupations: { code: string; labelId: string }[]
  heirRelationships: { code: string; labelId: string }[]
}

let server: SyncServer
let office: OfficeInfo
let context: BrowserContext
let profileDir: string
let app: NaunganApp
/** What was pushed, in push order. */
let seeded: ParticipantWireDocument[] = []

test.describe.configure({ mode: 'serial' })

/** A unique name per index: "Warga Sinkron Bac" (three letters, 17,576 of them). */
function nameOf(index: number): string {
  const letter = (n: number) => String.fromCharCode(97 + (n % 26))
  return `Warga Sinkron ${letter(Math.floor(index / 676)).toUpperCase()}${letter(
    Math.floor(index / 26),
  )}${letter(index)}`
}

test.beforeAll(async () => {
  test.setTimeout(180_000)
  server = await startSyncServer()
  office = await server.createKecamatanOffice('64.02.06', 1)
  await server.createUser({
    officeId: office.id,
    username: 'petugas-baru',
    displayName: 'Rina Petugas Baru',
    role: 'operator',
    password: PASSWORD,
  })
  const names = Array.from({ length: COUNT }, (_, index) => nameOf(index))
  for (let start = 0; start < COUNT; start += MAX_PUSH_ROWS) {
    seeded.push(
      ...(await server.seedParticipants<ParticipantWireDocument>(
        office,
        names.slice(start, start + MAX_PUSH_ROWS),
      )),
    )
  }
  expect(seeded).toHaveLength(COUNT)
  profileDir = mkdtempSync(join(tmpdir(), 'naungan-profile-'))
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  })
  app = new NaunganApp(context.pages()[0] ?? (await context.newPage()))
})

test.afterAll(async () => {
  await context?.close().catch(() => undefined)
  if (profileDir) rmSync(profileDir, { recursive: true, force: true })
  await server?.close()
  seeded = []
})

test('a new PC enrolled through the UI pulls every record of its office, more than one page', async () => {
  test.setTimeout(SYNC_MS + 60_000)
  const { code } = await server.createEnrolmentCode(office.id)
  await app.enrol.connect(server.url, code, 'PC loket baru')
  await app.login.signIn('petugas-baru', PASSWORD, /starting|syncing|synced/)
  await app.participants.open()
  await expect(app.page.locator('.list-count')).toHaveText(`${formatNumber('id', COUNT)} peserta`, {
    timeout: SYNC_MS,
  })
  await app.expectSyncState('synced', SYNC_MS)
  await expect(app.pendingChanges).toHaveAttribute('data-count', '0')
})

/** First and last record, both sides of each page boundary, and a few in between. */
function sample(): ParticipantWireDocument[] {
  const indices = new Set([0, 1, COUNT - 1, Math.floor(COUNT / 3), Math.floor((COUNT * 2) / 3)])
  for (let boundary = PULL_BATCH_SIZE; boundary < COUNT; boundary += PULL_BATCH_SIZE) {
    indices.add(boundary - 1)
    indices.add(boundary)
  }
  return [...indices].sort((a, b) => a - b).map((index) => seeded[index] as ParticipantWireDocument)
}

const label = (list: { code: string; labelId: string }[], code: string) =>
  list.find((entry) => entry.code === code)?.labelId ?? code

test('sampled records read back field by field: list row, detail screen, and edit form', async () => {
  test.setTimeout(120_000)
  const page = app.page
  for (const doc of sample()) {
    await test.step(`${doc.fullName} (${doc.registrationNumber})`, async () => {
      await app.participants.open()
      await app.participants.search(doc.fullName)
      const row = app.participants.rowOf(doc.fullName)
      await expect(row).toHaveCount(1)
      await expect(row.getByRole('cell')).toHaveText([
        doc.registrationNumber,
        doc.fullName,
        maskNik(doc.nik),
        formatDate('id', doc.birthDate),
        VILLAGES.get(doc.villageCode) ?? doc.villageCode,
        'Tenggarong',
        label(DISTRICT.occupations, doc.occupationCode),
        /.+/,
      ])

      await row.click()
      await expect(page.getByRole('heading', { name: doc.fullName, level: 1 })).toBeVisible()
      const detail = page.locator('dl.detail-grid')
      const value = (term: string) =>
        detail
          .locator('div')
          .filter({ has: page.locator('dt').getByText(term, { exact: true }) })
          .locator('dd')
      await expect(value('No. registrasi')).toHaveText(doc.registrationNumber)
      await expect(value('NIK')).toContainText(maskNik(doc.nik))
      await expect(value('No. KK')).toHaveText(maskKk(doc.kk))
      await expect(value('Nama lengkap')).toHaveText(doc.fullName)
      await expect(value('Tempat lahir')).toHaveText(doc.birthPlace)
      await expect(value('Tanggal lahir')).toHaveText(formatDate('id', doc.birthDate))
      await expect(value('Jenis kelamin')).toHaveText(doc.sex === 'P' ? 'Perempuan' : 'Laki-laki')
      await expect(value('Alamat')).toHaveText(doc.address)
      await expect(value('RT/RW')).toHaveText(`${doc.rt}/${doc.rw}`)
      await expect(value('Desa/Kelurahan')).toHaveText(VILLAGES.get(doc.villageCode) ?? '')
      await expect(value('Pekerjaan')).toHaveText(label(DISTRICT.occupations, doc.occupationCode))
      await expect(value('Penghasilan per bulan')).toHaveText(
        `Rp${formatNumber('id', doc.monthlyIncome)}`,
      )
      await expect(value('No. HP')).toHaveText(maskPhone(doc.phone ?? ''))
      await expect(value('Nama ahli waris')).toHaveText(doc.heirName)
      await expect(value('Hubungan ahli waris')).toHaveText(
        label(DISTRICT.heirRelationships, doc.heirRelationship),
      )

      // In full where the clerk works on the record: the edit form of a submitted record.
      await page.getByRole('link', { name: 'Ubah data' }).click()
      await expect(app.registration.field('NIK')).toHaveValue(doc.nik)
      await expect(app.registration.field('No. KK')).toHaveValue(doc.kk)
      await expect(app.registration.field('Nama lengkap')).toHaveValue(doc.fullName)
      await expect(app.registration.field('Tanggal lahir')).toHaveValue(doc.birthDate)
      const phone = (await app.registration.field('No. HP').inputValue()).replace(/\D/g, '')
      expect(phone.replace(/^0/, '62'), 'phone in full').toBe((doc.phone ?? '').replace(/\D/g, ''))
    })
  }
})
