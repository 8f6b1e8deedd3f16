import { useState } from 'react'
import { MAX_PLAN_AMOUNT } from '@shared/sync/sync-protocol'
import { district } from '@/core/district'
import { formatNumber, useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { DataTable, type Column } from '@/ui/DataTable'
import { Notice } from '@/ui/Notice'
import { dashboardText, type DashboardMessageKey } from './dashboard-messages'
import { savePlans, type KnownPlans } from './plans-client'

interface DraftRow {
  kecamatanCode: string
  name: string
  target: string
  allocation: string
}

/** Whole, non-negative, at most MAX_PLAN_AMOUNT; '' counts as 0. */
export function parsePlanAmount(text: string): number | null {
  const digits = text.replace(/[.\s]/g, '')
  if (digits === '') return 0
  if (!/^\d+$/.test(digits)) return null
  const value = Number(digits)
  return Number.isSafeInteger(value) && value <= MAX_PLAN_AMOUNT ? value : null
}

/** What the supervisor typed, per kecamatan code ('' for the district); the rest shows the plan. */
export type PlanEdits = Record<string, Partial<Record<'target' | 'allocation', string>>>

export function PlansPanel({
  store,
  sync,
  year,
  plans,
  isOnline,
  onSaved,
  fetchedAtText,
  edits,
  onEdit,
}: {
  store: NaunganStore
  sync: SyncContextValue | null
  year: number
  plans: KnownPlans
  isOnline: boolean
  onSaved: (plans: KnownPlans) => void
  fetchedAtText: string | null
  /** Held by the screen, so that looking at another tab does not lose what was typed. */
  edits: PlanEdits
  onEdit: (update: (current: PlanEdits) => PlanEdits) => void
}) {
  const { language } = useI18n()
  const t = (key: DashboardMessageKey, params?: Record<string, string | number>) =>
    dashboardText(language, key, params)
  const canEdit = sync !== null && (sync.user.role === 'supervisor' || sync.user.role === 'admin')
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null)
  const [isSaving, setSaving] = useState(false)

  const planOf = (code: string) => plans.plans.find((p) => p.kecamatanCode === code)
  const areas = [
    { code: '', name: t('plans.district') },
    ...district.regions.kecamatan.map((k) => ({ code: k.code, name: k.name })),
  ]
  const rows: DraftRow[] = areas.map((area) => ({
    kecamatanCode: area.code,
    name: area.name,
    target: edits[area.code]?.target ?? String(planOf(area.code)?.target ?? ''),
    allocation: edits[area.code]?.allocation ?? String(planOf(area.code)?.allocation ?? ''),
  }))

  const isEditable = canEdit && isOnline
  const amountColumn = (field: 'target' | 'allocation'): Column<DraftRow> => {
    const header = t(field === 'target' ? 'plans.target' : 'plans.allocation')
    return {
      key: field,
      header,
      isNumeric: true,
      // Inputs, not keyboard rows: ↑/↓ and Tab stay the fields' own.
      cell: (row) =>
        isEditable ? (
          <input
            inputMode="numeric"
            aria-label={`${row.name}: ${header}`}
            value={row[field]}
            onChange={(event) => {
              const value = event.target.value
              onEdit((current) => ({
                ...current,
                [row.kecamatanCode]: { ...current[row.kecamatanCode], [field]: value },
              }))
            }}
          />
        ) : row[field] === '' ? (
          '–'
        ) : (
          formatNumber(language, Number(row[field]))
        ),
    }
  }
  const columns: Column<DraftRow>[] = [
    { key: 'area', header: t('plans.area'), cell: (row) => row.name, isRowHeader: true },
    amountColumn('target'),
    amountColumn('allocation'),
  ]
  const hasPlan = plans.plans.length > 0
  const save = async () => {
    if (!sync) return
    const parsed = rows.map((row) => ({
      kecamatanCode: row.kecamatanCode,
      target: parsePlanAmount(row.target),
      allocation: parsePlanAmount(row.allocation),
    }))
    if (parsed.some((row) => row.target === null || row.allocation === null)) {
      setMessage({ tone: 'error', text: t('plans.invalid') })
      return
    }
    setSaving(true)
    try {
      // A kecamatan left blank that had no plan stays without one (its table shows "–", not a
      // target of 0); one that had a plan and was cleared is saved as 0.
      const wanted = parsed.filter(
        (row, index) =>
          planOf(row.kecamatanCode) !== undefined ||
          rows[index]?.target.trim() !== '' ||
          rows[index]?.allocation.trim() !== '',
      )
      const saved = await savePlans(sync, store, {
        year,
        plans: wanted.map((row) => ({
          kecamatanCode: row.kecamatanCode,
          target: row.target ?? 0,
          allocation: row.allocation ?? 0,
        })),
      })
      onSaved(saved)
      onEdit(() => ({}))
      setMessage({ tone: 'ok', text: t('plans.saved') })
    } catch (caught) {
      setMessage({
        tone: 'error',
        text: t('plans.failed', { reason: caught instanceof Error ? caught.message : '' }),
      })
    } finally {
      setSaving(false)
    }
  }

  return (
    <section className="dashboard-plans" aria-labelledby="plans-title" data-testid="plans-panel">
      <h2 id="plans-title">
        {t('plans.title')} {year}
      </h2>
      <p>{t('plans.intro')}</p>
      {!sync ? (
        <Notice kind="info" announce="none">
          {t('plans.standalone')}
        </Notice>
      ) : null}
      {/* A year the server has no plan for is "none", not "the last known plan" (fetched, empty). */}
      {sync && fetchedAtText && hasPlan ? <p>{t('plans.cached', { at: fetchedAtText })}</p> : null}
      {sync && !(fetchedAtText && hasPlan) ? <p>{t('plans.none')}</p> : null}
      {sync && canEdit && !isOnline ? (
        <Notice kind="warning" announce="none">
          {t('plans.offline')}
        </Notice>
      ) : null}
      {sync && !canEdit ? <p>{t('plans.readOnly')}</p> : null}
      {sync ? (
        <DataTable
          caption={`${t('plans.title')} ${year}`}
          isCaptionHidden
          testId="plans-table"
          className="dashboard-table"
          columns={columns}
          rows={rows}
          rowKey={(row) => row.kecamatanCode || 'district'}
        />
      ) : null}
      {isEditable ? (
        <button type="button" onClick={() => void save()} disabled={isSaving}>
          {t('plans.save')}
        </button>
      ) : null}
      {message ? (
        <Notice kind={message.tone === 'error' ? 'error' : 'success'}>{message.text}</Notice>
      ) : null}
    </section>
  )
}
