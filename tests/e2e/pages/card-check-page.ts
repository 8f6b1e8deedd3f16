import { expect, type Locator } from '@playwright/test'
import { Screen } from './screen'

/**
 * "Verifikasi kartu peserta" (Alt+7, #/verifikasi) as a clerk at the desk sees it: the QR text box
 * a USB scanner types into, the camera, the verdict, and the district keys this PC trusts.
 */
export class CardCheckPage extends Screen {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Verifikasi kartu peserta' })
  }

  async open() {
    await this.page.keyboard.press('Alt+7')
    await expect(this.heading).toBeVisible()
  }

  /** Leaves for the participant list and comes back (Alt+2, Alt+7): the screen reads again. */
  async reopen() {
    await this.page.keyboard.press('Alt+2')
    await this.page.keyboard.press('Alt+7')
  }

  get qrText(): Locator {
    return this.page.getByLabel('Teks kode QR')
  }

  /** The verdict on the last code checked (`data-tone`: genuine, reject, …). */
  get result(): Locator {
    return this.page.locator('.verify-result')
  }

  /** A status on the screen that says `text` ("ASLI", "DIBATALKAN", …). */
  statusSaying(text: string): Locator {
    return this.page.getByRole('status').filter({ hasText: text })
  }

  /** The verdict's link to the participant's record, when the card is one of this office's. */
  get openRecordLink(): Locator {
    return this.result.getByRole('link', { name: 'Buka data peserta' })
  }

  get checkButton(): Locator {
    return this.page.getByRole('button', { name: 'Periksa' })
  }

  get cameraButton(): Locator {
    return this.page.getByRole('button', { name: 'Pindai dengan kamera' })
  }

  /** "Kunci yang dipercaya: <n>". */
  get keyCount(): Locator {
    return this.page.getByTestId('trusted-key-count')
  }

  get keyField(): Locator {
    return this.page.getByRole('textbox', { name: 'Kunci publik kabupaten' })
  }

  /** "Komputer ini belum menyimpan kunci publik kabupaten": no key saved yet. */
  get noKeyNotice(): Locator {
    return this.page.getByText('Komputer ini belum menyimpan kunci publik kabupaten')
  }

  /** "Daftar pencabutan per <date>: <n> perangkat": the list of revoked PCs this PC holds. */
  get revocationListAge(): Locator {
    return this.page.getByTestId('revocation-list-age')
  }

  /** A USB scanner types the code and presses Enter. */
  async scanWithUsbScanner(text: string) {
    await this.qrText.fill(text)
    await this.qrText.press('Enter')
  }

  /** Pastes the code and presses "Periksa". */
  async check(text: string) {
    await this.qrText.fill(text)
    await this.checkButton.click()
  }

  async saveKey(text: string) {
    // The key section opens by itself once the screen knows no key is saved: wait for that.
    await expect(this.keyCount).toHaveText(/Kunci yang dipercaya: \d+/)
    if (!(await this.keyField.isVisible())) {
      await this.page.getByText('Tambah kunci publik kabupaten').click()
    }
    await this.keyField.fill(text)
    await this.page.getByRole('button', { name: 'Simpan kunci' }).click()
  }

  async expectGenuine() {
    await expect(this.result).toContainText('ASLI — kartu berlaku')
    await expect(this.result).toHaveAttribute('data-tone', 'genuine')
  }
}
