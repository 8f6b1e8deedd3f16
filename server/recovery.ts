/**
 * After a restore (issue 18): PCs show the server the participant states they last had from it
 * (`POST /api/sync/participants/recover`), and the server takes back what it lost.
 *
 * A state is taken only on the server's own receipt (shared/sync/receipt.ts): it was accepted once,
 * judged then by the rules of whoever made it, so it comes back as it was — also when the PC
 * showing it (a kecamatan PC holding a supervisor's approval) could not have made it itself. A
 * state without a valid receipt is refused here; the PC's own unsent edits go the usual way, as a
 * push judged like any other, once the server again holds the state they started from.
 *
 * Per record, against what the server holds now (R) and the state shown (S, generation g):
 * - no R: S is inserted as it was (its receipt too);
 * - R of generation g: the higher write count wins (both lie on the one line of writes of g);
 * - R of another generation (written since the restore): S and R are merged three-way, the
 *   record as the restore left it being their common ancestor when it lies on g's line before
 *   S; every clash is kept in `conflicts` for a supervisor, nothing is dropped.
 * S of the current generation is already held (or bettered) by the server: nothing to do.
 */
import { currentTime } from '../shared/dates/clock'
import type { ParticipantWireDocument, RecoverResponse } from '../shared/sync/sync-protocol'
import { mergeParticipant, type MergeableParticipant } from '../shared/sync/merge'
import { validateParticipantWireDocument } from '../shared/participant/participant-validation'
import { withWorkflowDefaults } from '../shared/workflow/workflow-push'
import { nikLookupHash } from './crypto'
import type { Database, Queryable } from './database'
import { logSecurityEvent } from './security-log'
import {
  CHANGE_CHANNEL,
  clientPart,
  currentDocumentOf,
  jurisdictionOf,
  refreshDuplicateFlags,
  withNewReceipt,
  writeParticipant,
  type ChangeNotice,
  type ParticipantCaller,
  type ParticipantSettings,
} from './participants'
import { hasValidReceipt } from './receipts'

export const MAX_RECOVER_STATES = 100

interface StoredRow {
  id: string
  doc: Record<string, unknown>
  sealed: Uint8Array
  nik_hash: Uint8Array
}

const RETRYABLE_CODES = new Set(['40P01', '40001', '23505'])

export async function recoverParticipants(
  db: Database,
  caller: ParticipantCaller,
  states: readonly unknown[],
  settings: ParticipantSettings,
  ip: string,
): Promise<RecoverResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { response, notice } = await db.transaction((tx) =>
        applyRecovery(tx, caller, states, settings),
      )
      if (response.restored + response.merged > 0 || response.refused.length > 0) {
        await logSecurityEvent(db, {
          kind: 'participants_recovered',
          userId: caller.userId,
          username: null,
          deviceId: caller.deviceId,
          officeId: null,
          ip,
          detail: {
            restored: response.restored,
            merged: response.merged,
            alreadyHeld: response.alreadyHeld,
            refused: response.refused.length,
            kecamatan: notice?.kecamatanCodes.join(',') ?? null,
          },
        })
      }
      return response
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code
      if (!(typeof code === 'string' && RETRYABLE_CODES.has(code)) || attempt >= 4) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()))
    }
  }
}

