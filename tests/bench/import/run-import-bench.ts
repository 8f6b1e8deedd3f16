/**
 * Import benchmark (`npx tsx tests/bench/import/run-import-bench.ts`): how a 100,000-row DTKS
 * extract fares, measured in Node.
 *
 * 1. The worker's share, pure `shared/import` code as the import worker runs it: decoding and
 *    parsing (CSV, and the same rows as XLSX), row validation (registration rules included),
 *    the NIK blind index for every row, and planning the dry run. Rows per second.
 * 2. The main thread's share against a real store (RxDB + Dexie on fake-indexeddb, sealed
 *    fields) of 10,000 records: one NIK-lookup slice of 500 (sorted, as the import queries them,
 *    and unsorted for comparison), the whole lookup of 100,000 NIKs with the longest time the
 *    event loop was held, and one apply slice of 500 drafts.
 *
 * fake-indexeddb is much slower than Chromium's IndexedDB (STACK.md: bulkInsert of 1,000 takes
 * ~250 ms in Chromium), so the store figures are an upper bound. Progress goes to stderr; the
 * markdown report to stdout and bench-results/import.md.
 *
 *   --rows 100000      rows in the file
 *   --stored 10000     records in the store
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import Module from 'node:module'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { loadDistrict } from '../../../shared/district/district-config'
import { suggestMapping, resolveMapping } from '../../../shared/import/import-fields'
import { planRows, type ExistingRecord } from '../../../shared/import/import-plan'
import { readImportTable } from '../../../shared/import/import-table'
import { createNikIndexEncoder } from '../../../shared/import/nik-index-encoder'
import { validateImportRows, type ValidatedRow } from '../../../shared/import/row-validation'
import { encodeNikBlindIndex } from '../../../shared/identity/nik-blind-index'
import type { ParticipantDocument } from '../../../shared/participant/participant-document'
import { formatCount, formatMs, median, percentile } from '../stats'
import { benchPerson, dtksCells, dtksCsv, DTKS_HEADER, type BenchPerson } from './dtks-file'

const ROOT = resolve(import.meta.dirname, '../../..')
const RESULTS_DIR = join(ROOT, 'bench-results')

/**
 * The renderer's store imports the region table with Vite's `?raw` suffix, which Node cannot
 * load: teach require() to read such a file as its text (this script is compiled to CommonJS).
 */
function allowViteRawImports(): void {
  const loader = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string
    _extensions: Record<string, (module: { exports: unknown }, file: string) => void>
  }
  const resolveFilename = loader._resolveFilename.bind(loader)
  loader._resolveFilename = (request, ...rest) =>
    resolveFilename(request.endsWith('?raw') ? request.slice(0, -4) : request, ...rest)
  loader._extensions['.csv'] = (module, file) => {
    module.exports = { __esModule: true, default: readFileSync(file, 'utf8') }
  }
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const log = (text: string) => process.stderr.write(`${text}\n`)

const district = loadDistrict(
  JSON.parse(readFileSync(join(ROOT, 'resources/district/district.json'), 'utf8')),
  readFileSync(join(ROOT, 'resources/district/wilayah.csv'), 'utf8'),
)
const TODAY = '2026-11-23'

const pad = (value: number, length = 2) => String(value).padStart(length, '0')
const personNo = (i: number) => benchPerson(district, i)

function buildXlsx(people: readonly BenchPerson[]): Uint8Array {
  const strings: string[] = []
  const stringIndex = new Map<string, number>()
  const shared = (text: string) => {
    let index = stringIndex.get(text)
    if (index === undefined) {
      index = strings.length
      strings.push(text)
      stringIndex.set(text, index)
    }
    return index
  }
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const rows: string[] = []
  const line = (cells: string[], rowNumber: number) =>
    `<row r="${rowNumber}">${cells
      .map(
        (text, column) =>
          `<c r="${String.fromCharCode(65 + column)}${rowNumber}" t="s"><v>${shared(text)}</v></c>`,
      )
      .join('')}</row>`
  rows.push(line(DTKS_HEADER, 1))
  people.forEach((p, i) => rows.push(line(dtksCells(p, i), i + 2)))
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(
      '<workbook xmlns:r="r"><sheets><sheet name="DTKS" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': strToU8(
      `<sst>${strings.map((text) => `<si><t>${escape(text)}</t></si>`).join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`,
    ),
  })
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now()
  const value = work()
  return { value, ms: performance.now() - start }
}

