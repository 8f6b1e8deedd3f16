import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { pathAliases } from '../../../scripts/path-aliases.mjs'

const root = resolve(import.meta.dirname, '../../..')

/**
 * Builds the print bench page (tests/bench/print/print-bench.html) into out/print-bench. Like the
 * app's renderer build (electron.vite.config.ts) it leaves Vite's defaults for the print worker,
 * the `?url` fonts and the `import.meta.glob` logos, so the bench runs the worker as the app ships
 * it. The driver deletes out/print-bench afterwards: electron-builder packs out/**.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  // The app's aliases, `@district/` among them: the print client's logo glob goes through it.
  resolve: { alias: pathAliases(root) },
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/print-bench'),
    emptyOutDir: true,
    rollupOptions: { input: { 'print-bench': resolve(import.meta.dirname, 'print-bench.html') } },
  },
})
