import { expect, type Locator } from '@playwright/test'
import { Screen } from './screen'

/** "Tagihan & iuran" (#/tagihan): BPJS's monthly bill, payments and the timeline (supervisors). */
export class BillingPage extends Screen {
  /** Opens the screen from the navigation and waits for the exchange with the server. */
  async open() {
    await this.page.getByRole('link', { name: 'Tagihan & iuran' }).first().click()
    await expect(
      this.page.getByRole('heading', { name: 'Tagihan & iuran BPJS', level: 1 }),
    ).toBeVisible()
  }

  tab(name: 'Tagihan BPJS' | 'Pembayaran' | 'Linimasa' | 'Ganda & tanpa penanggung'): Locator {
    return this.page.getByRole('tab', { name, exact: true })
  }

  /** "Tagihan dan pembayaran diperbarui dari server pukul …" once the exchange is done. */
  async expectExchanged() {
    await expect(this.page.getByTestId('billing-exchange')).toContainText(
      'diperbarui dari server',
      { timeout: 30_000 },
    )
  }

  /** Imports a bill file for a month, with the columns as the app guessed them. */
  async importBill(month: string, file: { name: string; text: string }) {
    await this.tab('Tagihan BPJS').click()
    await this.page.getByLabel('Bulan iuran').fill(month)
    await this.page.getByLabel('Berkas tagihan BPJS (CSV atau XLSX)').setInputFiles({
      name: file.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.text, 'utf8'),
    })
    await this.page.getByRole('button', { name: 'Simpan dan cocokkan' }).click()
  }

  /** The rows of the differences table of the bill shown. */
  differences(): Locator {
    return this.page.getByTestId('bill-differences').locator('tbody tr')
  }

  difference(kind: string): Locator {
    return this.page.getByTestId('bill-differences').locator(`tbody tr[data-kind="${kind}"]`)
  }

  /** Resolves one difference row with a note, through its own button. */
  async resolve(row: Locator, note: string) {
    await row.getByRole('button', { name: 'Selesaikan' }).click()
    await row.getByLabel('Catatan penyelesaian').fill(note)
    await row.getByRole('button', { name: 'Simpan penyelesaian' }).click()
    await expect(row).toContainText(`Selesai: ${note}`)
  }

  async recordPayment(payment: {
    month: string
    amount: string
    paidOn: string
    reference: string
  }) {
    await this.tab('Pembayaran').click()
    const form = this.page.getByRole('region', { name: 'Catat pembayaran' })
    await form.getByLabel('Bulan iuran').fill(payment.month)
    await form.getByLabel('Jumlah dibayar (Rp)').fill(payment.amount)
    await form.getByLabel('Tanggal bayar (SP2D)').fill(payment.paidOn)
    await form.getByLabel('No. SP2D / referensi bank').fill(payment.reference)
    await form.getByRole('button', { name: 'Catat pembayaran' }).click()
    await expect(form.getByText(/^Pembayaran .* tersimpan/)).toBeVisible()
  }

  /** The payments table's rows still in force with `reference`: they carry the two actions. */
  private paymentRow(reference: string): Locator {
    return this.page
      .getByTestId('billing-payments')
      .locator('tbody tr')
      .filter({ hasText: reference })
      .filter({ has: this.page.getByRole('button', { name: /^Batalkan pembayaran / }) })
  }

  /** Withdraws the payment with `reference` through its button and the dialog's reason. */
  async withdrawPayment(reference: string, reason: string) {
    await this.tab('Pembayaran').click()
    await this.paymentRow(reference)
      .getByRole('button', { name: /^Batalkan pembayaran / })
      .click()
    const dialog = this.page.getByRole('alertdialog')
    await dialog.getByLabel('Alasan pembatalan').fill(reason)
    await dialog.getByRole('button', { name: 'Batalkan pembayaran', exact: true }).click()
    await expect(dialog).toHaveCount(0)
    await expect(this.page.getByText(/^Pembayaran .* dibatalkan dan tersimpan\.$/)).toBeVisible()
  }

  /** Corrects the payment with `reference`: the form filled with it, a new amount and a reason. */
  async correctPayment(reference: string, correction: { amount: string; reason: string }) {
    await this.tab('Pembayaran').click()
    await this.paymentRow(reference)
      .getByRole('button', { name: /^Koreksi pembayaran / })
      .click()
    const form = this.page.getByRole('region', { name: /^Koreksi pembayaran / })
    await expect(form.getByLabel('No. SP2D / referensi bank')).toHaveValue(reference)
    await form.getByLabel('Jumlah dibayar (Rp)').fill(correction.amount)
    await form.getByLabel('Alasan koreksi').fill(correction.reason)
    await form.getByRole('button', { name: 'Simpan koreksi' }).click()
    await expect(this.page.getByText(/^Koreksi tersimpan: /)).toBeVisible()
  }

  /** The continuity guard wherever it is shown (header, dashboard, this screen). */
  guard(): Locator {
    return this.page.getByTestId('continuity-guard')
  }
}
