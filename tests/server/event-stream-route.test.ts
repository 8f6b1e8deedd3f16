/**
 * The event-stream route on its own: a client that left while its caller was being loaded gets
 * no subscriber (its 'close' event has already fired and would never clean one up).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it, vi } from 'vitest'
import type { OfficeInfo } from '../../shared/sync/sync-protocol'
import type { Caller } from '../../server/sessions'
import { ChangeFeed } from '../../server/change-feed'
import type { Database } from '../../server/database'
import { openStream, type RouteContext, type RouteRequest } from '../../server/routes'

const office: OfficeInfo = {
  id: 'kantor-1',
  code: '06-01',
  name: 'Kantor Kecamatan 06 1',
  kind: 'kecamatan',
  kecamatanCode: '64.02.06',
  officeNumber: 1,
  agencyCode: null,
}

const caller: Caller = {
  userId: 'pengguna-1',
  deviceId: 'perangkat-1',
  role: 'operator',
  office,
  deviceOfficeId: office.id,
  deviceOffice: office,
}

describe('event stream route', () => {
  it('opens nothing for a client that is already gone', () => {
    vi.useFakeTimers()
    try {
      const feed = new ChangeFeed({} as Database)
      const ctx = {
        feed,
        heartbeatMs: 15_000,
        isStillAuthorised: async () => true,
      } as unknown as RouteContext
      const on = vi.fn()
      const req = {
        destroyed: true,
        socket: { setTimeout: vi.fn(), setNoDelay: vi.fn() },
        on,
      } as unknown as IncomingMessage
      const res = {
        destroyed: false,
        writableEnded: false,
        writeHead: vi.fn(),
        write: vi.fn(),
        end: vi.fn(),
        destroy: vi.fn(),
        on,
      } as unknown as ServerResponse
      openStream(ctx, { req, res, tokenExpiresAtMs: Date.now() + 60_000 } as RouteRequest, caller)
      expect(feed.subscriberCount).toBe(0)
      expect(res.writeHead).not.toHaveBeenCalled()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
