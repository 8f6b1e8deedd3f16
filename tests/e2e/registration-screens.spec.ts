import { expect, test } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { BUDI, SITI } from './support/people'

/**
 * Issue 13, "screens that mislead": what the registration form and the first-start screen tell a
 * clerk must be true and on screen, at the small office monitors' sizes.
 */
const SCREENS = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const

for (const viewport of SCREENS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport })

    test('after a save the clerk sees the registration number on screen, the cursor is back in NIK and nothing is red', async ({
      page,
    }) => {
      const app = new NaunganApp(page)
      await app.open()
      await app.settings.setUpOffice()

      await app.registration.typeWalkinWithKeyboard(SITI)
      await page.keyboard.press('Control+Enter')
      const number = await app.registration.expectSaved(SITI)
      // Announced: the confirmation is in the live region, and it is inside the window.
      const confirmation = page.getByRole('status').filter({ hasText: 'Tersimpan' })
      await expect(confirmation).toContainText(`No. registrasi ${number}`)
      await expect(confirmation).toHaveAttribute('aria-live', 'polite')
      await app.expectInViewport(confirmation.locator('.saved'))
      // Ready for the next walk-in, with no stale "Wajib diisi." on the box last left.
      await expect(app.registration.field('NIK')).toBeFocused()
      await expect(app.registration.field('NIK')).toHaveValue('')
      await expect(page.locator('.participant-form .field-error')).toHaveCount(0)
      await expect(page.getByText('Wajib diisi.', { exact: true })).toHaveCount(0)
      // Leaving the NIK box empty is still not an error until the clerk has been through it.
      await page.keyboard.press('Tab')
      await expect(page.getByText('Wajib diisi.', { exact: true })).toHaveCount(1)

      // "Simpan perubahan" on the record says so on screen too.
      await page.getByRole('link', { name: 'Buka data' }).click()
      await page.getByRole('link', { name: 'Ubah data' }).click()
      await expect(page.getByRole('heading', { name: 'Ubah data peserta' })).toBeVisible()
      await app.registration.field('Nama ahli waris').fill('Rahmat Hidayatullah')
      await page.getByRole('button', { name: 'Simpan perubahan' }).click()
      const edited = page.getByRole('status').filter({ hasText: 'Tersimpan' })
      await expect(edited).toContainText(`No. registrasi ${number}`)
      await app.expectInViewport(edited.locator('.saved'))
      await expect(app.registration.field('NIK')).toBeFocused()
      await expect(page.locator('.participant-form .field-error')).toHaveCount(0)
    })
  })
}