async function applyRecovery(
  tx: Queryable,
  caller: ParticipantCaller,
  states: readonly unknown[],
  settings: ParticipantSettings,
): Promise<{ response: RecoverResponse; notice: ChangeNotice | null }> {
  const jurisdiction = jurisdictionOf(caller)
  const response: RecoverResponse = { restored: 0, merged: 0, alreadyHeld: 0, refused: [] }
  const shown = new Map<string, ParticipantWireDocument>()
  for (const raw of states) {
    const id = String((raw as { id?: unknown } | null)?.id ?? '').slice(0, 40)
    const checked = validateParticipantWireDocument(raw, { district: settings.district })
    if (!checked.ok) {
      response.refused.push({ id, code: checked.code, message: checked.message })
      continue
    }
    const doc = checked.document
    if (
      !hasValidReceipt(
        settings.keys.receiptKey,
        settings.district.nikRegencyCode,
        doc as unknown as Record<string, unknown>,
      )
    ) {
      response.refused.push({
        id: doc.id,
        code: 'RECEIPT_INVALID',
        message:
          'Tanda terima server pada data ini tidak sah: data ini tidak pernah diterima server dalam bentuk ini.',
      })
      continue
    }
    if (jurisdiction !== null && doc.kecamatanCode !== jurisdiction) {
      response.refused.push({
        id: doc.id,
        code: 'OUT_OF_JURISDICTION',
        message: 'Peserta ini berada di luar wilayah kecamatan kantor Anda.',
      })
      continue
    }
    if (doc.receipt?.g === settings.generation) {
      response.alreadyHeld += 1
      continue
    }
    // Two states of one record in one request: the later of the two.
    const earlier = shown.get(doc.id)
    if (!earlier || (earlier.receipt?.n ?? 0) < (doc.receipt?.n ?? 0)) shown.set(doc.id, doc)
    else response.alreadyHeld += 1
  }

  const ids = [...shown.keys()].sort()
  const stored = new Map<string, { doc: ParticipantWireDocument; nikHash: Buffer }>()
  const restoreBase = new Map<string, ParticipantWireDocument>()
  if (ids.length > 0) {
    const { rows } = await tx.query<StoredRow>(
      `SELECT id, doc, sealed, nik_hash FROM participants WHERE id = ANY($1::text[])
       ORDER BY id FOR UPDATE`,
      [ids],
    )
    for (const row of rows) {
      stored.set(row.id, {
        doc: currentDocumentOf(row, settings),
        nikHash: Buffer.from(row.nik_hash),
      })
    }
    const { rows: baseRows } = await tx.query<Omit<StoredRow, 'nik_hash'>>(
      'SELECT id, doc, sealed FROM participants_at_restore WHERE id = ANY($1::text[])',
      [ids],
    )
    for (const row of baseRows) restoreBase.set(row.id, currentDocumentOf(row, settings))
  }

  const touched = new Set<string>()
  const written: ParticipantWireDocument[] = []
  const now = currentTime().toISOString()
  for (const id of ids) {
    const shownState = shown.get(id) as ParticipantWireDocument
    const held = stored.get(id)
    const nikHash = nikLookupHash(shownState.nik, settings.keys.nikHashKey)
    let next: ParticipantWireDocument
    if (!held) {
      next = { ...shownState, duplicates: [] }
      response.restored += 1
    } else if (clientPart(held.doc) === clientPart(shownState)) {
      response.alreadyHeld += 1
      continue
    } else if (held.doc.receipt?.g === shownState.receipt?.g) {
      if ((held.doc.receipt?.n ?? 0) >= (shownState.receipt?.n ?? 0)) {
        response.alreadyHeld += 1
        continue
      }
      next = { ...shownState, duplicates: held.doc.duplicates }
      response.restored += 1
    } else {
      const base = restoreBase.get(id)
      const isAncestor =
        base !== undefined &&
        base.receipt?.g === shownState.receipt?.g &&
        (base.receipt?.n ?? 0) <= (shownState.receipt?.n ?? 0)
      const { merged } = mergeParticipant<MergeableParticipant>({
        base: isAncestor ? (base as unknown as MergeableParticipant) : undefined,
        local: shownState as unknown as MergeableParticipant,
        remote: held.doc as unknown as MergeableParticipant,
        now,
      })
      const result = withWorkflowDefaults(
        merged as unknown as ParticipantWireDocument,
        settings.district.config.verification,
      )
      // Shown before (another PC, a retry): the server's copy already holds all of it.
      if (clientPart(result) === clientPart(held.doc)) {
        response.alreadyHeld += 1
        continue
      }
      next = withNewReceipt(result, held.doc, settings)
      response.merged += 1
    }
    await writeParticipant(tx, next, nikHash, caller, held !== undefined, settings.keys.sealKey)
    touched.add(nikHash.toString('hex'))
    if (held) touched.add(held.nikHash.toString('hex'))
    written.push(next)
  }

  const refreshed = await refreshDuplicateFlags(
    tx,
    touched,
    written.map((doc) => doc.id),
    caller,
    settings,
  )
  let notice: ChangeNotice | null = null
  if (written.length > 0) {
    const { rows } = await tx.query<{ txid: string }>('SELECT pg_current_xact_id()::text AS txid')
    const all = [...written, ...refreshed]
    notice = {
      txid: rows[0]?.txid ?? '0',
      id:
        all
          .map((doc) => doc.id)
          .sort()
          .at(-1) ?? '',
      kecamatanCodes: [...new Set(all.map((doc) => doc.kecamatanCode))].sort(),
    }
    await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(notice)])
  }
  return { response, notice }
}
