import type { Locator } from '@playwright/test'
import { Screen } from './screen'

/**
 * One participant's page (`#/peserta/<id>`): its "Pemeriksaan instansi" part and its print log.
 */
export class ParticipantPage extends Screen {
  /** The id of the participant whose page is open. */
  idInUrl(): string {
    const id = /#\/peserta\/([\w-]+)/.exec(this.page.url())?.[1]
    if (!id) throw new Error(`No participant page open: ${this.page.url()}`)
    return id
  }

  /** The "Pemeriksaan instansi" part of a participant's page. */
  get workflowStatus(): Locator {
    return this.page.getByTestId('workflow-status')
  }

  /** "Riwayat cetak kartu & stiker": a row per card or sticker printed, and what replaced it. */
  get printLog(): Locator {
    return this.page.getByRole('region', { name: 'Riwayat cetak kartu & stiker' })
  }

  /** One agency's check on the participant's page (`data-state`: pending/confirmed/rejected). */
  workflowCheck(agency: string): Locator {
    return this.page.getByTestId('workflow-checks').locator(`li[data-agency="${agency}"]`)
  }
}
