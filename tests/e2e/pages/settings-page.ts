import { expect } from '@playwright/test'
import { Screen } from './screen'

/** "Pengaturan kantor" (Alt+3), which a standalone PC shows on its first start. */
export class SettingsPage extends Screen {
  /** Fills the first start's office settings and saves; the registration screen follows. */
  async setUpOffice(kecamatan = 'Tenggarong', officeNumber = '1', operator = 'Rina Operator') {
    await expect(this.page.getByRole('heading', { name: 'Pengaturan kantor' })).toBeVisible()
    await this.page.getByLabel('Kecamatan kantor').selectOption({ label: kecamatan })
    await this.page.getByLabel('Nomor kantor (1–99)').fill(officeNumber)
    await this.page.getByLabel('Nama petugas').fill(operator)
    await this.page.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await expect(this.page.getByRole('heading', { name: 'Pendaftaran peserta baru' })).toBeVisible()
  }
}
