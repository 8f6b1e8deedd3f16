/**
 * The batch list shared through the server: batches recorded on this PC are sent once, batches
 * recorded on other supervisor PCs are fetched whole and kept here, so BPJS's answer to any
 * batch can be read on any of them — also offline, once fetched. The server is reached only
 * when this runs (the enrolment screen opens, a batch is recorded); failing leaves the local
 * list as it is and says why.
 */
import { parseRecordedBatch } from '@shared/coverage/enrolment-batch'
import type { EnrolmentBatchResponse, EnrolmentBatchesResponse } from '@shared/sync/sync-protocol'
import type { NaunganStore } from '@/core/store/database'
import { refusalCodeOf, ServerError } from '@/core/server-api'
import { listBatches, saveBatch, type RecordedBatch } from './coverage-repository'

/** Ids of the batches the server is known to hold (sent from here, or fetched from it). */
const ON_SERVER_DOC = 'enrolment-batches-on-server'

/** What the exchange needs of a signed-in session (ServerSession has it). */
export interface BatchServer {
  json<T>(path: string, init?: RequestInit): Promise<T>
}

export interface BatchSyncResult {
  sent: number
  fetched: number
  /** Batches of this PC the server refused (another batch holds the id there); kept here. */
  refused: string[]
}

async function knownOnServer(store: NaunganStore): Promise<Set<string>> {
  const doc = await store.db.getLocal<{ ids: string[] }>(ON_SERVER_DOC)
  return new Set(doc?.toJSON().data.ids ?? [])
}

async function rememberOnServer(store: NaunganStore, ids: ReadonlySet<string>): Promise<void> {
  await store.db.upsertLocal(ON_SERVER_DOC, { ids: [...ids] })
}

/** Sends this PC's batches the server lacks, then fetches those it lacks here. */
export async function syncBatches(
  server: BatchServer,
  store: NaunganStore,
): Promise<BatchSyncResult> {
  const onServer = await knownOnServer(store)
  const local = await listBatches(store)
  const result: BatchSyncResult = { sent: 0, fetched: 0, refused: [] }

  for (const batch of local.filter((entry) => !onServer.has(entry.id))) {
    try {
      await server.json<EnrolmentBatchResponse>('/api/enrolment-batches', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ batch }),
      })
      onServer.add(batch.id)
      result.sent++
    } catch (error) {
      // Another batch under this id on the server: ids are random, so this is someone's
      // mistake to look at, not to overwrite. Anything else (offline) stops the exchange.
      if (refusalCodeOf(error) !== 'BATCH_IMMUTABLE') {
        await rememberOnServer(store, onServer)
        throw error
      }
      result.refused.push(batch.id)
    }
  }
  await rememberOnServer(store, onServer)

  const localIds = new Set(local.map((entry) => entry.id))
  const listed = await server.json<EnrolmentBatchesResponse>('/api/enrolment-batches')
  for (const summary of listed.batches) {
    onServer.add(summary.id)
    if (localIds.has(summary.id)) continue
    const { batch } = await server.json<EnrolmentBatchResponse>(
      `/api/enrolment-batches/${encodeURIComponent(summary.id)}`,
    )
    // Never trust what comes over the network: a batch this app could not have made is skipped.
    const parsed = parseRecordedBatch(batch)
    if (!parsed.ok || parsed.batch.id !== summary.id) continue
    await saveBatch(store, parsed.batch satisfies RecordedBatch)
    result.fetched++
  }
  await rememberOnServer(store, onServer)
  return result
}

/** A failure of `syncBatches` in words for the screen, or null when it is "offline". */
export function batchSyncFailure(error: unknown): { code: string; message: string } | null {
  if (error instanceof ServerError && error.failure.kind === 'refused') {
    return { code: error.failure.code, message: error.failure.message }
  }
  return null
}
