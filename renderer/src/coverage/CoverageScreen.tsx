import { useCallback, useEffect, useMemo, useState } from 'react'
import { DEFAULT_BATCH_LAYOUT, type BatchLayout } from '@shared/coverage/batch-layout'
import { canPerform } from '@shared/workflow/workflow'
import { actingUserOf } from '@/core/acting-user'
import { useApp } from '@/core/app-context'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { AnswerTab } from './AnswerTab'
import { batchSyncFailure, syncBatches } from './batch-sync'
import { CoverageEndTab } from './CoverageEndTab'
import { listBatches, loadLayout, type RecordedBatch } from './coverage-repository'
import { NewBatchTab } from './NewBatchTab'
import { RenewalTab } from './RenewalTab'
import { useLoaded } from './use-loaded'
import { useCoverageText } from './use-coverage-text'
import { currentTime } from '@shared/dates/clock'
import { Notice } from '@/ui/Notice'
import { Tabs } from '@/ui/Tabs'
import './coverage.css'

const TABS = ['new', 'answer', 'age', 'renewal'] as const

const formatClock = (at: Date) =>
  `${String(at.getHours()).padStart(2, '0')}.${String(at.getMinutes()).padStart(2, '0')}`
type Tab = (typeof TABS)[number]

/** Kepesertaan BPJS: batches to BPJS, BPJS's answer, the age limit and ending, renewal. */
export function CoverageScreen({ store, sync }: { store: NaunganStore; sync: SyncContextValue }) {
  const { t } = useCoverageText()
  const app = useApp()
  const actor = useMemo(() => actingUserOf(app.office, sync), [sync, app.office])
  const [tab, setTab] = useState<Tab>('new')
  const [editedLayout, setLayout] = useState<BatchLayout | null>(null)
  const loadBatchList = useCallback(() => listBatches(store), [store])
  const [batches, reloadBatches] = useLoaded<RecordedBatch[]>(loadBatchList, [])
  // Opening the screen starts the exchange, so the list begins as "updating".
  const [batchSync, setBatchSync] = useState<
    | { state: 'running' }
    | { state: 'done'; at: Date; refused: number }
    | { state: 'failed'; message: string | null }
  >({ state: 'running' })

  // The batch list is shared through the server: send this PC's, fetch the others'. Runs when
  // the screen opens and after each batch recorded here.
  const [exchangeRun, setExchangeRun] = useState(0)
  // The record's status does not matter here: any coverage status passes for a supervisor.
  const mayManage = canPerform(
    actor,
    { status: 'approved', checks: [] },
    { kind: 'manage-coverage' },
  ).allowed

  useEffect(() => {
    // Only supervisors and admins may read the server's batches; nobody else sees this list.
    if (!mayManage) return
    let isCurrent = true
    void syncBatches(sync.session, store).then(
      (result) => {
        if (!isCurrent) return
        setBatchSync({ state: 'done', at: currentTime(), refused: result.refused.length })
        reloadBatches()
      },
      (error: unknown) => {
        if (!isCurrent) return
        setBatchSync({ state: 'failed', message: batchSyncFailure(error)?.message ?? null })
        reloadBatches()
      },
    )
    return () => {
      isCurrent = false
    }
  }, [sync.session, store, reloadBatches, exchangeRun, mayManage])
  const onBatchRecorded = useCallback(() => {
    reloadBatches()
    setBatchSync({ state: 'running' })
    setExchangeRun((run) => run + 1)
  }, [reloadBatches])
  const loadSavedLayout = useCallback(() => loadLayout(store), [store])
  const [savedLayout] = useLoaded<BatchLayout>(loadSavedLayout, DEFAULT_BATCH_LAYOUT)
  const layout = editedLayout ?? savedLayout

  return (
    <section className="panel wide enrolment-screen" aria-labelledby="enrolment-title">
      <h1 id="enrolment-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {!mayManage ? (
        <Notice kind="warning" announce="alert">
          {t('onlySupervisor')}
        </Notice>
      ) : (
        <>
          <Tabs
            label={t('title')}
            idPrefix="enrolment"
            tabs={TABS.map((entry) => ({ id: entry, label: t(`tab.${entry}`) }))}
            selected={tab}
            onSelect={setTab}
          >
            {tab === 'new' ? (
              <NewBatchTab
                store={store}
                actor={actor}
                layout={layout}
                onLayoutChange={setLayout}
                onRecorded={onBatchRecorded}
              />
            ) : tab === 'answer' ? (
              <>
                <AnswerTab store={store} actor={actor} batches={batches} />
                <p className="hint" data-testid="batch-sync" aria-live="polite">
                  {t('batchesHelp')}{' '}
                  {batchSync.state === 'running'
                    ? t('batchSync.running')
                    : batchSync.state === 'done'
                      ? `${t('batchSync.done', { time: formatClock(batchSync.at) })}${
                          batchSync.refused > 0
                            ? ` ${t('batchSync.refused', { count: batchSync.refused })}`
                            : ''
                        }`
                      : batchSync.state === 'failed'
                        ? batchSync.message
                          ? t('batchSync.refusedByServer', { reason: batchSync.message })
                          : t('batchSync.offline')
                        : null}
                </p>
              </>
            ) : tab === 'age' ? (
              <CoverageEndTab store={store} actor={actor} />
            ) : (
              <RenewalTab
                store={store}
                actor={actor}
                layout={layout}
                onRecorded={onBatchRecorded}
              />
            )}
          </Tabs>
        </>
      )}
    </section>
  )
}
