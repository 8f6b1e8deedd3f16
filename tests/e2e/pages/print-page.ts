import { readFile } from 'node:fs/promises'
import { expect, type Locator } from '@playwright/test'
import { Screen } from './screen'

/** The layouts "Cetak" offers, by the label of their radio button. */
export type PrintLayout =
  | 'Kartu peserta — lembar A4 isi 10 dengan tanda potong'
  | 'Kartu peserta — satu kartu per halaman (printer kartu PVC)'
  | 'Stiker rumah peserta'

/**
 * "Cetak kartu peserta & stiker rumah" (Alt+6): the office's signing key, the participants that
 * match the filters, the layout, "Buat PDF (n)" and "Unduh PDF", and the reason a reprint needs.
 */
export class PrintPage extends Screen {
  async open() {
    await this.page.keyboard.press('Alt+6')
    await expect(
      this.page.getByRole('heading', { name: 'Cetak kartu peserta & stiker rumah' }),
    ).toBeVisible()
  }

  /** "Kunci tanda tangan kantor <office> berlaku sampai …": this PC may sign cards. */
  signingKey(officeCode: string): Locator {
    return this.page.getByText(new RegExp(`Kunci tanda tangan kantor ${officeCode} berlaku sampai`))
  }

  /** "<n> peserta cocok": how many participants the filters leave to print. */
  matching(count: number): Locator {
    return this.page.getByText(`${count} peserta cocok`)
  }

  /** "Tidak ada peserta yang cocok.": the filters leave nobody. */
  get nobodyMatches(): Locator {
    return this.page.getByText('Tidak ada peserta yang cocok.')
  }

  /** How many others match but are not covered by BPJS this year (no card for them). */
  get notCovered(): Locator {
    return this.page.getByTestId('print-not-covered')
  }

  /** The check box that picks one participant for the PDF. */
  choice(fullName: string): Locator {
    return this.page.getByLabel(`Pilih ${fullName}`)
  }

  get chooseAll(): Locator {
    return this.page.getByLabel('Pilih semua')
  }

  /** "<n> dipilih". */
  chosen(count: number): Locator {
    return this.page.getByText(`${count} dipilih`)
  }

  async chooseLayout(layout: PrintLayout) {
    await this.page.getByLabel(layout).check()
  }

  /** The sheet of house stickers, by its label ("8 stiker per lembar A4 (…)"). */
  async chooseStickerSheet(label: string) {
    await this.page.getByLabel('Lembar stiker').selectOption({ label })
  }

  /** The "Riwayat cetak" filter ("Belum pernah dicetak", "Semua, dicetak atau belum"). */
  async filterByHistory(label: string) {
    await this.page.getByLabel('Riwayat cetak').selectOption({ label })
  }

  /** "Cetak ulang: <n> peserta sudah pernah dicetak": some of the chosen were printed before. */
  reprintWarning(count: number): Locator {
    return this.page.getByText(`Cetak ulang: ${count} peserta sudah pernah dicetak`)
  }

  async giveReprintReason(reason: string, note: string) {
    await this.page.getByLabel('Alasan cetak ulang').selectOption({ label: reason })
    await this.page.getByLabel('Keterangan cetak ulang').fill(note)
  }

  /** "Buat PDF (<n>)", n being how many are chosen. */
  makePdfButton(count: number): Locator {
    return this.page.getByRole('button', { name: `Buat PDF (${count})` })
  }

  /** What the screen refuses before it makes a PDF (no reprint reason, …). */
  get refusal(): Locator {
    return this.page.getByRole('alert')
  }

  /** Presses "Buat PDF (<count>)" and waits for "PDF siap: <pages> halaman.". */
  async makePdf(count: number, pages: number, timeout: number) {
    await this.makePdfButton(count).click()
    await expect(this.page.getByText(`PDF siap: ${pages} halaman.`, { exact: false })).toBeVisible({
      timeout,
    })
  }

  /** Presses "Unduh PDF" and returns the bytes of the file the browser saved. */
  async downloadPdf(): Promise<Uint8Array> {
    const downloading = this.page.waitForEvent('download')
    await this.page.getByRole('button', { name: 'Unduh PDF' }).click()
    const download = await downloading
    return new Uint8Array(await readFile(await download.path()))
  }

  /** "Tercatat: <n> cetakan pada data peserta.": the prints are logged on the records. */
  recorded(count: number): Locator {
    return this.page.getByText(`Tercatat: ${count} cetakan pada data peserta.`)
  }
}
