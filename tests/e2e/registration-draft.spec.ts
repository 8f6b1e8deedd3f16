import { expect, test } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { SITI } from './support/people'
import { APP_URL, launchOwnedChromium, newProfileDir } from './support/chromium'

/**
 * Issue 13, item 2: a walk-in's KTP takes 60–90 s to type. What was typed survives leaving the
 * screen, a reload and a crash; the clerk is asked to continue it, and asked again before it is
 * thrown away.
 */
test.describe('a half-typed registration is never lost', () => {
  test('it survives Alt+2 and a reload, is offered back, and is gone once registered', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.field('NIK').fill(SITI.nik)
    await app.registration.field('No. KK').fill(SITI.kk)
    await app.registration.field('Nama lengkap').fill(SITI.fullName)
    await app.registration.expectDraftKept()

    // To the list and back: the question, with whose registration it is; Enter continues.
    await app.participants.open()
    await page.keyboard.press('Alt+1')
    await expect(app.registration.draftOffer).toContainText('Siti Aminah')
    await expect(app.registration.draftOffer).toContainText('640206******0001')
    await expect(
      app.registration.draftOffer.getByRole('button', { name: 'Lanjutkan isian' }),
    ).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(app.registration.field('NIK')).toHaveValue(SITI.nik)
    await expect(app.registration.field('No. KK')).toHaveValue(SITI.kk)
    await expect(app.registration.field('Nama lengkap')).toHaveValue(SITI.fullName)
    await expect(app.registration.field('Tanggal lahir')).toHaveValue(SITI.birthDate)

    // A reload (F5, or the app restarted) keeps it too.
    await app.registration.field('Tempat lahir').fill(SITI.birthPlace)
    await app.registration.expectDraftKept()
    await page.reload()
    await app.waitUntilStarted()
    await app.registration.draftOffer.getByRole('button', { name: 'Lanjutkan isian' }).click()
    await expect(app.registration.field('Tempat lahir')).toHaveValue(SITI.birthPlace)
    await expect(app.registration.field('Nama lengkap')).toHaveValue(SITI.fullName)

    // Registered: the draft has done its job and is not offered again.
    await app.registration.fillWalkin(SITI)
    await page.keyboard.press('Control+Enter')
    await app.registration.expectSaved(SITI)
    // The empty form after the save is not offered as a draft either.
    await expect(page.getByTestId('draft-state')).not.toContainText('Isian disimpan sementara')
    await app.participants.open()
    await page.keyboard.press('Alt+1')
    await expect(app.registration.field('NIK')).toBeFocused()
    await expect(app.registration.draftOffer).toHaveCount(0)
    await page.reload()
    await app.waitUntilStarted()
    await expect(app.registration.field('NIK')).toHaveValue('')
    await expect(app.registration.draftOffer).toHaveCount(0)
  })

  test('throwing it away is asked first, and a colleague does not see it', async ({ page }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.field('Nama lengkap').fill('Budi Setengah')
    await app.registration.expectDraftKept()

    // Another operator at this PC (Pengaturan) has no draft of their own.
    await page.keyboard.press('Alt+3')
    await page.getByLabel('Nama petugas').fill('Dewi Operator')
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await expect(page.getByText('Pengaturan tersimpan.')).toBeVisible()
    await page.keyboard.press('Alt+1')
    await expect(app.registration.field('NIK')).toBeVisible()
    await expect(app.registration.draftOffer).toHaveCount(0)
    await expect(app.registration.field('Nama lengkap')).toHaveValue('')
    await page.keyboard.press('Alt+3')
    await page.getByLabel('Nama petugas').fill('Rina Operator')
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await expect(page.getByText('Pengaturan tersimpan.')).toBeVisible()
    await page.keyboard.press('Alt+1')
    await expect(app.registration.draftOffer).toContainText('Budi Setengah')

    // "Start over" asks; the safe answer is the one under the cursor.
    await app.registration.draftOffer.getByRole('button', { name: 'Buang dan mulai baru…' }).click()
    const question = page.getByRole('alertdialog', { name: 'Buang isian ini?' })
    await expect(question).toContainText('Budi Setengah')
    await expect(question.getByRole('button', { name: 'Jangan buang' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(app.registration.draftOffer).toBeVisible()

    // Esc is "no" too, and the cursor goes back to the button that asked.
    const startOver = app.registration.draftOffer.getByRole('button', {
      name: 'Buang dan mulai baru…',
    })
    await startOver.click()
    await expect(question.getByRole('button', { name: 'Jangan buang' })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(question).toHaveCount(0)
    await expect(startOver).toBeFocused()

    await app.registration.draftOffer.getByRole('button', { name: 'Buang dan mulai baru…' }).click()
    await question.getByRole('button', { name: 'Ya, buang isian' }).click()
    await expect(app.registration.field('Nama lengkap')).toHaveValue('')
    await page.reload()
    await app.waitUntilStarted()
    await expect(app.registration.field('NIK')).toBeVisible()
    await expect(app.registration.draftOffer).toHaveCount(0)
  })

  test('it survives the browser being killed mid-typing', async () => {
    const profile = newProfileDir()
    const first = await launchOwnedChromium(profile)
    try {
      const page = await first.browser.contexts()[0]!.newPage()
      const app = new NaunganApp(page)
      await app.open(APP_URL)
      await app.settings.setUpOffice()
      await app.registration.field('NIK').fill(SITI.nik)
      await app.registration.field('Nama lengkap').fill(SITI.fullName)
      await app.registration.expectDraftKept()
    } finally {
      // No goodbye: SIGKILL, as a power cut or a crash would.
      // Also when a step above failed: the browser must not outlive the test.
      await first.kill()
    }

    const second = await launchOwnedChromium(profile)
    try {
      const again = new NaunganApp(await second.browser.contexts()[0]!.newPage())
      await again.open(APP_URL)
      await expect(again.registration.draftOffer).toContainText('Siti Aminah')
      await again.page.keyboard.press('Enter')
      await expect(again.registration.field('NIK')).toHaveValue(SITI.nik)
      await expect(again.registration.field('Nama lengkap')).toHaveValue(SITI.fullName)
    } finally {
      await second.browser.close().catch(() => undefined)
      await second.kill()
    }
  })
})
