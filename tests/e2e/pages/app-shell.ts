import { expect, type Locator, type Page } from '@playwright/test'

/**
 * What every screen shares: starting the app and moving between addresses, the side menu and the
 * refusal of a screen the user may not open, the header's sync state and the signed-in account.
 */
export class AppShell {
  /** The signed-in account in the header: "Keluar", "Ganti kata sandi". */
  readonly account: AccountBar

  constructor(readonly page: Page) {
    this.account = new AccountBar(page)
  }

  async open(path = '/') {
    await this.page.goto(path)
    await this.waitUntilStarted()
  }

  /** The app marks <html data-app-state="ready"> once its store is open. */
  async waitUntilStarted() {
    await expect(this.page.locator('html')).toHaveAttribute('data-app-state', /ready|failed/, {
      timeout: 30_000,
    })
  }

  /** Goes to a screen by its address without reloading (a reload would sign the user out). */
  async goToHash(hash: string) {
    await this.page.evaluate((target) => {
      window.location.hash = target
    }, hash)
  }

  // ---- Navigation ---------------------------------------------------------------------------

  /** The side menu ("Menu utama"): only the screens the signed-in user may open. */
  get mainMenu(): Locator {
    return this.page.getByRole('navigation', { name: 'Menu utama' })
  }

  /** The menu's screen names, in order, without their Alt+digit keys. */
  async mainMenuLabels(): Promise<string[]> {
    return this.mainMenu.locator('.shell-nav-label').allTextContents()
  }

  /** What a screen the user may not open (typed address or shortcut) shows instead. */
  get refusal(): Locator {
    return this.page.getByTestId('screen-refused')
  }

  // ---- Layout -------------------------------------------------------------------------------

  /** Fails unless the whole of `locator` lies inside the window (not below the fold). */
  async expectInViewport(locator: Locator) {
    await expect(locator).toBeVisible()
    const box = await locator.boundingBox()
    const size = this.page.viewportSize()
    if (!box || !size) throw new Error('No bounding box or viewport size')
    expect(box.y, 'top edge inside the window').toBeGreaterThanOrEqual(0)
    expect(box.x, 'left edge inside the window').toBeGreaterThanOrEqual(0)
    expect(box.y + box.height, 'bottom edge inside the window').toBeLessThanOrEqual(size.height)
    expect(box.x + box.width, 'right edge inside the window').toBeLessThanOrEqual(size.width)
  }

  /**
   * Fails (softly: every screen is measured) when the page is wider than the window, naming the
   * outermost elements that stick out.
   */
  async expectNoSideScroll(what: string) {
    const { scrollWidth, clientWidth, offenders } = await this.page.evaluate(() => {
      const width = document.documentElement.clientWidth
      const out: string[] = []
      for (const element of Array.from(document.querySelectorAll('body *'))) {
        const parent = element.parentElement
        const right = element.getBoundingClientRect().right
        if (right <= width + 0.5 || (parent && parent.getBoundingClientRect().right > width + 0.5))
          continue
        const name = `${element.tagName.toLowerCase()}.${element.className}`
        out.push(`${parent?.className} > ${name} (${Math.round(right)})`)
      }
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: width,
        offenders: out.slice(0, 5),
      }
    })
    expect
      .soft(scrollWidth, `${what}: page width within the window; sticking out: ${offenders}`)
      .toBeLessThanOrEqual(clientWidth)
  }

  // ---- Sync with the central server (the header) ----------------------------------------------

  /** `<html data-sync-state>`: standalone, signed-out, starting, syncing, synced, offline… */
  async expectSyncState(state: string | RegExp, timeout = 20_000) {
    await expect(this.page.locator('html')).toHaveAttribute('data-sync-state', state, { timeout })
  }

  get syncIndicator(): Locator {
    return this.page.getByTestId('sync-indicator')
  }

  get pendingChanges(): Locator {
    return this.page.getByTestId('sync-pending')
  }
}

/** The signed-in account in the header ("Keluar", "Ganti kata sandi"). */
export class AccountBar {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Akun yang sedang masuk' })
  }

  private get signOutButton(): Locator {
    return this.region.getByRole('button', { name: 'Keluar' })
  }

  /** "Keluar" with the keyboard: Tab to it and press Enter, as a clerk without a mouse would. */
  async signOutWithKeyboard() {
    await this.signOutButton.focus()
    await this.page.keyboard.press('Enter')
    await expect(this.page.getByRole('form', { name: 'Masuk' })).toBeVisible()
    await expect(this.page.locator('html')).toHaveAttribute('data-sync-state', 'signed-out')
  }

  private get passwordDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Ganti kata sandi' })
  }

  /** Opens "Ganti kata sandi", fills the three boxes and saves; returns the dialog's answer. */
  async changePassword(current: string, next: string, repeat = next): Promise<Locator> {
    if (!(await this.passwordDialog.isVisible())) {
      await this.region.getByRole('button', { name: 'Ganti kata sandi' }).click()
    }
    const dialog = this.passwordDialog
    await dialog.getByLabel('Kata sandi sekarang').fill(current)
    await dialog.getByLabel('Kata sandi baru', { exact: true }).fill(next)
    await dialog.getByLabel('Ulangi kata sandi baru').fill(repeat)
    await dialog.getByRole('button', { name: 'Simpan kata sandi baru' }).click()
    return dialog.getByTestId('password-outcome')
  }

  async closePasswordDialog() {
    await this.page.keyboard.press('Escape')
    await expect(this.passwordDialog).toBeHidden()
  }
}
