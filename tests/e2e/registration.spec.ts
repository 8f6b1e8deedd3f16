import { expect, test } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { BUDI, SITI } from './support/people'
import { APP_URL, launchOwnedChromium, newProfileDir } from './support/chromium'

test.describe('a clerk registers walk-ins', () => {
  test('with the keyboard alone, and finds them by name, NIK prefix and registration number', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()

    await app.registration.typeWalkinWithKeyboard(SITI)
    // Focus is on the last select; Ctrl+Enter saves from anywhere.
    await page.keyboard.press('Control+Enter')
    const number = await app.registration.expectSaved(SITI)
    expect(number).toMatch(/^0601-000001$/)
    // Ready for the next walk-in: empty form, cursor back in NIK.
    await expect(app.registration.field('NIK')).toHaveValue('')
    await expect(app.registration.field('NIK')).toBeFocused()

    await app.participants.open()
    await expect(app.participants.rows).toHaveCount(1)
    const row = app.participants.rows.first()
    await expect(row).toContainText('Siti Aminah')
    await expect(row).toContainText('640206******0001')
    await expect(row).not.toContainText(SITI.nik)

    await app.participants.search('siti am')
    await expect(app.participants.rows).toHaveCount(1)
    await app.participants.search('64020655')
    await expect(app.participants.rows).toHaveCount(1)
    await app.participants.search('64020699')
    await expect(app.participants.rows).toHaveCount(0)
    await app.participants.search('0601-00000')
    await expect(app.participants.rows).toHaveCount(1)
    await app.participants.search('Budi')
    await expect(app.page.getByText('Tidak ada peserta yang cocok.')).toBeVisible()

    // Open with the keyboard: ArrowDown from the search box, then Enter.
    await app.participants.search('')
    await page.getByLabel('Cari peserta').press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { name: 'Siti Aminah' })).toBeVisible()
    // Masked in the record's data (and in its history, which lists what was registered).
    const data = page.locator('.detail-grid')
    await expect(data.getByText('640206******0001')).toBeVisible()
    await expect(data.getByText('0812****7890')).toBeVisible()
  })

  test('each invalid field says what is wrong, and nothing is saved', async ({ page }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()

    await app.registration.fillWalkin({
      ...SITI,
      // The NIK says 15 May 1990, female; the clerk typed 16 May and male.
      birthDate: '1990-05-16',
      sex: 'Laki-laki',
      fullName: 'Siti 😀 <script>',
      address: '<img src=x onerror=alert(1)>',
      rtRw: 'abc',
      phone: '0541 123456',
      monthlyIncome: 'banyak',
    })
    await app.registration.field('No. KK').fill('123')
    await app.registration.saveButton.click()

    const issues = (label: string) =>
      page.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) })
    // Each part of the NIK that disagrees is named, with the values side by side.
    await expect(issues('NIK')).toContainText('Tanggal lahir di NIK (15) tidak sama')
    await expect(issues('NIK')).toContainText('Menurut NIK, orang ini perempuan')
    await expect(issues('No. KK')).toContainText('Nomor KK harus 16 angka, yang diisi 3 angka.')
    await expect(issues('Nama lengkap')).toContainText('Hanya boleh berisi huruf')
    await expect(issues('Alamat')).toContainText('Alamat berisi tanda yang tidak boleh dipakai')
    await expect(issues('RT/RW')).toContainText('RT harus angka 1 sampai 3 digit')
    await expect(issues('No. HP')).toContainText('Ini bukan nomor HP Indonesia')
    await expect(issues('Penghasilan per bulan')).toContainText('Penghasilan harus angka rupiah')
    await expect(app.registration.saveStatus).toContainText('Data belum disimpan')
    await expect(app.registration.field('NIK')).toBeFocused()

    await app.participants.open()
    await expect(page.locator('.list-count')).toHaveText('0 peserta')
  })

  test('a future birth date, an over-age worker and an empty form are refused', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.saveButton.click()
    await expect(page.locator('.field-error').first()).toBeVisible()
    expect(await page.locator('.field-error').count()).toBeGreaterThanOrEqual(10)

    // Born 1 Jan 1950: 76 years old, above the district's 64.
    await app.registration.fillWalkin({ ...BUDI, nik: '6402040101500003', birthDate: '1950-01-01' })
    await app.registration.saveButton.click()
    await expect(
      page.locator('.field').filter({ has: app.registration.field('Tanggal lahir') }),
    ).toContainText('Umurnya 76 tahun. Peserta paling tua berumur 64 tahun')

    await app.registration.field('Tanggal lahir').fill('2099-01-01')
    await app.registration.saveButton.click()
    await expect(
      page.locator('.field').filter({ has: app.registration.field('Tanggal lahir') }),
    ).toContainText('Tanggal lahir tidak boleh sesudah hari ini.')
    await app.participants.open()
    await expect(page.locator('.list-count')).toHaveText('0 peserta')
  })

  test('a NIK that is already registered is refused, with a link to the existing record', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.fillWalkin(SITI)
    await app.registration.saveButton.click()
    await app.registration.expectSaved(SITI)

    // Same NIK, pasted with spaces and dashes, under another name.
    await app.registration.fillWalkin({
      ...SITI,
      nik: '6402 0655-0590 0001',
      fullName: 'Siti Aminah Binti Umar',
    })
    await expect(
      page.getByText(/NIK ini sudah terdaftar atas nama Siti Aminah/).first(),
    ).toBeVisible()
    await app.registration.saveButton.click()
    await expect(app.registration.saveStatus).toContainText('sudah terdaftar')
    await page.getByRole('link', { name: 'Buka data yang sudah ada' }).click()
    await expect(page.getByRole('heading', { name: 'Siti Aminah' })).toBeVisible()

    await app.participants.open()
    await expect(page.locator('.list-count')).toHaveText('1 peserta')
  })

  test('the same name and birth date under another NIK needs the clerk to confirm', async ({
    page,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.fillWalkin(SITI)
    await app.registration.saveButton.click()
    await app.registration.expectSaved(SITI)

    await app.registration.fillWalkin({
      ...SITI,
      nik: '6402065505900002',
      fullName: 'SITI  aminah',
    })
    await app.registration.saveButton.click()
    await expect(app.registration.saveStatus).toContainText('Centang konfirmasi')
    const confirm = page.getByLabel('Saya sudah memeriksa: ini orang yang berbeda.')
    await expect(confirm).toBeFocused()
    await page.keyboard.press('Space')
    await app.registration.saveButton.click()
    await expect(app.registration.saveStatus).toContainText('Tersimpan')

    await app.participants.open()
    await expect(page.locator('.list-count')).toHaveText('2 peserta')
  })
})

