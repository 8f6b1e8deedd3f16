/**
 * `npm run lint` keeps the renderer's layers pointing down (docs/architecture.md): ESLint refuses
 * an import that runs up the layers (core/ and ui/ ← sync/ ← features ← app/) or that uses `../`
 * instead of an alias, and dpdm refuses an import cycle, an `import type` one and one written with
 * an alias included. Each check is run here on a file that breaks it, so a config edit
 * that silently disables one fails this test.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { afterEach, describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../../..')

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** The rule ids and messages ESLint reports for `code` as if it were the file at `filePath`. */
async function lintAs(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: repo })
  const results = await eslint.lintText(code, { filePath: join(repo, filePath) })
  return results
    .flatMap((result) => result.messages)
    .map((message) => ({ rule: message.ruleId, text: message.message }))
}

/** The restricted-import specifiers ESLint refuses in `lines`, linted as the file at `filePath`. */
async function refusedIn(filePath: string, lines: string[]) {
  const messages = await lintAs(filePath, [...lines, ''].join('\n'))
  return messages
    .filter((message) => message.rule === 'no-restricted-imports')
    .map((message) => ({ spec: message.text.split(' import ')[0], text: message.text }))
}

describe('imports that run up the renderer layers', () => {
  it('refuses core/ (the store included) importing app/, sync/ or a feature, even for a type', async () => {
    const refused = await refusedIn('renderer/src/core/store/layer-probe.ts', [
      "import { Shell } from '@/app/Shell'",
      "import type { SyncContextValue } from '@/sync/sync-context'",
      "import { registerParticipant } from '@/registration/registration-probe'",
      'export const probe = [Shell, registerParticipant] as unknown as SyncContextValue',
    ])
    expect(refused.map((entry) => entry.spec)).toEqual([
      "'@/app/Shell'",
      "'@/sync/sync-context'",
      "'@/registration/registration-probe'",
    ])
    expect(refused[0]?.text).toContain('core/ is the lowest layer')
  })

  it('lets core/ import core/, its own files, shared/ and resources/', async () => {
    const refused = await refusedIn('renderer/src/core/store/layer-probe.ts', [
      "import { district } from '@/core/district'",
      "import type { NaunganStore } from './database'",
      "import { currentTime } from '@shared/dates/clock'",
      "import config from '@resources/district/district.json'",
      'export const probe = [district, currentTime, config] as unknown as NaunganStore',
    ])
    expect(refused).toEqual([])
  })

  it('refuses ../ anywhere in the renderer, so no import can dodge the rules by its path', async () => {
    const refused = await refusedIn('renderer/src/registration/layer-probe.ts', [
      "import { currentTime } from '../../../shared/dates/clock'",
      "import { district } from '../core/district'",
      'export const probe = [currentTime, district]',
    ])
    expect(refused.map((entry) => entry.spec)).toEqual([
      "'../../../shared/dates/clock'",
      "'../core/district'",
    ])
    expect(refused[0]?.text).toContain('Use an alias')
  })

  it('refuses a feature importing app/ (the shell), and lets it import core/, ui/, sync/ and other features', async () => {
    const refused = await refusedIn('renderer/src/registration/layer-probe.ts', [
      "import { Shell } from '@/app/Shell'",
      "import { useApp } from '@/core/app-context'",
      "import { Notice } from '@/ui/Notice'",
      "import { useSync } from '@/sync/sync-context'",
      "import { RevealableNik } from '@/audit/RevealableNik'",
      'export const probe = [Shell, useApp, Notice, useSync, RevealableNik]',
    ])
    expect(refused.map((entry) => entry.spec)).toEqual(["'@/app/Shell'"])
    expect(refused[0]?.text).toContain('features sit below app/')
  })

  it('refuses ui/ (the kit) importing anything of the renderer, and lets it import its own files', async () => {
    const refused = await refusedIn('renderer/src/ui/LayerProbe.tsx', [
      "import { useI18n } from '@/core/i18n/i18n'",
      "import { Notice } from './Notice'",
      'export const probe = [useI18n, Notice]',
    ])
    expect(refused.map((entry) => entry.spec)).toEqual(["'@/core/i18n/i18n'"])
    expect(refused[0]?.text).toContain('ui/ is the lowest layer')
  })

  it('refuses sync/ importing a feature (auth/, audit/), and lets it take the session from core/', async () => {
    const refused = await refusedIn('renderer/src/sync/layer-probe.ts', [
      "import type { ServerSession } from '@/auth/server-session'",
      "import { AuditRefusedNotice } from '@/audit/AuditRefusedNotice'",
      "import type { Enrolment } from '@/core/enrolled-device'",
      'export type Probe = [ServerSession, Enrolment, typeof AuditRefusedNotice]',
    ])
    expect(refused.map((entry) => entry.spec)).toEqual([
      "'@/auth/server-session'",
      "'@/audit/AuditRefusedNotice'",
    ])
  })

  it("lets the catalogue read the features' message tables and nothing else of theirs", async () => {
    const refused = await refusedIn('renderer/src/core/i18n/messages-id.ts', [
      "import { adminMessagesId } from '@/admin/admin-messages'",
      "import { AdminScreen } from '@/admin/AdminScreen'",
      'export const probe = [adminMessagesId, AdminScreen]',
    ])
    expect(refused.map((entry) => entry.spec)).toEqual(["'@/admin/AdminScreen'"])
  })

  it('keeps a message table a leaf, and shared/ below the renderer', async () => {
    const table = await refusedIn('renderer/src/admin/probe-messages.ts', [
      "import { useI18n } from '@/core/i18n/i18n'",
      "import type { Messages } from '@shared/i18n/messages'",
      'export const probe = [useI18n] as unknown as Messages<object>',
    ])
    expect(table.map((entry) => entry.spec)).toEqual(["'@/core/i18n/i18n'"])
    const shared = await refusedIn('shared/probe/layer-probe.ts', [
      "import { district } from '@/core/district'",
      'export const probe = district',
    ])
    expect(shared.map((entry) => entry.spec)).toEqual(["'@/core/district'"])
  })
})

