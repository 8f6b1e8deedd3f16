import { useMemo, type ReactNode } from 'react'
import { useI18n } from '@/core/i18n/i18n'
import { RegistrationScreen } from '@/registration/RegistrationScreen'
import { ParticipantListScreen } from '@/participants/ParticipantListScreen'
import { ParticipantDetailScreen } from '@/participants/ParticipantDetailScreen'
import { SettingsScreen } from '@/settings/SettingsScreen'
import { RescuePanel } from '@/rescue/RescuePanel'
import type { Enrolment } from '@/devices/device-enrolment'
import { EnrolScreen } from '@/devices/EnrolScreen'
import { EnrolmentSummary } from '@/devices/EnrolmentSummary'
import { defaultFetch } from '@/core/server-api'
import { useSync, type SyncContextValue } from '@/sync/sync-context'
import { AdminScreen } from '@/admin/AdminScreen'
import { createAdminApi } from '@/admin/admin-api'
import { SyncProblemsScreen } from '@/sync-problems/SyncProblemsScreen'
import { PrintScreen } from '@/printing/PrintScreen'
import { VerifyCardScreen } from '@/card-check/VerifyCardScreen'
import { VerificationQueueScreen } from '@/verification-queue/VerificationQueueScreen'
import { AuditSearchScreen } from '@/audit/AuditSearchScreen'
import { ImportScreen } from '@/import/ImportScreen'
import { CoverageScreen } from '@/coverage/CoverageScreen'
import { BillingScreen } from '@/billing/BillingScreen'
import { DeathsScreen } from '@/deaths/DeathsScreen'
import { ClaimsScreen } from '@/claims/ClaimsScreen'
import { ReverificationScreen } from '@/reverification/ReverificationScreen'
import { DashboardScreen } from '@/dashboard/DashboardScreen'
import { useApp, type AppContextValue } from '@/core/app-context'
import { hrefOf, type Route } from '@/core/hash-route'
import type { ScreenId } from '@/core/screen-registry'

/** What a view is given: the route (for its parameters), the office, the signed-in user. */
export interface ScreenViewContext {
  route: Route
  app: AppContextValue
  sync: SyncContextValue | null
  onEnrolled(enrolment: Enrolment): void
}

/**
 * The component of each screen of the registry. The shell renders one only after the registry's
 * access check, so a view needing a signed-in user (queue, audit, …) has one; `satisfies` makes a
 * screen without a view a compile error.
 */
export const SCREEN_VIEWS = {
  register: () => <RegistrationScreen />,
  import: ({ app, sync }) => <ImportScreen store={app.store} sync={sync} />,
  participants: () => <ParticipantListScreen />,
  participant: ({ route }) =>
    route.screen === 'participant' ? (
      <ParticipantDetailScreen key={route.id} id={route.id} mode={route.mode} />
    ) : null,
  deaths: () => <DeathsScreen />,
  claims: () => <ClaimsScreen />,
  reverification: () => <ReverificationScreen />,
  queue: ({ app, sync }) =>
    sync ? <VerificationQueueScreen store={app.store} sync={sync} /> : null,
  batches: ({ app, sync }) => (sync ? <CoverageScreen store={app.store} sync={sync} /> : null),
  billing: ({ app, sync }) => (sync ? <BillingScreen store={app.store} sync={sync} /> : null),
  print: ({ app, sync }) => <PrintScreen store={app.store} office={app.office} sync={sync} />,
  verify: ({ app, sync }) => <VerifyCardScreen store={app.store} sync={sync} />,
  dashboard: ({ app, sync }) => <DashboardScreen store={app.store} sync={sync} />,
  audit: ({ sync }) => (sync ? <AuditSearchScreen sync={sync} /> : null),
  admin: ({ sync }) => (sync ? <AdminRoute sync={sync} /> : null),
  settings: () => <SettingsRoute />,
  'sync-problems': () => <SyncProblemsScreen />,
  enrol: ({ app, sync, onEnrolled }) =>
    sync ? (
      <SettingsRoute />
    ) : (
      <EnrolScreen store={app.store} fetch={defaultFetch} onEnrolled={onEnrolled} />
    ),
} satisfies Record<ScreenId, (context: ScreenViewContext) => ReactNode>

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
  if (sync) {
    return (
      <>
        <EnrolmentSummary appInfo={app.appInfo} sync={sync} />
        <RescuePanel sync={sync} />
      </>
    )
  }
  return (
    <>
      <SettingsScreen appInfo={app.appInfo} office={app.office} onSave={app.setOffice} />
      <EnrolLink />
    </>
  )
}

export function EnrolLink() {
  const { t } = useI18n()
  return (
    <p className="panel narrow enrol-link">
      <a href={hrefOf({ screen: 'enrol' })}>{t('enrol.link')}</a>
    </p>
  )
}
