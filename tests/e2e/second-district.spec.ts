import { expect, test, type BrowserContext } from '@playwright/test'
import { bytesOfBase64Url, verifyCardToken } from '../../shared/cards/card-token'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { decodeQrCodes, pdfFileOf, pdfText } from '../support/pdf-tools'
import { SECOND_DISTRICT } from './support/chromium'
import { makassarYear } from './support/makassar-dates'
import type { Walkin } from './support/people'
import { startSyncServer, type SyncServer } from './support/sync-server'
import { pcOfOffice } from './support/supervisor-pc'

/**
 * Another district adopts Naungan from configuration alone (issue 19): Kota Samarinda's build of
 * the same code, made from resources/districts/64.72 (its region table from the Kemendagri
 * package, its names, payers and texts), against a server started for the same folder. A clerk
 * at Palaran registers a woman with a Samarinda NIK (a Kukar NIK is only warned about), submits
 * her; Disdukcapil confirms in its queue, the supervisor records two agencies' letters and
 * approves; a covered participant's card is printed with Samarinda's names, its QR is verified on
 * the verify screen, and the dashboard counts Palaran. This project runs on its own address
 * (playwright.config.ts); the Kukar stories run the same screens for the shipped district.
 */

const PASSWORD = 'Tepian-Mahakam-Samarinda-1'
const SYNC_MS = 30_000

/** A woman of Palaran (64.72.01): her NIK day is 15 + 40 = 55. */
const WARNI: Walkin = {
  nik: '6472015505900001',
  kk: '6472010101100123',
  fullName: 'Warni Lestari',
  birthPlace: 'Samarinda',
  birthDate: '1990-05-15',
  sex: 'Perempuan',
  address: 'Jl. Trikora No. 7',
  rtRw: '004/002',
  kecamatan: 'Palaran',
  village: 'Rawa Makmur',
  occupation: 'Pedagang kecil',
  monthlyIncome: '1500000',
  phone: '0812 5555 0101',
  heirName: 'Slamet Riyadi',
  heirRelationship: 'Suami',
}

let server: SyncServer
const contexts: BrowserContext[] = []

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined)
  await server?.close()
})

