/**
 * Two supervisor PCs share their enrolment batch lists through the real server (PGlite, HTTP on
 * 127.0.0.1): what one recorded, the other fetches; a clash of ids is refused, not merged;
 * offline leaves the list as it was. Stores are real RxDB on fake-indexeddb.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  batchSyncFailure,
  syncBatches,
  type BatchServer,
} from '../../renderer/src/coverage/batch-sync'
import { listBatches, saveBatch } from '../../renderer/src/coverage/coverage-repository'
import { readJsonResponse, sendRequest } from '../../renderer/src/core/server-api'
import type { RunningServer } from '../../server/server'
import type { OfficeInfo } from '../../shared/sync/sync-protocol'
import {
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
} from '../server/support/server-fixture'
import { closeTestStores, openTestStore, uniqueStoreName } from '../unit/support/store-fixture'
import { makeEnrolmentBatch } from '../server/support/enrolment-batch-fixture'

let server: RunningServer
let central: OfficeInfo
let office: OfficeInfo

beforeAll(async () => {
  server = await startTestServer('pglite')
  central = await server.admin.ensureCentralOffice()
  office = await createKecamatanOffice(server, '64.02.06', 1)
}, 60_000)

afterAll(async () => {
  await server?.close()
})

const batch = makeEnrolmentBatch

describe('two supervisor PCs share their batch lists', () => {
  afterEach(closeTestStores)

  /** What the app's session does: the token in a header, failures as ServerError. */
  const serverFor = (baseUrl: string, token: string): BatchServer => ({
    json: async <T>(path: string, init: RequestInit = {}) =>
      readJsonResponse<T>(
        await sendRequest(fetch, `${baseUrl}${path}`, {
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            Authorization: `Bearer ${token}`,
          },
        }),
      ),
  })

  it('sends what one PC recorded, fetches it on the other, once; offline keeps the list', async () => {
    const pcA = await openTestStore(uniqueStoreName('batches-a'), 'a1'.repeat(32))
    const pcB = await openTestStore(uniqueStoreName('batches-b'), 'b2'.repeat(32))
    const supervisorA = await enrolAndLogin(server, central, { role: 'supervisor' })
    const supervisorB = await enrolAndLogin(server, central, { role: 'supervisor' })
    const sentFromA = {
      ...batch('B20261124-a0a0a0a0', '2026-11-24T05:00:00.000Z'),
      kind: 'new' as const,
    }
    await saveBatch(pcA, sentFromA)

    const first = await syncBatches(serverFor(server.url, supervisorA.token), pcA)
    expect(first).toMatchObject({ sent: 1, refused: [] })
    const again = await syncBatches(serverFor(server.url, supervisorA.token), pcA)
    expect(again).toMatchObject({ sent: 0, fetched: 0 })

    const onB = await syncBatches(serverFor(server.url, supervisorB.token), pcB)
    expect(onB.fetched).toBeGreaterThanOrEqual(1)
    const listedOnB = await listBatches(pcB)
    expect(listedOnB.find((entry) => entry.id === sentFromA.id)).toEqual(sentFromA)
    // Newest first, whatever order they were fetched in.
    const times = listedOnB.map((entry) => entry.createdAt)
    expect(times).toEqual([...times].sort().reverse())

    // A batch made elsewhere under an id the server already holds is refused, not merged.
    const pcC = await openTestStore(uniqueStoreName('batches-c'), 'c3'.repeat(32))
    await saveBatch(pcC, { ...sentFromA, kodeIuran: 'KI-LAIN' })
    const onC = await syncBatches(serverFor(server.url, supervisorA.token), pcC)
    expect(onC.refused).toEqual([sentFromA.id])
    expect((await listBatches(pcC)).find((entry) => entry.id === sentFromA.id)?.kodeIuran).toBe(
      'KI-LAIN',
    )

    // No server: the exchange fails as "unreachable" and the list stays as it was.
    const before = await listBatches(pcB)
    const failure = await syncBatches(
      serverFor('http://127.0.0.1:9', supervisorB.token),
      pcB,
    ).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Error)
    expect(batchSyncFailure(failure)).toBeNull()
    expect(await listBatches(pcB)).toEqual(before)

    // A clerk's session is refused with the server's words.
    const clerk = await enrolAndLogin(server, office)
    const refused = await syncBatches(serverFor(server.url, clerk.token), pcB).catch(
      (error: unknown) => error,
    )
    expect(batchSyncFailure(refused)).toMatchObject({ code: 'FORBIDDEN_ROLE' })
  })
})