/** The longest time the event loop was held while `work` ran (a 5 ms ticker's worst lateness). */
async function withEventLoopWatch<T>(
  work: () => Promise<T>,
): Promise<{ value: T; longestBlockMs: number }> {
  let longest = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last - 5)
    last = now
  }, 5)
  try {
    const value = await work()
    return { value, longestBlockMs: longest }
  } finally {
    clearInterval(timer)
  }
}

async function main(): Promise<void> {
  const rowCount = option('rows', 100_000)
  const storedCount = option('stored', 10_000)
  const report: string[] = []
  const add = (label: string, value: string, note = '') =>
    report.push(`| ${label} | ${value} | ${note} |`)
  const rate = (rows: number, ms: number) => `${formatCount(Math.round((rows / ms) * 1000))} rows/s`

  // The store first: the worker computes blind indexes with the store's key.
  allowViteRawImports()
  const { openStore } = await import('../../../renderer/src/core/store/database')
  const { findExistingByNik, NIK_LOOKUP_SLICE } =
    await import('../../../renderer/src/import/nik-lookup')
  const { markLocalWrites } = await import('../../../renderer/src/core/store/sync-state-repository')
  const { appendHistoryEntries, nikIndexOf } =
    await import('../../../renderer/src/core/store/participant-repository')

  log(`Opening a store with ${formatCount(storedCount)} records…`)
  const store = await openStore({
    name: `import-bench-${Date.now()}`,
    secretHex: 'be'.repeat(32),
    indexedDB,
    IDBKeyRange,
  })
  log(`Generating ${formatCount(rowCount)} rows…`)
  const people = Array.from({ length: rowCount }, (_, i) => personNo(i))
  const csv = dtksCsv(people)
  const xlsx = buildXlsx(people)

  // ---- 1. The worker's share
  log('Reading the CSV…')
  const csvRead = timed(() => readImportTable(csv, 'dtks'))
  if (!csvRead.value.ok) throw new Error(csvRead.value.problem)
  const table = csvRead.value.table
  log('Reading the XLSX…')
  const xlsxRead = timed(() => readImportTable(xlsx, 'dtks'))
  if (!xlsxRead.value.ok) throw new Error(xlsxRead.value.problem)

  const resolved = resolveMapping(table.headers, suggestMapping(table.headers, 'dtks'), 'dtks')
  if (!resolved.ok) throw new Error('mapping')
  log('Validating rows (no blind index)…')
  const validation = timed(() =>
    validateImportRows(table, resolved.columns, 'dtks', { district, today: TODAY }),
  )
  const key = store.keys.blindIndexKey
  log('Blind index, batch encoder…')
  const encoder = createNikIndexEncoder(key)
  const validNiks = validation.value.flatMap((row) => (row.nik ? [row.nik] : []))
  const fastIndex = timed(() => validNiks.map((nik) => encoder.encode(nik)))
  const sample = validNiks.slice(0, 2000)
  const slowIndex = timed(() => sample.map((nik) => encodeNikBlindIndex(nik, key)))
  log('Validating rows as the worker does (with the blind index)…')
  const workerEncoder = createNikIndexEncoder(key)
  const workerValidation = timed(() =>
    validateImportRows(table, resolved.columns, 'dtks', {
      district,
      today: TODAY,
      encodeNikIndex: (nik) => workerEncoder.encode(nik),
    }),
  )
  const existing = new Map<string, ExistingRecord[]>()
  validNiks.slice(0, storedCount).forEach((nik, i) =>
    existing.set(nik, [
      {
        id: `id-${i}`,
        registrationNumber: `0601-${pad(i + 1, 6)}`,
        nameKey: 'X',
        status: 'submitted',
        checks: [{ agency: 'dinsos', state: 'pending' }],
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
    ]),
  )
  const planning = timed(() =>
    planRows(workerValidation.value, existing, {
      kind: 'dtks',
      agency: 'dinsos',
      actor: { role: 'supervisor', agency: null },
      createDrafts: true,
      registrationAllowed: true,
    }),
  )
  const errors = workerValidation.value.filter((row) => row.errors.length > 0).length

  report.push(
    `## Worker share: ${formatCount(rowCount)} rows (${(csv.length / 1024 / 1024).toFixed(1)} MB CSV, ${(xlsx.length / 1024 / 1024).toFixed(1)} MB XLSX)`,
    '',
    '| step | time | throughput / note |',
    '| --- | --- | --- |',
  )
  add('Decode + parse CSV', formatMs(csvRead.ms), rate(rowCount, csvRead.ms))
  add('Unzip + parse XLSX (shared strings)', formatMs(xlsxRead.ms), rate(rowCount, xlsxRead.ms))
  add(
    'Validate rows (NIK, dates, desa, registration rules)',
    formatMs(validation.ms),
    rate(rowCount, validation.ms),
  )
  add(
    'NIK blind index, batch encoder',
    formatMs(fastIndex.ms),
    `${rate(validNiks.length, fastIndex.ms)}; self-check ${encoder.isFast ? 'passed' : 'FAILED (fell back)'}`,
  )
  add(
    'NIK blind index, one NIK at a time (`encodeNikBlindIndex`)',
    formatMs((slowIndex.ms / sample.length) * validNiks.length),
    `${rate(sample.length, slowIndex.ms)} (extrapolated from ${formatCount(sample.length)})`,
  )
  add(
    "Validate + blind index (the worker's whole job after parsing)",
    formatMs(workerValidation.ms),
    rate(rowCount, workerValidation.ms),
  )
  add(
    'Plan the dry run (main thread, pure)',
    formatMs(planning.ms),
    `${rate(rowCount, planning.ms)}; ${formatCount(storedCount)} matches`,
  )
  add('Rows with errors in the file', formatCount(errors), 'one short NIK per 1,000 rows')

  // ---- 2. The main thread's share against a store
  const at = '2026-11-01T00:00:00.000Z'
  const documentOf = (
    p: BenchPerson,
    i: number,
    status: 'submitted' | 'draft',
  ): ParticipantDocument => ({
    id: crypto.randomUUID(),
    registrationNumber: `0601-${pad(i + 1, 6)}`,
    nik: p.nik,
    nikIndex: nikIndexOf(store, p.nik) as string,
    kk: '',
    fullName: p.fullName,
    nameKey: p.fullName.toUpperCase(),
    birthPlace: '',
    birthDate: p.birthDate,
    sex: p.sex,
    address: '',
    rt: '',
    rw: '',
    kecamatanCode: p.kecamatanCode,
    villageCode: p.villageCode,
    occupationCode: '',
    monthlyIncome: 0,
    heirName: '',
    heirRelationship: '',
    status,
    officeCode: '06-01',
    createdAt: at,
    createdBy: 'bench',
    updatedAt: at,
    updatedBy: 'bench',
    duplicates: [],
    conflicts: [],
    prints: [],
    checks: status === 'submitted' ? [{ agency: 'dinsos', state: 'pending' }] : [],
  })
  // Every other stored record is in the file: half the file's first 20,000 NIKs are known.
  const storedPeople = Array.from({ length: storedCount }, (_, i) =>
    i % 2 === 0 ? people[i]! : personNo(rowCount + i),
  )
  for (let start = 0; start < storedCount; start += 500) {
    await store.db.participants.bulkInsert(
      storedPeople.slice(start, start + 500).map((p, k) => documentOf(p, start + k, 'submitted')),
    )
  }

  const toFind = workerValidation.value.flatMap((row: ValidatedRow) =>
    row.nik && row.nikIndex ? [{ nik: row.nik, nikIndex: row.nikIndex }] : [],
  )
  // One slice of 500, as the import runs it (sorted index values) and unsorted for comparison.
  const sortedSlices: number[] = []
  const sorted = [...toFind].sort((a, b) => (a.nikIndex < b.nikIndex ? -1 : 1))
  for (let run = 0; run < 10; run++) {
    const offset = run * Math.floor(sorted.length / 10)
    const started = performance.now()
    await findExistingByNik(store, sorted.slice(offset, offset + NIK_LOOKUP_SLICE))
    sortedSlices.push(performance.now() - started)
  }
  const unsortedSlices: number[] = []
  // One run is enough: it scans nearly the whole index (tens of seconds on fake-indexeddb).
  for (let run = 0; run < 1; run++) {
    const slice = toFind.slice(run * 997, run * 997 + NIK_LOOKUP_SLICE)
    const started = performance.now()
    // One query over the whole unsorted slice: its $in spans nearly the whole index.
    await store.db.participants
      .find({ selector: { nikIndex: { $in: slice.map((entry) => entry.nikIndex) } } })
      .exec()
    unsortedSlices.push(performance.now() - started)
  }
  log(`Looking up all ${formatCount(toFind.length)} NIKs…`)
  const whole = await withEventLoopWatch(async () => {
    const started = performance.now()
    const found = await findExistingByNik(store, toFind)
    return { found, ms: performance.now() - started }
  })

  log('One apply slice of 500 drafts…')
  const drafts = Array.from({ length: 500 }, (_, i) =>
    documentOf(personNo(rowCount + storedCount + i), storedCount + i, 'draft'),
  )
  const writeStarted = performance.now()
  await store.db.participants.bulkInsert(drafts)
  const insertMs = performance.now() - writeStarted
  await markLocalWrites(store, drafts)
  const syncMs = performance.now() - writeStarted - insertMs
  await appendHistoryEntries(
    store,
    drafts.map((doc) => ({
      participantId: doc.id,
      kecamatanCode: doc.kecamatanCode,
      kind: 'imported' as const,
      changes: [{ field: 'fullName', from: '', to: doc.fullName }],
      at,
    })),
    { name: 'bench', role: 'supervisor', agency: null, officeCode: 'PUSAT', deviceId: '' },
  )
  const sliceMs = performance.now() - writeStarted
  await store.close()

  report.push(
    '',
    `## Main-thread share: store of ${formatCount(storedCount)} records (fake-indexeddb)`,
    '',
    '| step | time | note |',
    '| --- | --- | --- |',
  )
  add(
    `NIK lookup, one slice of ${NIK_LOOKUP_SLICE} (sorted, as the import runs it)`,
    `median ${formatMs(median(sortedSlices))}, max ${formatMs(Math.max(...sortedSlices))}`,
    '10 slices from across the file',
  )
  add(
    `NIK lookup, one slice of ${NIK_LOOKUP_SLICE} unsorted (for comparison)`,
    formatMs(median(unsortedSlices)),
    '`$in` scans the index from its smallest to its largest value',
  )
  add(
    `NIK lookup of all ${formatCount(toFind.length)} NIKs`,
    formatMs(whole.value.ms),
    `${formatCount(whole.value.found.size)} found; longest event-loop block ${formatMs(whole.longestBlockMs)}`,
  )
  add(
    'Apply, one slice of 500 drafts',
    formatMs(sliceMs),
    `bulkInsert ${formatMs(insertMs)}, sync marks ${formatMs(syncMs)}, history ${formatMs(sliceMs - insertMs - syncMs)}`,
  )
  add(
    `Apply, ${formatCount(rowCount)} drafts (extrapolated)`,
    formatMs((sliceMs * rowCount) / 500),
    'in slices; the window stays responsive between them',
  )
  report.push(
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, load ${loadavg()
      .map((value) => value.toFixed(2))
      .join(
        ' ',
      )}; Node ${process.version}. p95 of sorted slices: ${formatMs(percentile(sortedSlices, 95))}.`,
  )
  const text = `# Import benchmark\n\n${report.join('\n')}\n`
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, 'import.md'), text)
  process.stdout.write(text)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
