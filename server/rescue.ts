/**
 * Importing a rescue file (issue 18; shared/rescue/rescue-file.ts): the records a PC that cannot
 * sync still holds, brought on a stick and opened in the app by a supervisor or admin, who sends
 * them here part by part.
 *
 * Everything goes the way a push from that PC goes, as if the importer had signed in on it: the
 * PC's office and kecamatan decide the jurisdiction, the names in the records must be people of
 * that office (or the importer), every change is judged by the importer's role, and the PC's
 * history entries are taken as that PC's. The server copies the records started from are shown
 * first on their receipts (server/recovery.ts) — after a restore they may be gone — and a record
 * whose server copy moved on meanwhile is merged three-way like any conflict, clashes kept.
 * A revoked PC's file is taken too: a PC taken out of service is exactly the one with a file.
 */
import { currentTime } from '../shared/dates/clock'
import { mergeParticipant, type MergeableParticipant } from '../shared/sync/merge'
import type {
  ParticipantWireDocument,
  PushRow,
  RescueImportRequest,
  RescueImportResponse,
} from '../shared/sync/sync-protocol'
import { MAX_RESCUE_AUDIT, MAX_RESCUE_RECORDS } from '../shared/sync/sync-protocol'
import type { AccountSettings, OfficeRow } from './account-records'
import { officeInfoOf } from './account-records'
import { pushAuditEntries } from './audit'
import type { Database } from './database'
import { ApiFailure, failures, isRecord } from './http-kit'
import {
  clientPart,
  participantCallerOf,
  pushParticipants,
  type ParticipantSettings,
} from './participants'
import { recoverParticipants } from './recovery'
import { logSecurityEvent } from './security-log'
import type { Caller } from './sessions'

export function parseRescueRequest(body: unknown): RescueImportRequest {
  if (
    !isRecord(body) ||
    typeof body.deviceId !== 'string' ||
    body.deviceId.length > 40 ||
    !Array.isArray(body.participants) ||
    !Array.isArray(body.audit)
  ) {
    throw failures.invalidRequest('Isi berkas penyelamatan tidak lengkap.')
  }
  if (body.participants.length > MAX_RESCUE_RECORDS || body.audit.length > MAX_RESCUE_AUDIT) {
    throw new ApiFailure(
      413,
      'TOO_MANY_ROWS',
      `Satu kiriman paling banyak ${MAX_RESCUE_RECORDS} data dan ${MAX_RESCUE_AUDIT} catatan riwayat. Aplikasi akan membaginya.`,
    )
  }
  for (const entry of body.participants) {
    if (
      !isRecord(entry) ||
      !isRecord(entry.state) ||
      typeof entry.state.id !== 'string' ||
      (entry.base !== null && !isRecord(entry.base))
    ) {
      throw failures.invalidRequest('Ada data peserta yang rusak di berkas penyelamatan.')
    }
  }
  return body as unknown as RescueImportRequest
}

/** The importer, as if signed in on the PC the file came from. */
async function callerOnDevice(db: Database, importer: Caller, deviceId: string): Promise<Caller> {
  const { rows } = await db.query<OfficeRow & { device_office_id: string }>(
    `SELECT d.office_id AS device_office_id, o.id, o.code, o.name, o.kind, o.kecamatan_code,
            o.office_number, o.agency_code
     FROM devices d JOIN offices o ON o.id = d.office_id WHERE d.id::text = $1`,
    [deviceId],
  )
  const row = rows[0]
  if (!row) {
    throw new ApiFailure(
      404,
      'DEVICE_NOT_FOUND',
      'PC yang membuat berkas ini tidak dikenal server ini. Berkas penyelamatan hanya diimpor ke server tempat PC itu terdaftar.',
    )
  }
  const deviceOffice = officeInfoOf(row)
  if (
    importer.office.kind === 'kecamatan' &&
    deviceOffice.kecamatanCode !== importer.office.kecamatanCode
  ) {
    throw new ApiFailure(
      403,
      'OUT_OF_JURISDICTION',
      'Berkas ini dari PC kecamatan lain. Minta supervisor kabupaten mengimpornya.',
    )
  }
  return { ...importer, deviceId, deviceOfficeId: row.device_office_id, deviceOffice }
}

