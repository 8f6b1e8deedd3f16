import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'

const packageJson = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
  version: string
  devDependencies: Record<string, string>
}
const packageVersion = packageJson.version

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

test('Pengaturan names where the region names come from, under their licence (ODbL)', async ({
  page,
}) => {
  const app = new NaunganApp(page)
  await app.open()
  await app.settings.setUpOffice()
  await app.goToHash('#/pengaturan')
  await expect(page.getByTestId('region-data-source')).toHaveText(
    `Kode dan nama wilayah Kemendagri dari idn-area-data ${packageJson.devDependencies['idn-area-data']} (Open Database License, ODbL 1.0).`,
  )
})
