import { useCallback, useEffect, useState } from 'react'
import { actingUserOf } from '@/core/acting-user'
import { useI18n } from '@/core/i18n/i18n'
import { StoreKeyMismatchError } from '@/core/store/database'
import { saveOfficeProfile, type OfficeProfile } from '@/core/store/participant-repository'
import { SettingsScreen } from '@/settings/SettingsScreen'
import {
  loadDeviceCredential,
  loadEnrolment,
  officeProfileOf,
  saveOfficeUsers,
  withdrawOfficeUser,
  type Enrolment,
} from '@/devices/device-enrolment'
import { AccountBar } from '@/auth/AccountBar'
import {
  noticeOfSessionEnd,
  retryUnfinishedLogouts,
  signOut,
  type SignedOutNotice,
} from '@/auth/sign-out'
import { EnrolScreen } from '@/devices/EnrolScreen'
import { LoginScreen, type SignedIn } from '@/auth/LoginScreen'
import type { DeviceCredential } from '@/core/server-session'
import { defaultFetch } from '@/core/server-api'
import { SyncController } from '@/sync/sync-controller'
import { SyncContext, type SyncContextValue } from '@/sync/sync-context'
import { AppContext, type AppContextValue } from '@/core/app-context'
import { navigate, parseRoute, useRoute, type Route } from '@/core/hash-route'
import { landingScreenOf } from '@/core/screen-registry'
import { EnrolLink } from './screen-views'
import { OfficeLabel, Shell, ShellHeader } from './Shell'
import { signalAppState, signalSyncState, startApp, type StartedApp } from './startup'
import { warmDashboardRecords } from '@/dashboard/dashboard-records'
import { refreshDistrictCardKeys } from '@/printing/card-keys'

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
  const { t } = useI18n()
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
        },
        (error: unknown) => {
          console.error('Store failed to open:', error instanceof Error ? error.name : 'unknown')
          setState({ phase: 'failed', error })
          signalAppState('failed')
        },
      )
  }, [])

  // "Ready" only once the started screens are on the page: React commits the state above later,
  // and a child's effects (the Alt+digit shortcuts of the shell) run before this parent's, so a key
  // pressed after "ready" is never lost.
  const startedPhase = state.phase === 'started'
  useEffect(() => {
    if (startedPhase) signalAppState('ready')
  }, [startedPhase])

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
      // Who acts on this PC, for the history entries (and their sync): the user, role, agency,
      // device and office of this session.
      const office = profile.ok
        ? {
            ...profile.profile,
            actor: actingUserOf(profile.profile, { user: result.user, enrolment }),
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
        // A revoked PC's cards must read "DICABUT" on desks that never open the verify screen.
        onLinkUp: () => refreshDistrictCardKeys(store, enrolment.serverUrl),
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
        const landing = landingScreenOf({
          kind: 'enrolled',
          role: result.user.role,
          officeKind: enrolment.office.kind,
        })
        navigate({ screen: landing } as Route)
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

  const signedIn = state.phase === 'started' ? (state.enrolled?.sync ?? null) : null
  const header = (
    <ShellHeader
      office={
        state.phase === 'started' && (signedIn || !state.enrolled) ? (
          <OfficeLabel sync={signedIn} office={state.office} />
        ) : undefined
      }
      account={
        signedIn ? <AccountBar sync={signedIn} onSignOut={() => onSignOut(signedIn)} /> : null
      }
    />
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
        <Shell header={header} onEnrolled={onEnrolled} />
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
