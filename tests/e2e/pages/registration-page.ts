import { expect, type Locator } from '@playwright/test'
import type { Walkin } from '../support/people'
import { Screen } from './screen'

/**
 * "Pendaftaran peserta baru" (Alt+1) and the same form when a participant is edited: labelled
 * boxes, "Simpan", the saved note and the half-typed registration kept on disk.
 */
export class RegistrationPage extends Screen {
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true })
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Simpan', exact: true })
  }

  get saveStatus(): Locator {
    return this.page.locator('.save-status')
  }

  /** The messages shown under one box of the registration form (errors and warnings). */
  fieldBox(label: string): Locator {
    return this.page.locator('.field').filter({ has: this.field(label) })
  }

  /** "Isian disimpan sementara…": the half-typed registration, as last typed, is on disk. */
  async expectDraftKept() {
    const note = this.page.getByTestId('draft-state')
    await expect(note).toHaveAttribute('data-state', 'kept')
    await expect(note).toContainText('Isian disimpan sementara')
  }

  /** The question the registration screen asks when a half-typed registration is waiting. */
  get draftOffer(): Locator {
    return this.page.getByRole('group', { name: 'Lanjutkan isian sebelumnya?' })
  }

  /**
   * Types a walk-in's details the way a clerk does: into the NIK box, then Enter from box to box,
   * never touching the mouse. Select boxes take the first letters of an option (type-ahead).
   */
  async typeWalkinWithKeyboard(person: Walkin) {
    const keyboard = this.page.keyboard
    await expect(this.field('NIK')).toBeFocused()
    const step = async (text: string) => {
      if (text) await keyboard.type(text)
      await keyboard.press('Enter')
    }
    await step(person.nik)
    await step(person.kk)
    await step(person.fullName)
    await step(person.birthPlace)
    // Birth date and sex were filled from the NIK; Enter passes over them.
    await expect(this.field('Tanggal lahir')).toHaveValue(person.birthDate)
    await step('')
    await step('')
    await step(person.address)
    await step(person.rtRw)
    await step(person.kecamatan)
    await step(person.village)
    await step(person.occupation)
    await step(person.monthlyIncome)
    await step(person.phone)
    await step(person.heirName)
    await keyboard.type(person.heirRelationship)
  }

  /** Fills every field directly (for stories about something other than typing). */
  async fillWalkin(person: Walkin) {
    await this.field('NIK').fill(person.nik)
    await this.field('No. KK').fill(person.kk)
    await this.field('Nama lengkap').fill(person.fullName)
    await this.field('Tempat lahir').fill(person.birthPlace)
    await this.field('Tanggal lahir').fill(person.birthDate)
    await this.field('Jenis kelamin').selectOption({ label: person.sex })
    await this.field('Alamat').fill(person.address)
    await this.field('RT/RW').fill(person.rtRw)
    await this.field('Kecamatan').selectOption({ label: person.kecamatan })
    await this.field('Desa/Kelurahan').selectOption({ label: person.village })
    await this.selectByLabelPrefix('Pekerjaan', person.occupation)
    await this.field('Penghasilan per bulan').fill(person.monthlyIncome)
    await this.field('No. HP').fill(person.phone)
    await this.field('Nama ahli waris').fill(person.heirName)
    await this.selectByLabelPrefix('Hubungan ahli waris', person.heirRelationship)
  }

  private async selectByLabelPrefix(label: string, prefix: string) {
    const select = this.field(label)
    const value = await select.evaluate((element, wanted) => {
      const options = Array.from((element as HTMLSelectElement).options)
      return options.find((option) => option.text.startsWith(wanted))?.value ?? null
    }, prefix)
    if (!value) throw new Error(`No option starting with ${prefix} in ${label}`)
    await select.selectOption(value)
  }

  /** Waits for "Tersimpan … <name>" and returns the registration number it shows. */
  async expectSaved(person: Walkin): Promise<string> {
    await expect(this.saveStatus).toContainText('Tersimpan')
    await expect(this.saveStatus).toContainText(person.fullName)
    const text = (await this.saveStatus.textContent()) ?? ''
    const number = /No\. registrasi (\d{4}-\d{6})/.exec(text)?.[1]
    if (!number) throw new Error(`No registration number in: ${text}`)
    return number
  }

  /** Registers a walk-in through the form (Alt+1) and returns the registration number. */
  async register(person: Walkin): Promise<string> {
    await this.page.keyboard.press('Alt+1')
    await expect(this.page.getByRole('heading', { name: 'Pendaftaran peserta baru' })).toBeVisible()
    await this.fillWalkin(person)
    await this.saveButton.click()
    return this.expectSaved(person)
  }
}
