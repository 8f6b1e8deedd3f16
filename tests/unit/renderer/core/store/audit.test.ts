/**
 * The local half of the audit trail: every history entry names who (user, role, office, PC) and
 * the participant's kecamatan, never holds a NIK, KK or phone in clear whatever the caller passes,
 * and an office that updates keeps the history it wrote before the audit trail existed.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { createRxDatabase, type RxJsonSchema } from 'rxdb'
import { afterEach, describe, expect, it } from 'vitest'
import {
  isMaskedHistoryValue,
  maskHistoryValue,
  validateAuditEntry,
} from '@shared/audit/audit-entry'
import {
  PARTICIPANT_CHANGE_SCHEMA_VERSION,
  participantChangeJsonSchema,
  type ParticipantChangeDocument,
} from '@shared/participant/participant-document'
import { storeStorage } from '@/core/store/database'
import {
  appendHistory,
  getParticipantHistory,
  loadOfficeProfile,
  registerParticipant,
  saveOfficeProfile,
  setParticipantStatus,
  updateParticipant,
  type OfficeProfile,
} from '@/core/store/participant-repository'
import { recordPrints } from '@/printing/print-records'
import { actingUserOf, type ActingUser } from '@/core/acting-user'
import { deriveStoreKeys } from '@/core/store/store-keys'
import {
  closeTestStores,
  OFFICE,
  openTestStore,
  person,
  rawRows,
  uniqueStoreName,
} from '../../../support/store-fixture'

const SECRET = 'd4'.repeat(32)

afterEach(closeTestStores)

const RINA: ActingUser = {
  name: 'Rina Wulandari',
  role: 'operator',
  agency: null,
  officeCode: '06-01',
  deviceId: '6f1c2d3e-0000-4000-8000-000000000001',
}

const SIGNED_IN: OfficeProfile = { ...OFFICE, operatorName: 'Rina Wulandari', actor: RINA }

/** RINA as every history entry records her: the stored names do not change. */
const RECORDED_AS = {
  by: 'Rina Wulandari',
  role: 'operator',
  officeCode: '06-01',
  deviceId: '6f1c2d3e-0000-4000-8000-000000000001',
}

describe('masking a history value', () => {
  it.each([
    ['nik', '6402065505900001', '640206******0001'],
    ['nik', '6402 0655 0590 0001', '640206******0001'],
    ['nik', '640206******0001', '640206******0001'],
    ['nik', '64020655', '****************'],
    ['kk', '6402060101100123', '640206******0123'],
    ['phone', '+6281234567890', '0812****7890'],
    ['phone', '0812-3456-7890', '0812****7890'],
    ['phone', '0812****7890', '0812****7890'],
    ['phone', 'hubungi saya', '************'],
    ['conflicts.nik', '6402065505900001', '640206******0001'],
    ['address', 'Jl. Danau Aji 6402065505900001', 'Jl. Danau Aji 6402065505900001'],
    ['nik', '', ''],
  ])('%s %j → %j', (field, value, masked) => {
    expect(maskHistoryValue(field, value)).toBe(masked)
    expect(isMaskedHistoryValue(field, masked)).toBe(true)
  })

  it.each([
    ['nik', '6402065505900001'],
    ['nik', '640206*****00001'],
    ['kk', '6402060101100123'],
    ['phone', '081234567890'],
    ['phone', '+6281234567890'],
  ])('%s %j is not masked', (field, value) => {
    expect(isMaskedHistoryValue(field, value)).toBe(false)
  })
})

describe('history entries', () => {
  it('appendHistory masks NIK, KK and phone even when a caller passes them in clear', async () => {
    const name = uniqueStoreName('audit-mask')
    const store = await openTestStore(name, SECRET)
    const entry = await appendHistory(
      store,
      {
        participantId: 'p-1',
        kecamatanCode: '64.02.06',
        kind: 'updated',
        changes: [
          { field: 'nik', from: '6402065505900001', to: '6402065505900009' },
          { field: 'kk', from: '', to: '6402060101100123' },
          { field: 'phone', from: '+6281234567890', to: '0813 1111 2222' },
          { field: 'address', from: 'Jl. Lama', to: 'Jl. Baru' },
        ],
        at: '2026-03-01T02:00:00.000Z',
      },
      RINA,
    )
    expect(entry.changes).toEqual([
      { field: 'nik', from: '640206******0001', to: '640206******0009' },
      { field: 'kk', from: '', to: '640206******0123' },
      { field: 'phone', from: '0812****7890', to: '0813****2222' },
      { field: 'address', from: 'Jl. Lama', to: 'Jl. Baru' },
    ])
    expect(await getParticipantHistory(store, 'p-1')).toEqual([entry])
    // What the server will accept, and nothing in clear on disk.
    expect(validateAuditEntry(entry)).toEqual({ ok: true, entry })
    const raw = JSON.stringify(
      await rawRows(
        `rxdb-dexie-${name}--${PARTICIPANT_CHANGE_SCHEMA_VERSION}--participant_changes`,
      ),
    )
    expect(raw).toContain('640206******0009')
    expect(raw).not.toMatch(/6402065505900001|6402065505900009|6402060101100123|81234567890/)
  })

  it('records who saved — user, role, office, PC — and the kecamatan, for every kind of change', async () => {
    const store = await openTestStore(uniqueStoreName('audit-actor'), SECRET)
    const created = await registerParticipant(store, person(), { office: SIGNED_IN })
    await updateParticipant(store, created.id, person({ address: 'Jl. Baru 2' }), {
      office: SIGNED_IN,
    })
    await setParticipantStatus(store, created.id, 'submitted', { office: SIGNED_IN })
    await recordPrints(
      store,
      [
        {
          participantId: created.id,
          record: {
            serial: '7K3M9QX2A',
            kind: 'card',
            printedAt: '2026-03-01T02:00:00.000Z',
            printedBy: 'Rina Wulandari',
            officeCode: '06-01',
            validUntil: '2028-12-31',
          },
        },
      ],
      { actor: RINA },
    )
    const history = await getParticipantHistory(store, created.id)
    expect(history.map((entry) => entry.kind)).toEqual(['created', 'updated', 'status', 'printed'])
    for (const entry of history) {
      expect(entry).toMatchObject({ ...RECORDED_AS, kecamatanCode: '64.02.06' })
      expect(validateAuditEntry(entry).ok).toBe(true)
    }
    expect(history[3]?.changes).toEqual([{ field: 'prints', from: '', to: 'kartu 7K3M9QX2A' }])
    expect(JSON.stringify(history)).not.toMatch(/6402065505900001|81234567890/)
  })

  it('on a standalone PC says operator, no PC, and the office of the settings', async () => {
    const store = await openTestStore(uniqueStoreName('audit-standalone'), SECRET)
    const created = await registerParticipant(store, person(), { office: OFFICE })
    const [entry] = await getParticipantHistory(store, created.id)
    expect(entry).toMatchObject({
      by: 'Rina',
      role: 'operator',
      officeCode: '06-01',
      deviceId: '',
      kecamatanCode: '64.02.06',
    })
  })

  it('never stores the session with the office profile', async () => {
    const store = await openTestStore(uniqueStoreName('audit-profile'), SECRET)
    await saveOfficeProfile(store, SIGNED_IN)
    const loaded = await loadOfficeProfile(store)
    expect(loaded).toEqual(OFFICE_WITH(SIGNED_IN.operatorName))
    expect(loaded).not.toHaveProperty('actor')
  })
})

