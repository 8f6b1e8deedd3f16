import { CARD_PRINTING_OFFICE_KINDS, CARD_PRINTING_ROLES } from '@shared/cards/card-offices'
import { ROLES, type OfficeKind, type Role } from '@shared/sync/sync-protocol'
import type { MessageKey } from './i18n/messages-id'

/**
 * Every screen of the app, once: its address, its place in the navigation, its Alt+digit
 * shortcut, and who may open it. Routing (hash-route.ts), the navigation, the shortcuts and the
 * access check all read this list, the way Excalidraw's menus and shortcuts read its action
 * registry; a new screen is one entry here and one view in screen-views.tsx (the compiler refuses
 * a screen without a view).
 *
 * The views live apart because every feature imports `hrefOf` from here (through hash-route.ts):
 * were the components here too, each feature would import every other one.
 */

/** Who is at the keyboard: a standalone PC (no server), or a signed-in user of an office. */
export type Viewer =
  { kind: 'standalone' } | { kind: 'enrolled'; role: Role; officeKind: OfficeKind }

/** Groups of the navigation, by job, in the order shown. */
export const NAV_GROUPS = [
  'registration',
  'participants',
  'checks',
  'coverage',
  'cards',
  'reports',
  'administration',
] as const
export type NavGroup = (typeof NAV_GROUPS)[number]

export const NAV_GROUP_LABELS: Record<NavGroup, MessageKey> = {
  registration: 'nav.group.registration',
  participants: 'nav.group.participants',
  checks: 'nav.group.checks',
  coverage: 'nav.group.coverage',
  cards: 'nav.group.cards',
  reports: 'nav.group.reports',
  administration: 'nav.group.administration',
}

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9'

export interface Access {
  /** May a standalone PC (no server, no sign-in) open it? */
  standalone: boolean
  /** On an enrolled PC: the signed-in user's role and the PC's office kind must both be listed. */
  roles: readonly Role[]
  officeKinds: readonly OfficeKind[]
}

export interface ScreenEntry {
  /** The hash path, `#` left off (`/cetak`); a screen with parameters reads them in parseRoute. */
  path: string
  /** In the navigation under this group, with this label; null: reached through links only. */
  nav: { group: NavGroup; label: MessageKey } | null
  /** Alt+<digit> opens the screen from anywhere. */
  shortcut: Digit | null
  access: Access
}

const ALL_KINDS: readonly OfficeKind[] = ['kecamatan', 'agency', 'central']
const EVERYONE: Access = { standalone: true, roles: ROLES, officeKinds: ALL_KINDS }
const SIGNED_IN = (roles: readonly Role[], officeKinds = ALL_KINDS): Access => ({
  standalone: false,
  roles,
  officeKinds,
})

export const SCREENS = {
  // Only kecamatan offices register people (district-wide offices see all, register none), and
  // verifiers never create a record (shared/workflow/workflow.ts: VERIFIER_CANNOT_SUBMIT).
  register: {
    path: '/daftar',
    nav: { group: 'registration', label: 'nav.register' },
    shortcut: '1',
    access: { standalone: true, roles: ['operator', 'supervisor'], officeKinds: ['kecamatan'] },
  },
  // Verifiers import their agency's decisions, supervisors existing BPJS members, clerks lists.
  import: {
    path: '/impor',
    nav: { group: 'registration', label: 'nav.import' },
    shortcut: null,
    access: EVERYONE,
  },
  participants: {
    path: '/peserta',
    nav: { group: 'participants', label: 'nav.participants' },
    shortcut: '2',
    access: EVERYONE,
  },
  participant: {
    path: '/peserta/:id',
    nav: null,
    shortcut: null,
    access: EVERYONE,
  },
  // Deaths are reported at any office that holds the record (workflow.ts `report-death`):
  // clerks and supervisors, also on a standalone PC; verifiers never.
  deaths: {
    path: '/kematian',
    nav: { group: 'participants', label: 'nav.deaths' },
    shortcut: null,
    access: {
      standalone: true,
      roles: ['operator', 'supervisor', 'admin'],
      officeKinds: ALL_KINDS,
    },
  },
  // Claim assistance for the heirs: the same offices as deaths (claim-case.ts `canHandleClaim`).
  claims: {
    path: '/klaim',
    nav: { group: 'participants', label: 'nav.claims' },
    shortcut: null,
    access: {
      standalone: true,
      roles: ['operator', 'supervisor', 'admin'],
      officeKinds: ALL_KINDS,
    },
  },
  // The annual re-check: kecamatan clerks and agency verifiers decide, supervisors too and make
  // the decree list (reverification-decision.ts `canDecide`); an admin only reads it.
  reverification: {
    path: '/verifikasi-ulang',
    nav: { group: 'checks', label: 'nav.reverification' },
    shortcut: null,
    access: {
      standalone: true,
      roles: ['operator', 'verifier', 'supervisor', 'admin'],
      officeKinds: ALL_KINDS,
    },
  },
  queue: {
    path: '/pemeriksaan',
    nav: { group: 'checks', label: 'nav.queue' },
    shortcut: '8',
    access: SIGNED_IN(['verifier', 'supervisor', 'admin']),
  },
  // Batches to and answers from BPJS: server/enrolment-batches.ts lets only these roles in.
  batches: {
    path: '/kepesertaan',
    nav: { group: 'coverage', label: 'nav.batches' },
    shortcut: null,
    access: SIGNED_IN(['supervisor', 'admin']),
  },
  // BPJS's monthly bills, payments and the continuity guard: server/bills.ts lets only these in.
  billing: {
    path: '/tagihan',
    nav: { group: 'coverage', label: 'nav.billing' },
    shortcut: null,
    access: SIGNED_IN(['supervisor', 'admin']),
  },
  // Cards are signed by clerks and supervisors of kecamatan and central PCs (docs/printing.md);
  // agencies only verify.
  print: {
    path: '/cetak',
    nav: { group: 'cards', label: 'nav.print' },
    shortcut: '6',
    access: {
      standalone: true,
      roles: CARD_PRINTING_ROLES,
      officeKinds: CARD_PRINTING_OFFICE_KINDS,
    },
  },
  verify: {
    path: '/verifikasi',
    nav: { group: 'cards', label: 'nav.verify' },
    shortcut: '7',
    access: EVERYONE,
  },
  dashboard: {
    path: '/dasbor',
    nav: { group: 'reports', label: 'nav.dashboard' },
    shortcut: '0',
    access: EVERYONE,
  },
  audit: {
    path: '/audit',
    nav: { group: 'reports', label: 'nav.audit' },
    shortcut: '9',
    access: SIGNED_IN(['supervisor', 'admin']),
  },
  // Accounts and devices of the district: the central admin (server/accounts.ts).
  admin: {
    path: '/admin',
    nav: { group: 'administration', label: 'nav.admin' },
    shortcut: '5',
    access: SIGNED_IN(['admin'], ['central']),
  },
  settings: {
    path: '/pengaturan',
    nav: { group: 'administration', label: 'nav.settings' },
    shortcut: '3',
    access: EVERYONE,
  },
  'sync-problems': {
    path: '/sinkronisasi',
    nav: { group: 'administration', label: 'nav.syncProblems' },
    shortcut: '4',
    access: SIGNED_IN(ROLES),
  },
  // "Hubungkan ke server pusat": linked from the settings of a standalone PC; once enrolled the
  // address shows the enrolment summary.
  enrol: {
    path: '/perangkat',
    nav: null,
    shortcut: null,
    access: EVERYONE,
  },
} as const satisfies Record<string, ScreenEntry>

