import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { pathAliases } from '../../../scripts/path-aliases.mjs'

const root = resolve(import.meta.dirname, '../../..')

/**
 * Builds the import bench page (tests/bench/import/import-bench.html) into out/import-bench, with
 * Vite's defaults for the import worker, as the app ships it. The driver deletes out/import-bench
 * afterwards: electron-builder packs out/**.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  // The app's aliases, `@district/` among them: the print client's logo glob goes through it.
  resolve: { alias: pathAliases(root) },
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/import-bench'),
    emptyOutDir: true,
    // IMPORT_PROFILE=1: readable function names in the CPU profile (Dexie ships minified).
    ...(process.env.IMPORT_PROFILE ? { minify: false } : {}),
    rollupOptions: {
      input: { 'import-bench': resolve(import.meta.dirname, 'import-bench.html') },
    },
  },
})
