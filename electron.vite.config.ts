import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { districtDir, pathAliases } from './scripts/path-aliases.mjs'
import { loadDistrictFromText } from './shared/district/district-config'

const root = import.meta.dirname

/**
 * Build targets, stated rather than looked up: electron-vite 6.0.0 maps Electron majors to Node
 * and Chrome versions only up to Electron 44 and silently uses 44's for anything newer. These are
 * deliberate lower bounds that Electron 45 (Node 24, Chrome ≥ 150) and Debian's Chromium (the
 * browser build, `npm run web`) both run; raising them only drops transpilation.
 */
const NODE_TARGET = 'node22.12'
/** Shown under Pengaturan in the browser build; Electron reads the same field via app.getVersion(). */
const PACKAGE = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  version: string
  devDependencies: Record<string, string>
}
const APP_VERSION = PACKAGE.version
/** The Kemendagri edition the region tables come from (ODbL: the app names its source). */
const REGION_EDITION = `idn-area-data ${PACKAGE.devDependencies['idn-area-data'] ?? '?'}`
const CHROME_TARGET = 'chrome140'

/**
 * The district folder is checked before anything is built: a mistake in district.json stops the
 * build with its line and the reason in Indonesian (the app would refuse to start on it anyway).
 */
function districtCheck(): Plugin {
  return {
    name: 'naungan-district-check',
    buildStart() {
      const dir = districtDir(root)
      try {
        loadDistrictFromText(
          readFileSync(resolve(dir, 'district.json'), 'utf8'),
          readFileSync(resolve(dir, 'wilayah.csv'), 'utf8'),
        )
      } catch (error) {
        this.error(`${dir}: ${error instanceof Error ? error.message : String(error)}`)
      }
    },
  }
}

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
    plugins: [districtCheck(), react()],
    resolve: { alias: pathAliases(root) },
    define: {
      'import.meta.env.VITE_APP_VERSION': JSON.stringify(APP_VERSION),
      'import.meta.env.VITE_REGION_EDITION': JSON.stringify(REGION_EDITION),
    },
    build: {
      target: CHROME_TARGET,
      // A second district's build for the e2e suite goes beside the default one
      // (NAUNGAN_RENDERER_OUT, with NAUNGAN_DISTRICT_DIR: docs/district-config.md).
      outDir: resolve(root, process.env.NAUNGAN_RENDERER_OUT || 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
    server: { host: '127.0.0.1' },
  },
})
