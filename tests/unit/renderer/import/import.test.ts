/**
 * Bulk import against the real store (RxDB on fake-indexeddb): a Dinsos DTKS extract of 5,000
 * rows with deliberate mistakes, an agency's verification result, and undo.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { validateTable } from '@shared/import/analyse'
import { suggestMapping, type ImportKind } from '@shared/import/import-fields'
import { describeMissingColumns } from '@shared/import/import-issues'
import { describeOutcome, type PlanContext } from '@shared/import/import-plan'
import { outcomesToCsv } from '@shared/import/import-report'
import { readImportTable } from '@shared/import/import-table'
import { createNikIndexEncoder } from '@shared/import/nik-index-encoder'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { runDryRun } from '@/import/import-dry-run'
import { applyImport } from '@/import/apply-import'
import { listImportBatches } from '@/import/import-batches'
import type { ActingUser } from '@/core/acting-user'
import { loadSavedMappings, saveMapping } from '@/import/import-mappings'
import { findExistingByNik } from '@/import/nik-lookup'
import { undoImport } from '@/import/undo-import'
import type { NaunganStore } from '@/core/store/database'
import {
  getParticipantHistory,
  registerParticipant,
  updateParticipant,
} from '@/core/store/participant-repository'
import {
  closeTestStores,
  district,
  OFFICE,
  openTestStore,
  person,
  uniqueStoreName,
} from '../../support/store-fixture'

const SECRET = 'c3'.repeat(32)
const TODAY = '2026-11-23'

afterEach(closeTestStores)

const SUPERVISOR: ActingUser = {
  name: 'Bu Supervisor',
  role: 'supervisor',
  agency: null,
  officeCode: 'PUSAT',
  deviceId: 'device-1',
}
const DINSOS_VERIFIER: ActingUser = {
  name: 'Pak Dinsos',
  role: 'verifier',
  agency: 'dinsos',
  officeCode: 'DINSOS',
  deviceId: 'device-2',
}
const OPERATOR: ActingUser = {
  name: 'Rina',
  role: 'operator',
  agency: null,
  officeCode: '06-01',
  deviceId: '',
}

// ---------------------------------------------------------------------------------------------
// People and files

const FIRST = ['Siti', 'Budi', 'Ani', 'Rahmat', 'Dewi', 'Agus', 'Nur', 'Joko', 'Sri', 'Hadi']
const LAST = ['Aminah', 'Santoso', 'Hidayat', 'Lestari', 'Wahyuni', 'Saputra', 'José', 'Nuñez']
const VILLAGES = ['Loa Ipuh', 'Jahab', 'Bukit Biru', 'Timbau', 'Melayu', 'Panji', 'Maluhu']

interface Person {
  nik: string
  fullName: string
  birthDate: string
  sex: 'L' | 'P'
  village: string
}

/** Person number `i`: a valid NIK of Tenggarong that agrees with the birth date and sex. */
function personNo(i: number): Person {
  const sex = i % 2 === 0 ? 'L' : 'P'
  const day = 1 + (i % 28)
  const month = 1 + (Math.floor(i / 28) % 12)
  const year = 1970 + (i % 30)
  const pad = (value: number, length = 2) => String(value).padStart(length, '0')
  // The serial (last four digits) alone keeps NIKs apart for i < 9,999.
  const nik = `640206${pad(sex === 'P' ? day + 40 : day)}${pad(month)}${pad(year % 100)}${pad(1 + (i % 9999), 4)}`
  return {
    nik,
    fullName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    sex,
    village: VILLAGES[i % VILLAGES.length] as string,
  }
}

const dmy = (iso: string, separator = '-') => iso.split('-').reverse().join(separator)

const DTKS_HEADER = 'NIK;NAMA;NO KK;TGL LAHIR;JENIS KELAMIN;ALAMAT;RT;RW;DESA/KELURAHAN;KECAMATAN'

function dtksLine(
  p: Person,
  overrides: Partial<Record<'nik' | 'name' | 'date' | 'village', string>> = {},
) {
  return [
    overrides.nik ?? p.nik,
    overrides.name ?? p.fullName,
    '6402060101100123',
    overrides.date ?? dmy(p.birthDate, p.nik.endsWith('7') ? '/' : '-'),
    p.sex === 'L' ? 'Laki-laki' : 'Perempuan',
    'Jl. Danau Aji No. 12',
    '3',
    '5',
    overrides.village ?? p.village,
    'Tenggarong',
  ].join(';')
}

