import type { Page } from '@playwright/test'
import { AdminPage } from './admin-page'
import { AppShell } from './app-shell'
import { BatchesPage } from './batches-page'
import { BillingPage } from './billing-page'
import { CardCheckPage } from './card-check-page'
import { DashboardPage } from './dashboard-page'
import { EnrolPage } from './enrol-page'
import { ImportPage } from './import-page'
import { LoginPage } from './login-page'
import { ParticipantPage } from './participant-page'
import { ParticipantsPage } from './participants-page'
import { PrintPage } from './print-page'
import { QueuePage } from './queue-page'
import { RegistrationPage } from './registration-page'
import { ReverificationPage } from './reverification-page'
import { SettingsPage } from './settings-page'
import { SyncProblemsPage } from './sync-problems-page'

/**
 * One window of the app as a clerk sees it: the shell (addresses, menu, header: `app.open()`,
 * `app.expectSyncState()`, `app.account`) and one page object per screen, named as in
 * renderer/src/core/screen-registry.ts. A story with several PCs holds one NaunganApp per window
 * and hands it to its helpers whole.
 *
 * The audit screen has none: no story drives it beyond opening its address (shell, language).
 * Add `audit-page.ts` and a field here when one does.
 */
export class NaunganApp extends AppShell {
  readonly registration: RegistrationPage
  readonly import: ImportPage
  readonly participants: ParticipantsPage
  readonly participant: ParticipantPage
  readonly queue: QueuePage
  readonly reverification: ReverificationPage
  readonly batches: BatchesPage
  readonly billing: BillingPage
  readonly print: PrintPage
  readonly cardCheck: CardCheckPage
  readonly dashboard: DashboardPage
  readonly admin: AdminPage
  readonly settings: SettingsPage
  readonly syncProblems: SyncProblemsPage
  readonly enrol: EnrolPage
  readonly login: LoginPage

  constructor(page: Page) {
    super(page)
    this.registration = new RegistrationPage(this)
    this.import = new ImportPage(this)
    this.participants = new ParticipantsPage(this)
    this.participant = new ParticipantPage(this)
    this.queue = new QueuePage(this)
    this.reverification = new ReverificationPage(this)
    this.batches = new BatchesPage(this)
    this.billing = new BillingPage(this)
    this.print = new PrintPage(this)
    this.cardCheck = new CardCheckPage(this)
    this.dashboard = new DashboardPage(this)
    this.admin = new AdminPage(this)
    this.settings = new SettingsPage(this)
    this.syncProblems = new SyncProblemsPage(this)
    this.enrol = new EnrolPage(this)
    this.login = new LoginPage(this)
  }
}
