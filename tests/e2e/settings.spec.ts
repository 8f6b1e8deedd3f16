import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'

const packageVersion = (
  JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }
).version

test('Pengaturan names the version being run, the one in package.json', async ({ page }) => {
  const app = new NaunganApp(page)
  await app.open()
  await app.settings.setUpOffice()
  await app.goToHash('#/pengaturan')
  const version = page
    .locator('dl.about dt', { hasText: 'Versi' })
    .locator('xpath=following-sibling::dd[1]')
  await expect(version).toHaveText(packageVersion)
  expect(packageVersion).not.toBe('0.0.0')
})
