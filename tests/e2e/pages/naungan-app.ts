import type { Page } from '@playwright/test'
import { AppShell } from './app-shell'
import { BatchesPage } from './batches-page'
import { EnrolPage } from './enrol-page'
import { LoginPage } from './login-page'
import { ParticipantPage } from './participant-page'
import { ParticipantsPage } from './participants-page'
import { QueuePage } from './queue-page'
import { RegistrationPage } from './registration-page'
import { SettingsPage } from './settings-page'

/**
 * One window of the app as a clerk sees it: the shell (addresses, menu, header: `app.open()`,
 * `app.expectSyncState()`, `app.account`) and one page object per screen, named as in
 * renderer/src/core/screen-registry.ts. A story with several PCs holds one NaunganApp per window
 * and hands it to its helpers whole.
 *
 * Screens no story drives through a page object (import, print, card check, dashboard, audit,
 * admin, sync problems) have none yet; add `<screen>-page.ts` and a field here when one does.
 */
export class NaunganApp extends AppShell {
  readonly registration: RegistrationPage
  readonly participants: ParticipantsPage
  readonly participant: ParticipantPage
  readonly queue: QueuePage
  readonly batches: BatchesPage
  readonly settings: SettingsPage
  readonly enrol: EnrolPage
  readonly login: LoginPage

  constructor(page: Page) {
    super(page)
    this.registration = new RegistrationPage(this)
    this.participants = new ParticipantsPage(this)
    this.participant = new ParticipantPage(this)
    this.queue = new QueuePage(this)
    this.batches = new BatchesPage(this)
    this.settings = new SettingsPage(this)
    this.enrol = new EnrolPage(this)
    this.login = new LoginPage(this)
  }
}
