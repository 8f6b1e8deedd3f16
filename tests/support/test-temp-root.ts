/**
 * Vitest setup: every test file gets a temp folder of its own, removed when the file ends, and
 * the process's temp dir (TMPDIR) points into it meanwhile. Whatever the file writes "in /tmp" —
 * a test server's PGlite data folder, a backup, a LibreOffice profile, the files RxDB's
 * BroadcastChannel falls back to in Node (`pubkey.bc`), a spawned server's own temp files — goes
 * with it, however the test ended.
 *
 * Before this, servers' data folders and RxDB's channel files stayed behind: one day of runs left
 * over 2,000 folders and 70 GB in /tmp, and a CI run died with a full disk (ENOSPC). It also keeps
 * test files apart: RxDB's Node channel is shared through /tmp, so two files that happened to open
 * a database of the same name heard each other's writes.
 *
 * Vitest runs each test file in a fresh child process (the forks pool, isolated; see
 * vitest.config.mts), so setting the environment here reaches `os.tmpdir()` and every child the
 * file spawns, and no module has read the old value yet.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const TEMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const
const before = Object.fromEntries(TEMP_VARIABLES.map((name) => [name, process.env[name]]))
const root = mkdtempSync(join(tmpdir(), 'naungan-test-'))
// Others may pass through (not list): the PostgreSQL fixture runs its server as the postgres user
// on a folder it was given inside.
chmodSync(root, 0o711)
for (const name of TEMP_VARIABLES) process.env[name] = root

// Registered before the test file's own hooks, so it runs after them (vitest runs after-hooks
// in reverse): the servers the file closes in its afterAll are closed by then.
afterAll(() => {
  for (const name of TEMP_VARIABLES) {
    const value = before[name]
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  rmSync(root, { recursive: true, force: true, maxRetries: 3 })
})