const OFFICE_WITH = (operatorName: string): OfficeProfile => ({ ...OFFICE, operatorName })

describe('who acts at this PC', () => {
  const enrolmentAt = (code: string, agencyCode: string | null) => ({
    deviceId: 'device-7',
    office: { code, agencyCode },
  })

  it('on a standalone PC is the operator of the settings, with no device', () => {
    expect(actingUserOf(OFFICE, null)).toEqual({
      name: 'Rina',
      role: 'operator',
      agency: null,
      officeCode: '06-01',
      deviceId: '',
    })
  })

  it("once signed in is the session's user, office and PC; only a verifier speaks for an agency", () => {
    expect(
      actingUserOf(OFFICE, {
        user: { role: 'verifier', displayName: 'Pak Dinsos' },
        enrolment: enrolmentAt('DINSOS', 'dinsos'),
      }),
    ).toEqual({
      name: 'Pak Dinsos',
      role: 'verifier',
      agency: 'dinsos',
      officeCode: 'DINSOS',
      deviceId: 'device-7',
    })
    expect(
      actingUserOf(OFFICE, {
        user: { role: 'supervisor', displayName: 'Bu Supervisor' },
        enrolment: enrolmentAt('PUSAT', 'dinsos'),
      }),
    ).toMatchObject({
      name: 'Bu Supervisor',
      role: 'supervisor',
      agency: null,
      officeCode: 'PUSAT',
    })
  })
})

/** The history schema as the app stored it before the audit trail (v0). */
function changeSchemaV0(): RxJsonSchema<Record<string, unknown>> {
  const {
    role: _role,
    deviceId: _deviceId,
    kecamatanCode: _kecamatanCode,
    ...properties
  } = participantChangeJsonSchema.properties
  return {
    ...participantChangeJsonSchema,
    version: 0,
    properties: {
      ...properties,
      kind: { type: 'string', enum: ['created', 'updated', 'status'], maxLength: 10 },
    },
    required: ['id', 'participantId', 'kind', 'changes', 'at', 'by', 'officeCode'],
  } as unknown as RxJsonSchema<Record<string, unknown>>
}

describe('updating the app keeps the history', () => {
  it('opens history written before the audit trail: every entry kept, with no role, PC or kecamatan', async () => {
    const name = uniqueStoreName('audit-migrate')
    const keys = await deriveStoreKeys(SECRET)
    const old = await createRxDatabase({
      name,
      storage: storeStorage(keys, { indexedDB, IDBKeyRange }),
      localDocuments: true,
    })
    await old.addCollections({ participant_changes: { schema: changeSchemaV0() } })
    const written = [
      {
        id: 'old-1',
        participantId: 'p-old',
        kind: 'created',
        changes: [{ field: 'nik', from: '', to: '640206******0001' }],
        at: '2026-01-05T01:00:00.000Z',
        by: 'Rina',
        officeCode: '06-01',
      },
      {
        id: 'old-2',
        participantId: 'p-old',
        kind: 'status',
        changes: [{ field: 'status', from: 'draft', to: 'submitted' }],
        at: '2026-01-06T01:00:00.000Z',
        by: 'Dedi',
        officeCode: '06-01',
      },
    ]
    await old.participant_changes!.bulkInsert(written)
    await old.close()

    const store = await openTestStore(name, SECRET)
    const history = await getParticipantHistory(store, 'p-old')
    expect(history).toEqual(
      written.map((entry): ParticipantChangeDocument => ({
        ...(entry as Omit<ParticipantChangeDocument, 'role' | 'deviceId' | 'kecamatanCode'>),
        role: '',
        deviceId: '',
        kecamatanCode: '',
      })),
    )
    // New entries are written beside them in the new shape.
    const created = await registerParticipant(store, person(), { office: SIGNED_IN })
    expect((await getParticipantHistory(store, created.id))[0]?.deviceId).toBe(RINA.deviceId)
  })
})
