import { expect, type Locator } from '@playwright/test'
import type { Walkin } from '../support/people'
import { Screen } from './screen'

/** "Daftar peserta" (Alt+2): the search box and the list's rows, each a link to a participant. */
export class ParticipantsPage extends Screen {
  async open() {
    await this.page.keyboard.press('Alt+2')
    await expect(this.page.getByRole('heading', { name: 'Daftar peserta' })).toBeVisible()
  }

  async search(text: string) {
    await this.page.getByLabel('Cari peserta').fill(text)
  }

  get rows(): Locator {
    return this.page.locator('.participant-table .viewport a.row')
  }

  /** The list rows of `fullName`. */
  rowOf(fullName: string): Locator {
    return this.rows.filter({ hasText: fullName })
  }

  /** Opens the list, searches the name's first five letters and finds the person once. */
  async expectListed(person: Walkin) {
    await this.open()
    await this.search(person.fullName.slice(0, 5))
    await expect(this.rowOf(person.fullName)).toHaveCount(1)
  }

  /** Opens one participant's page from the list. */
  async openParticipant(fullName: string) {
    await this.open()
    await this.search(fullName)
    await this.rowOf(fullName).first().click()
    await expect(this.page.getByRole('heading', { name: fullName })).toBeVisible()
  }
}
