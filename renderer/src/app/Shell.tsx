import { useLayoutEffect, type ReactNode } from 'react'
import { useI18n } from '@/core/i18n/i18n'
import type { MessageKey } from '@/core/i18n/messages-id'
import { useSync, type SyncContextValue } from '@/sync/sync-context'
import { SyncIndicator } from '@/sync/SyncIndicator'
import { UpdateNotice } from '@/updates/UpdateNotice'
import type { Enrolment } from '@/devices/device-enrolment'
import type { OfficeProfile } from '@/core/store/participant-repository'
import { useApp } from '@/core/app-context'
import { district } from '@/core/district'
import { hrefOf, navigate, useRoute, type Route } from '@/core/hash-route'
import {
  NAV_GROUP_LABELS,
  entryOf,
  landingScreenOf,
  mayOpen,
  navigationOf,
  screenOfShortcut,
  type ScreenId,
  type Viewer,
} from '@/core/screen-registry'
import { ContinuityGuard } from '@/billing/ContinuityGuard'
import type { Role } from '@shared/sync/roles'
import { SCREEN_VIEWS } from './screen-views'

/** Who is warned of unpaid contributions: those who record the payments (server/bills.ts). */
export const MAY_SEE_CONTINUITY: ReadonlySet<Role> = new Set(['supervisor', 'admin'])
const GUARD_IN_BODY: ReadonlySet<ScreenId> = new Set(['billing', 'dashboard'])
import './shell.css'

/**
 * The frame around every screen once the office is known: a one-line header (office, user,
 * sign-out, language), the sync state in one line under it (details on hover or focus), the
 * navigation down the left, and the screen. Sized for a 1024×768 office PC: the navigation never
 * wraps or pushes the page sideways, and a screen's title is in the first view.
 */

export function viewerOf(sync: SyncContextValue | null): Viewer {
  return sync
    ? { kind: 'enrolled', role: sync.user.role, officeKind: sync.enrolment.office.kind }
    : { kind: 'standalone' }
}

/** The header of every phase; before sign-in it names the product instead of the office. */
export function ShellHeader({ office, account }: { office?: ReactNode; account?: ReactNode }) {
  const { t, language, setLanguage } = useI18n()
  return (
    <header className="shell-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="shell-brand">
        <strong>{t('app.title')}</strong>
        <span className="shell-office">{office ?? t('app.subtitle')}</span>
      </div>
      {account}
      <label className="shell-language">
        <span className="shell-visually-hidden">{t('app.language')}</span>
        <select
          value={language}
          onChange={(event) => setLanguage(event.target.value === 'en' ? 'en' : 'id')}
        >
          <option value="id">Bahasa Indonesia</option>
          <option value="en">English</option>
        </select>
      </label>
    </header>
  )
}

/** "Kantor Kecamatan Tenggarong 1 · Supervisor", or a standalone PC's kecamatan and number. */
export function OfficeLabel({
  sync,
  office,
}: {
  sync: SyncContextValue | null
  office: OfficeProfile | null
}) {
  const { t } = useI18n()
  if (sync) {
    return (
      <>
        {sync.enrolment.office.name}
        {' · '}
        {t(`shell.role.${sync.user.role}`)}
      </>
    )
  }
  if (!office) return null
  return (
    <>
      {t('shell.standaloneOffice', {
        kecamatan: district.regions.kecamatanByCode(office.kecamatanCode)?.name ?? '',
        number: String(office.officeNumber),
      })}
    </>
  )
}

