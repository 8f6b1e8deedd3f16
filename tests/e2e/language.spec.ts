import { expect, test, type Page } from '@playwright/test'
import type { Language } from '../../shared/i18n/language'
import { NaunganApp } from './pages/naungan-app'
import { ONLY_IN, wordsOfOtherLanguage } from './support/catalogue-words'
import { SITI } from './support/people'
import { startSyncServer } from './support/sync-server'

/**
 * One catalogue per language: a clerk who picks English reads no Indonesian on any screen, and
 * back in Bahasa Indonesia no English is left. The word lists come from the catalogues themselves
 * (renderer/src/core/i18n), so a string typed into a component instead of the catalogue shows up here.
 */

/** The screens only a PC signed in to the central server has, by address. */
const CENTRAL_SCREENS = [
  '#/pemeriksaan',
  '#/kepesertaan',
  '#/tagihan',
  '#/audit',
  '#/admin',
  '#/sinkronisasi',
] as const

const DEVICE = 'PC uji antarmuka'

/**
 * Typed data, not UI: the seeded admin's username and display name, this PC's name, and the name
 * the server gives its central office (an admin renames it; server/offices.ts).
 */
const ADMIN_DATA = [
  'admin-uji',
  'Pengguna 0',
  DEVICE,
  'Dinas Tenaga Kerja Kabupaten Kutai Kartanegara',
]

/** The screens of a standalone PC, by address. */
const SCREENS = [
  '#/daftar',
  '#/impor',
  '#/peserta',
  '#/kematian',
  '#/klaim',
  '#/verifikasi-ulang',
  '#/cetak',
  '#/verifikasi',
  '#/dasbor',
  '#/pengaturan',
] as const

/** The header's language switch (its label reads "Bahasa", or "Language" in English). */
async function switchLanguage(page: Page, language: Language) {
  await page.getByRole('combobox', { name: /^(Bahasa|Language)/ }).selectOption(language)
  await expect(page.locator('html')).toHaveAttribute('lang', language)
}

async function expectOnlyLanguage(
  page: Page,
  language: Language,
  where: string,
  data: readonly string[],
) {
  await expect(page.locator('main h1').first(), where).toBeVisible({ timeout: 20_000 })
  // Screens fill in what they count or load a moment after their title shows.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0)
  await page.waitForTimeout(500)
  expect(await wordsOfOtherLanguage(page, language, data), `${where} in ${language}`).toEqual([])
}

async function visitEveryScreen(
  app: NaunganApp,
  language: Language,
  hashes: readonly string[],
  data: readonly string[] = [],
) {
  for (const hash of hashes) {
    await app.goToHash(hash)
    await expectOnlyLanguage(app.page, language, hash, data)
  }
}

test('the word lists are long enough to catch a stray word', () => {
  expect(ONLY_IN.id.size).toBeGreaterThan(500)
  expect(ONLY_IN.en.size).toBeGreaterThan(500)
  expect(ONLY_IN.id).toContain('simpan')
  expect(ONLY_IN.en).toContain('save')
})

test('in English no Indonesian is left on any screen, and the other way round', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const app = new NaunganApp(page)
  await app.open()
  await app.settings.setUpOffice()
  await app.registration.register(SITI)
  await app.participants.openParticipant(SITI.fullName)
  const participantHash = new URL(page.url()).hash

  await switchLanguage(page, 'en')
  await expect(page.getByRole('heading', { name: SITI.fullName })).toBeVisible()
  await visitEveryScreen(app, 'en', [...SCREENS, participantHash])

  await switchLanguage(page, 'id')
  await visitEveryScreen(app, 'id', [...SCREENS, participantHash])
})

test('the central admin reads the server-only screens in one language at a time', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const server = await startSyncServer()
  try {
    const { code } = await server.createEnrolmentCode((await server.centralOffice()).id)
    const app = new NaunganApp(page)
    await app.enrol.connect(server.url, code, DEVICE)
    await app.login.signIn('admin-uji', 'kata-sandi-uji-123')
    await expect(app.admin.heading).toBeVisible()

    await switchLanguage(page, 'en')
    await visitEveryScreen(app, 'en', CENTRAL_SCREENS, ADMIN_DATA)
    await switchLanguage(page, 'id')
    await visitEveryScreen(app, 'id', CENTRAL_SCREENS, ADMIN_DATA)
  } finally {
    await server.close()
  }
})
