/**
 * Playwright global setup: one temp folder for the whole run, removed when the run ends, and the
 * temp dir (TMPDIR) pointing into it meanwhile. The workers and everything they start inherit it:
 * Chromium profiles, the sync stories' server process with its PGlite data folder and backups,
 * the CLI district's home. Before this those stayed in /tmp after every run (see
 * tests/support/test-temp-root.ts for the unit suites' counterpart and why it matters).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const TEMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const

export default function globalSetup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'naungan-e2e-'))
  for (const name of TEMP_VARIABLES) process.env[name] = root
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 })
}
