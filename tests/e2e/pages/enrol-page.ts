import { Screen } from './screen'

/** "Hubungkan ke server pusat" at #/perangkat: enrols this PC with an admin's one-time code. */
export class EnrolPage extends Screen {
  async connect(serverUrl: string, code: string, deviceName: string) {
    await this.shell.open('/#/perangkat')
    const form = this.page.getByRole('form', { name: 'Hubungkan ke server pusat' })
    await form.getByLabel('Alamat server').fill(serverUrl)
    await form.getByLabel('Kode pendaftaran').fill(code)
    await form.getByLabel('Nama perangkat').fill(deviceName)
    await form.getByRole('button', { name: 'Daftarkan perangkat' }).click()
    await this.shell.expectSyncState('signed-out')
  }
}
