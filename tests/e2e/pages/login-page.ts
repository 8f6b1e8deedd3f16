import type { Locator } from '@playwright/test'
import { Screen } from './screen'

/** "Masuk": the login screen of an enrolled PC, and what it says after a sign-out. */
export class LoginPage extends Screen {
  get form(): Locator {
    return this.page.getByRole('form', { name: 'Masuk' })
  }

  /** Fills the form and presses "Masuk"; does not wait for what follows. */
  async submit(username: string, password: string) {
    await this.form.getByLabel('Nama pengguna').fill(username)
    await this.form.getByLabel('Kata sandi').fill(password)
    await this.form.getByRole('button', { name: 'Masuk' }).click()
  }

  /** Logs in and waits until the app is past the login screen. */
  async signIn(username: string, password: string, state: string | RegExp = 'synced') {
    await this.submit(username, password)
    await this.shell.expectSyncState(state, 30_000)
  }

  /** Why the login screen shows again ("… sudah keluar", "Sesi … sudah diakhiri", …). */
  get notice(): Locator {
    return this.page.getByTestId('login-notice')
  }

  get failure(): Locator {
    return this.page.getByTestId('login-failure')
  }
}
