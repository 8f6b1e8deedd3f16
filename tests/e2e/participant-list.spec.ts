import { expect, test } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { tenggarongWoman } from './support/people'

test('the list finds a later word of a name, and its count says how many match', async ({
  page,
}) => {
  const app = new NaunganApp(page)
  await app.open()
  await app.settings.setUpOffice()
  for (const [serial, name] of [
    [2, 'Siti Yani'],
    [3, 'Yanti Rahayu'],
    [4, 'Dewi Lestari'],
  ] as const) {
    await app.registration.register(tenggarongWoman(serial, name))
  }

  await app.participants.open()
  const count = page.locator('.list-count')
  await expect(count).toHaveText('3 peserta')

  // "yan" starts Yanti's first name and Siti Yani's second: both, first names first.
  await app.participants.search('yan')
  await expect(app.participants.rows).toHaveCount(2)
  await expect(app.participants.rows.nth(0)).toContainText('Yanti Rahayu')
  await expect(app.participants.rows.nth(1)).toContainText('Siti Yani')
  await expect(count).toHaveText('2 cocok dari 3 peserta')

  await app.participants.search('lestari')
  await expect(app.participants.rows).toHaveCount(1)
  await expect(count).toHaveText('1 cocok dari 3 peserta')

  await app.participants.search('zzz')
  await expect(app.participants.rows).toHaveCount(0)
  await expect(count).toHaveText('0 cocok dari 3 peserta')

  await app.participants.search('')
  await expect(app.participants.rows).toHaveCount(3)
  await expect(count).toHaveText('3 peserta')
})
