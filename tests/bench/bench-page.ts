/**
 * The in-browser half of `npm run bench`: a bench-only page (never part of the shipped app) that
 * opens the REAL store exactly as the app does — store name 'naungan', the secret from the web
 * platform's key store — seeds synthetic participants and times the repository calls the screens
 * make. tests/bench/run-bench.ts drives it through `window.naunganBench`.
 */
import type { MangoQuery, RxStorageInstance } from 'rxdb'
import { district, localToday } from '../../renderer/src/core/district'
import { STORE_NAME } from '../../renderer/src/app/startup'
import { getPlatform } from '../../renderer/src/core/platform'
import { openStore, type NaunganStore } from '../../renderer/src/core/store/database'
import {
  countParticipants,
  findParticipantsByNik,
  nikIndexOf,
  registerParticipant,
  saveOfficeProfile,
  searchParticipants,
  type OfficeProfile,
} from '../../renderer/src/core/store/participant-repository'
import { openValue, sealValue } from '../../renderer/src/core/store/sealed-fields-storage'
import { nameSearchKey } from '../../shared/participant/names'
import {
  SEALED_PARTICIPANT_FIELDS,
  type ParticipantDocument,
} from '../../shared/participant/participant-document'
import { validateRegistration } from '../../shared/participant/registration-input'
import {
  personFieldsOf,
  prng,
  registrationInputOf,
  syntheticPerson,
  type SyntheticPerson,
} from './synthetic-people'
import { currentTime } from '../../shared/dates/clock'

/** The office the benchmark registers as: Tenggarong, office 01 (seeded records use 02..09). */
export const BENCH_OFFICE: OfficeProfile = {
  kecamatanCode: '64.02.06',
  kecamatanShortCode: '06',
  officeNumber: 1,
  operatorName: 'Operator Bench',
}

export interface Sample {
  /** What was typed or looked up. */
  input: string
  ms: number
  rows: number
}

export interface SeedResult {
  inserted: number
  /** Time inside `bulkInsert` per batch. */
  batchMs: number[]
  /** Building the documents (synthetic data, nameKey, nikIndex): not store time. */
  prepareMs: number
}

export interface SearchOptions {
  /** People 0..population-1 are in the store. */
  population: number
  targets: number
  /** Keystrokes typed per target (name: characters, NIK: digits). */
  maxChars: number
  limit: number
  seed: number
}

export interface SaveResult {
  warmupMs: number[]
  samples: Sample[]
}

export interface QueryPlanInfo {
  label: string
  index: string[]
  sortSatisfiedByIndex: boolean
  selectorSatisfiedByIndex: boolean
}

export interface Breakdown {
  label: string
  rows: number
  /** Dexie cursor over IndexedDB only (no decryption, no RxDocuments). */
  dexieMs: number
  /** + AES-GCM decryption of the sealed fields of every row (the sealed-fields wrapper). */
  sealedMs: number
  /** `searchParticipants` as the list calls it (query cache bypassed by a fresh query). */
  repositoryMs: number
  /** The same decrypts (`openValue`) without the storage around them, in parallel as the wrapper. */
  decryptOnlyMs: number
}

export interface SealCost {
  docs: number
  fields: number
  /** `sealValue` of every sealed field, docs in parallel, fields in turn (as the wrapper). */
  sealMs: number
  /** `openValue` of the same values: the change stream decrypts every written doc again. */
  openMs: number
}

export interface Contention {
  /** First page (100 rows by name) straight from Dexie, nothing else running. */
  aloneMs: number
  /** The same read started together with a count of all records. */
  withCountMs: number
  /** The count of all itself (IndexedDB `index.count` over the whole range). */
  countMs: number
}

export interface SaveStep {
  step: string
  firstMs: number
  secondMs: number
}