export function Shell({
  header,
  onEnrolled,
}: {
  header: ReactNode
  onEnrolled(enrolment: Enrolment): void
}) {
  const app = useApp()
  const sync = useSync()
  const route = useRoute()
  const viewer = viewerOf(sync)
  useScreenShortcuts()
  return (
    <div className="shell">
      {header}
      {sync ? (
        <div className="shell-status">
          <SyncIndicator />
          <UpdateNotice />
        </div>
      ) : null}
      {/* Supervisors see overdue BPJS contributions on every screen; the bills screen and the
          dashboard show the same guard in their own body. */}
      {sync && MAY_SEE_CONTINUITY.has(sync.user.role) && !GUARD_IN_BODY.has(route.screen) ? (
        <ContinuityGuard store={app.store} compact />
      ) : null}
      <div className="shell-body">
        <Navigation viewer={viewer} route={route} />
        <main id="main" className="shell-main">
          {mayOpen(viewer, route.screen) ? (
            SCREEN_VIEWS[route.screen]({ route, app, sync, onEnrolled })
          ) : (
            <NotForYourRole screen={route.screen} viewer={viewer} sync={sync} />
          )}
        </main>
      </div>
    </div>
  )
}

function Navigation({ viewer, route }: { viewer: Viewer; route: Route }) {
  const { t } = useI18n()
  return (
    <nav className="shell-nav" aria-label={t('nav.label')}>
      {navigationOf(viewer).map(({ group, screens }) => {
        // A group of one is its screen: its label would only repeat the link's.
        const labelId = screens.length > 1 ? `nav-group-${group}` : undefined
        return (
          <div className="shell-nav-group" key={group}>
            {labelId ? (
              <p className="shell-nav-group-label" id={labelId}>
                {t(NAV_GROUP_LABELS[group])}
              </p>
            ) : null}
            <ul aria-labelledby={labelId}>
              {screens.map(({ id, label, shortcut }) => {
                const active =
                  route.screen === id || (id === 'participants' && route.screen === 'participant')
                return (
                  <li key={id}>
                    <a
                      href={hrefOf({ screen: id } as Route)}
                      aria-current={active ? 'page' : undefined}
                      aria-keyshortcuts={shortcut ? `Alt+${shortcut}` : undefined}
                    >
                      <span className="shell-nav-label">{t(label)}</span>
                      {shortcut ? <kbd>Alt+{shortcut}</kbd> : null}
                    </a>
                  </li>
                )
              })}
            </ul>
          </div>
        )
      })}
    </nav>
  )
}

/** The navigation label of a screen; a screen reached only by links borrows its parent's. */
function labelOf(screen: ScreenId): MessageKey {
  if (screen === 'participant') return 'nav.participants'
  if (screen === 'enrol') return 'nav.settings'
  return entryOf(screen).nav?.label ?? 'nav.participants'
}

/** A typed address or a shortcut to a screen this user may not use: say so, and the way back. */
function NotForYourRole({
  screen,
  viewer,
  sync,
}: {
  screen: ScreenId
  viewer: Viewer
  sync: SyncContextValue | null
}) {
  const { t } = useI18n()
  const landing = landingScreenOf(viewer)
  return (
    <section className="panel shell-refusal" data-testid="screen-refused">
      <h1>{t('shell.refusal.title')}</h1>
      <p role="alert">
        {sync
          ? t('shell.refusal.body', {
              screen: t(labelOf(screen)),
              role: t(`shell.role.${sync.user.role}`),
              office: sync.enrolment.office.name,
            })
          : t('shell.refusal.standalone', { screen: t(labelOf(screen)) })}
      </p>
      <p>
        <a href={hrefOf({ screen: landing } as Route)}>
          {t('shell.refusal.back', { screen: t(labelOf(landing)) })}
        </a>
      </p>
    </section>
  )
}

/**
 * Alt+<digit> opens the registry's screen of that digit from anywhere, no mouse needed. A screen
 * the user may not open still opens its address, which then says why it is not theirs.
 *
 * Listening from a layout effect: the shell first mounts when the office setup is saved, and a
 * passive effect runs only after the browser has painted the registration screen, so an Alt+7
 * pressed as soon as that screen showed was lost (a CI run of `verify-card.spec.ts` caught it).
 * A layout effect listens before anything is painted.
 */
function useScreenShortcuts() {
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return
      const screen = screenOfShortcut(event.key)
      if (!screen || screen === 'participant') return
      event.preventDefault()
      navigate({ screen })
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
