import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_FOR_META_TAG,
} from '../../../../electron/main/content-security-policy'
// @ts-expect-error: plain JavaScript module of the web build's static server (no types).
import { CSP as STATIC_SERVER_CSP } from '../../../../scripts/static-server.mjs'

/** The policy is written in three places; they must say the same thing. */
describe('content security policy', () => {
  it('is the same in the Electron header, the HTML meta tag and the web build server', () => {
    const html = readFileSync(new URL('../../../../renderer/index.html', import.meta.url), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY_FOR_META_TAG)
    expect(STATIC_SERVER_CSP).toBe(CONTENT_SECURITY_POLICY)
  })

  it('never allows eval, inline scripts, plugins or framing by others', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
  })
})
