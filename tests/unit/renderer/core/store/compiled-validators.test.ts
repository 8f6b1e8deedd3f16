import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest'
import { compileValidatorModules } from '../../../../../scripts/validator-sources'
import { participantWireViolation } from '@shared/validation/wire-validators'
import type { CompiledValidator } from '@shared/validation/compiled-validator'
import { storedParticipant } from '@/core/store/stored-validators.generated'
import { participantWire } from '@shared/validation/wire-validators.generated'
import { getParticipant, registerParticipant } from '@/core/store/participant-repository'
import {
  closeTestStores,
  OFFICE,
  openTestStore,
  person,
  uniqueStoreName,
} from '../../../support/store-fixture'

const ROOT = resolve(import.meta.dirname, '../../../../..')
const SECRET = 'c3'.repeat(32)

afterEach(closeTestStores)

describe('validators compiled from the schemas', () => {
  it('are committed as the schemas give them today (run npm run compile:validators if not)', async () => {
    for (const module of await compileValidatorModules()) {
      expect(readFileSync(resolve(ROOT, module.jsPath), 'utf8'), module.jsPath).toBe(module.js)
      expect(readFileSync(resolve(ROOT, module.dtsPath), 'utf8'), module.dtsPath).toBe(module.dts)
    }
  }, 60_000)

  it('carry their type: a generated .d.ts whose import does not resolve would make them any', () => {
    // skipLibCheck does not check .d.ts files, so this is where a broken path shows (typecheck).
    expectTypeOf(storedParticipant).not.toBeAny()
    expectTypeOf(participantWire).not.toBeAny()
    expectTypeOf(storedParticipant).toEqualTypeOf<CompiledValidator>()
  })

  it('name the first value of a travelling participant that breaks the schema', async () => {
    const store = await openTestStore(uniqueStoreName('validators'), SECRET)
    const saved = await registerParticipant(store, person(), { office: OFFICE })
    const { nikIndex: _index, ...wire } = { ...saved, _deleted: false }
    void _index
    expect(participantWireViolation(wire)).toBeNull()
    expect(participantWireViolation({ ...wire, fullName: 'x'.repeat(101) })).toBe('fullName')
    // maxLength counts code points: 100 emoji are 200 UTF-16 units and still fit.
    expect(participantWireViolation({ ...wire, fullName: '😀'.repeat(100) })).toBeNull()
    expect(participantWireViolation({ ...wire, nikIndex: 'abc' })).toBe('nikIndex')
    const { heirName: _heir, ...withoutHeir } = wire
    void _heir
    expect(participantWireViolation(withoutHeir)).toBe('heirName')
    expect(
      participantWireViolation({
        ...wire,
        duplicates: [{ id: 'p1', registrationNumber: '0601-000001', officeCode: 7 }],
      }),
    ).toBe('duplicates[0].officeCode')
    expect(participantWireViolation([wire])).toBe('(dokumen)')
  })

  it('keep the local store from saving a participant that breaks the schema', async () => {
    const store = await openTestStore(uniqueStoreName('validators'), SECRET)
    const saved = await registerParticipant(store, person(), { office: OFFICE })
    const doc = await store.db.participants.findOne(saved.id).exec()
    await expect(doc!.incrementalPatch({ rt: '12345' })).rejects.toThrow()
    await expect(
      store.db.participants.insert({ ...saved, id: 'other', sex: 'X' as 'L' }),
    ).rejects.toThrow()
    expect((await getParticipant(store, saved.id))?.rt).toBe(saved.rt)
    expect(await store.db.participants.count().exec()).toBe(1)
  })
})
