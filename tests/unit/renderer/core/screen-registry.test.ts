import { describe, expect, it } from 'vitest'
import type { OfficeKind, Role } from '@shared/sync/sync-protocol'
import {
  SCREEN_IDS,
  SCREENS,
  hrefOf,
  parseRoute,
  landingScreenOf,
  mayOpen,
  navigationOf,
  screenOfShortcut,
  type Route,
  type ScreenId,
  type Viewer,
} from '@/core/screen-registry'

/** Every pairing the server allows (shared/sync/office-roles.ts), and a standalone PC. */
const VIEWERS: Viewer[] = [
  { kind: 'standalone' },
  ...(
    [
      ['operator', 'kecamatan'],
      ['supervisor', 'kecamatan'],
      ['verifier', 'agency'],
      ['operator', 'central'],
      ['supervisor', 'central'],
      ['admin', 'central'],
    ] as [Role, OfficeKind][]
  ).map(([role, officeKind]): Viewer => ({ kind: 'enrolled', role, officeKind })),
]

const navIds = (viewer: Viewer): ScreenId[] =>
  navigationOf(viewer).flatMap(({ screens }) => screens.map(({ id }) => id))

describe('the screen registry', () => {
  it('gives every screen its own address and every shortcut one screen', () => {
    const paths = SCREEN_IDS.map((id) => SCREENS[id].path)
    expect(new Set(paths).size).toBe(paths.length)
    const shortcuts = SCREEN_IDS.flatMap((id) => SCREENS[id].shortcut ?? [])
    expect(new Set(shortcuts).size).toBe(shortcuts.length)
  })

  it('keeps the Alt+digit keys the clerks know', () => {
    const expected: Record<string, ScreenId> = {
      '1': 'register',
      '2': 'participants',
      '3': 'settings',
      '4': 'sync-problems',
      '5': 'admin',
      '6': 'print',
      '7': 'verify',
      '8': 'queue',
      '9': 'audit',
      '0': 'dashboard',
    }
    for (const [key, screen] of Object.entries(expected)) {
      expect(screenOfShortcut(key)).toBe(screen)
    }
    expect(screenOfShortcut('x')).toBeNull()
  })

  it('reads back each address it writes', () => {
    for (const id of SCREEN_IDS) {
      const route: Route =
        id === 'participant' ? { screen: id, id: 'abc-123', mode: 'edit' } : { screen: id }
      expect(parseRoute(hrefOf(route))).toEqual(route)
    }
    expect(parseRoute('#/tidak-ada')).toEqual({ screen: 'register' })
    expect(parseRoute('')).toEqual({ screen: 'register' })
  })

  it('lands each user on a screen they may open', () => {
    for (const viewer of VIEWERS) {
      expect(mayOpen(viewer, landingScreenOf(viewer)), JSON.stringify(viewer)).toBe(true)
    }
    const landing = (role: Role, officeKind: OfficeKind) =>
      landingScreenOf({ kind: 'enrolled', role, officeKind })
    expect(landingScreenOf({ kind: 'standalone' })).toBe('register')
    expect(landing('operator', 'kecamatan')).toBe('register')
    expect(landing('operator', 'central')).toBe('participants')
    expect(landing('verifier', 'agency')).toBe('queue')
    expect(landing('supervisor', 'central')).toBe('queue')
    expect(landing('admin', 'central')).toBe('admin')
  })

  it('shows each user only the screens they may open', () => {
    for (const viewer of VIEWERS) {
      for (const id of navIds(viewer)) expect(mayOpen(viewer, id)).toBe(true)
    }
    // A standalone PC keeps what it had: everything but the screens that need the server. Deaths,
    // claims and the annual re-check are handled at any office, a PC without a server included.
    expect(navIds({ kind: 'standalone' })).toEqual([
      'register',
      'import',
      'participants',
      'deaths',
      'claims',
      'reverification',
      'print',
      'verify',
      'dashboard',
      'settings',
    ])
    expect(navIds({ kind: 'enrolled', role: 'verifier', officeKind: 'agency' })).toEqual([
      'import',
      'participants',
      'reverification',
      'queue',
      'verify',
      'dashboard',
      'settings',
      'sync-problems',
    ])
    expect(navIds({ kind: 'enrolled', role: 'operator', officeKind: 'kecamatan' })).not.toContain(
      'queue',
    )
    // Verifiers never report deaths or handle claims (workflow.ts, claim-case.ts).
    for (const id of ['deaths', 'claims', 'billing'] as const) {
      expect(mayOpen({ kind: 'enrolled', role: 'verifier', officeKind: 'agency' }, id)).toBe(false)
    }
    // Agency verifiers re-check people too (reverification-decision.ts `canDecide`).
    expect(
      mayOpen({ kind: 'enrolled', role: 'verifier', officeKind: 'agency' }, 'reverification'),
    ).toBe(true)
    // Bills and payments are the supervisors' and admins' (server/bills.ts).
    expect(
      mayOpen({ kind: 'enrolled', role: 'operator', officeKind: 'kecamatan' }, 'billing'),
    ).toBe(false)
    expect(mayOpen({ kind: 'enrolled', role: 'supervisor', officeKind: 'central' }, 'admin')).toBe(
      false,
    )
  })
})
