import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { pathAliases } from './scripts/path-aliases.mjs'

const root = import.meta.dirname

/**
 * Build targets, stated rather than looked up: electron-vite 6.0.0 maps Electron majors to Node
 * and Chrome versions only up to Electron 44 and silently uses 44's for anything newer. These are
 * deliberate lower bounds that Electron 45 (Node 24, Chrome ≥ 150) and Debian's Chromium (the
 * browser build, `npm run web`) both run; raising them only drops transpilation.
 */
const NODE_TARGET = 'node22.12'
/** Shown under Pengaturan in the browser build; Electron reads the same field via app.getVersion(). */
const APP_VERSION = (
  JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }
).version
const CHROME_TARGET = 'chrome140'

// One renderer build serves both Electron (app://) and the plain-browser build (`npm run web`):
// `base: './'` keeps every asset URL relative so the same files work under either origin.
export default defineConfig({
  main: {
    build: {
      target: NODE_TARGET,
      outDir: resolve(root, 'out/main'),
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      target: NODE_TARGET,
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload must be a single CommonJS file with no require() of node_modules.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    publicDir: false,
    plugins: [react()],
    resolve: { alias: pathAliases(root) },
    define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(APP_VERSION) },
    build: {
      target: CHROME_TARGET,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
    server: { host: '127.0.0.1' },
  },
})
