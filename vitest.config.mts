import { defineConfig } from 'vitest/config'
import { pathAliases } from './scripts/path-aliases.mjs'

/**
 * RxDB's free Dexie storage prints its "Open Core" notice once per JS context, which is once per
 * test file here. The notice is RxDB's to print (we use the open core honestly); the test output
 * shows it once per run.
 */
const RXDB_NOTICE = 'RxDB Open Core RxStorage'
// The moved-clock runs (npm run test:clock) follow the main run, which has shown it already.
let hasShownRxdbNotice = process.env.NAUNGAN_TEST_SYSTEM_TIME !== undefined

export default defineConfig({
  resolve: { alias: pathAliases(import.meta.dirname) },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/sync/**/*.test.ts'],
    environment: 'node',
    // With NAUNGAN_TEST_SYSTEM_TIME set (npm run test:clock), each test process starts with the
    // machine's clock moved there.
    // Each test file also gets a temp folder of its own, removed when it ends
    // (tests/support/test-temp-root.ts); that relies on a fresh process per file, as here.
    setupFiles: ['tests/support/moved-system-clock.ts', 'tests/support/test-temp-root.ts'],
    pool: 'forks',
    isolate: true,
    // The store tests open real (fake-indexeddb) RxDB databases: give them room on 2 cores.
    testTimeout: 20_000,
    // Hooks start real servers (PGlite with every migration, sometimes two or a PostgreSQL
    // cluster): a CI run on 2 busy cores once took more than the default 10 s for two of them.
    hookTimeout: 60_000,
    onConsoleLog(log) {
      if (!log.includes(RXDB_NOTICE)) return undefined
      if (hasShownRxdbNotice) return false
      hasShownRxdbNotice = true
      return undefined
    },
  },
})
