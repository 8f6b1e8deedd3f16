import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { pathAliases } from '../../../scripts/path-aliases.mjs'

const root = resolve(import.meta.dirname, '../../..')

/** Builds the dashboard bench page into out/dashboard-bench; the driver deletes it afterwards. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  // The app's aliases, `@district/` among them: the print client's logo glob goes through it.
  resolve: { alias: pathAliases(root) },
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/dashboard-bench'),
    emptyOutDir: true,
    rollupOptions: {
      input: { 'dashboard-bench': resolve(import.meta.dirname, 'dashboard-bench.html') },
    },
  },
})