describe('screens and the store', () => {
  const DB_PROBE = [
    "import type { NaunganStore } from '@/core/store/database'",
    'export const probe = (store: NaunganStore) => store.db.participants.count().exec()',
    '',
  ].join('\n')
  const dbRefusals = async (filePath: string) =>
    (await lintAs(filePath, DB_PROBE)).filter(
      (message) => message.rule === 'no-restricted-syntax' && message.text.includes('store.db'),
    )

  it('refuses store.db in a screen or a screen hook, so screens go through repositories', async () => {
    expect(await dbRefusals('renderer/src/registration/LayerProbe.tsx')).toHaveLength(1)
    expect(await dbRefusals('renderer/src/registration/use-layer-probe.ts')).toHaveLength(1)
  })

  it('lets core/store and a feature repository use the database', async () => {
    expect(await dbRefusals('renderer/src/core/store/layer-probe.ts')).toEqual([])
    expect(await dbRefusals('renderer/src/registration/probe-repository.ts')).toEqual([])
  })

  it('keeps the clock rule in the same files', async () => {
    const messages = await lintAs(
      'renderer/src/registration/LayerProbe.tsx',
      'export const probe = () => new Date()\n',
    )
    expect(messages.map((message) => message.text)).toContain(
      'Ask the app clock: currentTime() from shared/dates/clock.ts.',
    )
  })
})

describe('import cycles', () => {
  /** `npm run lint:cycles` as package.json states it, on `glob` inside `cwd` instead of the app. */
  function lintCycles(cwd: string, glob: string) {
    const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    const script = packageJson.scripts['lint:cycles'] ?? ''
    // The flags as written (the check's behaviour), the app's globs replaced by the fixture's.
    const flags = script.slice(0, script.indexOf(" '")).replace(/^dpdm /, '')
    const dpdm = join(repo, 'node_modules/dpdm/lib/bin/dpdm.js')
    return spawnSync('sh', ['-c', `"${process.execPath}" "${dpdm}" ${flags} '${glob}'`], {
      cwd,
      encoding: 'utf8',
    })
  }

  function fixture(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'naungan-cycles-'))
    folders.push(dir)
    mkdirSync(join(dir, 'src'))
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'src', name), text)
    return dir
  }

  it('fails on a cycle made only of `import type`', () => {
    const dir = fixture({
      'database.ts':
        "import type { SyncState } from './sync-state'\nexport type Store = SyncState[]\n",
      'sync-state.ts':
        "import type { Store } from './database'\nexport type SyncState = { store: Store }\n",
    })
    const run = lintCycles(dir, 'src/**/*.ts')
    expect(run.status).toBe(1)
    // dpdm names the cycle from whichever file it reached first.
    expect(run.stdout).toMatch(
      /1\) src\/(database|sync-state)\.ts -> src\/(sync-state|database)\.ts\n/,
    )
  })

  it('follows the path aliases, so a cycle written with @/ is found too', () => {
    const dir = fixture({
      'database.ts':
        "import type { SyncState } from '@/sync-state'\nexport type Store = SyncState[]\n",
      'sync-state.ts':
        "import type { Store } from '@/database'\nexport type SyncState = { store: Store }\n",
    })
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
    )
    const run = lintCycles(dir, 'src/**/*.ts')
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(
      /1\) src\/(database|sync-state)\.ts -> src\/(sync-state|database)\.ts\n/,
    )
  })

  it('passes once the shared type sits in a leaf module both import', () => {
    const dir = fixture({
      'store-types.ts': 'export type Store = { name: string }[]\n',
      'database.ts':
        "import type { Store } from './store-types'\nexport const stores: Store = []\n",
      'sync-state.ts':
        "import type { Store } from './store-types'\nexport type SyncState = Store\n",
    })
    const run = lintCycles(dir, 'src/**/*.ts')
    expect(run.stderr).not.toContain('Error')
    expect(run.status).toBe(0)
  })
})
