import { useCallback, useEffect, useMemo, useState } from 'react'
import { useI18n } from '../i18n/i18n'
import { StoreKeyMismatchError } from '../store/database'
import { saveOfficeProfile, type OfficeProfile } from '../store/participant-repository'
import { RegistrationScreen } from '../registration/RegistrationScreen'
import { ParticipantListScreen } from '../participants/ParticipantListScreen'
import { ParticipantDetailScreen } from '../participants/ParticipantDetailScreen'
import { SettingsScreen } from '../settings/SettingsScreen'
import {
  loadDeviceCredential,
  loadEnrolment,
  officeProfileOf,
  saveOfficeUsers,
  withdrawOfficeUser,
  type Enrolment,
} from '../auth/device-enrolment'
import { AccountBar } from '../auth/AccountBar'
import {
  noticeOfSessionEnd,
  retryUnfinishedLogouts,
  signOut,
  type SignedOutNotice,
} from '../auth/sign-out'
import { EnrolScreen } from '../auth/EnrolScreen'
import { EnrolmentSummary } from '../auth/EnrolmentSummary'
import { LoginScreen, type SignedIn } from '../auth/LoginScreen'
import type { DeviceCredential } from '../auth/server-session'
import { defaultFetch } from '../sync/server-api'
import { SyncController } from '../sync/sync-controller'
import { SyncContext, useSync, type SyncContextValue } from '../sync/sync-context'
import { AdminScreen } from '../admin/AdminScreen'
import { createAdminApi } from '../admin/admin-api'
import { SyncIndicator } from '../sync/SyncIndicator'
import { SyncProblemsScreen } from '../sync/SyncProblemsScreen'
import { PrintScreen } from '../printing/PrintScreen'
import { VerifyCardScreen } from '../verification/VerifyCardScreen'
import { VerificationQueueScreen } from '../verification-queue/VerificationQueueScreen'
import { AuditSearchScreen } from '../audit/AuditSearchScreen'
import { ImportScreen } from '../import/ImportScreen'
import { EnrolmentScreen } from '../enrolment/EnrolmentScreen'
import { DashboardScreen } from '../dashboard/DashboardScreen'
import { AppContext, useApp, type AppContextValue } from './app-context'
import { hrefOf, landingRouteFor, navigate, parseRoute, useRoute, type Route } from './hash-route'
import { signalAppState, signalSyncState, startApp, type StartedApp } from './startup'
import { warmDashboardRecords } from '../dashboard/dashboard-records'

/** Enrolled PCs: the credential from the keychain, and who signed in. */
interface EnrolledState {
  enrolment: Enrolment
  credential: DeviceCredential | null
  sync: SyncContextValue | null
  office: OfficeProfile | null
  registrationAllowed: boolean
  /** Why the login screen is back: the last user signed out or the server ended their session. */
  notice?: SignedOutNotice | null
}

type StartState =
  | { phase: 'starting' }
  | { phase: 'failed'; error: unknown }
  | {
      phase: 'started'
      app: StartedApp
      office: OfficeProfile | null
      enrolled: EnrolledState | null
    }

/** After start, sign-in and the first sync request: the window is idle by then. */
const DASHBOARD_WARM_UP_DELAY_MS = 8_000

