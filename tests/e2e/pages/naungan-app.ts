import { expect, type Locator, type Page } from '@playwright/test'
import type { Walkin } from '../support/people'

/** The app as a clerk sees it: screens, labelled fields, and the keyboard. */
export class NaunganApp {
  constructor(readonly page: Page) {}

  async open(path = '/') {
    await this.page.goto(path)
    await this.waitUntilStarted()
  }

  /** The app marks <html data-app-state="ready"> once its store is open. */
  async waitUntilStarted() {
    await expect(this.page.locator('html')).toHaveAttribute('data-app-state', /ready|failed/, {
      timeout: 30_000,
    })
  }

  async setUpOffice(kecamatan = 'Tenggarong', officeNumber = '1', operator = 'Rina Operator') {
    await expect(this.page.getByRole('heading', { name: 'Pengaturan kantor' })).toBeVisible()
    await this.page.getByLabel('Kecamatan kantor').selectOption({ label: kecamatan })
    await this.page.getByLabel('Nomor kantor (1–99)').fill(officeNumber)
    await this.page.getByLabel('Nama petugas').fill(operator)
    await this.page.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await expect(this.page.getByRole('heading', { name: 'Pendaftaran peserta baru' })).toBeVisible()
  }

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

  /** Fails unless the whole of `locator` lies inside the window (not below the fold). */
  async expectInViewport(locator: Locator) {
    await expect(locator).toBeVisible()
    const box = await locator.boundingBox()
    const size = this.page.viewportSize()
    if (!box || !size) throw new Error('No bounding box or viewport size')
    expect(box.y, 'top edge inside the window').toBeGreaterThanOrEqual(0)
    expect(box.x, 'left edge inside the window').toBeGreaterThanOrEqual(0)
    expect(box.y + box.height, 'bottom edge inside the window').toBeLessThanOrEqual(size.height)
    expect(box.x + box.width, 'right edge inside the window').toBeLessThanOrEqual(size.width)
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

  async expectSaved(person: Walkin): Promise<string> {
    await expect(this.saveStatus).toContainText('Tersimpan')
    await expect(this.saveStatus).toContainText(person.fullName)
    const text = (await this.saveStatus.textContent()) ?? ''
    const number = /No\. registrasi (\d{4}-\d{6})/.exec(text)?.[1]
    if (!number) throw new Error(`No registration number in: ${text}`)
    return number
  }

  async openParticipantList() {
    await this.page.keyboard.press('Alt+2')
    await expect(this.page.getByRole('heading', { name: 'Daftar peserta' })).toBeVisible()
  }

  async search(text: string) {
    await this.page.getByLabel('Cari peserta').fill(text)
  }

  get rows(): Locator {
    return this.page.locator('.participant-table .viewport a.row')
  }

  async expectParticipantListed(person: Walkin) {
    await this.openParticipantList()
    await this.search(person.fullName.slice(0, 5))
    await expect(this.rows.filter({ hasText: person.fullName })).toHaveCount(1)
  }

  async participantCount(): Promise<number> {
    const text = (await this.page.locator('.list-count').textContent()) ?? ''
    return Number(text.replace(/\D/g, ''))
  }

  // ---- The shell ------------------------------------------------------------------------

  /** The side menu ("Menu utama"): only the screens the signed-in user may open. */
  get mainMenu(): Locator {
    return this.page.getByRole('navigation', { name: 'Menu utama' })
  }

  /** The menu's screen names, in order, without their Alt+digit keys. */
  async mainMenuLabels(): Promise<string[]> {
    return this.mainMenu.locator('.shell-nav-label').allTextContents()
  }

  /** What a screen the user may not open (typed address or shortcut) shows instead. */
  get refusal(): Locator {
    return this.page.getByTestId('screen-refused')
  }

  /**
   * Fails (softly: every screen is measured) when the page is wider than the window, naming the
   * outermost elements that stick out.
   */
  async expectNoSideScroll(what: string) {
    const { scrollWidth, clientWidth, offenders } = await this.page.evaluate(() => {
      const width = document.documentElement.clientWidth
      const out: string[] = []
      for (const element of Array.from(document.querySelectorAll('body *'))) {
        const parent = element.parentElement
        const right = element.getBoundingClientRect().right
        if (right <= width + 0.5 || (parent && parent.getBoundingClientRect().right > width + 0.5))
          continue
        const name = `${element.tagName.toLowerCase()}.${element.className}`
        out.push(`${parent?.className} > ${name} (${Math.round(right)})`)
      }
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: width,
        offenders: out.slice(0, 5),
      }
    })
    expect
      .soft(scrollWidth, `${what}: page width within the window; sticking out: ${offenders}`)
      .toBeLessThanOrEqual(clientWidth)
  }

  // ---- Sync with the central server -------------------------------------------------------

  get html(): Locator {
    return this.page.locator('html')
  }

  /** `<html data-sync-state>`: standalone, signed-out, starting, syncing, synced, offline… */
  async expectSyncState(state: string | RegExp, timeout = 20_000) {
    await expect(this.html).toHaveAttribute('data-sync-state', state, { timeout })
  }