/** Windows-1252 bytes, as Excel's "CSV (Comma delimited)" writes on an Indonesian PC. */
function windows1252(text: string): Uint8Array {
  const reverse = new Map([
    ['€', 0x80],
    ['’', 0x92],
  ])
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0)
    if (code < 0x100) return code
    const mapped = reverse.get(char)
    if (mapped === undefined) throw new Error(`not in windows-1252: ${char}`)
    return mapped
  })
}

interface ExpectedError {
  row: number
  issues: [field: string, code: string, params?: Record<string, string | number>][]
}

/**
 * The DTKS file: 5,000 data rows. 4,946 are good; 37 carry a bad NIK (eight kinds), 12 repeat an
 * earlier row, 5 lack a required value. Saved as Windows-1252 (names with é and ñ).
 */
function buildDtksFile(): { bytes: Uint8Array; expected: ExpectedError[]; good: Person[] } {
  const lines = [DTKS_HEADER]
  const expected: ExpectedError[] = []
  const good: Person[] = []
  const goodLines: string[] = []
  const goodRows: number[] = []
  const badNiks: [string, string, Record<string, string | number>?][] = [
    ['640206150590001', 'NIK_LENGTH', { length: 15 }],
    ['64020615059000012', 'NIK_LENGTH', { length: 17 }],
    ['64O2061505900001', 'NIK_NOT_DIGITS'],
    ['0002061505900001', 'NIK_PROVINCE_UNKNOWN', { provinceCode: '00' }],
    ['6400061505900001', 'NIK_REGION_INVALID'],
    ['6402063205900001', 'NIK_DATE_INVALID', { day: '32', month: '05' }],
    ['6402061505900000', 'NIK_SERIAL_ZERO'],
    ['6,40206E+15', 'NIK_AS_NUMBER'],
  ]
  let personIndex = 0
  let badIndex = 0
  let duplicates = 0
  let missing = 0
  for (let data = 0; data < 5000; data++) {
    const row = data + 2
    if (data % 130 === 50 && badIndex < 37) {
      const [nik, code, params] = badNiks[badIndex % badNiks.length]!
      badIndex++
      lines.push(dtksLine(personNo(0), { nik }))
      expected.push({
        row,
        issues: [['nik', code, ...(params ? [params] : [])] as ExpectedError['issues'][number]],
      })
    } else if (data % 400 === 399 && duplicates < 12) {
      // The same line again, as when a list is pasted twice.
      const first = goodLines.length - 7
      lines.push(goodLines[first] as string)
      duplicates++
      expected.push({
        row,
        issues: [['nik', 'DUPLICATE_IN_FILE', { firstRow: goodRows[first] as number }]],
      })
    } else if (data % 997 === 500 && missing < 5) {
      const p = personNo(5000 + missing)
      const field = (['name', 'date', 'village', 'name', 'date'] as const)[missing]!
      missing++
      lines.push(dtksLine(p, { [field]: '' }))
      const target = field === 'name' ? 'fullName' : field === 'date' ? 'birthDate' : 'village'
      expected.push({ row, issues: [[target, 'REQUIRED']] })
    } else {
      const p = personNo(personIndex++)
      const line = dtksLine(p)
      lines.push(line)
      goodLines.push(line)
      goodRows.push(row)
      good.push(p)
    }
  }
  expect({ badIndex, duplicates, missing, good: good.length }).toEqual({
    badIndex: 37,
    duplicates: 12,
    missing: 5,
    good: 4946,
  })
  return { bytes: windows1252(`${lines.join('\r\n')}\r\n`), expected, good }
}
// ---------------------------------------------------------------------------------------------
// Store helpers

/** Every participant's data, by id: what "the store is unchanged" compares. */
async function snapshot(store: NaunganStore, options: { withoutWriteStamps?: boolean } = {}) {
  const docs = await store.db.participants.find().exec()
  return Object.fromEntries(
    docs
      .map((doc) => {
        const data = { ...(doc.toJSON() as ParticipantDocument) } as Partial<ParticipantDocument>
        if (options.withoutWriteStamps) {
          delete data.updatedAt
          delete data.updatedBy
        }
        return [doc.id, data] as const
      })
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  )
}

