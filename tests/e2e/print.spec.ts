import { expect, test } from '@playwright/test'
import { bytesOfBase64Url, verifyCardToken } from '../../shared/cards/card-token'
import { maskNik } from '../../shared/identity/masking'
import type { ParticipantWireDocument } from '../../shared/sync/sync-protocol'
import { decodeQrCodes, pdfFileOf, pdfPages, pdfText } from '../support/pdf-tools'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL } from './support/chromium'
import { makassarYear } from './support/makassar-dates'
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
  const year = String(makassarYear())
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
    const print = app.print
    await app.enrol.connect(server.url, code, 'PC cetak')
    await app.login.signIn('pencetak', PASSWORD)
    await app.expectSyncState('synced', SYNC_MS)

    // ---- 25 membership cards on A4 sheets of 10
    await print.open()
    await expect(print.signingKey('06-41')).toBeVisible()
    await expect(print.matching(25)).toBeVisible({ timeout: SYNC_MS })
    await expect(print.notCovered).toContainText(
      `2 orang lain yang cocok belum terlindungi BPJS pada tahun ${year}`,
    )
    for (const draft of drafts) {
      await expect(print.choice(draft.fullName)).toHaveCount(0)
    }
    await print.chooseLayout('Kartu peserta — lembar A4 isi 10 dengan tanda potong')
    await print.chooseAll.check()
    await expect(print.chosen(25)).toBeVisible()
    await print.makePdf(25, 3, 60_000)
    const cards = await print.downloadPdf()
    await expect(print.recorded(25)).toBeVisible()
    // Printed: "never printed" no longer lists them.
    await expect(print.nobodyMatches).toBeVisible()

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
    await print.chooseLayout('Stiker rumah peserta')
    await print.chooseStickerSheet('8 stiker per lembar A4 (4 baris × 2 kolom)')
    await expect(print.matching(25)).toBeVisible()
    await print.chooseAll.check()
    await print.makePdf(25, 4, 60_000)
    const stickers = await print.downloadPdf()
    await expect(print.recorded(25)).toBeVisible()
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
    const log = app.participant.printLog
    await expect(log.getByRole('row')).toHaveCount(3)
    await expect(log.getByText('Kartu peserta')).toBeVisible()
    await expect(log.getByText('Stiker rumah')).toBeVisible()

    // ---- a reprint asks for a reason, and revokes the earlier card
    await print.open()
    await print.chooseLayout('Kartu peserta — satu kartu per halaman (printer kartu PVC)')
    await print.filterByHistory('Semua, dicetak atau belum')
    await print.choice(siti.fullName).check()
    await expect(print.reprintWarning(1)).toBeVisible()
    await print.makePdfButton(1).click()
    await expect(print.refusal).toHaveText('Pilih alasan cetak ulang sebelum membuat PDF.')
    await print.giveReprintReason('Hilang', 'hanyut saat banjir')
    await print.makePdf(1, 1, 30_000)
    const reprint = await print.downloadPdf()
    await expect(print.recorded(1)).toBeVisible()
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
    await app.cardCheck.open()
    await app.cardCheck.check(oldToken)
    await expect(app.cardCheck.statusSaying('DIBATALKAN')).toBeVisible()
    await app.cardCheck.check(newToken!)
    await expect(app.cardCheck.statusSaying('ASLI')).toBeVisible()

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
