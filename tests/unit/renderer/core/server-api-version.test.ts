/**
 * The app's side of the API version rule (SYNC_API_VERSION): every request names the app's
 * version, and a 426 from a server of another major becomes a refusal whose Indonesian sentence
 * says which side to update — the server's own, or one built from the version it names when a
 * proxy replaced the body. (sync-controller.ts puts a refusal's sentence in the sync state's `lastError`.)
 */
import { describe, expect, it } from 'vitest'
import {
  API_VERSION_HEADER,
  API_VERSION_MISMATCH,
  SYNC_API_VERSION,
  apiMajorOf,
  apiVersionGap,
} from '@shared/sync/sync-protocol'
import { readJsonResponse, sendRequest, ServerError } from '@/core/server-api'

function recordingFetch(answer: () => Response) {
  const seen: Headers[] = []
  return {
    seen,
    fetchFn: async (_url: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers))
      return answer()
    },
  }
}

async function refusalOf(response: Response) {
  const error = await readJsonResponse(response).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(ServerError)
  return (error as ServerError).failure
}

describe('the app names its API version', () => {
  it.each([
    ['no headers', undefined],
    ['a header record', { Authorization: 'Bearer t' }],
    ['a Headers object', new Headers({ Authorization: 'Bearer t' })],
    ['header pairs', [['Authorization', 'Bearer t']] as [string, string][]],
  ])('on a request with %s, keeping the headers it had', async (_, headers) => {
    const { seen, fetchFn } = recordingFetch(() => Response.json({ ok: true }))
    await sendRequest(fetchFn, 'http://127.0.0.1:1/api/health', headers ? { headers } : {})
    expect(seen[0]?.get(API_VERSION_HEADER)).toBe(String(SYNC_API_VERSION))
    if (headers) expect(seen[0]?.get('Authorization')).toBe('Bearer t')
  })
})

describe('a server of another API major', () => {
  it("shows the server's own sentence", async () => {
    const message =
      'Aplikasi di PC ini perlu diperbarui: server pusat memakai API 2, aplikasi ini API 1.'
    const failure = await refusalOf(
      Response.json({ error: { code: API_VERSION_MISMATCH, message } }, { status: 426 }),
    )
    expect(failure).toEqual({ kind: 'refused', status: 426, code: API_VERSION_MISMATCH, message })
  })

  it.each([
    [SYNC_API_VERSION + 1, /^Aplikasi di PC ini perlu diperbarui/],
    [SYNC_API_VERSION - 1, /^Server pusat masih versi lama/],
  ])(
    'names the side to update from a bare 426 naming API %i (a proxy replaced the body)',
    async (serverVersion, expected) => {
      const failure = await refusalOf(
        new Response('<html>Upgrade Required</html>', {
          status: 426,
          headers: { 'Content-Type': 'text/html', [API_VERSION_HEADER]: String(serverVersion) },
        }),
      )
      expect(failure).toMatchObject({ kind: 'refused', code: API_VERSION_MISMATCH })
      expect(failure.kind === 'refused' && failure.message).toMatch(expected)
    },
  )

  it('still explains a bare 426 that names no version', async () => {
    const failure = await refusalOf(new Response('', { status: 426 }))
    expect(failure.kind === 'refused' && failure.message).toMatch(/tidak cocok/)
  })
})

describe('the compatibility rule: same major', () => {
  it.each([
    ['1', 1],
    ['1.4', 1],
    [' 2 ', 2],
    ['', null],
    ['satu', null],
    ['1.2.3', null],
    ['-1', null],
  ])('reads %j as major %s', (text, major) => {
    expect(apiMajorOf(text)).toBe(major)
  })

  it.each([
    [1, 1, null],
    [1, 2, 'app'],
    [2, 1, 'server'],
  ] as const)('app %i with server %i: update the %s', (app, server, side) => {
    expect(apiVersionGap(app, server)).toBe(side)
  })
})