/** Undo is a new write: restored records carry its time and user, everything else as before. */
function withoutWriteStamps(all: Awaited<ReturnType<typeof snapshot>>) {
  return Object.fromEntries(
    Object.entries(all).map(([id, doc]) => {
      const rest = { ...doc }
      delete rest.updatedAt
      delete rest.updatedBy
      return [id, rest]
    }),
  )
}

async function counts(store: NaunganStore) {
  return {
    participants: await store.db.participants.count().exec(),
    history: await store.db.participant_changes.count().exec(),
    sync: await store.db.participant_sync.count().exec(),
  }
}

async function dryRun(
  store: NaunganStore,
  bytes: Uint8Array,
  kind: ImportKind,
  actor: ActingUser,
  options: Partial<PlanContext> = {},
) {
  const read = readImportTable(bytes, kind)
  if (!read.ok) throw new Error(read.problem)
  const encoder = createNikIndexEncoder(store.keys.blindIndexKey)
  const validated = validateTable(read.table, suggestMapping(read.table.headers, kind), kind, {
    district,
    today: TODAY,
    encodeNikIndex: (nik) => encoder.encode(nik),
  })
  if (!validated.ok) throw new Error(`missing ${validated.missing.join()}`)
  const ctx: PlanContext = {
    kind,
    agency: kind === 'dtks' ? 'dinsos' : 'disdukcapil',
    actor,
    createDrafts: kind === 'dtks',
    registrationAllowed: true,
    ...options,
  }
  const result = await runDryRun(store, validated.rows, ctx)
  return { ...result, table: read.table, ctx }
}

/** Registers people the file also lists: submitted ones wait for every agency's check. */
async function seed(store: NaunganStore, people: Person[], status: 'draft' | 'submitted') {
  const saved: ParticipantDocument[] = []
  for (const p of people) {
    saved.push(
      await registerParticipant(
        store,
        person({
          nik: p.nik,
          fullName: p.fullName,
          birthDate: p.birthDate,
          sex: p.sex,
          occupationCode: 'nelayan',
        }),
        { office: OFFICE, status },
      ),
    )
  }
  return saved
}

const checkOf = (doc: ParticipantDocument | undefined, agency: string) =>
  doc?.checks.find((check) => check.agency === agency)

// ---------------------------------------------------------------------------------------------

