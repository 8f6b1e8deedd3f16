import { useCallback, useEffect, useState } from 'react'
import { useI18n } from '../i18n/i18n'
import { StoreKeyMismatchError } from '../store/database'
import { saveOfficeProfile, type OfficeProfile } from '../store/participant-repository'
import { RegistrationScreen } from '../registration/RegistrationScreen'
import { ParticipantListScreen } from '../participants/ParticipantListScreen'
import { ParticipantDetailScreen } from '../participants/ParticipantDetailScreen'
import { SettingsScreen } from '../settings/SettingsScreen'
import { AppContext, useApp, type AppContextValue } from './app-context'
import { hrefOf, navigate, useRoute, type Route } from './hash-route'
import { signalAppState, startApp, type StartedApp } from './startup'

type StartState =
  | { phase: 'starting' }
  | { phase: 'failed'; error: unknown }
  | { phase: 'started'; app: StartedApp; office: OfficeProfile | null }

export function App() {
  const { t, language, setLanguage } = useI18n()
  const [state, setState] = useState<StartState>({ phase: 'starting' })

  useEffect(() => {
    signalAppState('starting')
    startApp().then(
      (app) => {
        setState({ phase: 'started', app, office: app.office })
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

  useGlobalShortcuts()

  const header = (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="brand">
        <strong>{t('app.title')}</strong>
        <span>{t('app.subtitle')}</span>
      </div>
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

  if (!state.office) {
    return (
      <>
        {header}
        <main id="main">
          <SettingsScreen
            appInfo={state.app.appInfo}
            office={null}
            onSave={async (office) => {
              await setOffice(office)
              navigate({ screen: 'register' })
            }}
          />
        </main>
      </>
    )
  }

  const context: AppContextValue = {
    store: state.app.store,
    office: state.office,
    appInfo: state.app.appInfo,
    setOffice,
  }
  return (
    <AppContext.Provider value={context}>
      {header}
      <Navigation />
      <main id="main">
        <Screen />
      </main>
    </AppContext.Provider>
  )
}

function Navigation() {
  const { t } = useI18n()
  const route = useRoute()
  const item = (target: Route, label: string, shortcut: string) => {
    const active =
      route.screen === target.screen ||
      (target.screen === 'participants' && route.screen === 'participant')
    return (
      <li>
        <a href={hrefOf(target)} aria-current={active ? 'page' : undefined}>
          {label} <kbd>{shortcut}</kbd>
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
      </ul>
    </nav>
  )
}

function Screen() {
  const route = useRoute()
  switch (route.screen) {
    case 'register':
      return <RegistrationScreen />
    case 'participants':
      return <ParticipantListScreen />
    case 'participant':
      return <ParticipantDetailScreen key={route.id} id={route.id} mode={route.mode} />
    case 'settings':
      return <SettingsRoute />
  }
}

function SettingsRoute() {
  const app = useApp()
  return <SettingsScreen appInfo={app.appInfo} office={app.office} onSave={app.setOffice} />
}

/** Alt+1/2/3 switch screens from anywhere: the clerk never needs the mouse. */
function useGlobalShortcuts() {
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
              : null
      if (!target) return
      event.preventDefault()
      navigate(target)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
