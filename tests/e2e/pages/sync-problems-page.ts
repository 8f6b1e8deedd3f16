import { expect, type Locator } from '@playwright/test'
import { Screen } from './screen'

/**
 * "Masalah sinkronisasi" (Alt+4, #/sinkronisasi): the records the server refused, reached from
 * the count the header's sync bar shows.
 */
export class SyncProblemsPage extends Screen {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Masalah sinkronisasi' })
  }

  /** The header's count of problems (`data-count`), a link to the screen. */
  get countInHeader(): Locator {
    return this.shell.syncIndicator.getByTestId('sync-problems')
  }

  /** Follows the header's link "Masalah sinkronisasi (<n>)", n being the count it shows. */
  async openFromHeader() {
    const count = await this.countInHeader.getAttribute('data-count')
    await this.shell.syncIndicator
      .getByRole('link', { name: `Masalah sinkronisasi (${count})` })
      .click()
    await expect(this.heading).toBeVisible()
  }

  /** A refused record on the screen, by its name. */
  record(fullName: string): Locator {
    return this.page.getByText(fullName)
  }
}
