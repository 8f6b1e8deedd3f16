import { useCallback, useEffect, useMemo, useState } from 'react'
import type { DashboardConfig, DashboardFigures } from '@shared/dashboard/aggregate'
import { district, localToday } from '@/core/district'
import { formatDate, formatDateTime, formatNumber, useI18n } from '@/core/i18n/i18n'
import { getPlatform } from '@/core/platform'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { BarChart, DataTable, exportTableXlsx } from './DashboardCharts'
import { dashboardText, type DashboardMessageKey } from './dashboard-messages'
import { renderDashboardReport, reportFonts } from './dashboard-report'
import { buildDashboardTables, percentOf, type DashboardTable } from './dashboard-tables'
import { PlansPanel } from './PlansPanel'
import { cachedPlans, refreshPlans, type KnownPlans } from './plans-client'
import { countDashboard } from './read-participants'
import {
  lastFigures,
  rememberFigures,
  SHOW_LAST_FIGURES_AFTER_MS,
  type LastFigures,
} from './last-figures'
import './dashboard.css'

export const dashboardConfig: DashboardConfig = {
  premiumPerMonth: district.config.premiumPerMonth.total,
  baselineCoveredParticipants: district.config.baselineCoveredParticipants,
  configuredTargetFor: (year) => district.targetFor(year),
  kecamatan: district.regions.kecamatan,
  villages: district.regions.villages,
  occupations: district.config.occupations,
}

const RECOUNT_DELAY_MS = 2_000

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
  const [villageKecamatan, setVillageKecamatan] = useState(
    district.regions.kecamatan[0]?.code ?? '',
  )

  // Records arriving by sync or typed at another window recount the figures, at most every 2 s:
  // a pull of thousands of records must not recount thousands of times.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const subscription = store.db.participants.$.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined
        setRecounts((n) => n + 1)
      }, RECOUNT_DELAY_MS)
    })
    return () => {
      clearTimeout(timer)
      subscription.unsubscribe()
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
  const h = figures?.headline
  const targetNote =
    h?.targetSource === 'plan'
      ? t('headline.targetPlan')
      : h?.targetSource === 'config'
        ? t('headline.targetConfig')
        : t('headline.targetNone')

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <header className="dashboard-header">
        <h1 id="dashboard-title">{t('title')}</h1>
        <p>{t('intro')}</p>
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
            onClick={() => void downloadPdf()}
            disabled={!counted || isMakingPdf}
            data-testid="dashboard-pdf"
          >
            {isMakingPdf ? t('makingPdf') : t('downloadPdf')}
          </button>
        </div>
        <p className="dashboard-meta">
          {isShowingLastCount ? '' : t('asOf', { date: formatDate(language, today) })}
          {counted
            ? ` · ${t('countedIn', { count: number(counted.records), ms: counted.ms })}`
            : ''}
        </p>
        {isShowingLastCount && lastCounted ? (
          <p className="notice notice-warning" role="status" data-testid="dashboard-last-count">
            {t('lastCount', { time: formatDateTime(language, lastCounted.countedAt) })}
          </p>
        ) : null}
        {notice ? (
          <p role="alert" className="notice error">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="notice error">
            {t('loadFailed', { reason: error })}
          </p>
        ) : null}
      </header>

      {!figures || !h ? (
        <p aria-live="polite">{t('loading')}</p>
      ) : (
        <>
          <div
            className="dashboard-tiles"
            data-testid="dashboard-headline"
            aria-busy={isShowingLastCount}
          >
            <Tile
              id="active"
              label={t('headline.active')}
              value={number(h.coveredTotal)}
              detail={t('headline.activeDetail', {
                baseline: number(h.baseline),
                active: number(h.active),
                total: number(h.coveredTotal),
              })}
            />
            <Tile
              id="new"
              label={t('headline.new')}
              value={number(h.newThisYear)}
              detail={`${t('headline.newDetail', {
                target: number(h.target),
                percent: percentOf(h.newThisYear, h.target),
              })} · ${targetNote}`}
            />
            <Tile
              id="approved"
              label={t('headline.approved')}
              value={number(h.approvedWaitingForBpjs)}
              detail={t('headline.approvedDetail', { sent: number(h.approvedSentInBatch) })}
            />
            <Tile
              id="waiting"
              label={t('headline.waiting')}
              value={number(h.waitingForVerification)}
              detail={t('headline.waitingDetail', {
                returned: number(h.returned),
                drafts: number(h.drafts),
                registered: number(h.registered),
              })}
            />
          </div>
          {figures.unknownArea > 0 ? (
            <p className="notice">{t('unknownArea', { count: number(figures.unknownArea) })}</p>
          ) : null}
          {figures.budget.allocation === 0 ? (
            <p className="notice">{t('budget.noAllocation')}</p>
          ) : null}

          <div className="dashboard-panels">
            {tables.map((table) => (
              <section
                key={table.id.startsWith('desa-') ? 'desa' : table.id}
                className="dashboard-panel"
                aria-label={table.title}
                data-testid={`panel-${table.id.startsWith('desa-') ? 'desa' : table.id}`}
              >
                <h2>{table.title}</h2>
                {table.id.startsWith('desa-') ? (
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
                ) : null}
                <div className="dashboard-panel-body">
                  {table.bars.length > 0 ? <BarChart table={table} language={language} /> : null}
                  <DataTable table={table} language={language} />
                </div>
                <button
                  type="button"
                  onClick={() => void exportXlsx(table)}
                  disabled={isShowingLastCount}
                >
                  {t('exportXlsx')}
                </button>
              </section>
            ))}
          </div>
        </>
      )}

      <PlansPanel
        key={year}
        store={store}
        sync={sync}
        year={year}
        plans={plans}
        isOnline={isPlansOnline}
        onSaved={(saved) => setPlans(saved)}
        fetchedAtText={plans.fetchedAt ? formatDateTime(language, plans.fetchedAt) : null}
      />
    </section>
  )
}

function Tile({
  id,
  label,
  value,
  detail,
}: {
  id: string
  label: string
  value: string
  detail: string
}) {
  return (
    <div className="dashboard-tile" data-testid={`tile-${id}`}>
      <span className="dashboard-tile-label">{label}</span>
      <strong className="dashboard-tile-value" data-testid={`tile-${id}-value`}>
        {value}
      </strong>
      <span className="dashboard-tile-detail">{detail}</span>
    </div>
  )
}
