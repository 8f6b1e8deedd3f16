import type { Page } from '@playwright/test'
import type { AppShell } from './app-shell'

/** A screen's page object: the window it lives in, and the shell around it (addresses, sync). */
export abstract class Screen {
  readonly page: Page

  constructor(protected readonly shell: AppShell) {
    this.page = shell.page
  }
}
