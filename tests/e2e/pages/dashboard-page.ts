import { expect, type Download, type Locator } from '@playwright/test'
import { Screen } from './screen'

/** The dashboard's tabs by their id (`dashboard-tab-<id>`, DashboardScreen.tsx). */
export type DashboardTab = 'ringkasan' | 'kecamatan' | 'desa' | 'peserta' | 'anggaran' | 'rencana'

/** The headline tiles above every tab (`tile-<id>`, its figure `tile-<id>-value`). */
export type DashboardTile = 'active' | 'new' | 'approved' | 'waiting'

/** The tab that shows a table (`table-<id>`). */
function tabOf(tableId: string): DashboardTab {
  if (tableId.startsWith('desa-')) return 'desa'
  if (tableId === 'kecamatan' || tableId === 'kecamatan-klaim') return 'kecamatan'
  if (tableId.startsWith('anggaran')) return 'anggaran'
  if (tableId === 'pekerjaan' || tableId === 'jenis-kelamin-umur') return 'peserta'
  return 'ringkasan'
}

/**
 * "Dasbor cakupan" (Alt+0): the headline tiles, the tables behind the tabs (the dashboard fits one
 * screen), an XLSX per table, the PDF report, and the supervisor's annual plan ("Rencana").
 */
export class DashboardPage extends Screen {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Dasbor cakupan', level: 1 })
  }

  async open() {
    await this.page.keyboard.press('Alt+0')
    await expect(this.heading).toBeVisible()
  }

  get headline(): Locator {
    return this.page.getByTestId('dashboard-headline')
  }

  /** A headline tile, its figure and the line under it. */
  tile(id: DashboardTile): Locator {
    return this.page.getByTestId(`tile-${id}`)
  }

  /** The figure of a headline tile alone ("35.440"). */
  tileValue(id: DashboardTile): Locator {
    return this.page.getByTestId(`tile-${id}-value`)
  }

  /** Opens a tab unless it is the one shown. */
  async openTab(id: DashboardTab) {
    const tab = this.page.locator(`#dashboard-tab-${id}`)
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click()
  }

  /** The panel of a tab (`panel-<id>`). */
  panel(id: DashboardTab): Locator {
    return this.page.getByTestId(`panel-${id}`)
  }

  /** A table (`table-<id>`: 'kecamatan', 'desa-64.02.06', 'pendaftaran-mingguan', …). */
  table(id: string): Locator {
    return this.page.getByTestId(`table-${id}`)
  }

  /** The rows of "Pendaftaran per minggu", a week each. */
  get weeklyRows(): Locator {
    return this.table('pendaftaran-mingguan').locator('tbody tr')
  }

  /**
   * The text of one row of a table, cells joined by '|', found by its row header, after opening
   * the tab that shows it. When there is not exactly one such row it says so instead, so a
   * polling expectation shows what it saw rather than throwing.
   */
  async tableRow(tableId: string, firstCell: string): Promise<string> {
    await this.openTab(tabOf(tableId))
    const row = this.table(tableId)
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('rowheader', { name: firstCell, exact: true }) })
    const count = await row.count()
    if (count !== 1) return `(${count} rows named ${firstCell})`
    const cells = await row.locator('th, td').allInnerTexts()
    return cells.map((cell) => cell.trim()).join('|')
  }

  /** The villages tab's choice of kecamatan. */
  async chooseKecamatan(label: string) {
    await this.page.getByTestId('dashboard-kecamatan').selectOption({ label })
  }

  /** "Hitung ulang": counts again from the store. */
  async recount() {
    await this.page.getByRole('button', { name: 'Hitung ulang' }).click()
  }

  /** Presses a panel's "Ekspor XLSX" and returns the download. */
  async exportXlsx(panel: DashboardTab): Promise<Download> {
    const downloading = this.page.waitForEvent('download')
    await this.panel(panel).getByRole('button', { name: 'Ekspor XLSX' }).click()
    return downloading
  }

  /** Presses the PDF report's button and returns the download. */
  async downloadPdfReport(): Promise<Download> {
    const downloading = this.page.waitForEvent('download')
    await this.page.getByTestId('dashboard-pdf').click()
    return downloading
  }

  // ---- "Rencana tahunan": the year's target and APBD allocation ------------------------------

  get plans(): Locator {
    return this.page.getByTestId('plans-panel')
  }

  /** A box of the plan, by its whole label ("Tenggarong: Target peserta baru"). */
  planField(label: string): Locator {
    return this.plans.getByLabel(label, { exact: true })
  }

  get savePlanButton(): Locator {
    return this.plans.getByRole('button', { name: 'Simpan rencana' })
  }
}
