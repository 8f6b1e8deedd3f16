import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { pathAliases } from '../../scripts/path-aliases.mjs'

const root = resolve(import.meta.dirname, '../..')

/**
 * Builds the bench-only page (tests/bench/bench.html) into out/bench. It is not an input of the
 * app's build (electron.vite.config.ts), and `npm run bench` deletes out/bench when it finishes,
 * so electron-builder (which packs out/**) never sees it.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  // The app's aliases, `@district/` among them: the print client's logo glob goes through it.
  resolve: { alias: pathAliases(root) },
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/bench'),
    emptyOutDir: true,
    rollupOptions: { input: { bench: resolve(import.meta.dirname, 'bench.html') } },
  },
})
