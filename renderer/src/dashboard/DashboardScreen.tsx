import { useCallback, useEffect, useMemo, useState } from 'react'
import type { DashboardConfig, DashboardFigures } from '@shared/dashboard/aggregate'
import { district, localToday } from '@/core/district'
import { formatDate, formatDateTime, formatNumber, useI18n } from '@/core/i18n/i18n'
import { getPlatform } from '@/core/platform'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { Notice } from '@/ui/Notice'
import { ErrorState, LoadingState } from '@/ui/States'
import { Tabs } from '@/ui/Tabs'
import { exportTableXlsx } from './DashboardCharts'
import { DashboardPanel } from './DashboardPanel'
import { DashboardTiles } from './DashboardTiles'
import { ContinuityGuard } from '@/billing/ContinuityGuard'
import { dashboardText, type DashboardMessageKey } from './dashboard-messages'
import { renderDashboardReport, reportFonts } from './dashboard-report'
import { buildDashboardTables, type DashboardTable } from './dashboard-tables'
import { PlansPanel, type PlanEdits } from './PlansPanel'
import { cachedPlans, refreshPlans, type KnownPlans } from './plans-client'
import { countDashboard } from './read-participants'
import {
  lastFigures,
  rememberFigures,
  SHOW_LAST_FIGURES_AFTER_MS,
  type LastFigures,
} from './last-figures'
import './dashboard.css'
import { watchParticipants } from '@/core/store/participant-changes'

export const dashboardConfig: DashboardConfig = {
  tariffs: district.config.tariffs,
  payers: district.config.payers,
  baselineCoveredParticipants: district.config.baselineCoveredParticipants,
  utcOffsetMinutes: district.utcOffsetMinutes,
  configuredTargetFor: (year) => district.targetFor(year),
  kecamatan: district.regions.kecamatan,
  villages: district.regions.villages,
  occupations: district.config.occupations,
}

const RECOUNT_DELAY_MS = 2_000

/**
 * The dashboard's sections, one tab each, so that a supervisor reads one at a time on a
 * 1366×768 screen; the headline figures stay above them. Tests open a tab by its id
 * (`dashboard-tab-<id>`), so the ids do not follow the language.
 */
const DASHBOARD_TABS = ['ringkasan', 'kecamatan', 'desa', 'peserta', 'anggaran', 'rencana'] as const
type DashboardTab = (typeof DASHBOARD_TABS)[number]

const TAB_LABEL: Record<DashboardTab, DashboardMessageKey> = {
  ringkasan: 'tab.summary',
  kecamatan: 'tab.kecamatan',
  desa: 'tab.village',
  peserta: 'tab.people',
  anggaran: 'tab.budget',
  rencana: 'tab.plans',
}

/** The tab a table is shown under; the village table's id carries its kecamatan code. */
function tabOf(table: DashboardTable): DashboardTab {
  if (table.id.startsWith('desa-')) return 'desa'
  if (table.id === 'kecamatan' || table.id === 'kecamatan-klaim') return 'kecamatan'
  if (table.id.startsWith('anggaran')) return 'anggaran'
  if (table.id === 'pekerjaan' || table.id === 'jenis-kelamin-umur') return 'peserta'
  return 'ringkasan'
}

interface Counted {
  figures: DashboardFigures
  records: number
  ms: number
}

