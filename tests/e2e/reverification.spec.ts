import { readFile } from 'node:fs/promises'
import { expect, test, type BrowserContext } from '@playwright/test'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { pdfFileOf, pdfText } from '../support/pdf-tools'
import { makassarYear } from './support/makassar-dates'
import { startSyncServer, type SyncServer } from './support/sync-server'
import { pcOfOffice } from './support/supervisor-pc'

/**
 * The annual re-verification, walked with the UI only: before next year's budget, the clerk at
 * Tenggarong opens the proposal — a covered man who turns 65 during the year is proposed for the
 * age limit, a woman whose card was never printed for that — decides offline (ended: past the age
 * limit; continued), the decisions reach the real server, and the Distransnaker supervisor's PC
 * shows the kecamatan's counts and produces the decree list (PDF, read back with poppler) with the
 * continued person and without the ended one, and the berita acara naming him.
 *
 * Dates follow the year in Makassar: the budget year is next year, the man was born 65 years
 * before it (so he is 63 or 64 today and turns 65 during it, whatever the day).
 */

const PASSWORD = 'kata-sandi-verifikasi-ulang-1'

let server: SyncServer
const contexts: BrowserContext[] = []

test.afterAll(async () => {
  for (const context of contexts) await context.close()
  await server?.close()
})