export async function importRescuePart(
  db: Database,
  importer: Caller,
  request: RescueImportRequest,
  settings: { participants: ParticipantSettings; accounts: AccountSettings },
  ip: string,
): Promise<RescueImportResponse> {
  const caller = await callerOnDevice(db, importer, request.deviceId)
  const participantCaller = participantCallerOf(caller)
  const response: RescueImportResponse = {
    written: 0,
    merged: 0,
    alreadyHeld: 0,
    refused: [],
    auditStored: 0,
    auditRefused: 0,
  }

  // The server copies the records started from, on their receipts (gone after a restore?).
  const bases = request.participants.flatMap((entry) => (entry.base?.receipt ? [entry.base] : []))
  if (bases.length > 0) {
    await recoverParticipants(db, participantCaller, bases, settings.participants, ip)
  }

  const rows: PushRow[] = request.participants.map((entry) => ({
    ...(entry.base ? { assumedMasterState: entry.base } : {}),
    newDocumentState: entry.state,
  }))
  const first = await pushParticipants(db, participantCaller, rows, settings.participants)
  response.refused.push(...first.rejected.map(({ id, code, message }) => ({ id, code, message })))
  const conflicted = new Map(first.conflicts.map((doc) => [doc.id, doc]))
  const refusedIds = new Set(first.rejected.map((entry) => entry.id))
  const retries: PushRow[] = []
  for (const entry of request.participants) {
    const id = entry.state.id
    if (refusedIds.has(id)) continue
    const held = conflicted.get(id)
    if (!held) {
      response.written += 1
      continue
    }
    // The server copy moved on since: merged as the PC's conflict handler would.
    const { merged } = mergeParticipant<MergeableParticipant>({
      base: (entry.base ?? undefined) as MergeableParticipant | undefined,
      local: entry.state as unknown as MergeableParticipant,
      remote: held as unknown as MergeableParticipant,
      now: currentTime().toISOString(),
    })
    retries.push({
      assumedMasterState: held,
      newDocumentState: merged as unknown as ParticipantWireDocument,
    })
  }
  if (retries.length > 0) {
    const second = await pushParticipants(db, participantCaller, retries, settings.participants)
    const notMerged = new Set([
      ...second.rejected.map((entry) => entry.id),
      ...second.conflicts.map((doc) => doc.id),
    ])
    response.refused.push(
      ...second.rejected.map(({ id, code, message }) => ({ id, code, message })),
    )
    for (const doc of second.conflicts) {
      response.refused.push({
        id: doc.id,
        code: 'CONFLICT',
        message: 'Data ini berubah lagi di server saat diimpor. Impor berkas ini sekali lagi.',
      })
    }
    for (const row of retries) {
      if (notMerged.has(row.newDocumentState.id)) continue
      // Merged to exactly the server copy: the file brought nothing it did not have.
      if (
        row.assumedMasterState &&
        clientPart(row.assumedMasterState) === clientPart(row.newDocumentState)
      ) {
        response.alreadyHeld += 1
      } else response.merged += 1
    }
  }

  if (request.audit.length > 0) {
    const rows = request.audit.filter(isRecord)
    const answer = await pushAuditEntries(db, caller, rows, {
      district: settings.accounts.district,
    })
    response.auditRefused = answer.rejected.length + (request.audit.length - rows.length)
    response.auditStored = rows.length - answer.rejected.length
  }

  await logSecurityEvent(db, {
    kind: 'rescue_imported',
    userId: importer.userId,
    username: null,
    deviceId: request.deviceId,
    officeId: caller.deviceOfficeId,
    ip,
    detail: {
      written: response.written,
      merged: response.merged,
      refused: response.refused.length,
      audit: response.auditStored,
    },
  })
  return response
}