export function DashboardScreen({
  store,
  sync,
}: {
  store: NaunganStore
  sync: SyncContextValue | null
}) {
  const { language } = useI18n()
  const t = useCallback(
    (key: DashboardMessageKey, params?: Record<string, string | number>) =>
      dashboardText(language, key, params),
    [language],
  )
  const number = useCallback((value: number) => formatNumber(language, value), [language])
  const today = localToday()
  const thisYear = Number(today.slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const [plans, setPlans] = useState<KnownPlans>({ plans: [], fetchedAt: null })
  const [isPlansOnline, setPlansOnline] = useState(false)
  const [counted, setCounted] = useState<Counted | null>(null)
  const [lastCounted, setLastCounted] = useState<LastFigures | null>(null)
  /** The year whose grace before showing the last count is over. */
  const [lastCountGraceOverFor, setLastCountGraceOverFor] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [isMakingPdf, setMakingPdf] = useState(false)
  const [reloads, setReloads] = useState(0)
  const [recounts, setRecounts] = useState(0)
  const [tab, setTab] = useState<DashboardTab>('ringkasan')
  const [planEdits, setPlanEdits] = useState<{ year: number; edits: PlanEdits }>({
    year,
    edits: {},
  })
  const [villageKecamatan, setVillageKecamatan] = useState(
    district.regions.kecamatan[0]?.code ?? '',
  )

  // Records arriving by sync or typed at another window recount the figures, at most every 2 s:
  // a pull of thousands of records must not recount thousands of times.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stopWatching = watchParticipants(store, () => {
      timer ??= setTimeout(() => {
        timer = undefined
        setRecounts((n) => n + 1)
      }, RECOUNT_DELAY_MS)
    })
    return () => {
      clearTimeout(timer)
      stopWatching()
    }
  }, [store])

  useEffect(() => {
    let isCurrent = true
    void (async () => {
      const cached = await cachedPlans(store, year)
      if (isCurrent) setPlans(cached)
      if (!sync) return
      try {
        const fresh = await refreshPlans(sync, store, year)
        if (isCurrent) {
          setPlans(fresh)
          setPlansOnline(true)
        }
      } catch {
        // Offline: the cached plans stand; the panel says editing needs a connection.
        if (isCurrent) setPlansOnline(false)
      }
    })()
    return () => {
      isCurrent = false
    }
  }, [store, sync, year, reloads])

  // The first count of 100,000 records takes seconds (reading them from IndexedDB): until it is
  // done, the last figures counted are shown, labelled with their time (last-figures.ts). Read at
  // once, before the records' read fills the window's queue; shown only after a short grace.
  useEffect(() => {
    let isCurrent = true
    lastFigures(store, year).then(
      (saved) => {
        if (isCurrent) setLastCounted(saved)
      },
      () => undefined,
    )
    const timer = setTimeout(() => setLastCountGraceOverFor(year), SHOW_LAST_FIGURES_AFTER_MS)
    return () => {
      isCurrent = false
      clearTimeout(timer)
    }
  }, [store, year])

  useEffect(() => {
    let isCurrent = true
    void (async () => {
      try {
        const started = performance.now()
        const { figures, records } = await countDashboard(store, {
          year,
          today,
          config: dashboardConfig,
          plans: plans.plans,
        })
        const ms = Math.round(performance.now() - started)
        if (isCurrent) {
          setCounted({ figures, records, ms })
          setError(null)
          // Figures only (no record): what the next opening shows while it counts.
          rememberFigures(store, figures, records).catch(() => undefined)
        }
      } catch (caught) {
        if (isCurrent) setError(caught instanceof Error ? caught.message : String(caught))
      }
    })()
    return () => {
      isCurrent = false
    }
  }, [store, year, today, plans, reloads, recounts])

  const isShowingLastCount =
    !counted && lastCounted?.figures.year === year && lastCountGraceOverFor === year
  const figures = counted?.figures ?? (isShowingLastCount ? lastCounted?.figures : undefined)
  const tables = useMemo(
    () => (figures ? buildDashboardTables(figures, language, villageKecamatan) : []),
    [figures, language, villageKecamatan],
  )

  const exportXlsx = async (table: DashboardTable) => {
    setNotice((await exportTableXlsx(table, year)) ? null : t('saveFailed'))
  }

  const downloadPdf = async () => {
    if (!counted) return
    setMakingPdf(true)
    try {
      const data = await renderDashboardReport({
        figures: counted.figures,
        tables,
        language,
        fonts: await reportFonts(),
      })
      const result = await getPlatform().saveFile({
        suggestedName: `laporan-cakupan-${year}-${today}.pdf`,
        mimeType: 'application/pdf',
        data,
      })
      setNotice(!result.saved && result.reason === 'WRITE_FAILED' ? t('saveFailed') : null)
    } catch (caught) {
      setNotice(`${t('saveFailed')} ${caught instanceof Error ? caught.message : ''}`)
    } finally {
      setMakingPdf(false)
    }
  }

  const years = [thisYear - 2, thisYear - 1, thisYear, thisYear + 1]
  // Typed plan figures belong to their year: choosing another year starts from its known plan.
  const edits = planEdits.year === year ? planEdits.edits : {}
  const editPlans = (update: (current: PlanEdits) => PlanEdits) =>
    setPlanEdits((current) => ({
      year,
      edits: update(current.year === year ? current.edits : {}),
    }))

  const kecamatanChooser = (
    <label className="dashboard-kecamatan">
      {t('chooseKecamatan')}{' '}
      <select
        value={villageKecamatan}
        onChange={(event) => setVillageKecamatan(event.target.value)}
        data-testid="dashboard-kecamatan"
      >
        {district.regions.kecamatan.map((k) => (
          <option key={k.code} value={k.code}>
            {k.name}
          </option>
        ))}
      </select>
    </label>
  )

  const panels = (which: DashboardTab) =>
    !figures ? (
      <LoadingState>{t('loading')}</LoadingState>
    ) : (
      <div className="dashboard-panels">
        {tables
          .filter((table) => tabOf(table) === which)
          .map((table) => {
            const testId = table.id.startsWith('desa-') ? 'desa' : table.id
            return (
              <DashboardPanel
                key={testId}
                table={table}
                testId={testId}
                language={language}
                chooser={testId === 'desa' ? kecamatanChooser : undefined}
                exportLabel={t('exportXlsx')}
                canExport={!isShowingLastCount}
                onExport={() => void exportXlsx(table)}
              />
            )
          })}
      </div>
    )

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <header className="dashboard-header">
        <div className="dashboard-title-row">
          <h1 id="dashboard-title">{t('title')}</h1>
          <div className="dashboard-actions">
            <label>
              {t('year')}{' '}
              <select
                value={year}
                onChange={(event) => setYear(Number(event.target.value))}
                data-testid="dashboard-year"
              >
                {years.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setReloads((n) => n + 1)}>
              {t('reload')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void downloadPdf()}
              disabled={!counted || isMakingPdf}
              data-testid="dashboard-pdf"
            >
              {isMakingPdf ? t('makingPdf') : t('downloadPdf')}
            </button>
          </div>
        </div>
        <p className="dashboard-meta">
          {t('intro')} {isShowingLastCount ? '' : t('asOf', { date: formatDate(language, today) })}
          {counted
            ? ` · ${t('countedIn', { count: number(counted.records), ms: counted.ms })}`
            : ''}
        </p>
      </header>

      {sync && (sync.user.role === 'supervisor' || sync.user.role === 'admin') ? (
        <ContinuityGuard store={store} />
      ) : null}
      {isShowingLastCount && lastCounted ? (
        <Notice kind="warning" data-testid="dashboard-last-count">
          {t('lastCount', { time: formatDateTime(language, lastCounted.countedAt) })}
        </Notice>
      ) : null}
      {notice ? <Notice kind="error">{notice}</Notice> : null}
      {error ? <ErrorState>{t('loadFailed', { reason: error })}</ErrorState> : null}

      {figures ? (
        <>
          <DashboardTiles
            headline={figures.headline}
            isStale={isShowingLastCount}
            t={t}
            number={number}
          />
          {figures.unknownArea > 0 ? (
            <Notice kind="warning" announce="none">
              {t('unknownArea', { count: number(figures.unknownArea) })}
            </Notice>
          ) : null}
          {figures.budget.allocation === 0 ? (
            <Notice kind="info" announce="none">
              {t('budget.noAllocation')}
            </Notice>
          ) : null}
        </>
      ) : error ? null : (
        <LoadingState>{t('loading')}</LoadingState>
      )}

      <Tabs
        label={t('sections')}
        idPrefix="dashboard"
        tabs={DASHBOARD_TABS.map((id) => ({ id, label: t(TAB_LABEL[id]) }))}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'rencana' ? (
          <PlansPanel
            key={year}
            store={store}
            sync={sync}
            year={year}
            plans={plans}
            isOnline={isPlansOnline}
            onSaved={(saved) => setPlans(saved)}
            fetchedAtText={plans.fetchedAt ? formatDateTime(language, plans.fetchedAt) : null}
            edits={edits}
            onEdit={editPlans}
          />
        ) : (
          panels(tab)
        )}
      </Tabs>
    </section>
  )
}
