/**
 * What the admin screens say when a call fails: the server's own (Indonesian) words for a
 * refusal; the screen's sentence for anything else, never the browser's English "Failed to
 * fetch" (the integration key panel showed it before it shared this rule).
 */
import { describe, expect, it } from 'vitest'
import { AdminApiError, adminErrorText } from '@/admin/admin-api'

const OFFLINE = 'Perlu sambungan ke server pusat.'

describe('adminErrorText', () => {
  it("gives the server's words for a refusal", () => {
    const refused = new AdminApiError(
      'FORBIDDEN_ROLE',
      'Hanya admin yang boleh membuat kunci.',
      403,
    )
    expect(adminErrorText(refused, OFFLINE)).toBe('Hanya admin yang boleh membuat kunci.')
  })

  it('gives the fallback for a lost connection or anything thrown that is not a refusal', () => {
    expect(adminErrorText(new TypeError('Failed to fetch'), OFFLINE)).toBe(OFFLINE)
    expect(adminErrorText('timeout', OFFLINE)).toBe(OFFLINE)
  })
})
