import { expect, test } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { tenggarongWoman } from './support/people'

test('the list finds a later word of a name, and its count says how many match', async ({
  page,
}) => {
  const app = new NaunganApp(page)
  await app.open()
  await app.setUpOffice()
  for (const [serial, name] of [
    [2, 'Siti Yani'],
    [3, 'Yanti Rahayu'],
    [4, 'Dewi Lestari'],
  ] as const) {
    await app.register(tenggarongWoman(serial, name))
  }

  await app.openParticipantList()
  const count = page.locator('.list-count')
  await expect(count).toHaveText('3 peserta')

  // "yan" starts Yanti's first name and Siti Yani's second: both, first names first.
  await app.search('yan')
  await expect(app.rows).toHaveCount(2)
  await expect(app.rows.nth(0)).toContainText('Yanti Rahayu')
  await expect(app.rows.nth(1)).toContainText('Siti Yani')
  await expect(count).toHaveText('2 cocok dari 3 peserta')

  await app.search('lestari')
  await expect(app.rows).toHaveCount(1)
  await expect(count).toHaveText('1 cocok dari 3 peserta')

  await app.search('zzz')
  await expect(app.rows).toHaveCount(0)
  await expect(count).toHaveText('0 cocok dari 3 peserta')

  await app.search('')
  await expect(app.rows).toHaveCount(3)
  await expect(count).toHaveText('3 peserta')
})
