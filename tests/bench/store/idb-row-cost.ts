/**
 * What one IndexedDB row costs Chromium's IndexedDB backend, by store shape and store size:
 * `npx tsx tests/bench/store/idb-row-cost.ts [--rows 100000] [--shapes participants,few-indexes,...]
 *   [--tx 1000] [--durability strict|relaxed]`
 *
 * Why: during the app's initial sync of 50,000 participants (unthrottled), the browser process's
 * thread pool — where Chromium runs IndexedDB — used 65.6 s of CPU in 67 s, while the store's
 * worker used 22 s and the window 7 s (docs/performance.md, "Where an initial sync's time goes").
 * The backend is the bottleneck; this measures what drives its cost, without RxDB or the app.
 *
 * Each shape is written in a fresh on-disk Chromium profile (headless Debian Chromium), through
 * raw IndexedDB, in transactions of 1,000 rows with strict durability as the app's store does.
 * Reported: the page's time and the browser process's CPU (utime + stime from /proc, all its
 * threads) over the writes. A diagnostic: no target, not part of `npm run bench`.
 */
import { createServer } from 'node:http'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium'

const SHAPES = {
  /** A participant row as RxDB's Dexie storage keeps it: 9 indexes (the schema's 6 and 3 of RxDB's). */
  participants: 'participants',
  /** The same rows with only RxDB's two indispensable indexes. */
  'few-indexes': 'few-indexes',
  /** The participant shape, each transaction preceded by a read of every key (RxDB's bulkWrite). */
  'participants-read-first': 'participants-read-first',
  /** A replication meta row whose `docData` is sealed whole (~1.4 KB of base64 ciphertext). */
  'meta-sealed': 'meta-sealed',
  /** The same meta row with `docData` in clear (compressible text of about the same size). */
  'meta-plain': 'meta-plain',
} as const
type Shape = keyof typeof SHAPES

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback)
}

/** CPU seconds (user + system) of a process, all threads, from /proc. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** The browser process (no `--type=`) of the Chromium started on `profile`. */
function browserPidOf(profile: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    let command = ''
    try {
      command = readFileSync(`/proc/${name}/cmdline`, 'utf8')
    } catch {
      continue
    }
    if (command.includes(profile) && !command.includes('--type=')) return Number(name)
  }
  throw new Error(`No Chromium browser process for ${profile}`)
}

