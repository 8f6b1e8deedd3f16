#!/usr/bin/env node
/**
 * Example client of Naungan's integration API (docs/integration.md): mirrors the participants a
 * key may read into a CSV file. Plain Node 22 (fetch), no dependencies. Run it from cron or a
 * scheduled task; each run reads only what changed since the last one.
 *
 *   NAUNGAN_URL=https://naungan.example.go.id NAUNGAN_INTEGRATION_KEY=ngi_... \
 *     node scripts/integration-example.mjs --out peserta.csv --state peserta-state.json
 *
 * The state file keeps the checkpoint and the mirrored records (it holds whatever the key may
 * read — NIK too, with the `personal` scope: keep it where the CSV is kept, with the same care).
 * The key is read from the environment only, never from the command line (visible in `ps`).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'

const MAX_PAGES_PER_RUN = 10_000
const MAX_RETRIES = 5
const PAGE_SIZE = 500

function argumentOf(name, fallback) {
  const index = process.argv.indexOf(name)
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback
}

function fail(message) {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

const baseUrl = (process.env.NAUNGAN_URL ?? '').replace(/\/+$/, '')
const key = process.env.NAUNGAN_INTEGRATION_KEY ?? ''
const outPath = argumentOf('--out', 'peserta.csv')
const statePath = argumentOf('--state', `${outPath}.state.json`)
if (!baseUrl || !key) fail('Isi NAUNGAN_URL dan NAUNGAN_INTEGRATION_KEY terlebih dahulu.')

function loadState() {
  try {
    const state = JSON.parse(readFileSync(statePath, 'utf8'))
    return { checkpoint: state.checkpoint ?? null, records: new Map(Object.entries(state.records)) }
  } catch (error) {
    if (error?.code === 'ENOENT') return { checkpoint: null, records: new Map() }
    fail(`Berkas status ${statePath} tidak dapat dibaca: ${error.message}`)
  }
}

/** Written beside the target, then renamed: a crash never leaves half a file. */
function writeAtomically(path, text) {
  writeFileSync(`${path}.tmp`, text, { mode: 0o600 })
  renameSync(`${path}.tmp`, path)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function fetchPage(checkpoint) {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) })
  if (checkpoint !== null) query.set('checkpoint', checkpoint)
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    const response = await fetch(`${baseUrl}/api/integration/v1/participants?${query}`, {
      headers: { Authorization: `Bearer ${key}` },
    })
    if (response.ok) return response.json()
    const body = await response.json().catch(() => null)
    const message = body?.error?.message ?? `HTTP ${response.status}`
    // The server was restored from a backup: its checkpoints start again, so does the mirror.
    if (response.status === 409 && body?.error?.code === 'SERVER_RESTORED')
      return { restored: true }
    // Rate limited: wait as long as the server asks, a bounded number of times.
    if (response.status === 429 && attempt < MAX_RETRIES) {
      const seconds = Math.min(60, Number(response.headers.get('retry-after')) || 1)
      await sleep(seconds * 1000)
      continue
    }
    fail(`Server menolak permintaan: ${message}`)
  }
  fail('Server terus membatasi permintaan; coba lagi nanti.')
}

/** A spreadsheet must not run a cell as a formula: text starting with = + - @ is quoted. */
function csvCell(value) {
  if (value === undefined || value === null) return ''
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function toCsv(records) {
  const columns = []
  for (const record of records) {
    for (const column of Object.keys(record)) if (!columns.includes(column)) columns.push(column)
  }
  const lines = [columns.map(csvCell).join(',')]
  for (const record of records)
    lines.push(columns.map((column) => csvCell(record[column])).join(','))
  return `${lines.join('\r\n')}\r\n`
}

const state = loadState()
let pages = 0
let changed = 0
for (; pages < MAX_PAGES_PER_RUN; pages++) {
  const page = await fetchPage(state.checkpoint)
  if (page.restored === true) {
    process.stderr.write('Server dipulihkan dari cadangan: cermin dibangun ulang dari awal.\n')
    state.checkpoint = null
    state.records.clear()
    continue
  }
  for (const participant of page.participants) {
    if (participant.deleted === true) state.records.delete(participant.id)
    else state.records.set(participant.id, participant)
    changed++
  }
  state.checkpoint = page.checkpoint
  if (!page.hasMore) break
}
const records = [...state.records.values()].sort((a, b) => (a.id < b.id ? -1 : 1))
// The CSV first, then the checkpoint: a crash between them re-reads changes, never skips them.
writeAtomically(outPath, toCsv(records))
writeAtomically(
  statePath,
  JSON.stringify({ checkpoint: state.checkpoint, records: Object.fromEntries(state.records) }),
)
process.stdout.write(
  `${changed} perubahan dibaca dalam ${pages + 1} halaman; ${records.length} peserta di ${outPath}.\n`,
)