  /** "Hubungkan ke server pusat" at #/perangkat: enrols this PC with an admin's one-time code. */
  async enrol(serverUrl: string, code: string, deviceName: string) {
    await this.open('/#/perangkat')
    const form = this.page.getByRole('form', { name: 'Hubungkan ke server pusat' })
    await form.getByLabel('Alamat server').fill(serverUrl)
    await form.getByLabel('Kode pendaftaran').fill(code)
    await form.getByLabel('Nama perangkat').fill(deviceName)
    await form.getByRole('button', { name: 'Daftarkan perangkat' }).click()
    await this.expectSyncState('signed-out')
  }

  get loginForm(): Locator {
    return this.page.getByRole('form', { name: 'Masuk' })
  }

  async submitLogin(username: string, password: string) {
    await this.loginForm.getByLabel('Nama pengguna').fill(username)
    await this.loginForm.getByLabel('Kata sandi').fill(password)
    await this.loginForm.getByRole('button', { name: 'Masuk' }).click()
  }

  /** Logs in and waits until the app is past the login screen. */
  async login(username: string, password: string, state: string | RegExp = 'synced') {
    await this.submitLogin(username, password)
    await this.expectSyncState(state, 30_000)
  }

  get syncIndicator(): Locator {
    return this.page.getByTestId('sync-indicator')
  }

  get pendingChanges(): Locator {
    return this.page.getByTestId('sync-pending')
  }

  /** Registers a walk-in through the form (Alt+1) and returns the registration number. */
  async register(person: Walkin): Promise<string> {
    await this.page.keyboard.press('Alt+1')
    await expect(this.page.getByRole('heading', { name: 'Pendaftaran peserta baru' })).toBeVisible()
    await this.fillWalkin(person)
    await this.saveButton.click()
    return this.expectSaved(person)
  }

  /** The list row of `fullName`, found by searching its first word. */
  rowOf(fullName: string): Locator {
    return this.rows.filter({ hasText: fullName })
  }

  /** Opens one participant's view from the list. */
  async openParticipant(fullName: string) {
    await this.openParticipantList()
    await this.search(fullName)
    await this.rowOf(fullName).first().click()
    await expect(this.page.getByRole('heading', { name: fullName })).toBeVisible()
  }

  // ---- Verification workflow --------------------------------------------------------------

  /** The id of the participant whose page is open (`#/peserta/<id>`). */
  participantIdInUrl(): string {
    const id = /#\/peserta\/([\w-]+)/.exec(this.page.url())?.[1]
    if (!id) throw new Error(`No participant page open: ${this.page.url()}`)
    return id
  }

  /** Goes to a screen by its address without reloading (a reload would sign the user out). */
  async goToHash(hash: string) {
    await this.page.evaluate((target) => {
      window.location.hash = target
    }, hash)
  }

  /** The "Pemeriksaan instansi" part of a participant's page. */
  get workflowStatus(): Locator {
    return this.page.getByTestId('workflow-status')
  }

  /** One agency's check on the participant's page (`data-state`: pending/confirmed/rejected). */
  workflowCheck(agency: string): Locator {
    return this.page.getByTestId('workflow-checks').locator(`li[data-agency="${agency}"]`)
  }

  /** "Pemeriksaan" (Alt+8): a verifier's queue or the supervisor's approval list. */
  async openQueue(heading: string | RegExp) {
    await this.page.keyboard.press('Alt+8')
    await expect(this.page.getByRole('heading', { name: heading, level: 1 })).toBeVisible()
  }

  get queueList(): Locator {
    return this.page.getByRole('listbox', { name: /Daftar data yang diajukan/ })
  }

  queueRow(fullName: string): Locator {
    return this.queueList.getByRole('option').filter({ hasText: fullName })
  }

  get queueFeedback(): Locator {
    return this.page.getByTestId('queue-feedback')
  }

  /** Moves the queue's highlight onto `fullName`'s row with the arrow keys, from the top. */
  async highlightQueueRow(fullName: string, timeout = 30_000) {
    const row = this.queueRow(fullName)
    await expect(row).toHaveCount(1, { timeout })
    const rowId = await row.getAttribute('id')
    await this.queueList.focus()
    await this.page.keyboard.press('Home')
    for (let step = 0; step < 200; step++) {
      if ((await this.queueList.getAttribute('aria-activedescendant')) === rowId) return
      await this.page.keyboard.press('ArrowDown')
    }
    throw new Error(`${fullName} could not be reached with the arrow keys`)
  }

  // ---- Kepesertaan BPJS -------------------------------------------------------------------

  /** "Kepesertaan BPJS" from the navigation (supervisors and admins). */
  async openEnrolment() {
    await this.page.getByRole('link', { name: 'Kepesertaan BPJS' }).first().click()
    await expect(
      this.page.getByRole('heading', { name: 'Kepesertaan BPJS Ketenagakerjaan', level: 1 }),
    ).toBeVisible()
  }

  enrolmentTab(name: 'Batch baru' | 'Jawaban BPJS' | 'Batas usia' | 'Perpanjangan'): Locator {
    return this.page.getByRole('tab', { name, exact: true })
  }

  /** The "Anggota batch" table of the answer tab: one row per member. */
  enrolmentMemberRow(fullName: string): Locator {
    return this.page
      .getByRole('region', { name: 'Anggota batch' })
      .getByRole('row')
      .filter({ hasText: fullName })
  }
}