test.describe('nothing typed is lost', () => {
  test('a record saved while offline is there after going online and reloading', async ({
    page,
    context,
  }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await context.setOffline(true)
    expect(await page.evaluate(() => navigator.onLine)).toBe(false)
    await app.registration.fillWalkin(BUDI)
    await app.registration.saveButton.click()
    await app.registration.expectSaved(BUDI)
    await app.participants.expectListed(BUDI)

    await context.setOffline(false)
    await page.reload()
    await app.waitUntilStarted()
    await app.participants.expectListed(BUDI)
  })

  test('a record survives the browser being killed right after "Tersimpan"', async () => {
    const profile = newProfileDir()
    const first = await launchOwnedChromium(profile)
    try {
      const page = await first.browser.contexts()[0]!.newPage()
      const app = new NaunganApp(page)
      await app.open(APP_URL)
      await app.settings.setUpOffice()
      await app.registration.fillWalkin(SITI)
      await app.registration.saveButton.click()
      await expect(app.registration.saveStatus).toContainText('Tersimpan')
    } finally {
      // No goodbye: SIGKILL the browser process the moment the clerk sees "Tersimpan".
      // Also when a step above failed: the browser must not outlive the test.
      await first.kill()
    }

    const second = await launchOwnedChromium(profile)
    try {
      const again = new NaunganApp(await second.browser.contexts()[0]!.newPage())
      await again.open(APP_URL)
      await again.participants.expectListed(SITI)
      await expect(again.participants.rows.first()).toContainText('0601-000001')
    } finally {
      await second.browser.close().catch(() => undefined)
      await second.kill()
    }
  })

  test('records and settings are there after closing and reopening the app', async () => {
    const profile = newProfileDir()
    const first = await launchOwnedChromium(profile)
    try {
      const page = await first.browser.contexts()[0]!.newPage()
      const app = new NaunganApp(page)
      await app.open(APP_URL)
      await app.settings.setUpOffice('Anggana', '3', 'Andi')
      await app.registration.fillWalkin(BUDI)
      await app.registration.saveButton.click()
      await app.registration.expectSaved(BUDI)
      // Closed the way a clerk closes it.
      await first.browser.close()
    } finally {
      await first.kill()
    }

    const second = await launchOwnedChromium(profile)
    try {
      const again = new NaunganApp(await second.browser.contexts()[0]!.newPage())
      await again.open(APP_URL)
      // No settings screen this time: the office was remembered.
      await expect(
        again.page.getByRole('heading', { name: 'Pendaftaran peserta baru' }),
      ).toBeVisible()
      await again.participants.expectListed(BUDI)
      await expect(again.participants.rows.first()).toContainText('0403-000001')
    } finally {
      await second.browser.close().catch(() => undefined)
      await second.kill()
    }
  })
})

test.describe('editing keeps a history', () => {
  test('an edit records who changed what, with the NIK masked', async ({ page }) => {
    const app = new NaunganApp(page)
    await app.open()
    await app.settings.setUpOffice()
    await app.registration.fillWalkin(SITI)
    await app.registration.saveButton.click()
    await app.registration.expectSaved(SITI)
    await page.getByRole('link', { name: 'Buka data' }).click()
    await page.getByRole('link', { name: 'Ubah data' }).click()
    await app.registration.field('Alamat').fill('Jl. Mangkurawang No. 7')
    // Correct a mistyped serial: the NIK changes, the history must not show it in clear.
    await app.registration.field('NIK').fill('6402065505900009')
    await page.getByRole('button', { name: 'Simpan perubahan' }).click()
    await expect(app.registration.saveStatus).toContainText('Tersimpan')
    await page.getByRole('link', { name: 'Kembali ke data peserta' }).click()
    const history = page.locator('.history')
    await expect(history).toContainText('Jl. Danau Aji No. 12 → Jl. Mangkurawang No. 7')
    await expect(history).toContainText('640206******0001 → 640206******0009')
    await expect(history).toContainText('Rina Operator')
    await expect(page.locator('body')).not.toContainText('6402065505900009')
  })
})