test('Kota Samarinda runs the journey from its configuration alone: register, verify, approve, print, check the card, dashboard', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  server = await startSyncServer(SECOND_DISTRICT)
  const palaran = await server.createKecamatanOffice('64.72.01', 1)
  const year = makassarYear()
  // Someone BPJS already covers this year, whose card the office prints.
  const [covered] = await server.seedCoveredParticipants<ParticipantWireDocument>(
    palaran,
    ['Rudi Hartono'],
    `${year}-01-01`,
    undefined,
    '647201',
  )
  if (!covered) throw new Error('not seeded')
  const pc = (
    user: { username: string; displayName: string; role: 'operator' | 'supervisor' | 'verifier' },
    office: Parameters<typeof pcOfOffice>[2],
    device: string,
  ) =>
    pcOfOffice(
      browser,
      server,
      office,
      { ...user, password: PASSWORD },
      device,
      SECOND_DISTRICT.appUrl,
    ).then((opened) => {
      contexts.push(opened.context)
      return opened.app
    })

  // ---- the clerk at Palaran registers a walk-in
  const clerk = await pc(
    { username: 'loket-palaran', displayName: 'Dewi Loket', role: 'operator' },
    palaran,
    'PC loket Palaran',
  )
  await clerk.expectSyncState('synced', SYNC_MS)
  // The header names the city, not the regency the app was first made for.
  await expect(clerk.page.locator('header')).not.toContainText('Kutai Kartanegara')
  const form = clerk.registration
  await clerk.page.keyboard.press('Alt+1')
  await form.fillWalkin({ ...WARNI, nik: '6402065505900001', kk: '6402060101100123' })
  await form.field('Nama lengkap').focus()
  // A Kukar NIK: warned, not refused — people move, the NIK keeps where it was first issued.
  const nikBox = clerk.page.locator('.field').filter({ has: form.field('NIK') })
  await expect(nikBox).toContainText(
    'NIK ini pertama kali dibuat di luar Samarinda (kode wilayah 6402',
  )
  await form.field('NIK').fill(WARNI.nik)
  await form.field('No. KK').fill(WARNI.kk)
  await form.field('Nama lengkap').focus()
  await expect(nikBox).not.toContainText('di luar Samarinda')
  await form.saveButton.click()
  await form.expectSaved(WARNI)
  await clerk.participants.openParticipant(WARNI.fullName)
  await clerk.page
    .getByTestId('workflow')
    .getByRole('button', { name: 'Ajukan', exact: true })
    .click()
  await expect(clerk.participant.workflowStatus).toHaveText('Status: Diajukan')
  await expect(clerk.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })

  // ---- Disdukcapil confirms in its own queue
  const dukcapilOffice = await server.createAgencyOffice('disdukcapil')
  const dukcapil = await pc(
    { username: 'verif-dukcapil', displayName: 'Verifikator Dukcapil', role: 'verifier' },
    dukcapilOffice,
    'PC Disdukcapil Samarinda',
  )
  const heading = 'Antrean pemeriksaan — Disdukcapil (identitas kependudukan)'
  await dukcapil.queue.open(heading)
  await dukcapil.queue.highlight(WARNI.fullName, SYNC_MS)
  await dukcapil.page.keyboard.press('Space')
  await dukcapil.page.keyboard.press('k')
  await expect(dukcapil.queue.feedback).toContainText('1 data dikonfirmasi.')
  await expect(dukcapil.pendingChanges).toHaveAttribute('data-count', '0', { timeout: SYNC_MS })

  // ---- the supervisor records Dinas Sosial's and Dinas Perdagangan's letters, and approves
  const central = await server.centralOffice()
  const supervisor = await pc(
    { username: 'supervisor-smd', displayName: 'Rina Supervisor', role: 'supervisor' },
    central,
    'PC Disnaker Samarinda',
  )
  await supervisor.queue.open('Persetujuan supervisor')
  const row = supervisor.queue.row(WARNI.fullName)
  await expect(row.locator('[data-agency="disdukcapil"]')).toHaveText('✓ dikonfirmasi', {
    timeout: SYNC_MS,
  })
  await supervisor.queue.highlight(WARNI.fullName)
  await supervisor.page.keyboard.press('Enter')
  const panel = supervisor.page.getByTestId('side-by-side')
  for (const [agency, letter] of [
    ['dinsos', '460/12/DINSOS/2026'],
    ['disdag', '510/31/DISDAG/2026'],
  ] as const) {
    await panel.getByRole('button', { name: 'Catat keputusan instansi dari surat…' }).click()
    await panel.getByLabel('Instansi', { exact: true }).selectOption(agency)
    await panel.getByLabel('Nomor dan tanggal surat instansi').fill(`${letter}, 1 Desember 2026`)
    await panel.getByRole('button', { name: 'Simpan keputusan instansi' }).click()
    await expect(supervisor.queue.feedback).toContainText(
      '1 keputusan instansi dicatat dari surat.',
    )
  }
  await supervisor.page.keyboard.press('Escape')
  for (const agency of ['disdukcapil', 'dinsos', 'disdag']) {
    await expect(row.locator(`[data-agency="${agency}"]`)).toHaveText('✓ dikonfirmasi')
  }
  await supervisor.queue.highlight(WARNI.fullName)
  await supervisor.page.keyboard.press('s')
  await expect(supervisor.queue.feedback).toContainText('1 data disetujui.')
  await expect(clerk.participant.workflowStatus).toHaveText('Status: Disetujui', {
    timeout: SYNC_MS,
  })

  // ---- the office prints a covered participant's card: Samarinda's names on it
  const print = clerk.print
  await print.open()
  await print.chooseLayout('Kartu peserta — satu kartu per halaman (printer kartu PVC)')
  await print.choice(covered.fullName).check()
  await print.makePdf(1, 1, 60_000)
  const card = await pdfFileOf(await print.downloadPdf())
  let token = ''
  try {
    const text = (await pdfText(card.path)).replace(/\s+/g, ' ')
    expect(text).toContain('Pekerja Rentan Kota Samarinda')
    expect(text).not.toContain('Kutai Kartanegara')
    expect(text).toContain('647201******')
    const tokens = await decodeQrCodes(card.path)
    expect(tokens).toHaveLength(1)
    token = tokens[0]!
  } finally {
    await card.cleanup()
  }
  const { districtPublicKeys } = await server.cardKeys()
  const verdict = verifyCardToken(
    token,
    districtPublicKeys.map((key) => bytesOfBase64Url(key)!),
  )
  expect(verdict.ok && verdict.claims.participantId).toBe(covered.id)

  // ---- the verify screen says the card is genuine
  await clerk.cardCheck.open()
  await clerk.cardCheck.check(token)
  await clerk.cardCheck.expectGenuine()
  await expect(clerk.cardCheck.result).toContainText(covered.fullName)
  // A city's screens name it a kota, not a kabupaten.
  await expect(
    clerk.page.getByRole('heading', { name: 'Kunci publik kota', level: 2 }),
  ).toBeVisible()

  // ---- the supervisor's dashboard counts Palaran
  await supervisor.dashboard.open()
  await expect(supervisor.dashboard.heading).toBeVisible()
  // Registered | Active | New | Target | %: Warni and Rudi registered, Rudi covered and new this
  // year; another kecamatan has nobody.
  expect(await supervisor.dashboard.tableRow('kecamatan', 'Palaran')).toBe('Palaran|2|1|1|–|–')
  expect(await supervisor.dashboard.tableRow('kecamatan', 'Samarinda Ulu')).toMatch(
    /^Samarinda Ulu\|0\|0\|0\|/,
  )
})
