import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/sync/**/*.test.ts'],
    environment: 'node',
    // The store tests open real (fake-indexeddb) RxDB databases: give them room on 2 cores.
    testTimeout: 20_000,
  },
})
