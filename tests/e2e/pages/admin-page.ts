import { expect, type Locator } from '@playwright/test'
import { Screen } from './screen'

/** One office through the "Tambah kantor" form. */
export type NewOffice =
  | { kind: 'kecamatan'; kecamatan: string; number: string; name: string }
  | { kind: 'agency'; agencyLabel: string; code: string; name: string }

/** One user through the "Tambah pengguna" form; `role` by value, or `{ label }`. */
export interface NewUser {
  /** The office as the list shows it ("06-01 — Kantor Kecamatan Tenggarong"). */
  office: string
  username: string
  displayName: string
  password: string
  role?: string | { label: string }
}

/**
 * "Administrasi" (Alt+5, #/admin), the central admin's screen: offices, users and their accounts
 * (deactivate, reset a password, unlock), one-time enrolment codes, and security events.
 */
export class AdminPage extends Screen {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Administrasi', level: 1 })
  }

  /** Opens the screen with its shortcut. */
  async open() {
    await this.page.keyboard.press('Alt+5')
    await expect(this.heading).toBeVisible()
  }

  /** Opens the screen by its address. */
  async openByAddress() {
    await this.shell.goToHash('#/admin')
    await expect(this.heading).toBeVisible()
  }

  /** The first table of the screen, the offices. */
  get officeTable(): Locator {
    return this.page.locator('table.admin-table').first()
  }

  /** A cell of the screen's tables (an office code, a username). */
  cell(text: string, exact = false): Locator {
    return this.page.getByRole('cell', { name: text, exact })
  }

  /** Fills "Tambah kantor" and presses it. */
  async addOffice(office: NewOffice) {
    await this.page.getByLabel('Jenis kantor').selectOption(office.kind)
    if (office.kind === 'kecamatan') {
      await this.page
        .getByLabel('Kecamatan', { exact: true })
        .selectOption({ label: office.kecamatan })
      await this.page.getByLabel('Nomor kantor (1–99)').fill(office.number)
    } else {
      await this.page.getByLabel('Instansi pemeriksa').selectOption({ label: office.agencyLabel })
      await this.page.getByLabel('Kode kantor').fill(office.code)
    }
    await this.page.getByLabel('Nama kantor').fill(office.name)
    await this.page.getByRole('button', { name: 'Tambah kantor' }).click()
  }

  /** The office list of "Tambah pengguna". */
  get userOffice(): Locator {
    return this.page.locator('#user-office')
  }

  /** The roles "Peran" offers for the office chosen. */
  get roleChoices(): Locator {
    return this.page.getByLabel('Peran').locator('option')
  }

  /** Fills "Tambah pengguna" and presses it. */
  async addUser(user: NewUser) {
    await this.userOffice.selectOption({ label: user.office })
    await this.page.getByLabel('Nama pengguna').fill(user.username)
    await this.page.getByLabel('Nama lengkap pengguna').fill(user.displayName)
    if (user.role) await this.page.getByLabel('Peran').selectOption(user.role)
    await this.page.getByLabel('Kata sandi awal').fill(user.password)
    await this.page.getByRole('button', { name: 'Tambah pengguna' }).click()
  }

  /** Asks for a one-time enrolment code for an office's PC; returns the notice that shows it. */
  async requestCode(officeLabel: string): Promise<Locator> {
    await this.page.locator('#code-office').selectOption({ label: officeLabel })
    await this.page.getByRole('button', { name: 'Buat kode' }).click()
    return this.page.getByRole('status').filter({ hasText: 'Kode untuk' })
  }

  /** The code ("ABCD-1234") in the notice of `requestCode`, if it shows one. */
  async codeIn(notice: Locator): Promise<string | undefined> {
    return /: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec((await notice.textContent()) ?? '')?.[1]
  }

  // ---- Accounts ------------------------------------------------------------------------------

  /** A user's row (`tr[data-username]`) with its status and its buttons. */
  userRow(username: string): Locator {
    return this.page.locator(`tr[data-username="${username}"]`)
  }

  /** "aktif", "nonaktif sejak …", "dikunci sampai …". */
  userStatus(username: string): Locator {
    return this.userRow(username).getByTestId('user-status')
  }

  /** A button of a user's row ("Nonaktifkan", "Aktifkan lagi", "Buka kunci", …). */
  userAction(username: string, action: string): Locator {
    return this.userRow(username).getByRole('button', { name: action, exact: true })
  }

  /** The question asked before an action that cannot be undone ("Nonaktifkan …?"). */
  get question(): Locator {
    return this.page.getByRole('alertdialog')
  }

  /** The form "Kata sandi baru untuk <name>" that "Atur ulang kata sandi" opens. */
  passwordResetForm(displayName: string): Locator {
    return this.page.getByRole('form', { name: new RegExp(`Kata sandi baru untuk ${displayName}`) })
  }

  /** The first status notice of the screen: the outcome of the last action. */
  get outcome(): Locator {
    return this.page.locator('main').getByRole('status').first()
  }

  get securityEvents(): Locator {
    return this.page.getByTestId('security-events')
  }

  /** The latest security event of a kind ("user_deactivated", "login_locked", …). */
  latestSecurityEvent(kind: string): Locator {
    return this.securityEvents.locator(`tr[data-kind="${kind}"]`).first()
  }
}
