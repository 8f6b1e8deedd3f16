import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = resolve(import.meta.dirname, '../../..')

/** Builds the dashboard bench page into out/dashboard-bench; the driver deletes it afterwards. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/dashboard-bench'),
    emptyOutDir: true,
    rollupOptions: {
      input: { 'dashboard-bench': resolve(import.meta.dirname, 'dashboard-bench.html') },
    },
  },
})