export interface NaunganBench {
  open(): Promise<{ count: number }>
  seed(from: number, to: number, batchSize: number): Promise<SeedResult>
  count(): Promise<Sample>
  measureNameSearch(options: SearchOptions): Promise<Sample[]>
  measureNikSearch(options: SearchOptions): Promise<Sample[]>
  measureExactNik(options: {
    population: number
    lookups: number
    seed: number
  }): Promise<{ present: Sample[]; absent: Sample[] }>
  measureSave(options: { from: number; warmup: number; runs: number }): Promise<SaveResult>
  queryPlans(population: number): QueryPlanInfo[]
  breakdown(options: { population: number; repeats: number }): Promise<Breakdown[]>
  /** What sealing costs one bulk batch: the encrypts before the write, the decrypts after it. */
  sealCost(options: { population: number; docs: number }): Promise<SealCost>
  /** The list's first page read alone, and read while the list's count of all runs. */
  countContention(): Promise<Contention>
  /**
   * The steps of `registerParticipant`, run by hand twice in a freshly opened store: which step
   * makes the first save of a session slower than the rest.
   */
  firstSaveSteps(options: { from: number }): Promise<SaveStep[]>
  close(): Promise<void>
}

declare global {
  interface Window {
    naunganBench?: NaunganBench
  }
}

let opened: NaunganStore | null = null

function store(): NaunganStore {
  if (!opened) throw new Error('naunganBench.open() first')
  return opened
}

function toDocument(person: SyntheticPerson, s: NaunganStore): ParticipantDocument {
  const nikIndex = nikIndexOf(s, person.nik)
  if (!nikIndex) throw new Error(`Synthetic NIK ${person.index} is not digits`)
  return {
    id: crypto.randomUUID(),
    registrationNumber: person.registrationNumber,
    ...personFieldsOf(person),
    nikIndex,
    officeCode: person.officeCode,
    createdAt: person.createdAt,
    createdBy: 'Operator Sinkron',
    updatedAt: person.createdAt,
    updatedBy: 'Operator Sinkron',
    duplicates: [],
    conflicts: [],
    prints: [],
    checks: [],
  }
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}

/** Distinct indices 0..population-1, in a reproducible order. */
function sampleIndices(population: number, wanted: number, seed: number): number[] {
  const random = prng(seed)
  const chosen = new Set<number>()
  const count = Math.min(wanted, population)
  while (chosen.size < count) chosen.add(Math.floor(random() * population))
  return [...chosen]
}

/**
 * Types each target's text one key at a time, as the list screen searches on every keystroke.
 * A text whose query was already run is skipped: RxDB's query cache would answer it without
 * touching IndexedDB, and we want what a new keystroke costs.
 */
async function typeAhead(
  options: SearchOptions,
  textOf: (person: SyntheticPerson) => string,
  keyOf: (text: string) => string,
): Promise<Sample[]> {
  const s = store()
  const seen = new Set<string>()
  const samples: Sample[] = []
  for (const index of sampleIndices(options.population, options.targets, options.seed)) {
    const full = textOf(syntheticPerson(index, district))
    for (let length = 1; length <= Math.min(options.maxChars, full.length); length++) {
      const text = full.slice(0, length)
      const key = keyOf(text)
      if (!key || seen.has(key)) continue
      seen.add(key)
      const { ms, value } = await time(() =>
        searchParticipants(s, { text, filters: {}, limit: options.limit }),
      )
      samples.push({ input: text, ms, rows: value.length })
    }
  }
  return samples
}

/** Walks down the wrappers (RxDB hooks → validation + sealed fields → Dexie). */
function innerInstances(s: NaunganStore): {
  sealed: RxStorageInstance<ParticipantDocument, unknown, unknown>
  dexie: RxStorageInstance<ParticipantDocument, unknown, unknown>
} {
  type Wrapped = RxStorageInstance<ParticipantDocument, unknown, unknown> & {
    originalStorageInstance?: Wrapped
  }
  const outer = s.db.participants.storageInstance as Wrapped
  const sealed = outer.originalStorageInstance
  const dexie = sealed?.originalStorageInstance
  if (!sealed || !dexie) throw new Error('Unexpected storage wrapper chain')
  return { sealed, dexie }
}

