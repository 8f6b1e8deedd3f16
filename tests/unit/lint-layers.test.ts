/**
 * `npm run lint` keeps the renderer's layers pointing down (docs/architecture.md): ESLint refuses
 * an import from store/ or core/ up into the folders above them, and dpdm refuses an import cycle,
 * an `import type` one included. Each check is run here on a file that breaks it, so a config edit
 * that silently disables one fails this test.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { afterEach, describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../..')

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

describe('imports that run up the renderer layers', () => {
  it('refuses store/ importing app/, sync/ or a feature, even for a type', async () => {
    const messages = await lintAs(
      'renderer/src/store/layer-probe.ts',
      [
        "import { district } from '../app/district'",
        "import type { SyncContextValue } from '../sync/sync-context'",
        "import { registerParticipant } from '../registration/registration-probe'",
        'export const probe = [district, registerParticipant] as unknown as SyncContextValue',
        '',
      ].join('\n'),
    )
    const refused = messages.filter((message) => message.rule === 'no-restricted-imports')
    expect(refused.map((message) => message.text.split(' import ')[0])).toEqual([
      "'../app/district'",
      "'../sync/sync-context'",
      "'../registration/registration-probe'",
    ])
    expect(refused[0]?.text).toContain('store/ sits below')
  })

  it('lets store/ import core/, its own files and shared/', async () => {
    const messages = await lintAs(
      'renderer/src/store/layer-probe.ts',
      [
        "import { district } from '../core/district'",
        "import type { NaunganStore } from './database'",
        "import { currentTime } from '../../../shared/dates/clock'",
        'export const probe = [district, currentTime] as unknown as NaunganStore',
        '',
      ].join('\n'),
    )
    expect(messages).toEqual([])
  })

  it('refuses core/ importing anything of the renderer above it', async () => {
    const messages = await lintAs(
      'renderer/src/core/layer-probe.ts',
      [
        "import type { NaunganStore } from '../store/database'",
        "import { currentTime } from '../../../shared/dates/clock'",
        'export const probe = currentTime as unknown as NaunganStore',
        '',
      ].join('\n'),
    )
    expect(messages.map((message) => message.rule)).toEqual(['no-restricted-imports'])
  })

  it('refuses ui/ (the kit) importing anything of the renderer, and lets it import its own files', async () => {
    const messages = await lintAs(
      'renderer/src/ui/LayerProbe.tsx',
      [
        "import { useI18n } from '../i18n/i18n'",
        "import { Notice } from './Notice'",
        'export const probe = [useI18n, Notice]',
        '',
      ].join('\n'),
    )
    const refused = messages.filter((message) => message.rule === 'no-restricted-imports')
    expect(refused.map((message) => message.text.split(' import ')[0])).toEqual(["'../i18n/i18n'"])
    expect(refused[0]?.text).toContain('ui/ is the lowest layer')
  })

  it('refuses sync/ importing auth/ (the session and enrolment come from core/)', async () => {
    const messages = await lintAs(
      'renderer/src/sync/layer-probe.ts',
      [
        "import type { ServerSession } from '../auth/server-session'",
        "import type { Enrolment } from '../core/enrolment'",
        'export type Probe = [ServerSession, Enrolment]',
        '',
      ].join('\n'),
    )
    expect(messages.map((message) => message.text.split(' import ')[0])).toEqual([
      "'../auth/server-session'",
    ])
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
