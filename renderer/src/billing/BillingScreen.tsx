import { useCallback, useEffect, useMemo, useState } from 'react'
import { currentTime } from '@shared/dates/clock'
import { actingUserOf } from '@/core/acting-user'
import { useApp } from '@/core/app-context'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { Notice } from '@/ui/Notice'
import { Tabs } from '@/ui/Tabs'
import { BillTab } from './BillTab'
import { billingSyncFailure, syncBilling } from './billing-sync'
import { ContinuityGuard } from './ContinuityGuard'
import { OverlapsTab } from './OverlapsTab'
import { PaymentsTab } from './PaymentsTab'
import { TimelineTab } from './TimelineTab'
import { useBillingState, useBillingText, useCoveredRecords } from './use-billing'
import './billing.css'

const TABS = ['bill', 'payments', 'timeline', 'overlaps'] as const
type Tab = (typeof TABS)[number]

const formatClock = (at: Date) =>
  `${String(at.getHours()).padStart(2, '0')}.${String(at.getMinutes()).padStart(2, '0')}`

type Exchange =
  | { state: 'running' }
  | { state: 'done'; at: Date; refused: { id: string; code: string }[] }
  | { state: 'failed'; message: string | null }

/** Tagihan & iuran BPJS: the monthly bill reconciled, payments, and the months per group. */
export function BillingScreen({ store, sync }: { store: NaunganStore; sync: SyncContextValue }) {
  const { t } = useBillingText()
  const app = useApp()
  const actor = useMemo(() => actingUserOf(app.office, sync), [sync, app.office])
  const [tab, setTab] = useState<Tab>('bill')
  const state = useBillingState(store)
  const records = useCoveredRecords(store)
  const [exchange, setExchange] = useState<Exchange>({ state: 'running' })
  const [run, setRun] = useState(0)

  // Shared through the server: send what was recorded here, fetch the other PCs'. Runs when the
  // screen opens and after each record; what is recorded is kept here first either way.
  useEffect(() => {
    let isCurrent = true
    void syncBilling(sync.session, store).then(
      (result) => {
        if (isCurrent) setExchange({ state: 'done', at: currentTime(), refused: result.refused })
      },
      (error: unknown) => {
        if (isCurrent)
          setExchange({ state: 'failed', message: billingSyncFailure(error)?.message ?? null })
      },
    )
    return () => {
      isCurrent = false
    }
  }, [sync.session, store, run])
  const onRecorded = useCallback(() => {
    setExchange({ state: 'running' })
    setRun((value) => value + 1)
  }, [])

  return (
    <section className="panel billing-screen" aria-labelledby="billing-title">
      <h1 id="billing-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <p className="hint" role="status" data-testid="billing-exchange">
        {exchange.state === 'running'
          ? t('syncing')
          : exchange.state === 'done'
            ? t('synced', { time: formatClock(exchange.at) })
            : (exchange.message ?? t('syncOffline'))}
      </p>
      {exchange.state === 'done' && exchange.refused.length > 0 ? (
        <Notice kind="warning">
          {t('syncRefused', {
            count: exchange.refused.length,
            codes: [...new Set(exchange.refused.map((entry) => entry.code))].join(', '),
          })}
        </Notice>
      ) : null}
      <ContinuityGuard store={store} withLink={false} />
      <Tabs
        label={t('title')}
        idPrefix="billing"
        tabs={TABS.map((id) => ({ id, label: t(`tab.${id}`) }))}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'bill' ? (
          <BillTab store={store} actor={actor} state={state} onRecorded={onRecorded} />
        ) : tab === 'payments' ? (
          <PaymentsTab store={store} actor={actor} state={state} onRecorded={onRecorded} />
        ) : tab === 'timeline' ? (
          <TimelineTab state={state} records={records} />
        ) : (
          <OverlapsTab store={store} />
        )}
      </Tabs>
    </section>
  )
}
