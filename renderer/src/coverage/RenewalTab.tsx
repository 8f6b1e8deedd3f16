import { useCallback, useState } from 'react'
import { validateLayout, type BatchLayout } from '@shared/coverage/batch-layout'
import { district, localToday } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import type { ActingUser } from '@/core/acting-user'
import { saveBatchFile } from './batch-export'
import type { BatchFileFormat } from './coverage-files'
import {
  listByStatus,
  newBatchId,
  recordRenewalBatch,
  type RecordedBatch,
} from './coverage-repository'
import { useLoaded } from './use-loaded'
import { useCoverageText, type NoticeText } from './use-coverage-text'
import { currentTime } from '@shared/dates/clock'
import { Notice } from '@/ui/Notice'

/** Active participants renewed for next year in one batch, exported like a new batch. */
export function RenewalTab({
  store,
  actor,
  layout,
  onRecorded,
}: {
  store: NaunganStore
  actor: ActingUser
  layout: BatchLayout
  onRecorded(batch: RecordedBatch): void
}) {
  const { t, problem, refusals } = useCoverageText()
  const nextYear = Number(localToday().slice(0, 4)) + 1
  // A renewal batch is a payer's: it renews the people that payer pays for now.
  const [payerCode, setPayerCode] = useState(district.defaultPayer.code)
  const [kodeIuran, setKodeIuran] = useState(district.defaultPayer.bpjsGroup?.kodeIuran ?? '')
  const choosePayer = (code: string) => {
    setPayerCode(code)
    const known = district.payerByCode(code)?.bpjsGroup?.kodeIuran
    if (known) setKodeIuran(known)
  }
  const [batch, setBatch] = useState<RecordedBatch | null>(null)
  const [busy, setBusy] = useState(false)
  const [notices, setNotices] = useState<NoticeText[]>([])

  const loadCount = useCallback(
    async () => (await listByStatus(store, ['active', 'enrolled'])).length,
    [store],
  )
  const [activeCount] = useLoaded(loadCount, 0)

  const renew = async () => {
    setBusy(true)
    try {
      const result = await recordRenewalBatch(
        store,
        {
          id: newBatchId(),
          kodeIuran: kodeIuran.trim(),
          year: nextYear,
          createdAt: currentTime().toISOString(),
          createdBy: actor.name,
          payerCode,
        },
        actor,
      )
      const refused = refusals(result.outcomes)
      // What the year's re-verification decided, carried out here (coverage-repository.ts).
      const decided = result.reverification
      const reverified = [
        ...(decided && decided.ended.length + decided.notRenewed.length > 0
          ? [
              {
                tone: 'info' as const,
                text: t('renewalReverified', {
                  year: nextYear,
                  ended: decided.ended.length,
                  pending: decided.notRenewed.length,
                }),
              },
            ]
          : []),
        ...(decided && decided.withdrawn.length > 0
          ? [
              {
                tone: 'warning' as const,
                text: t('renewalWithdrawn', { year: nextYear, count: decided.withdrawn.length }),
              },
            ]
          : []),
      ]
      if (!result.ok) {
        setNotices([
          {
            tone: 'error',
            text: [result.problems.map(problem).join(' '), refused].filter(Boolean).join(' '),
          },
          ...reverified,
        ])
        return
      }
      setBatch(result.batch)
      onRecorded(result.batch)
      setNotices([
        {
          tone: 'success',
          text: t('batchRecorded', {
            id: result.batch.id,
            count: result.batch.memberIds.length,
            file: '—',
          }),
        },
        ...reverified,
        ...(refused ? [{ tone: 'warning' as const, text: refused }] : []),
      ])
    } finally {
      setBusy(false)
    }
  }

  const exportFile = async (format: BatchFileFormat) => {
    if (!batch) return
    const checked = validateLayout(layout)
    if (!checked.ok) {
      setNotices([{ tone: 'error', text: checked.problems.map(problem).join(' ') }])
      return
    }
    const saved = await saveBatchFile(store, batch, checked.layout, format)
    setNotices([
      saved.saved
        ? { tone: 'success', text: t('exported', { file: saved.name }) }
        : {
            tone: saved.reason === 'CANCELLED' ? 'warning' : 'error',
            text: t(saved.reason === 'CANCELLED' ? 'saveCancelled' : 'saveFailed'),
          },
    ])
  }

  return (
    <div className="enrolment-tab">
      <h2>{t('renewalTitle', { year: nextYear })}</h2>
      <p className="hint">{t('renewalHelp', { year: nextYear })}</p>
      <p>{t('renewalCount', { count: activeCount })}</p>
      <fieldset disabled={busy || batch !== null} className="field-row">
        <label className="field">
          {t('payer')}
          <select value={payerCode} onChange={(event) => choosePayer(event.target.value)}>
            {district.config.payers.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('kodeIuran')}
          <input
            value={kodeIuran}
            required
            maxLength={40}
            onChange={(event) => setKodeIuran(event.target.value)}
          />
        </label>
      </fieldset>
      <div className="actions">
        {batch === null ? (
          <button type="button" disabled={busy} onClick={() => void renew()}>
            {t('renew')}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => void exportFile('csv')}>
              {t('exportCsv')}
            </button>
            <button type="button" onClick={() => void exportFile('xlsx')}>
              {t('exportXlsx')}
            </button>
          </>
        )}
      </div>
      {notices.map((notice) => (
        <Notice key={notice.text} kind={notice.tone}>
          {notice.text}
        </Notice>
      ))}
    </div>
  )
}