/** The mango queries `searchParticipants` and `findParticipantsByNik` send, for one person. */
function representativeQueries(
  s: NaunganStore,
  person: SyntheticPerson,
  limit: number,
): { label: string; query: MangoQuery<ParticipantDocument> }[] {
  const namePrefix = nameSearchKey(person.fullName.slice(0, 1))
  const nikPrefix = nikIndexOf(s, person.nik.slice(0, 6)) ?? ''
  const nikIndex = nikIndexOf(s, person.nik) ?? ''
  const HIGHEST = '\uffff'
  return [
    {
      label: `name prefix "${person.fullName.slice(0, 1).toLowerCase()}" (1 key), limit ${limit}`,
      query: {
        selector: { nameKey: { $gte: namePrefix, $lt: namePrefix + HIGHEST } },
        sort: [{ nameKey: 'asc' }, { id: 'asc' }],
        limit,
      },
    },
    {
      label: `NIK prefix (6 digits), limit ${limit}`,
      query: {
        selector: { nikIndex: { $gte: nikPrefix, $lt: nikPrefix + HIGHEST } },
        sort: [{ nikIndex: 'asc' }],
        limit,
      },
    },
    {
      label: 'exact NIK (blind index equality)',
      query: { selector: { nikIndex } },
    },
    {
      label: 'first page of the list (no text), limit 100',
      query: {
        selector: { nameKey: { $gte: '' } },
        sort: [{ nameKey: 'asc' }, { id: 'asc' }],
        limit: 100,
      },
    },
    {
      label: 'count of all (list header)',
      query: { selector: {} },
    },
  ]
}