export type ScreenId = keyof typeof SCREENS
export const SCREEN_IDS = Object.keys(SCREENS) as ScreenId[]

export function entryOf(id: ScreenId): ScreenEntry {
  return SCREENS[id]
}

export function mayOpen(viewer: Viewer, id: ScreenId): boolean {
  const { access } = entryOf(id)
  if (viewer.kind === 'standalone') return access.standalone
  return access.roles.includes(viewer.role) && access.officeKinds.includes(viewer.officeKind)
}

/** The navigation of `viewer`: only the screens they may open, grouped by job, groups in order. */
export function navigationOf(
  viewer: Viewer,
): { group: NavGroup; screens: { id: ScreenId; label: MessageKey; shortcut: Digit | null }[] }[] {
  return NAV_GROUPS.map((group) => ({
    group,
    screens: SCREEN_IDS.flatMap((id) => {
      const { nav, shortcut } = entryOf(id)
      return nav && nav.group === group && mayOpen(viewer, id)
        ? [{ id, label: nav.label, shortcut }]
        : []
    }),
  })).filter(({ screens }) => screens.length > 0)
}

export function screenOfShortcut(key: string): ScreenId | null {
  return SCREEN_IDS.find((id) => entryOf(id).shortcut === key) ?? null
}

/**
 * Where a user lands after signing in: the first of these they may open, the screen they use
 * most. Verifiers and supervisors work from the checks queue, the admin from Administrasi, clerks
 * register walk-ins (a clerk of a district-wide office registers nobody: the participant list).
 */
const LANDING: Record<Role | 'standalone', readonly ScreenId[]> = {
  standalone: ['register'],
  operator: ['register', 'participants'],
  verifier: ['queue'],
  supervisor: ['queue'],
  admin: ['admin'],
}

export function landingScreenOf(viewer: Viewer): ScreenId {
  const preferred = LANDING[viewer.kind === 'standalone' ? 'standalone' : viewer.role]
  return preferred.find((id) => mayOpen(viewer, id)) ?? 'participants'
}

// ---- Addresses ------------------------------------------------------------------------------

/** A screen and its parameters, as its address holds them. */
export type Route =
  | { screen: Exclude<ScreenId, 'participant'> }
  | { screen: 'participant'; id: string; mode: 'view' | 'edit' }

const PARTICIPANT_PATH = /^\/peserta\/([\w-]{1,40})(\/ubah)?$/

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  const participant = PARTICIPANT_PATH.exec(path)
  if (participant) {
    return {
      screen: 'participant',
      id: participant[1] as string,
      mode: participant[2] ? 'edit' : 'view',
    }
  }
  const screen = SCREEN_IDS.find((id) => id !== 'participant' && SCREENS[id].path === path)
  // An unknown address (and the first start's empty one) is the registration screen, as before.
  return screen && screen !== 'participant' ? { screen } : { screen: 'register' }
}

export function hrefOf(route: Route): string {
  if (route.screen === 'participant') {
    return `#/peserta/${route.id}${route.mode === 'edit' ? '/ubah' : ''}`
  }
  return `#${SCREENS[route.screen].path}`
}
