import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import type { OfficeInfo } from '../../shared/sync/sync-protocol'
import {
  createKecamatanOffice,
  enrolAndLogin,
  makeParticipant,
  startTestServer,
  type TestClient,
} from './support/server-fixture'

/**
 * Transaction ids are compared as numbers, but a pull that sorted their text would put '1000'
 * before '999': a page crossing a power of ten then hands out a checkpoint above rows it never
 * sent, and a fresh office silently misses them for good.
 */
describe('pulling across a power of ten in transaction ids', () => {
  let server: RunningServer
  let office: OfficeInfo
  let clerk: TestClient

  beforeAll(async () => {
    server = await startTestServer('pglite')
    office = await createKecamatanOffice(server, '64.02.06', 1)
    clerk = await enrolAndLogin(server, office)
  }, 60_000)

  afterAll(async () => {
    await server?.close()
  })

  async function currentXid(): Promise<bigint> {
    const { rows } = await server.db.transaction((tx) =>
      tx.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid'),
    )
    return BigInt(rows[0]?.xid ?? '0')
  }

  it('hands a fresh client every row, page after page', async () => {
    let xid = await currentXid()
    let boundary = 10n
    while (boundary <= xid + 10n) boundary *= 10n
    // Burn transaction ids until the next pushes straddle the boundary (bounded: < 10x steps).
    for (let guard = 0; xid < boundary - 6n && guard < 200_000; guard++) xid = await currentXid()
    expect(xid).toBeGreaterThanOrEqual(boundary - 6n)

    const pushedIds: string[] = []
    for (let i = 0; i < 14; i++) {
      const doc = makeParticipant(office, { nikSerial: 9000 + i })
      const response = await clerk.push([{ newDocumentState: doc }])
      expect(response.body.rejected).toEqual([])
      pushedIds.push(doc.id)
    }
    expect(await currentXid()).toBeGreaterThan(boundary)

    const { documents } = await clerk.pullAll(null, 4)
    expect(new Set(documents.map((d) => d.id))).toEqual(new Set(pushedIds))
  })
})
