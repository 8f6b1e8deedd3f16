import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test, type Page } from '@playwright/test'
import {
  base64UrlOf,
  issueDeviceCertificate,
  newSigningKeyPair,
  signCardToken,
  verifyCardToken,
  type CardClaims,
} from '../../shared/cards/card-token'
import type { CardCheckPage } from './pages/card-check-page'
import { NaunganApp } from './pages/naungan-app'
import { APP_URL, CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium'
import { writeQrY4m } from './support/fake-camera'
import { SITI } from './support/people'

/**
 * The district and one certified office PC, made here the way the server and the PC make them:
 * the tokens below are the very text a printed card's QR code carries.
 */
const district = newSigningKeyPair()
const officePc = newSigningKeyPair()
const signer = {
  secretKey: officePc.secretKey,
  certificate: issueDeviceCertificate(district.secretKey, {
    devicePublicKey: officePc.publicKey,
    officeCode: '06-01',
    issuedOn: '2025-01-01',
    expiresOn: '2035-12-31',
  }),
}
const DISTRICT_KEY_TEXT = base64UrlOf(district.publicKey)

const SITI_CARD: CardClaims = {
  kind: 'card',
  participantId: '5d1f0e2a-3b4c-4d5e-8f60-718293a4b5c6',
  participantNumber: '0601-000042',
  initials: 'SA',
  validFrom: '2026-01-10',
  validUntil: '2036-01-09',
  serial: '7K3M-9QX2',
  printedOn: '2026-01-10',
}
const cardToken = (claims: Partial<CardClaims> = {}) =>
  signCardToken(signer, { ...SITI_CARD, ...claims })

/** The same token with one character changed such that it still decodes: an edited card. */
function withOneCharacterChanged(token: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
  // Inside the card's claims (after the office PC's certificate), not its last characters.
  const position = token.length - 120
  for (const replacement of alphabet) {
    if (replacement === token[position]) continue
    const edited = token.slice(0, position) + replacement + token.slice(position + 1)
    const check = verifyCardToken(edited, [district.publicKey])
    if (!check.ok && check.reason !== 'MALFORMED') return edited
  }
  throw new Error('no single-character edit that still decodes')
}

/** A standalone desk, set up, on "Verifikasi kartu". */
async function openStandaloneDesk(page: Page): Promise<CardCheckPage> {
  const app = new NaunganApp(page)
  await app.open()
  await app.settings.setUpOffice()
  await app.cardCheck.open()
  return app.cardCheck
}

test.describe('a clerk checks whether a card is genuine', () => {
  test('a desk without the server learns the district key, then tells genuine from forged, and keeps the key', async ({
    page,
  }) => {
    const screen = await openStandaloneDesk(page)
    const token = cardToken()

    // (a) No key yet: the card cannot be checked, and the screen says why and what to do.
    await expect(screen.keyCount).toHaveText('Kunci yang dipercaya: 0')
    await expect(screen.noKeyNotice).toBeVisible()
    await expect(screen.qrText).toBeFocused()
    await screen.scanWithUsbScanner(token)
    await expect(screen.result).toContainText('TIDAK DAPAT DIPERIKSA')
    await expect(screen.result).toContainText(
      'Kartu ditandatangani dengan kunci yang tidak dikenal komputer ini (kabupaten lain, atau kunci belum tersimpan).',
    )
    await expect(screen.result).toContainText('simpan kunci publik kabupaten')
    await expect(screen.result).not.toContainText('PALSU')
    await expect(screen.keyField).toBeVisible()

    // Text that is not a key is refused, nothing saved.
    await screen.saveKey('ini-bukan-kunci')
    await expect(page.getByText('bukan kunci publik kabupaten yang sah')).toBeVisible()
    await expect(screen.keyCount).toHaveText('Kunci yang dipercaya: 0')

    // (b) The key from Distransnaker is pasted: the card on the screen is checked again.
    await screen.saveKey(DISTRICT_KEY_TEXT)
    await expect(page.getByText('Kunci tersimpan. Kunci yang dipercaya sekarang: 1.')).toBeVisible()
    await expect(screen.keyCount).toHaveText('Kunci yang dipercaya: 1')
    await screen.expectGenuine()
    await expect(screen.result).toContainText('SA')
    await expect(screen.result).toContainText('0601-000042')
    await expect(screen.result).toContainText('Kartu peserta')
    await expect(screen.result).toContainText('7K3M-9QX2')
    await expect(screen.result).toContainText('06-01')
    await expect(screen.result).toContainText('10 Jan 2026 s.d. 09 Jan 2036')
    await expect(screen.result).toContainText(
      'Tanda tangan asli. Kartu ini dari luar data kantor ini, jadi penggantian kartu tidak dapat diperiksa di sini.',
    )
    await expect(screen.openRecordLink).toHaveCount(0)

    // Saving the same key twice changes nothing.
    await screen.saveKey(DISTRICT_KEY_TEXT)
    await expect(page.getByText('Kunci ini sudah tersimpan sebelumnya.')).toBeVisible()
    await expect(screen.keyCount).toHaveText('Kunci yang dipercaya: 1')

    // (c) An edited card, an expired one, and some other QR code. Ctrl+Enter and the button work
    // as well as the scanner's Enter.
    await screen.qrText.fill(withOneCharacterChanged(token))
    await screen.qrText.press('Control+Enter')
    await expect(screen.result).toContainText('PALSU ATAU RUSAK')
    await expect(screen.result).toContainText('Isi kartu diubah setelah dicetak')
    await expect(screen.result).toHaveAttribute('data-tone', 'reject')

    await screen.check(
      cardToken({ validFrom: '2024-01-01', validUntil: '2025-12-31', printedOn: '2025-06-01' }),
    )
    await expect(screen.result).toContainText('KEDALUWARSA — masa berlaku habis pada 31 Des 2025')

    await screen.scanWithUsbScanner('https://contoh.example/promo?kode=123')
    await expect(screen.result).toContainText('PALSU ATAU RUSAK')
    await expect(screen.result).toContainText('Ini bukan kode QR kartu Naungan.')

    await screen.scanWithUsbScanner('   ')
    await expect(page.getByText('Kotak teks kode QR masih kosong.')).toBeVisible()

    // The language switch re-words the result.
    await screen.scanWithUsbScanner(token)
    await screen.expectGenuine()
    await page.getByLabel('Bahasa').selectOption('en')
    await expect(screen.result).toContainText('GENUINE — card is valid')
    await page.getByLabel('Language').selectOption('id')
    await screen.expectGenuine()

    // (d) The key survives a restart of the app.
    await page.reload()
    await new NaunganApp(page).waitUntilStarted()
    await expect(screen.heading).toBeVisible()
    await expect(screen.keyCount).toHaveText('Kunci yang dipercaya: 1')
    await expect(screen.noKeyNotice).toHaveCount(0)
    await screen.scanWithUsbScanner(token)
    await screen.expectGenuine()
  })

  test("a genuine card of this office's draft participant says registered, not covered, and opens the record", async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.register(SITI)
    await app.participants.openParticipant(SITI.fullName)
    const participantId = /#\/peserta\/([\w-]+)$/.exec(page.url())?.[1]
    if (!participantId) throw new Error(`no participant id in ${page.url()}`)

    const screen = app.cardCheck
    await screen.open()
    await screen.saveKey(DISTRICT_KEY_TEXT)
    await screen.scanWithUsbScanner(cardToken({ participantId, participantNumber: '0601-000001' }))
    // Signed by the district, but Siti is still a draft here: the card protects nothing, and the
    // desk must not answer "ASLI — kartu berlaku".
    await expect(screen.result).toContainText('TERDAFTAR, BELUM/TIDAK TERLINDUNGI')
    await expect(screen.result).toContainText('status peserta: Draf')
    await expect(screen.result).not.toContainText('kartu berlaku')
    await expect(screen.result).toContainText('Siti Aminah')

    await screen.openRecordLink.click()
    await expect(page.getByRole('heading', { name: SITI.fullName })).toBeVisible()
  })

  test('a PC without a camera says so and the pasted text still works', async ({ page }) => {
    const screen = await openStandaloneDesk(page)
    await screen.cameraButton.click()
    await expect(
      page.getByText(
        'Kamera tidak dapat dibuka: izin ditolak atau tidak ada kamera. Tempel teks QR di kotak di atas.',
      ),
    ).toBeVisible({ timeout: 30_000 })
    await expect(screen.cameraButton).toBeVisible()
    await screen.scanWithUsbScanner('bukan kartu')
    await expect(screen.result).toContainText('Ini bukan kode QR kartu Naungan.')
  })

  test('a card held up to the webcam is read and checked', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'naungan-camera-'))
    const video = join(folder, 'card.y4m')
    const token = cardToken()
    writeQrY4m(video, token)
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
    try {
      const context = await browser.newContext({
        baseURL: APP_URL,
        locale: 'id-ID',
        timezoneId: 'Asia/Makassar',
      })
      const page = await context.newPage()
      const screen = await openStandaloneDesk(page)
      await screen.saveKey(DISTRICT_KEY_TEXT)
      await expect(screen.keyCount).toHaveText('Kunci yang dipercaya: 1')

      await screen.cameraButton.click()
      await expect(screen.result).toContainText('ASLI — kartu berlaku', { timeout: 30_000 })
      await expect(screen.result).toContainText('0601-000042')
      await expect(screen.qrText).toHaveValue(token)
      // The code was read: the camera is off again, its light out.
      await expect(screen.cameraButton).toBeVisible()
      const liveTracks = await page.evaluate(() => {
        const element = document.querySelector('video')
        return element?.srcObject instanceof MediaStream
          ? element.srcObject.getTracks().filter((track) => track.readyState === 'live').length
          : 0
      })
      expect(liveTracks).toBe(0)
      await context.close()
    } finally {
      await browser.close()
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
