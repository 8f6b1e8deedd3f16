import type { Locator } from '@playwright/test'
import { Screen } from './screen'

/** One participant's page (`#/peserta/<id>`) and its "Pemeriksaan instansi" part. */
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

  /** One agency's check on the participant's page (`data-state`: pending/confirmed/rejected). */
  workflowCheck(agency: string): Locator {
    return this.page.getByTestId('workflow-checks').locator(`li[data-agency="${agency}"]`)
  }
}
