import { readFile } from 'node:fs/promises'
import { expect, test, type Download, type Page } from '@playwright/test'
import { bytesOfBase64Url, verifyCardToken } from '../../shared/cards/card-token'
import { calendarDayAt } from '../../shared/dates/clock'
import { maskNik } from '../../shared/identity/masking'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { decodeQrCodes, pdfFileOf, pdfPages, pdfText } from '../support/pdf-tools'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { startSyncServer, type SyncServer } from './support/sync-server'

/**
 * A kecamatan office prints membership cards and house stickers for 25 participants, offline-
 * capable and signed by its own certified key; the PDFs are read back with poppler and zbar, every
 * QR verifies with the district's public key, the print log lands on each record and on the
 * server, and a reprint needs a reason and revokes the earlier card.
 */

const PASSWORD = 'kata-sandi-cetak-1'
const SYNC_MS = 30_000

let server: SyncServer

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(60_000)
  server = await startSyncServer()
})

test.afterAll(async () => {
  await server?.close()
})

/** 25 people; two with the longest names the form accepts, one with letters from elsewhere. */
function peopleNames(): string[] {
  const given = [
    'Ani',
    'Bayu',
    'Citra',
    'Dimas',
    'Eka',
    'Fajar',
    'Gita',
    'Hadi',
    'Intan',
    'Joko',
    'Kiki',
  ]
  const family = ['Pratama', 'Lestari']
  const names = given.flatMap((first) => family.map((last) => `${first} ${last}`))
  names.push(
    `Muhammad ${'Abdurrahman '.repeat(7)}Al-Banjari`.slice(0, 100).trim(),
    'Siti Nurhaliza binti Haji Abdullah Muhammad Syarifuddin Zainal Abidin Kertanegara',
    'Ñoño Ümit Çelik Đặng',
  )
  return names
}

async function downloadPdf(page: Page, click: () => Promise<void>): Promise<Uint8Array> {
  const downloadPromise: Promise<Download> = page.waitForEvent('download')
  await click()
  const download = await downloadPromise
  const path = await download.path()
  return new Uint8Array(await readFile(path))
}