/** Runs in the page: writes `rows` rows of `shape`; returns the milliseconds it took. */
async function writeRows(args: {
  shape: Shape
  rows: number
  slice: number
  durability: IDBTransactionDurability
}): Promise<number> {
  const { shape, rows, slice, durability } = args
  const isMeta = shape.startsWith('meta')
  const indexes: string[][] = isMeta
    ? [['_deleted', 'id'], ['isCheckpoint', '_deleted', 'id'], ['_meta.lwt', 'id'], ['_meta.lwt']]
    : shape === 'few-indexes'
      ? [
          ['_deleted', 'id'],
          ['_meta.lwt', 'id'],
        ]
      : [
          ['_deleted', 'id'],
          ['_deleted', 'nameKey', 'id'],
          ['_deleted', 'nikIndex', 'id'],
          ['_deleted', 'registrationNumber', 'id'],
          ['_deleted', 'kecamatanCode', 'nameKey', 'id'],
          ['_deleted', 'villageCode', 'nameKey', 'id'],
          ['_deleted', 'status', 'nameKey', 'id'],
          ['_meta.lwt', 'id'],
          ['_meta.lwt'],
        ]
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('row-cost', 1)
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('rows', { keyPath: 'id' })
      indexes.forEach((keyPath, i) =>
        store.createIndex(`i${i}`, keyPath.length === 1 ? (keyPath[0] as string) : keyPath),
      )
    }
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error ?? new Error('open failed'))
  })
  const randomBase64 = (bytes: number) => {
    const data = crypto.getRandomValues(new Uint8Array(bytes))
    let text = ''
    for (const byte of data) text += String.fromCharCode(byte)
    return btoa(text)
  }
  const fields = (i: number) => {
    const values: Record<string, string> = {}
    for (let f = 0; f < 30; f++) values[`field${f}`] = `value ${f} ${i % 1000} lorem ipsum dolor`
    return values
  }
  const rowOf = (i: number): Record<string, unknown> => {
    const common = { _deleted: false, _meta: { lwt: 1_700_000_000_000 + i }, _rev: '1-a' }
    if (isMeta) {
      return {
        ...common,
        id: `0|${crypto.randomUUID()}`,
        isCheckpoint: '0',
        itemId: crypto.randomUUID(),
        docData:
          shape === 'meta-sealed'
            ? `sealed:${randomBase64(1_000)}`
            : { nameKey: `nama orang ${(i * 7919) % 100_000}`, ...fields(i) },
      }
    }
    return {
      ...common,
      id: crypto.randomUUID(),
      nameKey: `nama orang ${(i * 7919) % 100_000}`,
      nikIndex: `${'x'.repeat(43)}${i}`,
      registrationNumber: `6402-06-01-${i}`,
      kecamatanCode: '64.02.06',
      villageCode: `64.02.06.200${i % 9}`,
      status: 'terdaftar',
      nik: `sealed:${randomBase64(40)}`,
      ...fields(i),
    }
  }
  const started = performance.now()
  for (let start = 0; start < rows; start += slice) {
    const batch = Array.from({ length: Math.min(slice, rows - start) }, (_, k) => rowOf(start + k))
    if (shape === 'participants-read-first') {
      await new Promise<void>((resolve) => {
        const tx = db.transaction('rows', 'readonly')
        for (const row of batch) tx.objectStore('rows').get(row['id'] as string)
        tx.oncomplete = () => resolve()
      })
    }
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('rows', 'readwrite', { durability })
      for (const row of batch) tx.objectStore('rows').put(row)
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error ?? new Error('write failed'))
    })
  }
  db.close()
  return performance.now() - started
}

async function main(): Promise<void> {
  const rows = Number(option('rows', '100000'))
  const slice = Number(option('tx', '1000'))
  const durability = option('durability', 'strict') as IDBTransactionDurability
  if (!['strict', 'relaxed', 'default'].includes(durability))
    throw new Error(`Unknown durability ${durability}`)
  const shapes = option('shapes', Object.keys(SHAPES).join(',')).split(',') as Shape[]
  for (const shape of shapes) if (!(shape in SHAPES)) throw new Error(`Unknown shape ${shape}`)
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8')
    response.end('<!doctype html><title>row cost</title>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('No server address')
  const lines = [
    `IndexedDB row cost, ${rows.toLocaleString('en')} rows per shape, transactions of ${slice.toLocaleString('en')}, ${durability} durability, Chromium ${CHROMIUM_PATH}`,
    '',
    '| shape | page time (s) | browser process CPU (s) | CPU per row (ms) |',
    '|---|--:|--:|--:|',
  ]
  try {
    for (const shape of shapes) {
      const profile = mkdtempSync(join(tmpdir(), 'naungan-row-cost-'))
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        headless: true,
      })
      try {
        const page = context.pages()[0] ?? (await context.newPage())
        await page.goto(`http://127.0.0.1:${address.port}/`)
        const pid = browserPidOf(profile)
        const before = cpuSeconds(pid)
        // As source text: tsx (esbuild keepNames) wraps the inner helpers in `__name(…)`.
        const ms = (await page.evaluate(
          `var __name = (target) => target; (${writeRows.toString()})(${JSON.stringify({ shape, rows, slice, durability })})`,
        )) as number
        const cpu = cpuSeconds(pid) - before
        lines.push(
          `| ${shape} | ${(ms / 1000).toFixed(1)} | ${cpu.toFixed(1)} | ${((cpu * 1000) / rows).toFixed(3)} |`,
        )
        console.error(lines.at(-1))
      } finally {
        await context.close()
        rmSync(profile, { recursive: true, force: true })
      }
    }
  } finally {
    server.close()
  }
  console.log(lines.join('\n'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
