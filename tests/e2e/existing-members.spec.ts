import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test, type BrowserContext } from '@playwright/test'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { makassarYear } from './support/makassar-dates'
import { startSyncServer, type SyncServer } from './support/sync-server'
import { supervisorPcAtTenggarong } from './support/supervisor-pc'

/**
 * The people Kukar already paid for before Naungan come in from BPJS's list: a supervisor at the
 * Tenggarong office imports it (dry run, then apply), the records sync to the real server as
 * active participants with their KPJ numbers, and the dashboard counts them once — taken off the
 * baseline of people covered before Naungan, not added to it.
 */

const PASSWORD = 'kata-sandi-peserta-lama-1'
const SYNC_MS = 30_000

const DISTRICT = JSON.parse(
  readFileSync(resolve(__dirname, '../../resources/district/district.json'), 'utf8'),
) as { baselineCoveredParticipants: number }
const BASELINE = DISTRICT.baselineCoveredParticipants

/** 35440 → "35.440", as id-ID writes whole numbers. */
const grouped = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.')

let server: SyncServer
let context: BrowserContext
let app: NaunganApp

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000)
  server = await startSyncServer()
  ;({ context, app } = await supervisorPcAtTenggarong(browser, server, {
    username: 'supervisor-tenggarong',
    password: PASSWORD,
  }))
})

test.afterAll(async () => {
  await context?.close()
  await server?.close()
})

test('BPJS’s list of existing members becomes active participants on the server and the dashboard', async () => {
  test.setTimeout(120_000)
  const year = makassarYear()
  const file = [
    'DAFTAR PESERTA BPJS KETENAGAKERJAAN DIBIAYAI APBD',
    'NIK;NAMA;TGL LAHIR;DESA/KELURAHAN;KECAMATAN;NO KPJ;TMT;PEKERJAAN',
    // Covered since two years ago: active, not new this year.
    `6402060105800001;Ahmad Lama;01-05-1980;Loa Ipuh;Tenggarong;0001234567801;01-03-${year - 2};Nelayan`,
    // Joined this January: active and new this year.
    `6402060205800001;Bakri Baru;02-05-1980;Jahab;Tenggarong;0001234567802;01-01-${year};Petani`,
    // No KPJ: refused with the row's reason.
    `6402060305800001;Candra Kosong;03-05-1980;Jahab;Tenggarong;;01-01-${year};Nelayan`,
    // Another kecamatan: left for that office.
    `6402060405800001;Dedi Hulu;04-05-1980;Perian;Muara Muntai;0001234567804;01-01-${year};Nelayan`,
  ].join('\r\n')

  const page = app.page
  await app.import.open()
  await app.import.dryRunExistingMembers(
    { name: 'peserta-bpjs-kukar.csv', text: file },
    'Data BPJS Kukar',
  )

  await expect(app.import.count('Data baru')).toHaveText('2', { timeout: 30_000 })
  await expect(app.import.count('Kesalahan')).toHaveText('1')
  await expect(app.import.count('NIK tidak ditemukan')).toHaveText('1')
  await expect(page.getByText('Nomor KPJ: Wajib diisi.')).toBeVisible()

  await app.import.apply(2)

  // The server holds both as active participants, the KPJ as BPJS wrote it.
  let members: ParticipantWireDocument[] = []
  await expect
    .poll(
      async () => {
        const all = await server.pullAll<ParticipantWireDocument>()
        members = all.filter((doc) => doc.source === 'peserta-lama:Data BPJS Kukar')
        return members.map((doc) => [doc.fullName, doc.status, doc.kpjNumber]).sort()
      },
      { timeout: SYNC_MS },
    )
    .toEqual([
      ['Ahmad Lama', 'active', '0001234567801'],
      ['Bakri Baru', 'active', '0001234567802'],
    ])
  const ahmad = members.find((doc) => doc.fullName === 'Ahmad Lama')
  expect(ahmad?.coverage?.map((period) => period.year)).toEqual([year - 2, year])
  expect(ahmad?.occupationCode).toBe('nelayan')
  expect(ahmad?.checks).toEqual([])

  // Counted once: two fewer "covered before Naungan", two more Naungan participants.
  await app.dashboard.open()
  await expect(app.dashboard.tile('active')).toContainText(
    `${grouped(BASELINE - 2)} peserta awal + 2 aktif di Naungan = ${grouped(BASELINE)}`,
    { timeout: 30_000 },
  )
  await expect(app.dashboard.tileValue('new')).toHaveText('1')
})

test('Distransnaker imports the list for the whole district, each record in its series of the kecamatan', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const central = await server.centralOffice()
  await server.createUser({
    officeId: central.id,
    username: 'supervisor-pusat',
    displayName: 'Dewi Distransnaker',
    role: 'supervisor',
    password: PASSWORD,
  })
  const { code } = await server.createEnrolmentCode(central.id)
  const centralContext = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  })
  try {
    const pusat = new NaunganApp(await centralContext.newPage())
    await pusat.enrol.connect(server.url, code, 'PC Supervisor Pusat')
    await pusat.login.signIn('supervisor-pusat', PASSWORD)
    const year = makassarYear()
    const file = [
      'NIK;NAMA;TGL LAHIR;DESA/KELURAHAN;KECAMATAN;NO KPJ;TMT',
      `6402060605800001;Eko Tenggarong;06-05-1980;Jahab;Tenggarong;0001234567806;01-02-${year - 1}`,
      `6402060705800001;Fajar Hulu;07-05-1980;Perian;Muara Muntai;0001234567807;01-02-${year - 1}`,
    ].join('\r\n')
    await pusat.import.open()
    await pusat.import.dryRunExistingMembers(
      { name: 'peserta-bpjs-kabupaten.csv', text: file },
      'BPJS Kabupaten',
    )
    await expect(pusat.import.count('Data baru')).toHaveText('2', { timeout: 30_000 })
    await pusat.import.apply(2)

    await expect
      .poll(
        async () =>
          (await server.pullAll<ParticipantWireDocument>())
            .filter((doc) => doc.source === 'peserta-lama:BPJS Kabupaten')
            .map((doc) => [doc.fullName, doc.status, doc.officeCode, doc.registrationNumber])
            .sort(),
        { timeout: SYNC_MS },
      )
      .toEqual([
        ['Eko Tenggarong', 'active', '06-99', '0699-000001'],
        ['Fajar Hulu', 'active', '01-99', '0199-000001'],
      ])
  } finally {
    await centralContext.close()
  }
})
