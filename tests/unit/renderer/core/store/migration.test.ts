import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { createRxDatabase, type RxJsonSchema } from 'rxdb'
import { afterEach, describe, expect, it } from 'vitest'
import {
  PARTICIPANT_SCHEMA_VERSION,
  participantJsonSchema,
  type ParticipantDocument,
} from '@shared/participant/participant-document'
import { storeStorage } from '@/core/store/database'
import { findParticipantsByNik } from '@/core/store/participant-repository'
import { encodeNikBlindIndex } from '@shared/identity/nik-blind-index'
import { deriveStoreKeys } from '@/core/store/store-keys'
import { nameSearchKey } from '@shared/participant/names'
import {
  closeTestStores,
  openTestStore,
  rawRows,
  uniqueStoreName,
} from '../../../support/store-fixture'

const SECRET = 'c3'.repeat(32)

afterEach(closeTestStores)

/** The participant schema as version 1 of the app stored it: no print log, no KPJ number. */
type V1Participant = Omit<
  ParticipantDocument,
  'prints' | 'kpjNumber' | 'checks' | 'review' | 'source' | 'enrolmentBatchId' | 'coverage'
>

/** Everything later versions added, which version 1 did not have. */
const ADDED_AFTER_V1 = [
  'prints',
  'kpjNumber',
  'checks',
  'review',
  'source',
  'enrolmentBatchId',
  'coverage',
]

/** The participant schema as version 1 of the app stored it. */
function schemaV1(): RxJsonSchema<V1Participant> {
  const properties = Object.fromEntries(
    Object.entries(participantJsonSchema.properties).filter(
      ([field]) => !ADDED_AFTER_V1.includes(field),
    ),
  )
  return {
    ...participantJsonSchema,
    version: 1,
    properties,
    required: participantJsonSchema.required.filter((field) => !ADDED_AFTER_V1.includes(field)),
    indexes: participantJsonSchema.indexes.filter((index) => !String(index).startsWith('status')),
  } as unknown as RxJsonSchema<V1Participant>
}

describe('updating the app keeps every record', () => {
  it('opens a store written by the previous version: records gain an empty print log, NIK still sealed and found', async () => {
    const name = uniqueStoreName('migrate')
    const keys = await deriveStoreKeys(SECRET)
    const old = await createRxDatabase({
      name,
      storage: storeStorage(keys, { indexedDB, IDBKeyRange }),
      localDocuments: true,
    })
    await old.addCollections({ participants: { schema: schemaV1() } })
    const now = '2026-03-01T02:00:00.000Z'
    await old.participants!.insert({
      id: 'a7a1d7c4-3a55-4c0e-9d55-7b7f2f0f9a01',
      registrationNumber: '0601-000001',
      nik: '6402065505900001',
      nikIndex: encodeNikBlindIndex('6402065505900001', keys.blindIndexKey),
      kk: '6402060101100123',
      fullName: 'Siti Aminah',
      nameKey: nameSearchKey('Siti Aminah'),
      birthPlace: 'Tenggarong',
      birthDate: '1990-05-15',
      sex: 'P',
      address: 'Jl. Danau Aji No. 12',
      rt: '003',
      rw: '005',
      kecamatanCode: '64.02.06',
      villageCode: '64.02.06.1001',
      occupationCode: 'nelayan',
      monthlyIncome: 1_500_000,
      heirName: 'Budi',
      heirRelationship: 'suami-istri',
      status: 'submitted',
      officeCode: '06-01',
      createdAt: now,
      createdBy: 'Rina',
      updatedAt: now,
      updatedBy: 'Rina',
      duplicates: [],
      conflicts: [],
    })
    await old.close()

    const store = await openTestStore(name, SECRET)
    const found = await findParticipantsByNik(store, '6402065505900001')
    expect(found).toHaveLength(1)
    // v2 gave it a print log; v3 the pending checks of every agency a nelayan needs.
    expect(found[0]).toMatchObject({ fullName: 'Siti Aminah', kk: '6402060101100123', prints: [] })
    expect(found[0]?.checks.map((check) => [check.agency, check.state])).toEqual([
      ['disdukcapil', 'pending'],
      ['dinsos', 'pending'],
      ['dkp', 'pending'],
    ])
    // Still sealed on disk after the migration rewrote the record.
    const raw = JSON.stringify(
      await rawRows(`rxdb-dexie-${name}--${PARTICIPANT_SCHEMA_VERSION}--participants`),
    )
    expect(raw).toContain('Siti Aminah')
    expect(raw).not.toContain('6402065505900001')
  })

  it('opens a v3 store: every coverage period now names the default payer (the regency’s APBD)', async () => {
    const name = uniqueStoreName('migrate-payers')
    const keys = await deriveStoreKeys(SECRET)
    const old = await createRxDatabase({
      name,
      storage: storeStorage(keys, { indexedDB, IDBKeyRange }),
      localDocuments: true,
    })
    await old.addCollections({ participants: { schema: schemaV3() } })
    const now = '2026-03-01T02:00:00.000Z'
    await old.participants!.insert({
      id: 'b7a1d7c4-3a55-4c0e-9d55-7b7f2f0f9a02',
      registrationNumber: '0601-000002',
      nik: '6402065505900002',
      nikIndex: encodeNikBlindIndex('6402065505900002', keys.blindIndexKey),
      kk: '6402060101100123',
      fullName: 'Rahmat',
      nameKey: nameSearchKey('Rahmat'),
      birthPlace: 'Tenggarong',
      birthDate: '1980-05-15',
      sex: 'L',
      address: 'Jl. Danau Aji No. 12',
      rt: '003',
      rw: '005',
      kecamatanCode: '64.02.06',
      villageCode: '64.02.06.1001',
      occupationCode: 'nelayan',
      monthlyIncome: 1_500_000,
      heirName: 'Siti',
      heirRelationship: 'suami-istri',
      status: 'active',
      officeCode: '06-01',
      createdAt: now,
      createdBy: 'Rina',
      updatedAt: now,
      updatedBy: 'Rina',
      duplicates: [],
      conflicts: [],
      prints: [],
      checks: [],
      kpjNumber: '0012345678',
      coverage: [
        { year: 2025, from: '2025-04-01', batchId: 'peserta-lama' },
        {
          year: 2026,
          from: '2026-01-01',
          until: '2026-02-28',
          endReason: 'pindah',
          batchId: 'B-1',
        },
      ],
    })
    await old.close()

    const store = await openTestStore(name, SECRET)
    const [found] = await findParticipantsByNik(store, '6402065505900002')
    expect(found?.coverage).toEqual([
      { year: 2025, from: '2025-04-01', batchId: 'peserta-lama', payerCode: 'apbd-kabupaten' },
      {
        year: 2026,
        from: '2026-01-01',
        until: '2026-02-28',
        endReason: 'pindah',
        batchId: 'B-1',
        payerCode: 'apbd-kabupaten',
      },
    ])
  })
})

/** The participant schema as version 3 stored it: coverage periods without a payer. */
function schemaV3(): RxJsonSchema<ParticipantDocument> {
  const coverage = participantJsonSchema.properties.coverage
  const { payerCode: _payerCode, ...periodFields } = coverage.items.properties
  return {
    ...participantJsonSchema,
    version: 3,
    properties: {
      ...participantJsonSchema.properties,
      coverage: { ...coverage, items: { ...coverage.items, properties: periodFields } },
    },
  } as unknown as RxJsonSchema<ParticipantDocument>
}
