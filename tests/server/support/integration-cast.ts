/**
 * The server and people the integration API's tests read from: the clock injected (10 December
 * 2026, 09:00 WITA), a real server on PGlite, Tenggarong's and Loa Kulu's offices with a clerk
 * each, and the central admin who makes the keys.
 */
import { clockStartingAt, installClock } from '../../../shared/dates/clock'
import type { OfficeInfo } from '../../../shared/sync/sync-protocol'
import type { RunningServer } from '../../../server/server'
import {
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
  type TestClient,
} from './server-fixture'

export interface IntegrationCast {
  server: RunningServer
  tenggarong: OfficeInfo
  loaKulu: OfficeInfo
  admin: TestClient
  tenggarongClerk: TestClient
  loaKuluClerk: TestClient
  /** Stops the server and gives the clock back. */
  close(): Promise<void>
}

export async function integrationCast(): Promise<IntegrationCast> {
  const restoreClock = installClock(clockStartingAt('2026-12-10T01:00:00.000Z'))
  const server = await startTestServer('pglite')
  const central = await server.admin.ensureCentralOffice()
  const tenggarong = await createKecamatanOffice(server, '64.02.06', 1)
  const loaKulu = await createKecamatanOffice(server, '64.02.01', 1)
  const admin = await enrolAndLogin(server, central, { role: 'admin', displayName: 'Admin Pusat' })
  return {
    server,
    tenggarong,
    loaKulu,
    admin,
    tenggarongClerk: await enrolAndLogin(server, tenggarong),
    loaKuluClerk: await enrolAndLogin(server, loaKulu),
    async close() {
      await server.close()
      restoreClock()
    },
  }
}