const bench: NaunganBench = {
  async open() {
    if (opened) return { count: await countParticipants(opened, {}) }
    // The same secret the app asks for at startup, so the app opens what we seed.
    const secretHex = await getPlatform().getOrCreateSecret('database-key')
    opened = await openStore({ name: STORE_NAME, secretHex, inWorker: true })
    await saveOfficeProfile(opened, BENCH_OFFICE)
    return { count: await countParticipants(opened, {}) }
  },

  async seed(from, to, batchSize) {
    const s = store()
    const batchMs: number[] = []
    let prepareMs = 0
    let inserted = 0
    for (let start = from; start < to; start += batchSize) {
      const end = Math.min(to, start + batchSize)
      const prepareStart = performance.now()
      const docs: ParticipantDocument[] = []
      for (let i = start; i < end; i++) docs.push(toDocument(syntheticPerson(i, district), s))
      prepareMs += performance.now() - prepareStart
      const { ms, value } = await time(() => s.db.participants.bulkInsert(docs))
      if (value.error.length > 0) {
        const first = value.error[0]
        throw new Error(
          `bulkInsert refused ${value.error.length} docs, first: ${first?.status} ${JSON.stringify(
            first && 'validationErrors' in first ? first.validationErrors : first?.documentId,
          )}`,
        )
      }
      batchMs.push(ms)
      inserted += value.success.length
    }
    return { inserted, batchMs, prepareMs }
  },

  async count() {
    const { ms, value } = await time(() => countParticipants(store(), {}))
    return { input: 'count all', ms, rows: value }
  },

  measureNameSearch(options) {
    return typeAhead(
      options,
      (person) => person.fullName.toLowerCase(),
      (text) => nameSearchKey(text),
    )
  },

  measureNikSearch(options) {
    return typeAhead(
      options,
      (person) => person.nik,
      (text) => text,
    )
  },

  async measureExactNik({ population, lookups, seed }) {
    const s = store()
    const present: Sample[] = []
    for (const index of sampleIndices(population, lookups, seed)) {
      const nik = syntheticPerson(index, district).nik
      const { ms, value } = await time(() => findParticipantsByNik(s, nik))
      if (value.length !== 1) throw new Error(`NIK of person ${index} found ${value.length} times`)
      present.push({ input: nik, ms, rows: value.length })
    }
    // People the generator would make next are not in the store: the "new walk-in" check.
    const absent: Sample[] = []
    for (let k = 0; k < Math.max(10, Math.floor(lookups / 4)); k++) {
      const nik = syntheticPerson(population + 1000 + k, district).nik
      const { ms, value } = await time(() => findParticipantsByNik(s, nik))
      absent.push({ input: nik, ms, rows: value.length })
    }
    return { present, absent }
  },

  async measureSave({ from, warmup, runs }) {
    const s = store()
    const today = localToday()
    const warmupMs: number[] = []
    const samples: Sample[] = []
    let index = from
    while (samples.length < runs) {
      const person = syntheticPerson(index++, district)
      const result = validateRegistration(registrationInputOf(person), { district, today })
      if (!result.ok) continue // e.g. turned 65 since the generator's reference year
      const { ms, value } = await time(() =>
        registerParticipant(s, result.value, { office: BENCH_OFFICE }),
      )
      if (warmupMs.length < warmup) warmupMs.push(ms)
      else samples.push({ input: value.registrationNumber, ms, rows: 1 })
      if (index > from + 10 * (warmup + runs)) throw new Error('Too many invalid registrations')
    }
    return { warmupMs, samples }
  },

  queryPlans(population) {
    const s = store()
    const person = syntheticPerson(Math.floor(population / 2), district)
    return representativeQueries(s, person, 100).map(({ label, query }) => {
      const plan = s.db.participants.find(query).getPreparedQuery().queryPlan
      return {
        label,
        index: [...plan.index],
        sortSatisfiedByIndex: plan.sortSatisfiedByIndex,
        selectorSatisfiedByIndex: plan.selectorSatisfiedByIndex,
      }
    })
  },

  async breakdown({ population, repeats }) {
    const s = store()
    const { sealed, dexie } = innerInstances(s)
    const person = syntheticPerson(Math.floor(population / 2), district)
    const results: Breakdown[] = []
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
    // A real sealed value to decrypt over and over.
    const sample = (await sealed.query(
      s.db.participants.find({ selector: {}, limit: 1 }).getPreparedQuery(),
    )) as { documents: ParticipantDocument[] }
    if (sample.documents.length === 0) throw new Error('empty store')
    for (const { label, query } of representativeQueries(s, person, 100).slice(0, 4)) {
      const prepared = s.db.participants.find(query).getPreparedQuery()
      const dexieMs: number[] = []
      const sealedMs: number[] = []
      const repositoryMs: number[] = []
      const decryptMs: number[] = []
      let rows = 0
      for (let r = 0; r < repeats; r++) {
        const raw = await time(() => dexie.query(prepared))
        dexieMs.push(raw.ms)
        rows = raw.value.documents.length
        sealedMs.push((await time(() => sealed.query(prepared))).ms)
        // A new limit each time is a new RxQuery: no cached result.
        const fresh = { ...query, limit: (query.limit ?? 1000) + r + 1 }
        repositoryMs.push(
          (
            await time(async () =>
              (await s.db.participants.find(fresh).exec()).map((d) => d.toMutableJSON()),
            )
          ).ms,
        )
        // The wrapper opens every sealed field of every row; time those decrypts alone.
        const sealedRows = (await dexie.query(prepared)).documents as unknown as Record<
          string,
          unknown
        >[]
        decryptMs.push(
          (
            await time(() =>
              Promise.all(
                sealedRows.map(async (row) => {
                  for (const field of SEALED_PARTICIPANT_FIELDS) {
                    const value = row[field]
                    if (typeof value !== 'string') continue
                    await openValue(
                      s.keys.fieldKey,
                      `participants:${String(row.id)}:${field}`,
                      value,
                    )
                  }
                }),
              ),
            )
          ).ms,
        )
      }
      results.push({
        label,
        rows,
        dexieMs: median(dexieMs),
        sealedMs: median(sealedMs),
        repositoryMs: median(repositoryMs),
        decryptOnlyMs: median(decryptMs),
      })
    }
    return results
  },

  async sealCost({ population, docs }) {
    const s = store()
    const rows: Record<string, unknown>[] = []
    for (let i = 0; i < docs; i++) {
      rows.push({ ...toDocument(syntheticPerson(population + 5000 + i, district), s) })
    }
    const aad = (row: Record<string, unknown>, field: string) =>
      `participants:${String(row.id)}:${field}`
    let fields = 0
    const sealed: Record<string, unknown>[] = []
    const sealStart = performance.now()
    await Promise.all(
      rows.map(async (row) => {
        const out: Record<string, unknown> = { ...row }
        for (const field of SEALED_PARTICIPANT_FIELDS) {
          if (out[field] === undefined) continue
          out[field] = await sealValue(s.keys.fieldKey, aad(out, field), out[field])
          fields++
        }
        sealed.push(out)
      }),
    )
    const sealMs = performance.now() - sealStart
    const openStart = performance.now()
    await Promise.all(
      sealed.map(async (row) => {
        for (const field of SEALED_PARTICIPANT_FIELDS) {
          if (row[field] === undefined) continue
          await openValue(s.keys.fieldKey, aad(row, field), row[field])
        }
      }),
    )
    return { docs, fields, sealMs, openMs: performance.now() - openStart }
  },

  async countContention() {
    const s = store()
    const { dexie } = innerInstances(s)
    const firstPage = s.db.participants
      .find({
        selector: { nameKey: { $gte: '' } },
        sort: [{ nameKey: 'asc' }, { id: 'asc' }],
        limit: 100,
      })
      .getPreparedQuery()
    const all = s.db.participants.count({ selector: {} }).getPreparedQuery()
    await dexie.query(firstPage)
    const alone = await time(() => dexie.query(firstPage))
    const count = time(() => dexie.count(all))
    const together = await time(() => dexie.query(firstPage))
    return { aloneMs: alone.ms, withCountMs: together.ms, countMs: (await count).ms }
  },

  async firstSaveSteps({ from }) {
    const s = store()
    const office: OfficeProfile = { ...BENCH_OFFICE, officeNumber: 98 }
    const runOnce = async (round: number) => {
      const person = syntheticPerson(from + round, district)
      const steps: { step: string; ms: number }[] = []
      const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
        const { ms, value } = await time(work)
        steps.push({ step: name, ms })
        return value
      }
      const counterId = 'registration-sequence/06-98'
      const counter = await step('getLocal(counter)', () =>
        s.db.getLocal<{ next: number }>(counterId),
      )
      const next = counter ? Number(counter.get('next')) : 1
      await step('upsertLocal(counter)', () => s.db.upsertLocal(counterId, { next: next + 1 }))
      const registrationNumber = `0698-${String(next).padStart(6, '0')}`
      await step('findOne(registrationNumber)', () =>
        s.db.participants.findOne({ selector: { registrationNumber } }).exec(),
      )
      const doc = { ...toDocument(person, s), registrationNumber, officeCode: '06-98' }
      await step('participants.insert', () => s.db.participants.insert(doc))
      await step('participant_changes.insert', () =>
        s.db.participant_changes.insert({
          id: crypto.randomUUID(),
          participantId: doc.id,
          kind: 'created',
          changes: [{ field: 'fullName', from: '', to: doc.fullName }],
          at: currentTime().toISOString(),
          by: office.operatorName,
          officeCode: '06-98',
          role: 'operator',
          deviceId: '',
          kecamatanCode: doc.kecamatanCode,
        }),
      )
      return steps
    }
    const first = await runOnce(0)
    const second = await runOnce(1)
    return first.map((entry, i) => ({
      step: entry.step,
      firstMs: entry.ms,
      secondMs: second[i]?.ms ?? NaN,
    }))
  },

  async close() {
    await opened?.close()
    opened = null
  },
}

window.naunganBench = bench
document.documentElement.dataset.benchState = 'ready'
