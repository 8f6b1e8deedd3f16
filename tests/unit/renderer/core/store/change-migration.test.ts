import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { createRxDatabase, type RxJsonSchema } from 'rxdb'
import { afterEach, describe, expect, it } from 'vitest'
import {
  participantChangeJsonSchema,
  PARTICIPANT_CHANGE_SCHEMA_VERSION,
  type ParticipantChangeDocument,
} from '@shared/participant/participant-document'
import { revealEntryChanges } from '@shared/identity/identity-reveal'
import { storeStorage } from '@/core/store/database'
import { appendHistory, getParticipantHistory } from '@/core/store/participant-repository'
import { deriveStoreKeys } from '@/core/store/store-keys'
import { closeTestStores, openTestStore, uniqueStoreName } from '../../../support/store-fixture'

const SECRET = 'c4'.repeat(32)

afterEach(closeTestStores)

/** The history schema as version 1 stored it: every kind but 'revealed'. */
function changeSchemaV1(): RxJsonSchema<ParticipantChangeDocument> {
  const { kind, ...rest } = participantChangeJsonSchema.properties
  return {
    ...participantChangeJsonSchema,
    version: 1,
    properties: {
      ...rest,
      kind: { ...kind, enum: kind.enum.filter((k) => k !== 'revealed') },
    },
  } as unknown as RxJsonSchema<ParticipantChangeDocument>
}

const PARTICIPANT_ID = 'b1c2d3e4-0000-4000-8000-000000000001'

const ENTRY_V1: ParticipantChangeDocument = {
  id: 'e1000000-0000-4000-8000-000000000001',
  participantId: PARTICIPANT_ID,
  kind: 'updated',
  changes: [
    { field: 'nik', from: '640206******0001', to: '640206******0002' },
    { field: 'fullName', from: 'Siti', to: 'Siti Aminah' },
  ],
  at: '2026-11-20T02:00:00.000Z',
  by: 'Rina',
  role: 'operator',
  officeCode: '06-01',
  deviceId: 'device-06-01-a',
  kecamatanCode: '64.02.06',
}

describe('updating the app keeps every history entry', () => {
  it('opens a history written before reveals existed, keeps its entries, and records a reveal', async () => {
    const name = uniqueStoreName('migrate-changes')
    const keys = await deriveStoreKeys(SECRET)
    const old = await createRxDatabase({
      name,
      storage: storeStorage(keys, { indexedDB, IDBKeyRange }),
      localDocuments: true,
    })
    await old.addCollections({ participant_changes: { schema: changeSchemaV1() } })
    await old.participant_changes!.insert(ENTRY_V1)
    await old.close()

    const store = await openTestStore(name, SECRET)
    expect(store.db.participant_changes.schema.version).toBe(PARTICIPANT_CHANGE_SCHEMA_VERSION)
    // Byte for byte: an entry is append-only, and the server compares a resent one whole.
    expect(await getParticipantHistory(store, PARTICIPANT_ID)).toEqual([ENTRY_V1])

    await appendHistory(
      store,
      {
        participantId: PARTICIPANT_ID,
        kecamatanCode: '64.02.06',
        kind: 'revealed',
        changes: revealEntryChanges('nik', 'disdukcapil'),
        at: '2026-11-21T03:00:00.000Z',
      },
      {
        name: 'Dewi',
        role: 'verifier',
        agency: 'disdukcapil',
        officeCode: 'DUKCAPIL',
        deviceId: 'device-dukcapil',
      },
    )
    const history = await getParticipantHistory(store, PARTICIPANT_ID)
    expect(history.map((entry) => entry.kind)).toEqual(['updated', 'revealed'])
    expect(history[1]?.changes).toEqual([
      { field: 'nik', from: '', to: '' },
      { field: 'agency', from: '', to: 'disdukcapil' },
    ])
  })
})