export function App() {
  const { t, language, setLanguage } = useI18n()
  const [state, setState] = useState<StartState>({ phase: 'starting' })

  useEffect(() => {
    signalAppState('starting')
    startApp()
      .then(async (app) => {
        const enrolment = await loadEnrolment(app.store)
        const enrolled: EnrolledState | null = enrolment
          ? {
              enrolment,
              credential: await loadDeviceCredential(),
              sync: null,
              office: null,
              registrationAllowed: false,
            }
          : null
        return { app, enrolled }
      })
      .then(
        ({ app, enrolled }) => {
          setState({ phase: 'started', app, office: app.office, enrolled })
          signalSyncState(enrolled ? 'signed-out' : 'standalone')
          signalAppState('ready')
        },
        (error: unknown) => {
          console.error('Store failed to open:', error instanceof Error ? error.name : 'unknown')
          setState({ phase: 'failed', error })
          signalAppState('failed')
        },
      )
  }, [])

  const setOffice = useCallback(
    async (office: OfficeProfile) => {
      if (state.phase !== 'started') return
      await saveOfficeProfile(state.app.store, office)
      setState({ ...state, office })
    },
    [state],
  )

  const started = state.phase === 'started' ? state : null
  const controller = started?.enrolled?.sync?.controller
  // Stop syncing when the window goes away (or a new sign-in replaces this one).
  useEffect(() => () => void controller?.stop(), [controller])

  useGlobalShortcuts(Boolean(started?.enrolled?.sync))

  // Once the start's own work is done, read the dashboard's copy of the participants in the
  // background (dashboard-records.ts), so the dashboard opens with fresh figures.
  const startedStore = started?.app.store
  useEffect(() => {
    if (!startedStore) return
    const timer = setTimeout(() => warmDashboardRecords(startedStore), DASHBOARD_WARM_UP_DELAY_MS)
    return () => clearTimeout(timer)
  }, [startedStore])

  const onEnrolled = useCallback(
    (enrolment: Enrolment) => {
      void loadDeviceCredential().then((credential) => {
        setState((current) =>
          current.phase === 'started'
            ? {
                ...current,
                enrolled: {
                  enrolment,
                  credential,
                  sync: null,
                  office: null,
                  registrationAllowed: false,
                },
              }
            : current,
        )
        signalSyncState('signed-out')
        navigate({ screen: 'register' })
      })
    },
    [setState],
  )

  /** Back to the login screen of this PC; the next clerk signs in without a reload. */
  const endSignIn = useCallback(async (sync: SyncContextValue, notice: SignedOutNotice) => {
    sync.session.onEnded = null
    await sync.controller.stop()
    // The session is closed already: ended by the server, or by "Keluar" (which may still hold
    // the refresh token in memory to end the server session when the link returns).
    setState((current) =>
      current.phase === 'started' && current.enrolled?.sync === sync
        ? {
            ...current,
            enrolled: {
              ...current.enrolled,
              sync: null,
              office: null,
              registrationAllowed: false,
              notice,
            },
          }
        : current,
    )
    signalSyncState('signed-out')
    navigate({ screen: 'register' })
  }, [])

  const onSignedIn = useCallback(
    async ({ result, session }: SignedIn) => {
      if (state.phase !== 'started' || !state.enrolled) return
      const { store } = state.app
      const { enrolment } = state.enrolled
      const profile = officeProfileOf(enrolment.office, result.user.displayName)
      const registrationAllowed = profile.ok && profile.registrationAllowed
      // Who acts on this PC, for the history entries (and their sync): role, device, office.
      const office = profile.ok
        ? {
            ...profile.profile,
            actor: {
              role: result.user.role,
              deviceId: enrolment.deviceId,
              officeCode: enrolment.office.code,
            },
          }
        : null
      // Registration numbers and createdBy/updatedBy come from the enrolled office and the user.
      if (office && registrationAllowed) await saveOfficeProfile(store, office)
      if (result.online) void retryUnfinishedLogouts()
      const syncController = new SyncController({
        store,
        enrolment,
        session,
        fetch: defaultFetch,
        onOfficeUsers: (response) => saveOfficeUsers(store, response),
      })
      const sync: SyncContextValue = {
        controller: syncController,
        session,
        enrolment,
        user: result.user,
        signedInOffline: !result.online,
      }
      // The server ended the session (signed out elsewhere, password changed, deactivated): back
      // to the login screen, never a silent login with the password held in memory.
      session.onEnded = (end) => {
        void (async () => {
          if (end.code === 'USER_INACTIVE') await withdrawOfficeUser(store, result.user)
          await endSignIn(sync, noticeOfSessionEnd(end, result.user))
        })()
      }
      setState({
        ...state,
        office: registrationAllowed ? office : state.office,
        enrolled: { ...state.enrolled, sync, office, registrationAllowed, notice: null },
      })
      // Signed in from the default screen: go where this user works. A deep link is kept.
      if (parseRoute(window.location.hash).screen === 'register') {
        navigate(landingRouteFor(result.user.role, registrationAllowed))
      }
      await syncController.start()
    },
    [state, endSignIn],
  )

  const onSignOut = useCallback(
    async (sync: SyncContextValue) => {
      const pendingCount = sync.controller.getStatus().pendingCount
      const { serverReached } = await signOut(sync)
      await endSignIn(sync, {
        kind: 'signed-out',
        name: sync.user.displayName,
        serverReached,
        pendingCount,
      })
    },
    [endSignIn],
  )

  const header = (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="brand">
        <strong>{t('app.title')}</strong>
        <span>{t('app.subtitle')}</span>
      </div>
      {state.phase === 'started' && state.enrolled?.sync ? (
        <AccountBar sync={state.enrolled.sync} onSignOut={() => onSignOut(state.enrolled!.sync!)} />
      ) : null}
      <label className="language-switch">
        {t('app.language')}
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

  if (state.phase === 'starting') {
    return (
      <>
        {header}
        <main id="main" className="centered" aria-busy="true">
          <p role="status">{t('app.loading')}</p>
        </main>
      </>
    )
  }

  if (state.phase === 'failed') {
    const keyMismatch = state.error instanceof StoreKeyMismatchError
    return (
      <>
        {header}
        <main id="main" className="centered">
          <section className="fatal" role="alert">
            <h1>{t('startup.failedTitle')}</h1>
            <p>{keyMismatch ? t('startup.keyMismatch') : t('startup.failedBody')}</p>
            <details>
              <summary>{t('startup.technicalDetail')}</summary>
              <code>{state.error instanceof Error ? state.error.name : 'Error'}</code>
            </details>
          </section>
        </main>
      </>
    )
  }

  const { enrolled } = state

  if (enrolled && !enrolled.credential) {
    return (
      <>
        {header}
        <main id="main">
          <EnrolScreen
            store={state.app.store}
            fetch={defaultFetch}
            notice="enrol.missingCredential"
            onEnrolled={onEnrolled}
          />
        </main>
      </>
    )
  }

  if (enrolled && enrolled.credential && !enrolled.sync) {
    return (
      <>
        {header}
        <main id="main">
          <LoginScreen
            store={state.app.store}
            enrolment={enrolled.enrolment}
            credential={enrolled.credential}
            fetch={defaultFetch}
            onSignedIn={(signedIn) => void onSignedIn(signedIn)}
            onRevoked={() => signalSyncState('revoked')}
            notice={enrolled.notice ?? null}
          />
        </main>
      </>
    )
  }

  if (!enrolled && !state.office) {
    return (
      <>
        {header}
        <main id="main">
          <StandaloneSetup
            app={state.app}
            onSave={async (office) => {
              await setOffice(office)
              navigate({ screen: 'register' })
            }}
            onEnrolled={onEnrolled}
          />
        </main>
      </>
    )
  }

  const office = enrolled?.office ?? state.office
  if (!office) return null
  const context: AppContextValue = {
    store: state.app.store,
    office,
    appInfo: state.app.appInfo,
    setOffice,
    registrationAllowed: enrolled ? enrolled.registrationAllowed : true,
  }
  return (
    <AppContext.Provider value={context}>
      <SyncContext.Provider value={enrolled?.sync ?? null}>
        {header}
        <SyncIndicator />
        <Navigation />
        <main id="main">
          <Screen onEnrolled={onEnrolled} />
        </main>
      </SyncContext.Provider>
    </AppContext.Provider>
  )
}

/** First start without a server: the office settings as before, or enrolment on request. */
function StandaloneSetup({
  app,
  onSave,
  onEnrolled,
}: {
  app: StartedApp
  onSave(office: OfficeProfile): Promise<void>
  onEnrolled(enrolment: Enrolment): void
}) {
  const route = useRoute()
  if (route.screen === 'enrol') {
    return <EnrolScreen store={app.store} fetch={defaultFetch} onEnrolled={onEnrolled} />
  }
  return (
    <>
      <SettingsScreen appInfo={app.appInfo} office={null} onSave={onSave} />
      <EnrolLink />
    </>
  )
}

function EnrolLink() {
  const { t } = useI18n()
  return (
    <p className="panel narrow enrol-link">
      <a href={hrefOf({ screen: 'enrol' })}>{t('enrol.link')}</a>
    </p>
  )
}

function Navigation() {
  const { t } = useI18n()
  const route = useRoute()
  const sync = useSync()
  const item = (target: Route, label: string, shortcut: string) => {
    const active =
      route.screen === target.screen ||
      (target.screen === 'participants' && route.screen === 'participant')
    return (
      <li>
        <a href={hrefOf(target)} aria-current={active ? 'page' : undefined}>
          {label} {shortcut ? <kbd>{shortcut}</kbd> : null}
        </a>
      </li>
    )
  }
  return (
    <nav className="app-nav" aria-label={t('nav.shortcuts')}>
      <ul>
        {item({ screen: 'register' }, t('nav.register'), 'Alt+1')}
        {item({ screen: 'participants' }, t('nav.participants'), 'Alt+2')}
        {item({ screen: 'settings' }, t('nav.settings'), 'Alt+3')}
        {sync ? item({ screen: 'sync-problems' }, t('nav.syncProblems'), 'Alt+4') : null}
        {sync?.user.role === 'admin' ? item({ screen: 'admin' }, t('nav.admin'), 'Alt+5') : null}
        {sync && sync.user.role !== 'operator'
          ? item({ screen: 'queue' }, t('nav.queue'), 'Alt+8')
          : null}
        {sync && (sync.user.role === 'supervisor' || sync.user.role === 'admin')
          ? item({ screen: 'audit' }, t('nav.audit'), 'Alt+9')
          : null}
        {item({ screen: 'import' }, t('nav.import'), '')}
        {sync && (sync.user.role === 'supervisor' || sync.user.role === 'admin')
          ? item({ screen: 'enrolment' }, t('nav.enrolment'), '')
          : null}
        {item({ screen: 'dashboard' }, t('nav.dashboard'), 'Alt+0')}
        {item({ screen: 'print' }, t('nav.print'), 'Alt+6')}
        {item({ screen: 'verify' }, t('nav.verify'), 'Alt+7')}
      </ul>
    </nav>
  )
}

function Screen({ onEnrolled }: { onEnrolled(enrolment: Enrolment): void }) {
  const route = useRoute()
  const app = useApp()
  const sync = useSync()
  switch (route.screen) {
    case 'register':
      return <RegistrationScreen />
    case 'participants':
      return <ParticipantListScreen />
    case 'participant':
      return <ParticipantDetailScreen key={route.id} id={route.id} mode={route.mode} />
    case 'settings':
      return <SettingsRoute />
    case 'sync-problems':
      return <SyncProblemsScreen />
    case 'print':
      return <PrintScreen store={app.store} office={app.office} sync={sync} />
    case 'verify':
      return <VerifyCardScreen store={app.store} sync={sync} />
    case 'queue':
      return sync ? <VerificationQueueScreen store={app.store} sync={sync} /> : <SettingsRoute />
    case 'audit':
      return sync ? <AuditSearchScreen sync={sync} /> : <SettingsRoute />
    case 'import':
      return <ImportScreen store={app.store} sync={sync} />
    case 'enrolment':
      return sync ? <EnrolmentScreen store={app.store} sync={sync} /> : <SettingsRoute />
    case 'dashboard':
      return <DashboardScreen store={app.store} sync={sync} />
    case 'admin':
      return sync?.user.role === 'admin' ? <AdminRoute sync={sync} /> : <SettingsRoute />
    case 'enrol':
      return sync ? (
        <SettingsRoute />
      ) : (
        <EnrolScreen store={app.store} fetch={defaultFetch} onEnrolled={onEnrolled} />
      )
  }
}

/** Offices, users and devices on the central server; admins only, and only when signed in. */
function AdminRoute({ sync }: { sync: SyncContextValue }) {
  const api = useMemo(
    () => createAdminApi((path, init) => sync.session.fetch(path, init)),
    [sync.session],
  )
  return <AdminScreen api={api} />
}

function SettingsRoute() {
  const app = useApp()
  const sync = useSync()
  if (sync) return <EnrolmentSummary appInfo={app.appInfo} sync={sync} />
  return (
    <>
      <SettingsScreen appInfo={app.appInfo} office={app.office} onSave={app.setOffice} />
      <EnrolLink />
    </>
  )
}

/** Alt+1/2/3/6/7 (and Alt+4/5 once synced) switch screens from anywhere: no mouse needed. */
function useGlobalShortcuts(withSync: boolean) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return
      const target: Route | null =
        event.key === '1'
          ? { screen: 'register' }
          : event.key === '2'
            ? { screen: 'participants' }
            : event.key === '3'
              ? { screen: 'settings' }
              : event.key === '4' && withSync
                ? { screen: 'sync-problems' }
                : event.key === '5' && withSync
                  ? { screen: 'admin' }
                  : event.key === '6'
                    ? { screen: 'print' }
                    : event.key === '7'
                      ? { screen: 'verify' }
                      : event.key === '8' && withSync
                        ? { screen: 'queue' }
                        : event.key === '9' && withSync
                          ? { screen: 'audit' }
                          : event.key === '0'
                            ? { screen: 'dashboard' }
                            : null
      if (!target) return
      event.preventDefault()
      navigate(target)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [withSync])
}
