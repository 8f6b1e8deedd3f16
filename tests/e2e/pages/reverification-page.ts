import { expect, type Download, type Locator } from '@playwright/test'
import { Screen } from './screen'

/**
 * "Verifikasi ulang tahunan" (#/verifikasi-ulang): the year's proposal as a queue of people to
 * re-check, a decision form per person, and the decree list with each kecamatan's berita acara.
 */
export class ReverificationPage extends Screen {
  /** Opens the screen from the navigation, for budget year `year`. */
  async open(year: number) {
    await this.page
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: 'Verifikasi ulang tahunan' })
      .click()
    await expect(
      this.page.getByRole('heading', { name: 'Verifikasi ulang tahunan', level: 1 }),
    ).toBeVisible()
    await this.page.getByLabel('Tahun anggaran').selectOption(String(year))
    await expect(this.page.getByTestId('reverification-summary')).toBeVisible({ timeout: 30_000 })
  }

  tab(name: 'Antrean pemeriksaan' | 'Daftar SK & berita acara'): Locator {
    return this.page.getByRole('tab', { name, exact: true })
  }

  /** The queue's row of `fullName`. */
  row(fullName: string): Locator {
    return this.page
      .getByTestId('reverification-queue')
      .locator('tbody tr')
      .filter({ hasText: fullName })
  }

  /** "Tampilkan": only the undecided, or everyone proposed. */
  async show(which: 'Belum diputuskan' | 'Semua yang diusulkan') {
    await this.page.getByLabel('Tampilkan').selectOption({ label: which })
  }

  /** Opens the decision form of `fullName` and records the outcome (the end reason as offered). */
  async decide(
    fullName: string,
    outcome: 'Dilanjutkan' | 'Diakhiri' | 'Ditunda',
    options: { endReason?: string; note?: string } = {},
  ) {
    await this.page.getByRole('button', { name: `Putuskan untuk ${fullName}` }).click()
    const form = this.page.getByRole('form', { name: `Putuskan untuk ${fullName}` })
    await form.getByRole('radio', { name: outcome }).check()
    if (options.endReason) {
      await form.getByLabel('Alasan diakhiri').selectOption({ label: options.endReason })
    }
    if (options.note) await form.getByLabel('Catatan pemeriksaan (tidak wajib)').fill(options.note)
    await form.getByRole('button', { name: 'Simpan keputusan' }).click()
    await expect(
      this.page.getByRole('status').filter({ hasText: `Keputusan untuk ${fullName} tersimpan` }),
    ).toBeVisible()
  }

  /** The decree tab's summary table, one row per kecamatan. */
  countsRow(kecamatan: string): Locator {
    return this.page.getByTestId('decree-counts').locator('tbody tr').filter({ hasText: kecamatan })
  }

  async download(
    button:
      | 'Unduh daftar SK (PDF)'
      | 'Unduh daftar SK (XLSX)'
      | 'Unduh berita acara (PDF)'
      | 'Unduh berita acara (XLSX)',
  ): Promise<Download> {
    const downloading = this.page.waitForEvent('download')
    await this.page.getByRole('button', { name: button }).click()
    return downloading
  }
}
