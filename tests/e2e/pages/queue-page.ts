import { expect, type Locator } from '@playwright/test'
import { Screen } from './screen'

/** "Pemeriksaan" (Alt+8): a verifier's queue or the supervisor's approval list. */
export class QueuePage extends Screen {
  async open(heading: string | RegExp) {
    await this.page.keyboard.press('Alt+8')
    await expect(this.page.getByRole('heading', { name: heading, level: 1 })).toBeVisible()
  }

  get list(): Locator {
    return this.page.getByRole('listbox', { name: /Daftar data yang diajukan/ })
  }

  row(fullName: string): Locator {
    return this.list.getByRole('option').filter({ hasText: fullName })
  }

  get feedback(): Locator {
    return this.page.getByTestId('queue-feedback')
  }

  /** Moves the queue's highlight onto `fullName`'s row with the arrow keys, from the top. */
  async highlight(fullName: string, timeout = 30_000) {
    const row = this.row(fullName)
    await expect(row).toHaveCount(1, { timeout })
    const rowId = await row.getAttribute('id')
    await this.list.focus()
    await this.page.keyboard.press('Home')
    for (let step = 0; step < 200; step++) {
      if ((await this.list.getAttribute('aria-activedescendant')) === rowId) return
      await this.page.keyboard.press('ArrowDown')
    }
    throw new Error(`${fullName} could not be reached with the arrow keys`)
  }
}
