import { expect, type Locator } from '@playwright/test'
import { Screen } from './screen'

/** "Kepesertaan BPJS" (#/kepesertaan): batches to BPJS and their answers (supervisors, admins). */
export class BatchesPage extends Screen {
  /** Opens the screen from the navigation. */
  async open() {
    await this.page.getByRole('link', { name: 'Kepesertaan BPJS' }).first().click()
    await expect(
      this.page.getByRole('heading', { name: 'Kepesertaan BPJS Ketenagakerjaan', level: 1 }),
    ).toBeVisible()
  }

  tab(name: 'Batch baru' | 'Jawaban BPJS' | 'Batas usia' | 'Perpanjangan'): Locator {
    return this.page.getByRole('tab', { name, exact: true })
  }

  /** The "Anggota batch" table of the answer tab: one row per member. */
  memberRow(fullName: string): Locator {
    return this.page
      .getByRole('region', { name: 'Anggota batch' })
      .getByRole('row')
      .filter({ hasText: fullName })
  }
}
