import { expect, test } from '@playwright/test'
import { NaunganApp } from './pages/naungan-app'
import { SITI } from './support/people'

test("a participant's history reads in the clerk's words, not the store's codes", async ({
  page,
}) => {
  const app = new NaunganApp(page)
  await app.open()
  await app.settings.setUpOffice()
  await app.registration.register(SITI)
  await app.participants.openParticipant(SITI.fullName)

  const history = page.getByTestId('participant-history')
  const created = history.getByTestId('history-entry').first()
  await created.locator('summary').click()
  const lines = created.locator('li')
  await expect(lines.filter({ hasText: /^Kecamatan:/ })).toHaveText(
    'Kecamatan: (kosong) → Tenggarong',
  )
  await expect(lines.filter({ hasText: /^Desa\/Kelurahan:/ })).toContainText('→ Loa Ipuh')
  await expect(lines.filter({ hasText: /^Pekerjaan:/ })).toContainText('→ Pedagang kecil')
  await expect(lines.filter({ hasText: /^Jenis kelamin:/ })).toContainText('→ Perempuan')
  await expect(lines.filter({ hasText: /^Penghasilan per bulan:/ })).toContainText('→ Rp 1.500.000')
  await expect(lines.filter({ hasText: /^Hubungan ahli waris:/ })).toContainText('→ Suami')
  // RT and RW each once, under their own names.
  await expect(lines.filter({ hasText: /^RT:/ })).toHaveText('RT: (kosong) → 003')
  await expect(lines.filter({ hasText: /^RW:/ })).toHaveText('RW: (kosong) → 005')
  await expect(lines.filter({ hasText: 'RT/RW' })).toHaveCount(0)
  // No code of the store anywhere in the history.
  await expect(history).not.toContainText('64.02.06')
  await expect(history).not.toContainText('pedagang-kecil')
  await expect(history).not.toContainText('1500000')
})
