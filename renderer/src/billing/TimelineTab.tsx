import { useMemo, useState } from 'react'
import type { PayerMonth } from '@shared/coverage/payments'
import { formatDateWords, formatNumber, formatRupiah } from '@shared/i18n/format'
import { district, localToday } from '@/core/district'
import { DataTable, type Column } from '@/ui/DataTable'
import { Notice } from '@/ui/Notice'
import { LoadingState } from '@/ui/States'
import type { CoveredParticipant } from '@shared/coverage/budget'
import type { BillingState } from './billing-repository'
import { formatMonth } from './billing-format'
import { timelineOf } from './billing-model'
import { billingRules, useBillingText } from './use-billing'

/** Per payer (BPJS group), the twelve months of a year: paid, billed, in arrears. */
export function TimelineTab({
  state,
  records,
}: {
  state: BillingState
  records: readonly CoveredParticipant[] | null
}) {
  const { t, language } = useBillingText()
  const today = localToday()
  const thisYear = Number(today.slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const timelines = useMemo(
    () =>
      records === null
        ? null
        : district.config.payers.map((payer) => ({
            payer,
            months: timelineOf(
              state,
              records,
              payer,
              district.defaultPayer.code,
              billingRules(),
              today,
              year,
            ),
          })),
    [state, records, today, year],
  )
  const columns: Column<PayerMonth>[] = [
    {
      key: 'month',
      header: t('col.month'),
      isRowHeader: true,
      cell: (entry) => formatMonth(language, entry.month),
    },
    {
      key: 'state',
      header: t('col.state'),
      cell: (entry) => (
        <span className={`billing-state billing-state-${entry.state}`}>
          {t(`state.${entry.state}`)}
        </span>
      ),
    },
    {
      key: 'people',
      header: t('col.people'),
      isNumeric: true,
      cell: (entry) => formatNumber(language, entry.people),
    },
    {
      key: 'billed',
      header: t('col.billed'),
      isNumeric: true,
      cell: (entry) => (entry.billed === null ? '–' : formatRupiah(entry.billed)),
    },
    {
      key: 'paid',
      header: t('col.paid'),
      isNumeric: true,
      cell: (entry) => formatRupiah(entry.paid),
    },
    {
      key: 'dueOn',
      header: t('col.dueOn'),
      cell: (entry) => formatDateWords(language, entry.dueOn),
    },
  ]
  return (
    <div className="billing-tab">
      <h2>{t('timelineTitle')}</h2>
      <label className="field">
        {t('timelineYear')}
        <select value={year} onChange={(event) => setYear(Number(event.target.value))}>
          {[thisYear - 1, thisYear, thisYear + 1].map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      {timelines === null ? <LoadingState>{t('busy')}</LoadingState> : null}
      {(timelines ?? []).map(({ payer, months }) => (
        <section
          key={payer.code}
          aria-labelledby={`timeline-${payer.code}`}
          data-payer={payer.code}
        >
          <h3 id={`timeline-${payer.code}`}>
            {payer.name}
            {payer.bpjsGroup ? ` · ${payer.bpjsGroup.name}` : ''}
          </h3>
          {months.every((entry) => entry.state === 'not-tracked') ? (
            <Notice kind="info" announce="none">
              {t('notTracked', { payer: payer.name })}
            </Notice>
          ) : null}
          <DataTable
            caption={`${payer.name} ${year}`}
            isCaptionHidden
            columns={columns}
            rows={months}
            rowKey={(entry) => entry.month}
            rowData={(entry) => ({ 'data-month': entry.month, 'data-state': entry.state })}
            testId={`billing-timeline-${payer.code}`}
            keyboardRows
          />
        </section>
      ))}
    </div>
  )
}
