#!/usr/bin/env node
// `npm run web -- --port N`: builds the renderer (the same build Electron loads) and serves it on
// 127.0.0.1 for a plain browser. Used by the e2e suite and by anyone without Electron.
import { spawnSync } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStaticServer } from './static-server.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`)
  if (index === -1) return fallback
  return process.argv[index + 1] ?? fallback
}

const port = Number(option('port', process.env.PORT ?? '5180'))
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`Port tidak valid: ${option('port', '')}`)
  process.exit(2)
}

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

// `--dir out/renderer-64.72`: another district's build (NAUNGAN_RENDERER_OUT at build time).
const server = await startStaticServer({ root: resolve(root, option('dir', 'out/renderer')), port })
console.log(`Naungan (web) berjalan di http://127.0.0.1:${server.port}/`)

const stop = () => server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