test('an office prints 25 cards and a sticker sheet, every QR verifies, and a reprint needs a reason', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const office = await server.createKecamatanOffice('64.02.06', 41)
  await server.createUser({
    officeId: office.id,
    username: 'pencetak',
    displayName: 'Petugas Cetak',
    role: 'operator',
    password: PASSWORD,
  })
  // The district's budget year where the clerk sits (WITA), the year the print screen offers.
  const year = calendarDayAt(new Date(), 8 * 60).slice(0, 4)
  const seeded = await server.seedCoveredParticipants<ParticipantWireDocument>(
    office,
    peopleNames(),
    `${year}-01-01`,
  )
  // Registered but not yet enrolled with BPJS: no card or sticker may claim they are covered.
  const drafts = await server.seedParticipants<ParticipantWireDocument>(office, [
    'Belum Terlindungi Satu',
    'Belum Terlindungi Dua',
  ])
  const { code } = await server.createEnrolmentCode(office.id)
  const { districtPublicKeys } = await server.cardKeys()
  const districtKeys = districtPublicKeys.map((key) => bytesOfBase64Url(key)!)

  const context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    acceptDownloads: true,
  })
  try {
    const app = new NaunganApp(await context.newPage())
    const page = app.page
    await app.enrol.connect(server.url, code, 'PC cetak')
    await app.login.signIn('pencetak', PASSWORD)
    await expect(page.locator('html')).toHaveAttribute('data-sync-state', 'synced', {
      timeout: SYNC_MS,
    })

    // ---- 25 membership cards on A4 sheets of 10
    await page.keyboard.press('Alt+6')
    await expect(
      page.getByRole('heading', { name: 'Cetak kartu peserta & stiker rumah' }),
    ).toBeVisible()
    await expect(page.getByText(/Kunci tanda tangan kantor 06-41 berlaku sampai/)).toBeVisible()
    await expect(page.getByText('25 peserta cocok')).toBeVisible({ timeout: SYNC_MS })
    await expect(page.getByTestId('print-not-covered')).toContainText(
      `2 orang lain yang cocok belum terlindungi BPJS pada tahun ${year}`,
    )
    for (const draft of drafts) {
      await expect(page.getByLabel(`Pilih ${draft.fullName}`)).toHaveCount(0)
    }
    await page.getByLabel('Kartu peserta — lembar A4 isi 10 dengan tanda potong').check()
    await page.getByLabel('Pilih semua').check()
    await expect(page.getByText('25 dipilih')).toBeVisible()
    await page.getByRole('button', { name: 'Buat PDF (25)' }).click()
    await expect(page.getByText('PDF siap: 3 halaman.', { exact: false })).toBeVisible({
      timeout: 60_000,
    })
    const cards = await downloadPdf(page, () =>
      page.getByRole('button', { name: 'Unduh PDF' }).click(),
    )
    await expect(page.getByText('Tercatat: 25 cetakan pada data peserta.')).toBeVisible()
    // Printed: "never printed" no longer lists them.
    await expect(page.getByText('Tidak ada peserta yang cocok.')).toBeVisible()

    const cardFile = await pdfFileOf(cards)
    const cardTokens: string[] = []
    try {
      const pages = await pdfPages(cardFile.path)
      expect(pages).toHaveLength(3)
      for (const size of pages) {
        expect(size.widthMm).toBeCloseTo(210, 1)
        expect(size.heightMm).toBeCloseTo(297, 1)
      }
      const text = await pdfText(cardFile.path)
      for (const doc of seeded) {
        expect(text).toContain(maskNik(doc.nik))
        expect(text).not.toContain(doc.nik)
        expect(text).toContain(doc.kpjNumber ?? '')
      }
      cardTokens.push(...(await decodeQrCodes(cardFile.path)))
    } finally {
      await cardFile.cleanup()
    }
    expect(cardTokens).toHaveLength(25)
    const cardClaims = cardTokens.map((token) => {
      const check = verifyCardToken(token, districtKeys)
      if (!check.ok) throw new Error(`card QR did not verify: ${check.reason}`)
      expect(check.certificate.officeCode).toBe('06-41')
      return check.claims
    })
    expect(new Set(cardClaims.map((claims) => claims.participantId))).toEqual(
      new Set(seeded.map((doc) => doc.id)),
    )
    // One character changed: no longer genuine.
    const tampered =
      cardTokens[0]!.slice(0, 40) +
      (cardTokens[0]![40] === 'A' ? 'B' : 'A') +
      cardTokens[0]!.slice(41)
    expect(verifyCardToken(tampered, districtKeys).ok).toBe(false)

    // ---- a sheet of house stickers, 8 per A4
    await page.getByLabel('Stiker rumah peserta').check()
    await page
      .getByLabel('Lembar stiker')
      .selectOption({ label: '8 stiker per lembar A4 (4 baris × 2 kolom)' })
    await expect(page.getByText('25 peserta cocok')).toBeVisible()
    await page.getByLabel('Pilih semua').check()
    await page.getByRole('button', { name: 'Buat PDF (25)' }).click()
    await expect(page.getByText('PDF siap: 4 halaman.', { exact: false })).toBeVisible({
      timeout: 60_000,
    })
    const stickers = await downloadPdf(page, () =>
      page.getByRole('button', { name: 'Unduh PDF' }).click(),
    )
    await expect(page.getByText('Tercatat: 25 cetakan pada data peserta.')).toBeVisible()
    const stickerFile = await pdfFileOf(stickers)
    try {
      expect(await pdfPages(stickerFile.path)).toHaveLength(4)
      const text = await pdfText(stickerFile.path)
      expect(text).toContain('RUMAH PESERTA')
      for (const doc of seeded) {
        // No NIK on a front door, not even masked.
        expect(text).not.toContain(doc.nik)
        expect(text).not.toContain(maskNik(doc.nik))
      }
      const stickerTokens = await decodeQrCodes(stickerFile.path)
      expect(stickerTokens).toHaveLength(25)
      for (const token of stickerTokens) {
        const check = verifyCardToken(token, districtKeys)
        expect(check.ok && check.claims.kind).toBe('sticker')
      }
    } finally {
      await stickerFile.cleanup()
    }

    // ---- the print log on the record
    const siti = seeded.find((doc) => doc.fullName.startsWith('Siti'))!
    await page.goto(`/#/peserta/${siti.id}`)
    const log = page.getByRole('region', { name: 'Riwayat cetak kartu & stiker' })
    await expect(log.getByRole('row')).toHaveCount(3)
    await expect(log.getByText('Kartu peserta')).toBeVisible()
    await expect(log.getByText('Stiker rumah')).toBeVisible()

    // ---- a reprint asks for a reason, and revokes the earlier card
    await page.keyboard.press('Alt+6')
    await page.getByLabel('Kartu peserta — satu kartu per halaman (printer kartu PVC)').check()
    await page.getByLabel('Riwayat cetak').selectOption({ label: 'Semua, dicetak atau belum' })
    await page.getByLabel(`Pilih ${siti.fullName}`).check()
    await expect(page.getByText('Cetak ulang: 1 peserta sudah pernah dicetak')).toBeVisible()
    await page.getByRole('button', { name: 'Buat PDF (1)' }).click()
    await expect(page.getByRole('alert')).toHaveText(
      'Pilih alasan cetak ulang sebelum membuat PDF.',
    )
    await page.getByLabel('Alasan cetak ulang').selectOption({ label: 'Hilang' })
    await page.getByLabel('Keterangan cetak ulang').fill('hanyut saat banjir')
    await page.getByRole('button', { name: 'Buat PDF (1)' }).click()
    await expect(page.getByText('PDF siap: 1 halaman.', { exact: false })).toBeVisible({
      timeout: 30_000,
    })
    const reprint = await downloadPdf(page, () =>
      page.getByRole('button', { name: 'Unduh PDF' }).click(),
    )
    await expect(page.getByText('Tercatat: 1 cetakan pada data peserta.')).toBeVisible()
    const reprintFile = await pdfFileOf(reprint)
    let newToken: string
    try {
      const pages = await pdfPages(reprintFile.path)
      expect(pages).toHaveLength(1)
      expect(pages[0]!.widthMm).toBeCloseTo(85.6, 1)
      expect(pages[0]!.heightMm).toBeCloseTo(54, 1)
      newToken = (await decodeQrCodes(reprintFile.path, 600))[0] ?? ''
    } finally {
      await reprintFile.cleanup()
    }
    const oldToken = cardTokens[cardClaims.findIndex((claims) => claims.participantId === siti.id)]!

    await page.goto(`/#/peserta/${siti.id}`)
    await expect(log.getByText('Dibatalkan (sudah diganti)')).toBeVisible()
    await expect(log.getByText(/cetak ulang \(Hilang\): hanyut saat banjir/)).toBeVisible()

    // ---- any office verifies: the old card is revoked, the new one genuine
    await page.keyboard.press('Alt+7')
    const qrText = page.getByLabel('Teks kode QR')
    await qrText.fill(oldToken)
    await page.getByRole('button', { name: 'Periksa' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'DIBATALKAN' })).toBeVisible()
    await qrText.fill(newToken!)
    await page.getByRole('button', { name: 'Periksa' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'ASLI' })).toBeVisible()

    // ---- the log reached the server with the records
    await expect
      .poll(
        async () => {
          const docs = await server.pullAll<ParticipantWireDocument>()
          const onServer = docs.find((doc) => doc.id === siti.id)
          return onServer?.prints.map((entry) => entry.kind).sort()
        },
        { timeout: SYNC_MS },
      )
      .toEqual(['card', 'card', 'sticker'])
  } finally {
    await context.close()
  }
})
