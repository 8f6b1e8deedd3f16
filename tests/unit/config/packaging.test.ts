/**
 * electron-builder cannot run here (no Electron binary), so its configuration is checked as
 * written: the security fuses, what ships in the installer and what does not, and where updates
 * come from. The modules main and the preload load at run time are derived from their sources
 * (and from out/ when a build is there), so excluding one of them fails here, not on a clerk's PC.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../../..')

// js-yaml is in node_modules through ESLint (a devDependency): no new dependency for one test.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

interface BuilderConfig {
  asar?: boolean
  files?: string[]
  electronFuses?: Record<string, boolean>
  publish?: { provider?: string; url?: string }[] | { provider?: string; url?: string }
}

const config = yaml.load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const files = config.files ?? []
const includes = files.filter((pattern) => !pattern.startsWith('!'))
const excludedModules = files.flatMap((pattern) => {
  const match = /^!\*\*\/node_modules\/(.+)\/\*\*$/.exec(pattern)
  return match ? [match[1]!] : []
})

interface LockPackage {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}
const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockPackage>
}
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}

/** Every package reachable from `roots` through package-lock.json (top-level install). */
function closureOf(roots: string[]): Set<string> {
  const seen = new Set<string>()
  const stack = [...roots]
  for (let guard = 0; stack.length > 0 && guard < 100_000; guard++) {
    const name = stack.pop()!
    if (seen.has(name)) continue
    seen.add(name)
    const entry = lock.packages[`node_modules/${name}`] ?? {}
    stack.push(
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter(
        (peer) => lock.packages[`node_modules/${peer}`] !== undefined,
      ),
    )
  }
  return seen
}

/** The server's packages: the app never loads them (server/ is not part of any bundle). */
const SERVER_ONLY = ['@electric-sql/pglite', 'argon2', 'pg']

function packageNameOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '/index.ts']

function resolveSource(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@shared/')
    ? join(repo, 'shared', specifier.slice('@shared/'.length))
    : resolve(dirname(from), specifier)
  if (existsSync(base) && !base.endsWith('/') && /\.(ts|tsx|mts)$/.test(base)) return base
  for (const extension of SOURCE_EXTENSIONS) {
    const candidate = base.replace(/\.js$/, '') + extension
    if (existsSync(candidate)) return candidate
  }
  return null
}

/** Bare modules imported (not `import type`) by the sources reachable from `entry`. */
function runtimeImportsOf(entry: string): Set<string> {
  const modules = new Set<string>()
  const seen = new Set<string>()
  const stack = [entry]
  for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
    const file = stack.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    const specifiers = [
      ...text.matchAll(/^\s*import\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm),
      ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
      ...text.matchAll(/^\s*export\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm),
      ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
    ].map((match) => match[1]!)
    for (const specifier of specifiers) {
      if (specifier.startsWith('.') || specifier.startsWith('@shared/')) {
        const resolved = resolveSource(file, specifier)
        if (resolved) stack.push(resolved)
      } else if (!specifier.startsWith('node:')) {
        modules.add(packageNameOf(specifier))
      }
    }
  }
  return modules
}

/** `require("x")` / `from "x"` left in a built bundle: what it loads from node_modules. */
function externalsOfBuild(dir: string): Set<string> {
  const modules = new Set<string>()
  if (!existsSync(dir)) return modules
  for (const name of readdirSync(dir)) {
    if (!/\.(c|m)?js$/.test(name)) continue
    const text = readFileSync(join(dir, name), 'utf8')
    for (const match of text.matchAll(/(?:require\(|from\s*)["']([^"'./][^"']*)["']/g)) {
      if (!match[1]!.startsWith('node:')) modules.add(packageNameOf(match[1]!))
    }
  }
  return modules
}

describe('the installer electron-builder makes', () => {
  it('flips the fuses security requires, and keeps the app in an asar', () => {
    expect(config.asar).toBe(true)
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('ships the build output only: no sources, tests, docs, server or e2e builds', () => {
    expect(includes.length).toBeGreaterThan(0)
    for (const pattern of includes) {
      expect(
        /^out\/(main|preload|renderer)\/\*\*$/.test(pattern) ||
          pattern === 'resources/fonts/OFL.txt',
        pattern,
      ).toBe(true)
    }
  })

  it("excludes the server's packages and everything only they pull in", () => {
    const app = closureOf(
      Object.keys(packageJson.dependencies).filter((name) => !SERVER_ONLY.includes(name)),
    )
    const serverOnly = [...closureOf(SERVER_ONLY)].filter((name) => !app.has(name))
    expect(serverOnly).toEqual(expect.arrayContaining(SERVER_ONLY))
    expect(excludedModules.sort()).toEqual(serverOnly.sort())
  })

  it('excludes nothing main or the preload loads at run time', () => {
    const fromSources = new Set([
      ...runtimeImportsOf(join(repo, 'electron/main/index.ts')),
      ...runtimeImportsOf(join(repo, 'electron/preload/index.ts')),
    ])
    // electron-vite bundles everything else into out/main; only "dependencies" stay external.
    expect(fromSources.has('electron')).toBe(true)
    const fromBuild = new Set([
      ...externalsOfBuild(join(repo, 'out/main')),
      ...externalsOfBuild(join(repo, 'out/preload')),
    ])
    for (const name of [...fromSources, ...fromBuild]) {
      expect(excludedModules, name).not.toContain(name)
      for (const needed of closureOf([name]))
        expect(excludedModules, `${name} → ${needed}`).not.toContain(needed)
    }
  })

  it('looks for updates with the generic provider on the district server', () => {
    const publish = Array.isArray(config.publish) ? config.publish : [config.publish]
    expect(publish).toHaveLength(1)
    expect(publish[0]?.provider).toBe('generic')
    // Served by server/updates.ts at /updates/<file>; https, the district's own host.
    expect(publish[0]?.url).toMatch(/^https:\/\/[^/]+\/updates$/)
  })

  it("passes electron-builder's own schema, and a misspelt key does not", async () => {
    // electron-builder (a devDependency, so `npm run dist` runs where Electron can be downloaded)
    // validates its configuration before it downloads anything: the same check, offline.
    const require = createRequire(join(repo, 'package.json'))
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>
    }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown }
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(
      validateConfiguration(
        { ...config, electronFuse: config.electronFuses },
        new DebugLogger(false),
      ),
    ).rejects.toThrow("unknown property 'electronFuse'")
  })
})