test.describe('the registration form never changes what a clerk typed without saying so', () => {
  test('a save with gaps moves the cursor to the first gap and says "Wajib diisi." once for RT/RW', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.fillWalkin(SITI)
    await app.registration.field('Alamat').fill('')
    await app.registration.field('RT/RW').fill('')
    await app.registration.saveButton.click()
    await expect(app.registration.saveStatus).toContainText('Data belum disimpan')
    await expect(app.registration.field('Alamat')).toBeFocused()
    await expect(
      app.registration.fieldBox('RT/RW').getByText('Wajib diisi.', { exact: true }),
    ).toHaveCount(1)
  })

  test('a pasted 10,000-character name is refused with a message, and nothing is saved', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.fillWalkin(SITI)
    const name = app.registration.field('Nama lengkap')

    // Pasted onto what the clerk typed: the box keeps the typed name, and says why.
    await name.focus()
    await page.keyboard.press('End')
    await page.keyboard.insertText('A'.repeat(10_000))
    await expect(name).toHaveValue(SITI.fullName)
    await expect(app.registration.fieldBox('Nama lengkap')).toContainText(
      'Teks terlalu panjang: menjadi 10.011 huruf, paling banyak 100.',
    )
    await expect(name).toHaveAttribute('aria-invalid', 'true')

    // Pasted into an empty box: nothing goes in, the message stays, and the save is refused.
    await name.fill('')
    await name.focus()
    await page.keyboard.insertText('B'.repeat(10_000))
    await expect(name).toHaveValue('')
    await expect(app.registration.fieldBox('Nama lengkap')).toContainText(
      'Teks terlalu panjang: menjadi 10.000 huruf, paling banyak 100.',
    )
    await page.keyboard.press('Control+Enter')
    await expect(app.registration.saveStatus).toContainText('Data belum disimpan')
    await expect(app.registration.saveStatus).not.toContainText('Tersimpan')
    await app.participants.open()
    await expect(app.participants.rows).toHaveCount(0)

    // Back at the form, what was typed is offered (the refused paste is not in it); the message
    // goes once the clerk types a name that fits.
    await page.keyboard.press('Alt+1')
    await expect(app.registration.draftOffer).toContainText('(nama belum diisi)')
    await page.keyboard.press('Enter')
    await expect(app.registration.field('NIK')).toHaveValue(SITI.nik)
    await expect(app.registration.field('Nama lengkap')).toHaveValue('')
    await app.registration.field('Nama lengkap').fill(SITI.fullName)
    await expect(app.registration.fieldBox('Nama lengkap')).not.toContainText(
      'Teks terlalu panjang',
    )
  })

  test('after a bad NIK the birth date and sex the previous NIK gave are cleared, and a new NIK fills them again', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    const nik = app.registration.field('NIK')
    await nik.fill(SITI.nik)
    await expect(app.registration.field('Tanggal lahir')).toHaveValue(SITI.birthDate)
    await expect(app.registration.field('Jenis kelamin')).toHaveValue('P')

    // One digit short.
    await nik.press('End')
    await nik.press('Backspace')
    await expect(app.registration.field('Tanggal lahir')).toHaveValue('')
    await expect(app.registration.field('Jenis kelamin')).toHaveValue('')
    await expect(page.getByTestId('prefill-cleared')).toContainText(
      'dikosongkan karena NIK berubah',
    )

    // Sixteen digits, but day 32 is no date.
    await nik.fill(SITI.nik)
    await expect(app.registration.field('Tanggal lahir')).toHaveValue(SITI.birthDate)
    await nik.fill('6402063205900001')
    await expect(app.registration.field('Tanggal lahir')).toHaveValue('')
    await expect(app.registration.field('Jenis kelamin')).toHaveValue('')

    await nik.fill(BUDI.nik)
    await expect(app.registration.field('Tanggal lahir')).toHaveValue(BUDI.birthDate)
    await expect(app.registration.field('Jenis kelamin')).toHaveValue('L')

    // What the clerk chose themselves is theirs: a bad NIK does not take it away.
    await app.registration.field('Jenis kelamin').selectOption('P')
    await nik.fill('123')
    await expect(app.registration.field('Jenis kelamin')).toHaveValue('P')
    await expect(app.registration.field('Tanggal lahir')).toHaveValue('')
  })
})

test.describe('first start', () => {
  test('kecamatan are listed by name, the office number is the clerk’s to choose, and errors take the cursor to the first bad field', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await expect(page.getByRole('heading', { name: 'Pengaturan kantor' })).toBeVisible()
    const kecamatan = page.getByLabel('Kecamatan kantor')
    const names = (await kecamatan.locator('option').allTextContents()).slice(1)
    expect(names.length).toBeGreaterThan(10)
    expect(names[0]).toBe('Anggana')
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'id')))
    const officeNumber = page.getByLabel('Nomor kantor (1–99)')
    await expect(officeNumber).toHaveValue('')

    const save = page.getByRole('button', { name: 'Simpan pengaturan' })
    await save.click()
    await expect(kecamatan).toBeFocused()
    await expect(page.getByText('Pilih kecamatan kantor.')).toBeVisible()

    await kecamatan.selectOption({ label: 'Tenggarong' })
    await page.getByLabel('Nama petugas').fill('Rina Operator')
    await save.click()
    await expect(officeNumber).toBeFocused()
    await expect(page.getByText('Nomor kantor harus angka 1 sampai 99.')).toBeVisible()

    // Three digits do not fit: refused with a message rather than cut to two.
    await officeNumber.focus()
    await page.keyboard.insertText('123')
    await expect(officeNumber).toHaveValue('')
    await expect(
      page.getByText('Teks terlalu panjang: menjadi 3 huruf, paling banyak 2.'),
    ).toBeVisible()

    await officeNumber.fill('3')
    await save.click()
    await expect(page.getByRole('heading', { name: 'Pendaftaran peserta baru' })).toBeVisible()
    // The registration form lists kecamatan by name too.
    await expect(app.registration.field('NIK')).toBeFocused()
    const formNames = (
      await app.registration.field('Kecamatan').locator('option').allTextContents()
    ).slice(1)
    expect(formNames).toEqual(names)
  })
})
