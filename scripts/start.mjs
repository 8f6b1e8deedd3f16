#!/usr/bin/env node
// `npm start`: make sure Electron's binary is here (downloading it once, the first time), build the
// app once, and open it.
//
// Why not `electron-vite preview`: it reads node_modules/electron/path.txt, which Electron ≥ 42
// writes only when its lazy download has run, so on a fresh clone it fails with a bare
// "Error: Electron uninstall" stack trace; and it builds again after `electron-vite build`. Here
// the download runs first (a failure ends in seconds, before any build), then one build, then the
// binary itself.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

/** One line in each language: what happened and what to do instead. */
function fail(indonesian, english) {
  console.error(`\nNaungan: ${indonesian}\nNaungan: ${english}\n`)
  process.exit(1)
}

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  fail(
    `Node ${process.versions.node} terlalu lama: Electron ${readElectronVersion()} memerlukan Node 22.12 atau lebih baru (lihat README).`,
    `Node ${process.versions.node} is too old: Electron ${readElectronVersion()} needs Node 22.12 or newer (see README).`,
  )
}

function readElectronVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
  } catch {
    return '?'
  }
}

/** The binary Electron's own installer left, or null when it has not run (or is for another version). */
function installedElectron(electronDir) {
  try {
    const pathFile = join(electronDir, 'path.txt')
    const relative = readFileSync(pathFile, 'utf8').trim()
    const version = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim()
    const binary = join(electronDir, 'dist', relative)
    if (version.replace(/^v/, '') !== readElectronVersion() || !existsSync(binary)) return null
    return binary
  } catch {
    return null
  }
}

let electronDir
try {
  electronDir = dirname(require.resolve('electron/package.json'))
} catch {
  fail(
    'paket Electron belum terpasang. Jalankan "npm ci" dahulu.',
    'the Electron package is not installed. Run "npm ci" first.',
  )
}

let binary = installedElectron(electronDir)
if (!binary) {
  console.log(
    `Mengunduh Electron ${readElectronVersion()} (sekali saja) … / Downloading Electron ${readElectronVersion()} (once) …`,
  )
  // Electron's own installer (@electron/get): it honours ELECTRON_MIRROR and the proxy settings
  // a district's network may need. Its output is kept back: on failure it is a stack trace.
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30 * 60_000,
  })
  binary = download.status === 0 ? installedElectron(electronDir) : null
  if (!binary) {
    if (process.env.NAUNGAN_DEBUG) console.error(download.stderr || download.error)
    fail(
      'Electron tidak dapat diunduh (tidak ada internet atau unduhan diblokir), jadi aplikasi desktop tidak bisa dibuka; jalankan versi peramban dengan "npm run web" lalu buka http://127.0.0.1:5180/.',
      'Electron could not be downloaded (no internet, or the download is blocked), so the desktop app cannot open; run the browser version with "npm run web" and open http://127.0.0.1:5180/.',
    )
  }
}

const electronVite = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
)
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) {
  fail(
    'pembangunan aplikasi gagal (lihat pesan di atas).',
    'building the app failed (see the messages above).',
  )
}

// `.` runs package.json's "main" (out/main/index.js), exactly what a packaged build runs.
const app = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', windowsHide: false })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal))
app.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
