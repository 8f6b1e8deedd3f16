import { expect, type Locator, type Page } from '@playwright/test'

/**
 * The signed-in account in the header ("Keluar", "Ganti kata sandi") and what the login screen
 * says after a sign-out. Kept apart from NaunganApp so account stories read on their own.
 */
export class AccountBar {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Akun yang sedang masuk' })
  }

  get signOutButton(): Locator {
    return this.region.getByRole('button', { name: 'Keluar' })
  }

  /** Why the login screen shows again ("… sudah keluar", "Sesi … sudah diakhiri", …). */
  get loginNotice(): Locator {
    return this.page.getByTestId('login-notice')
  }

  get loginFailure(): Locator {
    return this.page.getByTestId('login-failure')
  }

  /** "Keluar" with the keyboard: Tab to it and press Enter, as a clerk without a mouse would. */
  async signOutWithKeyboard() {
    await this.signOutButton.focus()
    await this.page.keyboard.press('Enter')
    await expect(this.page.getByRole('form', { name: 'Masuk' })).toBeVisible()
    await expect(this.page.locator('html')).toHaveAttribute('data-sync-state', 'signed-out')
  }

  get passwordDialog(): Locator {
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
