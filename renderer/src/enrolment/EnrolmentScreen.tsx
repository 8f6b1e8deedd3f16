import { useCallback, useMemo, useState, type KeyboardEvent } from 'react'
import { DEFAULT_BATCH_LAYOUT, type BatchLayout } from '../../../shared/coverage/batch-layout'
import { canPerform } from '../../../shared/workflow/workflow'
import { useApp } from '../app/app-context'
import type { NaunganStore } from '../store/database'
import type { SyncContextValue } from '../sync/sync-context'
import { workflowContextOf } from '../verification-queue/workflow-context'
import { AnswerTab } from './AnswerTab'
import { CoverageEndTab } from './CoverageEndTab'
import { listBatches, loadLayout, type RecordedBatch } from './enrolment-repository'
import { NewBatchTab } from './NewBatchTab'
import { RenewalTab } from './RenewalTab'
import { useLoaded } from './use-loaded'
import { useEnrolmentText } from './use-enrolment-text'

const TABS = ['new', 'answer', 'age', 'renewal'] as const
type Tab = (typeof TABS)[number]

/** Kepesertaan BPJS: batches to BPJS, BPJS's answer, the age limit and ending, renewal. */
export function EnrolmentScreen({ store, sync }: { store: NaunganStore; sync: SyncContextValue }) {
  const { t } = useEnrolmentText()
  const app = useApp()
  const context = useMemo(() => workflowContextOf(sync, app.office), [sync, app.office])
  const [tab, setTab] = useState<Tab>('new')
  const [editedLayout, setLayout] = useState<BatchLayout | null>(null)
  const loadBatchList = useCallback(() => listBatches(store), [store])
  const [batches, reloadBatches] = useLoaded<RecordedBatch[]>(loadBatchList, [])
  const loadSavedLayout = useCallback(() => loadLayout(store), [store])
  const [savedLayout] = useLoaded<BatchLayout>(loadSavedLayout, DEFAULT_BATCH_LAYOUT)
  const layout = editedLayout ?? savedLayout

  // The record's status does not matter here: any coverage status passes for a supervisor.
  const mayManage = canPerform(
    context.actor,
    { status: 'approved', checks: [] },
    { kind: 'manage-coverage' },
  ).allowed

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    const next =
      TABS[(TABS.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length]
    if (next) {
      setTab(next)
      document.getElementById(`enrolment-tab-${next}`)?.focus()
    }
  }

  return (
    <section className="panel wide enrolment-screen" aria-labelledby="enrolment-title">
      <h1 id="enrolment-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {!mayManage ? (
        <p className="notice notice-warning" role="alert">
          {t('onlySupervisor')}
        </p>
      ) : (
        <>
          <div className="enrolment-tabs" role="tablist" onKeyDown={onTabKey}>
            {TABS.map((entry) => (
              <button
                key={entry}
                id={`enrolment-tab-${entry}`}
                type="button"
                role="tab"
                aria-selected={tab === entry}
                aria-controls={`enrolment-panel-${entry}`}
                tabIndex={tab === entry ? 0 : -1}
                onClick={() => setTab(entry)}
              >
                {t(`tab.${entry}`)}
              </button>
            ))}
          </div>
          <div
            id={`enrolment-panel-${tab}`}
            role="tabpanel"
            aria-labelledby={`enrolment-tab-${tab}`}
          >
            {tab === 'new' ? (
              <NewBatchTab
                store={store}
                context={context}
                layout={layout}
                onLayoutChange={setLayout}
                onRecorded={reloadBatches}
              />
            ) : tab === 'answer' ? (
              <>
                <AnswerTab store={store} context={context} batches={batches} />
                <p className="hint">{t('batchesHelp')}</p>
              </>
            ) : tab === 'age' ? (
              <CoverageEndTab store={store} context={context} />
            ) : (
              <RenewalTab
                store={store}
                context={context}
                layout={layout}
                onRecorded={reloadBatches}
              />
            )}
          </div>
        </>
      )}
    </section>
  )
}
