import { formatDateWords, formatNumber } from '@shared/i18n/format'
import { hrefOf } from '@/core/hash-route'
import type { NaunganStore } from '@/core/store/database'
import { Notice } from '@/ui/Notice'
import { formatMonth } from './billing-format'
import { billingRules, useBillingText, useContinuity } from './use-billing'
import { dueDateOf } from '@shared/coverage/payments'
import { monthNumberOf, yearMonthOf } from '@shared/coverage/tariffs'

/**
 * The continuity guard: for each payer whose contribution is overdue, the first unpaid month, the
 * day its participants become inactive if nothing is paid, and how many people that is. Shown to
 * supervisors in the app's header and on the dashboard and bills screens; nothing when all is paid.
 */
export function ContinuityGuard({
  store,
  withLink = true,
  compact = false,
}: {
  store: NaunganStore
  withLink?: boolean
  compact?: boolean
}) {
  const { t, language } = useBillingText()
  const continuity = useContinuity(store)
  const alerts = (continuity ?? []).flatMap((entry) =>
    entry.alert ? [{ payer: entry.payer, alert: entry.alert }] : [],
  )
  if (alerts.length === 0) return null
  const rules = billingRules()
  const date = (iso: string) => formatDateWords(language, iso)
  const month = (yearMonth: string) => formatMonth(language, yearMonth)
  const monthList = (months: readonly string[]) => months.map(month).join(', ')
  return (
    <Notice
      kind="error"
      announce="alert"
      title={t('guard.title')}
      className={compact ? 'continuity-guard continuity-guard-compact' : 'continuity-guard'}
      data-testid="continuity-guard"
    >
      <ul>
        {alerts.map(({ payer, alert }) => {
          const runEnd = yearMonthOf(
            monthNumberOf(alert.firstUnpaidMonth) + rules.inactiveAfterUnpaidMonths - 1,
          )
          return (
            <li key={payer.code} data-payer={payer.code}>
              {alert.alreadyInactive
                ? t('guard.lineInactive', {
                    payer: payer.name,
                    months: monthList(alert.overdueMonths),
                    people: formatNumber(language, alert.people),
                    date: date(alert.inactiveOn),
                  })
                : t('guard.line', {
                    payer: payer.name,
                    month: month(alert.firstUnpaidMonth),
                    due: date(dueDateOf(alert.firstUnpaidMonth, rules)),
                    months: `${month(alert.firstUnpaidMonth)}–${month(runEnd)}`,
                    people: formatNumber(language, alert.people),
                    date: date(alert.inactiveOn),
                  })}
            </li>
          )
        })}
      </ul>
      {withLink ? <a href={hrefOf({ screen: 'billing' })}>{t('guard.open')}</a> : null}
    </Notice>
  )
}