describe('importing a DTKS extract', () => {
  it('reports every bad row exactly, changes nothing until applied, and undo restores the store', async () => {
    const store = await openTestStore(uniqueStoreName('import-dtks'), SECRET)
    const { bytes, expected, good } = buildDtksFile()
    // Already here: 60 submitted (their welfare check waits), 5 of them already confirmed by
    // Dinsos, 15 drafts (not under verification yet).
    const submitted = await seed(store, good.slice(0, 60), 'submitted')
    const drafts = await seed(store, good.slice(60, 75), 'draft')
    const confirmedEarlier = submitted.slice(0, 5)
    for (const doc of confirmedEarlier) {
      await store.db.participants
        .findOne(doc.id)
        .exec()
        .then((rx) =>
          rx!.incrementalPatch({
            checks: doc.checks.map((check) =>
              check.agency === 'dinsos' ? { ...check, state: 'confirmed' as const } : check,
            ),
          }),
        )
    }
    const before = await snapshot(store)
    const countsBefore = await counts(store)

    const run = await dryRun(store, bytes, 'dtks', SUPERVISOR)

    // The wrong encoding is detected and said, and the names read right.
    expect(run.table.warnings).toEqual([{ code: 'ENCODING_FALLBACK' }])
    expect(run.outcomes.some((outcome) => outcome.fullName.includes('José'))).toBe(true)
    expect(run.outcomes.some((outcome) => outcome.fullName.includes('Nuñez'))).toBe(true)

    // Exactly the deliberate errors, with their row numbers and reasons.
    const errors = run.outcomes
      .filter((outcome) => outcome.outcome === 'error')
      .map((outcome) => ({
        row: outcome.rowNumber,
        issues:
          outcome.outcome === 'error'
            ? outcome.issues.map((issue) =>
                issue.params ? [issue.field, issue.code, issue.params] : [issue.field, issue.code],
              )
            : [],
      }))
    expect(errors).toEqual(expected)
    expect(run.summary).toEqual({
      rows: 5000,
      match: 55,
      create: 4946 - 75,
      notFound: 0,
      skip: 5 + 15,
      error: 54,
      recordsChanged: 55,
      withWarnings: 0,
    })
    const duplicate = run.outcomes.find(
      (outcome) => outcome.outcome === 'error' && outcome.issues[0]?.code === 'DUPLICATE_IN_FILE',
    )!
    expect(describeOutcome(duplicate, district.config.verification, 'id')).toMatch(
      /^NIK sama dengan baris \d+\.$/,
    )
    const match = run.outcomes.find((outcome) => outcome.outcome === 'match')!
    expect(describeOutcome(match, district.config.verification, 'id')).toMatch(
      /^0601-\d{6}: Pemeriksaan Dinas Sosial: menunggu → dikonfirmasi$/,
    )
    const skippedDraft = run.outcomes.find(
      (outcome) => outcome.outcome === 'skip' && outcome.skips[0]?.code === 'WORKFLOW',
    )!
    expect(describeOutcome(skippedDraft, district.config.verification, 'id')).toContain(
      'Pemeriksaan hanya dapat diisi selama data berstatus diajukan.',
    )
    // The error report a clerk downloads: one line per error, NIKs masked.
    const report = outcomesToCsv(
      run.outcomes.filter((outcome) => outcome.outcome === 'error'),
      district.config.verification,
      'id',
    )
    expect(report.split('\r\n').filter(Boolean)).toHaveLength(1 + 54)
    expect(report).not.toMatch(/\d{16}/)
    expect(report).toContain(`${expected[0]!.row};`)

    // Nothing was written by reading, validating and the dry run.
    expect(await snapshot(store)).toEqual(before)
    expect(await counts(store)).toEqual(countsBefore)

    // Apply.
    const applied = await applyImport(store, run.outcomes, {
      actor: SUPERVISOR,
      office: OFFICE,
      source: 'DTKS Dinsos 2026',
      kind: 'dtks',
      agency: 'dinsos',
      fileName: 'dtks-tenggarong.csv',
      now: new Date('2026-11-23T03:00:00.000Z'),
    })
    if (!applied.ok) throw new Error(JSON.stringify(applied))
    expect(applied.batch).toMatchObject({ created: 4871, updated: 55, state: 'applied' })

    // Reading every record back decrypts 5,000 documents (slow on fake-indexeddb): the checks
    // below read the records they speak of.
    expect(await store.db.participants.count().exec()).toBe(countsBefore.participants + 4871)
    // No NIK twice: every NIK of the file now has exactly one record.
    const again = await findExistingByNik(
      store,
      good.map((p) => ({ nik: p.nik })),
    )
    expect(again.size).toBe(good.length)
    expect([...again.values()].every((records) => records.length === 1)).toBe(true)
    const touched = await store.db.participants
      .findByIds([...submitted, ...drafts].map((doc) => doc.id))
      .exec()
    const byId = new Map(
      [...touched.values()].map((doc) => [doc.id, doc.toJSON() as ParticipantDocument]),
    )
    for (const doc of submitted.slice(5)) {
      expect(checkOf(byId.get(doc.id), 'dinsos')).toMatchObject({
        state: 'confirmed',
        decidedBy: 'Bu Supervisor',
        decidedRole: 'supervisor',
        decidedAt: '2026-11-23T03:00:00.000Z',
      })
      expect(checkOf(byId.get(doc.id), 'disdukcapil')).toEqual({
        agency: 'disdukcapil',
        state: 'pending',
      })
    }
    for (const doc of [...confirmedEarlier, ...drafts])
      expect(byId.get(doc.id)).toEqual(before[doc.id])
    const newDraftIds = [...again.values()]
      .map((records) => records[0]!)
      .filter((record) => !(record.id in before))
    expect(newDraftIds).toHaveLength(4871)
    const sample = await store.db.participants
      .findByIds(newDraftIds.slice(0, 3).map((record) => record.id))
      .exec()
    for (const doc of sample.values()) {
      expect(doc.toJSON()).toMatchObject({
        status: 'draft',
        source: 'impor:DTKS Dinsos 2026',
        checks: [],
        occupationCode: '',
        monthlyIncome: 0,
        heirName: '',
        kecamatanCode: '64.02.06',
        rt: '003',
        kk: '6402060101100123',
        officeCode: '06-01',
        createdBy: 'Bu Supervisor',
      })
    }
    expect(new Set(newDraftIds.map((record) => record.registrationNumber)).size).toBe(4871)
    // Synced like any edit, with history.
    const syncStates = await store.db.participant_sync
      .findByIds([submitted[10]!.id, newDraftIds[0]!.id])
      .exec()
    expect([...syncStates.values()].map((doc) => doc.state)).toEqual(['pending', 'pending'])
    const history = await getParticipantHistory(store, submitted[10]!.id)
    expect(history.find((entry) => entry.kind === 'imported')).toMatchObject({
      kind: 'imported',
      by: 'Bu Supervisor',
      role: 'supervisor',
      changes: [{ field: 'checks.dinsos', from: 'pending', to: 'confirmed' }],
    })
    expect((await listImportBatches(store))[0]).toMatchObject({
      id: applied.batch.id,
      source: 'DTKS Dinsos 2026',
      fileName: 'dtks-tenggarong.csv',
      state: 'applied',
    })

    // Undo: the store is as before (data fields; restored records carry the undo's time).
    const undone = await undoImport(store, applied.batch.id, { actor: SUPERVISOR })
    expect(undone).toMatchObject({ ok: true, restored: 55, removed: 4871 })
    expect(await snapshot(store, { withoutWriteStamps: true })).toEqual(withoutWriteStamps(before))
    expect(await store.db.participants.count().exec()).toBe(countsBefore.participants)
    expect(await undoImport(store, applied.batch.id, { actor: SUPERVISOR })).toEqual({
      ok: false,
      reason: 'ALREADY_UNDONE',
    })
  }, 240_000)

  it('names a missing NIK column before any row is read', () => {
    const text = 'NAMA;TGL LAHIR;DESA\nSiti;15-05-1990;Loa Ipuh\n'
    const read = readImportTable(new TextEncoder().encode(text), 'dtks')
    if (!read.ok) throw new Error(read.problem)
    const result = validateTable(read.table, suggestMapping(read.table.headers, 'dtks'), 'dtks', {
      district,
      today: TODAY,
    })
    expect(result).toEqual({ ok: false, missing: ['nik'] })
    expect(describeMissingColumns(['nik'], 'id')).toBe('Kolom NIK tidak ada di berkas.')
    expect(describeMissingColumns(['nik', 'birthDate'], 'id')).toBe(
      'Kolom NIK dan Tanggal lahir tidak ada di berkas.',
    )
  })

  it('refuses to undo when a touched record was edited after the import, and says which', async () => {
    const store = await openTestStore(uniqueStoreName('import-undo'), SECRET)
    const people = [0, 1, 2, 3].map(personNo)
    const [registered] = await seed(store, people.slice(0, 1), 'submitted')
    const bytes = new TextEncoder().encode(
      [DTKS_HEADER, ...people.map((p) => dtksLine(p))].join('\n'),
    )
    const run = await dryRun(store, bytes, 'dtks', SUPERVISOR)
    expect(run.summary).toMatchObject({ match: 1, create: 3 })
    const applied = await applyImport(store, run.outcomes, {
      actor: SUPERVISOR,
      office: OFFICE,
      source: 'DTKS 2026-11',
      kind: 'dtks',
      agency: 'dinsos',
      fileName: 'dtks.csv',
    })
    if (!applied.ok) throw new Error(applied.reason)

    // A clerk corrects the address of the registered person afterwards.
    await updateParticipant(
      store,
      registered!.id,
      person({
        nik: people[0]!.nik,
        fullName: people[0]!.fullName,
        birthDate: people[0]!.birthDate,
        sex: people[0]!.sex,
        occupationCode: 'nelayan',
        address: 'Jl. Baru No. 1',
      }),
      { office: OFFICE },
    )
    const beforeUndo = await snapshot(store)
    const refused = await undoImport(store, applied.batch.id, { actor: SUPERVISOR })
    expect(refused).toMatchObject({
      ok: false,
      reason: 'CHANGED_SINCE',
      records: [
        {
          id: registered!.id,
          registrationNumber: registered!.registrationNumber,
          updatedBy: 'Rina',
        },
      ],
    })
    expect(await snapshot(store)).toEqual(beforeUndo)
    expect((await listImportBatches(store))[0]?.state).toBe('applied')
  })

  it('rolls back everything when a write fails halfway', async () => {
    const store = await openTestStore(uniqueStoreName('import-fail'), SECRET)
    const people = Array.from({ length: 30 }, (_, i) => personNo(i))
    await seed(store, people.slice(0, 5), 'submitted')
    const bytes = new TextEncoder().encode(
      [DTKS_HEADER, ...people.map((p) => dtksLine(p))].join('\n'),
    )
    const run = await dryRun(store, bytes, 'dtks', SUPERVISOR)
    const before = await snapshot(store, { withoutWriteStamps: true })
    let inserts = 0
    store.db.participants.preInsert(() => {
      // The second slice of drafts fails, as a full disk would.
      if (++inserts > 10) throw new Error('QuotaExceededError')
    }, false)
    const result = await applyImport(store, run.outcomes, {
      actor: SUPERVISOR,
      office: OFFICE,
      source: 'DTKS',
      kind: 'dtks',
      agency: 'dinsos',
      fileName: 'dtks.csv',
      sliceSize: 10,
    })
    expect(result).toMatchObject({ ok: false, reason: 'FAILED', rolledBack: true })
    expect(await snapshot(store, { withoutWriteStamps: true })).toEqual(before)
    expect((await listImportBatches(store))[0]?.state).toBe('rolled-back')
  })

  it('puts everything back as the import left it when an undo fails halfway', async () => {
    const store = await openTestStore(uniqueStoreName('import-undo-fail'), SECRET)
    const people = Array.from({ length: 30 }, (_, i) => personNo(i))
    await seed(store, people.slice(0, 5), 'submitted')
    const bytes = new TextEncoder().encode(
      [DTKS_HEADER, ...people.map((p) => dtksLine(p))].join('\n'),
    )
    const run = await dryRun(store, bytes, 'dtks', SUPERVISOR)
    const applied = await applyImport(store, run.outcomes, {
      actor: SUPERVISOR,
      office: OFFICE,
      source: 'DTKS',
      kind: 'dtks',
      agency: 'dinsos',
      fileName: 'dtks.csv',
      sliceSize: 10,
    })
    if (!applied.ok) throw new Error(applied.reason)
    const afterApply = await snapshot(store)
    let removes = 0
    let failing = true
    store.db.participants.preRemove(() => {
      // The second slice of drafts cannot be removed: the first is already gone.
      if (failing && ++removes > 10) throw new Error('QuotaExceededError')
    }, false)
    const failed = await undoImport(store, applied.batch.id, { actor: SUPERVISOR, sliceSize: 10 })
    expect(failed).toMatchObject({ ok: false, reason: 'FAILED' })
    expect(await snapshot(store)).toEqual(afterApply)
    expect((await listImportBatches(store))[0]?.state).toBe('applied')

    failing = false
    const undone = await undoImport(store, applied.batch.id, { actor: SUPERVISOR, sliceSize: 10 })
    expect(undone).toMatchObject({ ok: true, restored: 5, removed: 25 })
  })

  it('lets a clerk create drafts but not set checks, and a Dinsos verifier the reverse', async () => {
    const store = await openTestStore(uniqueStoreName('import-roles'), SECRET)
    const people = [0, 1].map(personNo)
    await seed(store, people.slice(0, 1), 'submitted')
    const bytes = new TextEncoder().encode(
      [DTKS_HEADER, ...people.map((p) => dtksLine(p))].join('\n'),
    )

    const asClerk = await dryRun(store, bytes, 'dtks', OPERATOR)
    expect(asClerk.summary).toMatchObject({ match: 0, skip: 1, create: 1 })
    expect(asClerk.notices.map((notice) => notice.id)).toEqual([
      'Petugas pendaftaran tidak boleh mengubah hasil pemeriksaan instansi.',
    ])

    const asVerifier = await dryRun(store, bytes, 'dtks', DINSOS_VERIFIER)
    expect(asVerifier.summary).toMatchObject({ match: 1, create: 0, notFound: 1 })
    const notFound = asVerifier.outcomes.find((outcome) => outcome.outcome === 'not-found')!
    expect(describeOutcome(notFound, district.config.verification, 'id')).toBe(
      'NIK ini belum terdaftar di sini. Verifikator instansi hanya boleh mengisi hasil pemeriksaan instansinya, bukan mengubah data peserta.',
    )
  })
})

