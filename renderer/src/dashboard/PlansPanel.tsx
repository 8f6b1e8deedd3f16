import { useState } from 'react'
import { MAX_PLAN_AMOUNT } from '@shared/sync/sync-protocol'
import { district } from '@/core/district'
import { formatNumber, useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
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

export function PlansPanel({
  store,
  sync,
  year,
  plans,
  isOnline,
  onSaved,
  fetchedAtText,
}: {
  store: NaunganStore
  sync: SyncContextValue | null
  year: number
  plans: KnownPlans
  isOnline: boolean
  onSaved: (plans: KnownPlans) => void
  fetchedAtText: string | null
}) {
  const { language } = useI18n()
  const t = (key: DashboardMessageKey, params?: Record<string, string | number>) =>
    dashboardText(language, key, params)
  const canEdit = sync !== null && (sync.user.role === 'supervisor' || sync.user.role === 'admin')
  // Only what the supervisor typed; the rest shows the known plan (the panel is keyed by year).
  const [edits, setEdits] = useState<
    Record<string, Partial<Record<'target' | 'allocation', string>>>
  >({})
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
      setEdits({})
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
      {!sync ? <p className="notice">{t('plans.standalone')}</p> : null}
      {sync && fetchedAtText ? <p>{t('plans.cached', { at: fetchedAtText })}</p> : null}
      {sync && !fetchedAtText ? <p>{t('plans.none')}</p> : null}
      {sync && canEdit && !isOnline ? <p className="notice">{t('plans.offline')}</p> : null}
      {sync && !canEdit ? <p>{t('plans.readOnly')}</p> : null}
      {sync ? (
        <table className="dashboard-table">
          <thead>
            <tr>
              <th scope="col">{t('plans.area')}</th>
              <th scope="col">{t('plans.target')}</th>
              <th scope="col">{t('plans.allocation')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.kecamatanCode || 'district'}>
                <th scope="row">{row.name}</th>
                {(['target', 'allocation'] as const).map((field) => (
                  <td key={field} className="number">
                    {isEditable ? (
                      <input
                        inputMode="numeric"
                        aria-label={`${row.name}: ${t(field === 'target' ? 'plans.target' : 'plans.allocation')}`}
                        value={row[field]}
                        onChange={(event) => {
                          const value = event.target.value
                          setEdits((current) => ({
                            ...current,
                            [row.kecamatanCode]: { ...current[row.kecamatanCode], [field]: value },
                          }))
                        }}
                      />
                    ) : row[field] === '' ? (
                      '–'
                    ) : (
                      formatNumber(language, Number(row[field]))
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {isEditable ? (
        <button type="button" onClick={() => void save()} disabled={isSaving}>
          {t('plans.save')}
        </button>
      ) : null}
      {message ? (
        <p
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={`notice ${message.tone}`}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  )
}