test('a re-verification round ends a person turning 65 and produces the decree list', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  server = await startSyncServer()
  const year = makassarYear() + 1
  const tenggarong = await server.createKecamatanOffice('64.02.06', 1)
  const seeded = await server.seedCoveredParticipants<ParticipantWireDocument>(
    tenggarong,
    ['Darmawan Sepuh', 'Sari Lanjut'],
    `${year - 1}-01-01`,
    { 'Darmawan Sepuh': `${year - 65}-12-20` },
  )
  expect(seeded.map((doc) => doc.fullName).sort()).toEqual(['Darmawan Sepuh', 'Sari Lanjut'])

  const clerkPc = await pcOfOffice(
    browser,
    server,
    tenggarong,
    { username: 'loket-vu', password: PASSWORD, displayName: 'Nur Loket', role: 'operator' },
    'PC loket Tenggarong',
  )
  contexts.push(clerkPc.context)
  const clerk = clerkPc.app
  await clerk.expectSyncState('synced', 60_000)

  // The link drops; the re-check goes on at the office.
  await clerkPc.context.setOffline(true)
  await clerk.expectSyncState('offline')
  const queue = clerk.reverification
  await queue.open(year)
  await expect(queue.row('Darmawan Sepuh')).toContainText('Mencapai batas usia')
  await expect(queue.row('Darmawan Sepuh')).toContainText(`20 Desember ${year}`)
  await expect(queue.row('Sari Lanjut')).toContainText('Kartu belum pernah dicetak')
  await expect(clerk.page.getByTestId('reverification-summary')).toContainText(
    '2 diusulkan dari 2 peserta: 0 sudah diputuskan, 2 belum.',
  )

  await queue.decide('Darmawan Sepuh', 'Diakhiri', {
    endReason: 'Melewati batas usia',
    note: 'Berusia 65 tahun pada Desember; keluarga sudah diberi tahu.',
  })
  await queue.decide('Sari Lanjut', 'Dilanjutkan', { note: 'Kartu diambil di kantor camat.' })
  // Decided people leave the "not yet decided" view; "everyone" shows the decision.
  await expect(queue.row('Darmawan Sepuh')).toHaveCount(0)
  await queue.show('Semua yang diusulkan')
  await expect(queue.row('Darmawan Sepuh')).toContainText('Diakhiri: Melewati batas usia')
  await expect(queue.row('Darmawan Sepuh')).toContainText('Nur Loket')

  // The decision is in the person's history, in words.
  await clerk.participants.openParticipant('Darmawan Sepuh')
  const history = clerk.page.getByTestId('participant-history')
  await expect(history).toContainText('Verifikasi ulang tahunan')
  await expect(history).toContainText(`${year}: Diakhiri: Melewati batas usia`)

  // Back online: the decisions reach the server.
  await clerkPc.context.setOffline(false)
  await clerk.expectSyncState('synced', 60_000)
  await expect
    .poll(async () => {
      const docs = await server.pullAll<ParticipantWireDocument>()
      return docs
        .filter((doc) => doc.reverification?.some((decision) => decision.year === year))
        .map((doc) => `${doc.fullName}:${doc.reverification?.at(-1)?.outcome ?? ''}`)
        .sort()
    })
    .toEqual(['Darmawan Sepuh:ended', 'Sari Lanjut:continued'])

  // The Distransnaker supervisor makes the decree list on a district PC.
  const central = await server.centralOffice()
  const supervisorPc = await pcOfOffice(
    browser,
    server,
    central,
    {
      username: 'supervisor-vu',
      password: PASSWORD,
      displayName: 'Sari Supervisor',
      role: 'supervisor',
    },
    'PC Distransnaker',
  )
  contexts.push(supervisorPc.context)
  const supervisor = supervisorPc.app
  await supervisor.expectSyncState('synced', 60_000)
  await supervisor.reverification.open(year)
  await supervisor.reverification.tab('Daftar SK & berita acara').click()
  // Proposed 2 = continued 1 + ended 1 + pending 0; listed 1.
  await expect(supervisor.reverification.countsRow('Tenggarong')).toHaveText(
    /Tenggarong\s*2\s*1\s*1\s*0\s*1/,
  )
  await expect(supervisor.page.getByTestId('decree-total')).toHaveText(
    `Jumlah peserta pada daftar SK tahun ${year}: 1.`,
  )

  const decreePdf = await supervisor.reverification.download('Unduh daftar SK (PDF)')
  expect(decreePdf.suggestedFilename()).toBe(`lampiran-sk-peserta-${year}.pdf`)
  const decreeFile = await pdfFileOf(new Uint8Array(await readFile((await decreePdf.path()) ?? '')))
  try {
    const text = (await pdfText(decreeFile.path)).replace(/\s+/g, ' ')
    expect(text).toContain('Sari Lanjut')
    expect(text).not.toContain('Darmawan Sepuh')
    expect(text).toContain(String(year))
    expect(text).not.toMatch(/\d{16}/)
  } finally {
    await decreeFile.cleanup()
  }

  const minutesPdf = await supervisor.reverification.download('Unduh berita acara (PDF)')
  const minutesFile = await pdfFileOf(
    new Uint8Array(await readFile((await minutesPdf.path()) ?? '')),
  )
  try {
    const text = (await pdfText(minutesFile.path)).replace(/\s+/g, ' ')
    expect(text).toContain('Tenggarong')
    expect(text).toContain('Darmawan Sepuh')
    expect(text).toContain('Melewati batas usia')
  } finally {
    await minutesFile.cleanup()
  }

  // The renewal batch carries the decree out: Sari is renewed from 1 January, Darmawan is not and
  // his coverage ends on 31 December with the reason the office found.
  await supervisor.batches.open()
  await supervisor.batches.tab('Perpanjangan').click()
  await supervisor.page.getByLabel('Kode iuran').fill('KI-VU-1')
  await supervisor.page.getByRole('button', { name: 'Buat batch perpanjangan' }).click()
  await expect(
    supervisor.page.getByRole('status').filter({ hasText: 'Sesuai verifikasi ulang' }),
  ).toHaveText(
    `Sesuai verifikasi ulang tahun ${year}: 1 peserta diakhiri pada 31 Desember dan 0 ditunda; mereka tidak diperpanjang.`,
  )
  await expect
    .poll(
      async () => {
        const docs = await server.pullAll<ParticipantWireDocument>()
        return docs
          .filter((doc) => doc.fullName === 'Darmawan Sepuh' || doc.fullName === 'Sari Lanjut')
          .map(
            (doc) =>
              `${doc.fullName}:${doc.status}:${(doc.coverage ?? [])
                .map(
                  (period) =>
                    `${period.year}${period.until ? `..${period.until}/${period.endReason ?? ''}` : ''}`,
                )
                .join(',')}`,
          )
          .sort()
      },
      { timeout: 60_000 },
    )
    .toEqual([
      `Darmawan Sepuh:ended:${year - 1}..${year - 1}-12-31/batas-usia`,
      `Sari Lanjut:active:${year - 1},${year}`,
    ])
})
