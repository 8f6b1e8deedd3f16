import { defineConfig } from '@playwright/test'
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  E2E_PORT,
  SECOND_DISTRICT,
} from './tests/e2e/support/chromium'

/**
 * The Chromium suite drives the real built renderer (`npm run web`) in Debian's Chromium. It
 * carries the product's behaviour; the Electron spec in tests/e2e/electron runs the same story
 * wherever an Electron binary exists.
 */
export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The list, plus a line for each skipped test saying why it was skipped.
  reporter: [['list'], ['./tests/e2e/support/skip-reasons-reporter.ts']],
  // A temp folder for the run, removed at its end: profiles, server data, backups (temp-root.ts).
  globalSetup: './tests/e2e/support/temp-root.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}/`,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
  },
  // The shipped district (Kukar) runs every story; Kota Samarinda's build, made from its folder
  // alone, runs the second-district journey (issue 19).
  projects: [
    { name: 'kukar', testIgnore: /second-district\.spec\.ts$/ },
    {
      name: 'samarinda',
      testMatch: /second-district\.spec\.ts$/,
      use: { baseURL: SECOND_DISTRICT.appUrl },
    },
  ],
  webServer: [
    {
      command: `node scripts/web.mjs --no-build --port ${E2E_PORT}`,
      url: `http://127.0.0.1:${E2E_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node scripts/web.mjs --no-build --port ${E2E_PORT + 1} --dir ${SECOND_DISTRICT.buildDir}`,
      url: SECOND_DISTRICT.appUrl,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
})
