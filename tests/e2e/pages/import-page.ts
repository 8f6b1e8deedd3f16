import { expect, type Locator } from '@playwright/test'
import { Screen } from './screen'

/**
 * "Impor daftar dari instansi" (#/impor): a file from an agency or BPJS, read, tried in a dry run
 * whose counts are rows of a table, then applied.
 */
export class ImportPage extends Screen {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Impor daftar dari instansi' })
  }

  /** Goes to the screen by its address (it has no shortcut). */
  async open() {
    await this.shell.goToHash('#/impor')
    await expect(this.heading).toBeVisible()
  }

  /**
   * Chooses a CSV file, names its source, marks it as BPJS's list of existing members ("Peserta
   * lama"), reads it and starts the dry run.
   */
  async dryRunExistingMembers(file: { name: string; text: string }, source: string) {
    await this.page.locator('input[type="file"]').setInputFiles({
      name: file.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.text, 'utf8'),
    })
    await this.page.getByLabel(/Nama sumber/).fill(source)
    await this.page.getByLabel(/Peserta lama/).check()
    await this.page.getByRole('button', { name: 'Baca berkas' }).click()
    await this.page.getByRole('button', { name: 'Mulai uji coba' }).click()
  }

  /**
   * Chooses a DTSEN extract, names its source, gives its data date (YYYY-MM-DD), reads it and
   * starts the dry run.
   */
  async dryRunDtsen(file: { name: string; text: string }, source: string, snapshotDate: string) {
    await this.page.locator('input[type="file"]').setInputFiles({
      name: file.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.text, 'utf8'),
    })
    await this.page.getByLabel(/Nama sumber/).fill(source)
    await this.page.getByLabel(/Data DTSEN/).check()
    await this.page.getByLabel(/Tanggal data DTSEN/).fill(snapshotDate)
    await this.page.getByRole('button', { name: 'Baca berkas' }).click()
    await this.page.getByRole('button', { name: 'Mulai uji coba' }).click()
  }

  /** One group of the DTSEN changes table: its people and how many are registered here. */
  dtsenGroup(label: RegExp): Locator {
    return this.page
      .getByRole('table', { name: /Perubahan sejak ekstrak DTSEN|Ekstrak DTSEN pertama/ })
      .getByRole('row', { name: label })
      .getByRole('cell')
  }

  /** "Terapkan: … catatan tinjauan", confirmed, and the DTSEN notice with its counts. */
  async applyDtsen(expected: RegExp) {
    this.page.once('dialog', (dialog) => void dialog.accept())
    await this.page.getByRole('button', { name: /^Terapkan: .* catatan tinjauan$/ }).click()
    await expect(this.page.getByText(expected)).toBeVisible({ timeout: 30_000 })
  }

  /** "Impor berkas lain": back to the first step for another file. */
  async startAnother() {
    await this.page.getByRole('button', { name: 'Impor berkas lain' }).click()
  }

  /** The count of one row of the dry run's table ("Data baru", "Kesalahan", …). */
  count(label: string): Locator {
    return this.page.getByRole('row', { name: new RegExp(`^${label}`) }).getByRole('cell')
  }

  /** "Terapkan: <n> data baru", confirmed, and "Impor selesai: <n> data baru". */
  async apply(newRecords: number) {
    this.page.once('dialog', (dialog) => void dialog.accept())
    await this.page
      .getByRole('button', { name: new RegExp(`Terapkan: ${newRecords} data baru`) })
      .click()
    await expect(
      this.page.getByText(new RegExp(`Impor selesai: ${newRecords} data baru`)),
    ).toBeVisible({
      timeout: 30_000,
    })
  }
}