describe('importing an agency result', () => {
  it('records confirmations and rejections with their reasons, and undoes them', async () => {
    const store = await openTestStore(uniqueStoreName('import-result'), SECRET)
    const people = [0, 1, 2, 3, 4].map(personNo)
    const docs = await seed(store, people.slice(0, 4), 'submitted')
    const before = await snapshot(store)
    const text = [
      'NIK;NAMA;HASIL VERIFIKASI;ALASAN;KETERANGAN',
      `${people[0]!.nik};${people[0]!.fullName};SESUAI;;`,
      `${people[1]!.nik};${people[1]!.fullName};TIDAK SESUAI;nik-tidak-ditemukan;`,
      `${people[2]!.nik};${people[2]!.fullName};Ditolak;Nama, tanggal lahir atau alamat tidak cocok;Tahun lahir 1971`,
      `${people[3]!.nik};Orang Lain;TIDAK;Pindah ke Samarinda;`,
      `${people[4]!.nik};${people[4]!.fullName};SESUAI;;`,
    ].join('\n')
    const run = await dryRun(store, new TextEncoder().encode(text), 'agency-result', SUPERVISOR)
    expect(run.summary).toMatchObject({ match: 4, notFound: 1, error: 0, withWarnings: 1 })
    const described = run.outcomes.map((outcome) =>
      describeOutcome(outcome, district.config.verification, 'id'),
    )
    expect(described[1]).toBe(
      `${docs[1]!.registrationNumber}: Pemeriksaan Disdukcapil: menunggu → ditolak (NIK tidak ditemukan di data kependudukan)`,
    )
    expect(described[3]).toContain('Nama di berkas tidak sama dengan nama pada data')
    expect(described[3]).toContain('dicatat sebagai "Lainnya"')
    expect(described[4]).toBe('NIK ini belum terdaftar di sini.')

    const applied = await applyImport(store, run.outcomes, {
      actor: SUPERVISOR,
      office: null,
      source: 'Disdukcapil November',
      kind: 'agency-result',
      agency: 'disdukcapil',
      fileName: 'hasil.xlsx',
    })
    if (!applied.ok) throw new Error(applied.reason)
    const stored = await store.db.participants
      .findByIds(docs.map((doc) => doc.id))
      .exec()
      .then((map) => docs.map((doc) => map.get(doc.id)!.toJSON() as ParticipantDocument))
    expect(stored.map((doc) => checkOf(doc, 'disdukcapil'))).toMatchObject([
      { state: 'confirmed' },
      { state: 'rejected', reasonCode: 'nik-tidak-ditemukan' },
      { state: 'rejected', reasonCode: 'data-tidak-cocok', note: 'Tahun lahir 1971' },
      { state: 'rejected', reasonCode: 'lainnya', note: 'Pindah ke Samarinda' },
    ])
    expect(await undoImport(store, applied.batch.id, { actor: SUPERVISOR })).toMatchObject({
      ok: true,
      restored: 4,
    })
    expect(await snapshot(store, { withoutWriteStamps: true })).toEqual(withoutWriteStamps(before))
  })

  it('keeps the column mapping per source for next time', async () => {
    const store = await openTestStore(uniqueStoreName('import-mapping'), SECRET)
    await saveMapping(store, {
      name: 'Hasil Disdukcapil',
      kind: 'agency-result',
      agency: 'disdukcapil',
      mapping: { nik: 'NOMOR IDENTITAS', result: 'KESIMPULAN' },
      createDrafts: false,
      updatedAt: '2026-11-23T00:00:00.000Z',
    })
    await saveMapping(store, {
      name: 'hasil  disdukcapil',
      kind: 'agency-result',
      agency: 'disdukcapil',
      mapping: { nik: 'NIK', result: 'KESIMPULAN' },
      createDrafts: false,
      updatedAt: '2026-11-24T00:00:00.000Z',
    })
    const saved = await loadSavedMappings(store)
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject({ name: 'hasil disdukcapil', mapping: { nik: 'NIK' } })
  })
})
