/**
 * A check the benchmarks need before they can trust a pull: does a fresh client receive every
 * row when the rows' transaction ids straddle a power of ten (999 → 1000)?
 *
 * The server's pull query selects `txid::text AS txid` and then says `ORDER BY txid, id`; in
 * PostgreSQL a bare ORDER BY name refers to the output column first, so pages are ordered by the
 * TEXT of the txid ('1000' < '999') while the WHERE compares xid8 numbers. A page full of 4-digit
 * txids sorts before the 3-digit ones; its checkpoint then lies numerically above them, and they
 * are never pulled.
 *
 * The probe runs on the setup server (in-process, direct database access): it advances the
 * transaction counter to just below the next power of ten, pushes rows across it over HTTP,
 * pulls from checkpoint null, counts what arrived, and then deletes the probe rows so the
 * benchmark proper starts with an empty table above the boundary (all its txids have as many
 * digits, where text order and number order agree).
 */
import type { District } from '../../../shared/district/district-config'
import type { PullResponse, PushResponse, PushRow } from '../../../shared/sync/sync-protocol'
import type { RunningServer } from '../../../server/server'
import { syntheticPerson } from '../synthetic-people'
import { newRegistration } from './bench-participants'
import { enrolAndLoginOverHttp, ensureKecamatanOffices, makeAccount } from './bench-server'

export interface PullOrderProbe {
  /** Rows pushed, and how many of them got a txid at or above the boundary. */
  pushedRows: number
  rowsAboveBoundary: number
  boundary: bigint
  /** Distinct rows a fresh client received pulling from null with `pullLimit`. */
  receivedRows: number
  pullLimit: number
  pages: number
}

const PROBE_PUSH_ROWS = 20
const PROBE_PULL_LIMIT = 50
/** Person indices far from the ones the benchmarks use (the probe rows are deleted anyway). */
const PROBE_FIRST_PERSON = 190_000

async function takeXid(server: RunningServer): Promise<bigint> {
  const { rows } = await server.db.transaction((tx) =>
    tx.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid'),
  )
  return BigInt(rows[0]?.xid ?? '0')
}

export async function probePullOrder(
  server: RunningServer,
  district: District,
): Promise<PullOrderProbe> {
  const central = await server.admin.ensureCentralOffice()
  // A district-wide device may only insert records of an existing kecamatan office: office 01.
  const kecamatan = district.regions.kecamatan
  await ensureKecamatanOffices(
    server,
    kecamatan.map((region) => region.code),
    [1],
  )
  const device = await enrolAndLoginOverHttp(server.url, await makeAccount(server, central))
  try {
    let xid = await takeXid(server)
    let boundary = 10n
    while (boundary <= xid + 20n) boundary *= 10n
    while (xid < boundary - 8n) xid = await takeXid(server)

    let pushed = 0
    let above = 0
    for (let person = PROBE_FIRST_PERSON; above < 2 * PROBE_PULL_LIMIT;) {
      const rows: PushRow[] = []
      for (let k = 0; k < PROBE_PUSH_ROWS; k++) {
        const p = syntheticPerson(person++, district)
        rows.push({
          newDocumentState: newRegistration(
            p,
            {
              officeCode: `${p.kecamatanShortCode}-01`,
              kecamatanShortCode: p.kecamatanShortCode,
              officeNumber: 1,
              clerk: 'Operator Uji',
            },
            person,
          ),
        })
      }
      const push = await device.http.send<PushResponse>('POST', '/api/sync/participants/push', {
        token: device.token,
        body: { rows },
      })
      if (push.status !== 200 || push.body.rejected.length > 0) {
        throw new Error(`probe push failed: ${push.status} ${JSON.stringify(push.body)}`)
      }
      pushed += rows.length
      const { rows: counts } = await server.db.query<{ above: number }>(
        'SELECT count(*)::int AS above FROM participants WHERE txid >= $1::xid8',
        [boundary.toString()],
      )
      above = counts[0]?.above ?? 0
    }

    const received = new Set<string>()
    let checkpoint: PullResponse['checkpoint'] = null
    let pages = 0
    for (; pages < 100;) {
      const query = new URLSearchParams({ limit: String(PROBE_PULL_LIMIT) })
      if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint))
      const page = await device.http.send<PullResponse>(
        'GET',
        `/api/sync/participants/pull?${query}`,
        { token: device.token },
      )
      if (page.status !== 200) throw new Error(`probe pull failed: ${page.status}`)
      pages++
      for (const doc of page.body.documents) received.add(doc.id)
      checkpoint = page.body.checkpoint
      if (page.body.remaining === 0) break
    }
    // Leave an empty table above the boundary for the benchmark proper.
    await server.db.query('DELETE FROM participants')
    return {
      pushedRows: pushed,
      rowsAboveBoundary: above,
      boundary,
      receivedRows: received.size,
      pullLimit: PROBE_PULL_LIMIT,
      pages,
    }
  } finally {
    device.http.close()
  }
}
