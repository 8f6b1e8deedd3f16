import { expect, test, type Page } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { BUDI, SITI } from './support/people'

/** Overwrites one stored field of the record with this name directly in IndexedDB, as a disk
 *  fault or a stray tool would, bypassing the app. */
async function corruptStoredField(page: Page, fullName: string, field: string, value: unknown) {
  await page.evaluate(
    async ({ fullName, field, value }) => {
      const databases = await indexedDB.databases()
      const name = databases.map((d) => d.name).find((n) => n?.endsWith('--participants'))
      if (!name) throw new Error('participants database not found')
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('docs', 'readwrite')
        const store = tx.objectStore('docs')
        const all = store.getAll()
        all.onsuccess = () => {
          for (const row of all.result as Record<string, unknown>[]) {
            if (row.fullName === fullName) store.put({ ...row, [field]: value })
          }
        }
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      })
      db.close()
    },
    { fullName, field, value },
  )
}

test.describe('bad input never breaks the app', () => {
  test('a 10 MB paste, emoji and script text are refused with a message; the app keeps working', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    const huge = '6'.repeat(10 * 1024 * 1024)
    await app.registration.fillWalkin(SITI)
    await app.registration.field('Alamat').fill(huge)
    await app.registration.field('Nama lengkap').fill('🙂🙂🙂')
    await app.registration.field('Tempat lahir').fill('<script>alert(1)</script>')
    await app.registration.saveButton.click()
    await expect(app.registration.saveStatus).toContainText('Data belum disimpan')
    const fieldBox = (label: string) =>
      page.locator('.field').filter({ has: app.registration.field(label) })
    await expect(fieldBox('Nama lengkap')).toContainText('Hanya boleh berisi huruf')
    await expect(fieldBox('Tempat lahir').locator('.field-error')).toBeVisible()
    // The box keeps at most 200 characters of the 10 MB; the domain check refuses longer input too
    // (tests/unit/shared/participant/registration-input.test.ts), so nothing huge ever reaches the store.
    expect((await app.registration.field('Alamat').inputValue()).length).toBeLessThanOrEqual(200)
    // No script ran and nothing was injected into the page.
    expect(await page.locator('script:not([src])').count()).toBe(0)

    // The clerk corrects the fields and the same form saves.
    await app.registration.field('Alamat').fill(SITI.address)
    await app.registration.field('Nama lengkap').fill(SITI.fullName)
    await app.registration.field('Tempat lahir').fill(SITI.birthPlace)
    await app.registration.saveButton.click()
    await app.registration.expectSaved(SITI)
    await app.participants.open()
    await expect(page.locator('.list-count')).toHaveText('1 peserta')
  })

  test('a damaged record is shown as damaged; every other record still works', async ({ page }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    for (const person of [SITI, BUDI]) {
      await app.registration.fillWalkin(person)
      await app.registration.saveButton.click()
      await app.registration.expectSaved(person)
    }
    await corruptStoredField(page, BUDI.fullName, 'nik', 'g1:rusak-bukan-ciphertext')
    await page.reload()
    await app.waitUntilStarted()
    await app.participants.open()
    await expect(app.participants.rows).toHaveCount(2)
    await expect(app.participants.rows.filter({ hasText: BUDI.fullName })).toContainText(
      'data rusak',
    )
    await expect(app.participants.rows.filter({ hasText: SITI.fullName })).toContainText(
      '640206******0001',
    )

    await app.participants.rows.filter({ hasText: BUDI.fullName }).click()
    await expect(page.getByRole('alert')).toContainText('Sebagian data peserta ini rusak')
    await expect(page.getByText('tidak dapat dibaca (data rusak)')).toBeVisible()

    // Registration goes on as normal.
    await page.keyboard.press('Alt+1')
    await app.registration.fillWalkin({
      ...BUDI,
      nik: '6402041708850003',
      fullName: 'Budi Prasetyo',
    })
    await app.registration.saveButton.click()
    await expect(app.registration.saveStatus).toContainText('Tersimpan')
  })

  test('the interface switches to English, messages included', async ({ page }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await page.getByLabel('Bahasa').selectOption('en')
    await expect(page.getByRole('heading', { name: 'Register a new participant' })).toBeVisible()
    await page.getByLabel('NIK', { exact: true }).fill('123')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(
      page.locator('.field').filter({ has: page.getByLabel('NIK', { exact: true }) }),
    ).toContainText('16 digits')
    // The choice is remembered after a reload.
    await page.reload()
    await app.waitUntilStarted()
    await expect(page.getByRole('heading', { name: 'Register a new participant' })).toBeVisible()
  })
})
