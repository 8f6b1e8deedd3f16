import type { AppInfo } from '@shared/platform/platform-contract'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import type { SyncContextValue } from '@/sync/sync-context'

/** Settings of an enrolled PC: the office comes from the server, so there is nothing to edit. */
export function EnrolmentSummary({ appInfo, sync }: { appInfo: AppInfo; sync: SyncContextValue }) {
  const { t, language } = useI18n()
  const { enrolment, user } = sync
  return (
    <section className="panel narrow">
      <h1>{t('setup.title')}</h1>
      <dl className="about">
        <dt>{t('enrol.serverUrl')}</dt>
        <dd>{enrolment.serverUrl}</dd>
        <dt>{t('enrol.office')}</dt>
        <dd>
          {enrolment.office.name} ({enrolment.office.code})
        </dd>
        <dt>{t('enrol.deviceName')}</dt>
        <dd>
          {enrolment.deviceName} — {formatDateTime(language, enrolment.enrolledAt)}
        </dd>
        <dt>{t('login.username')}</dt>
        <dd>
          {user.displayName} ({user.username}, {user.role})
        </dd>
        <dt>{t('setup.host')}</dt>
        <dd>{t(`setup.host.${appInfo.secretProtection}`)}</dd>
        <dt>{t('setup.version')}</dt>
        <dd>{appInfo.version}</dd>
      </dl>
    </section>
  )
}
