import { useCallback, useState } from 'react'
import { validateLayout, type BatchLayout } from '@shared/coverage/batch-layout'
import { formatPeriod, validateBatch, type BatchPeriod } from '@shared/coverage/enrolment-batch'
import { maskNik } from '@shared/identity/masking'
import type { NaunganStore } from '@/core/store/database'
import type { ActingUser } from '@/core/acting-user'
import { saveBatchFile } from './batch-export'
import type { BatchFileFormat } from './coverage-files'
import {
  listBatchCandidates,
  newBatchId,
  recordBatch,
  type BatchCandidate,
  type RecordedBatch,
} from './coverage-repository'
import { LayoutEditor } from './LayoutEditor'
import { useLoaded } from './use-loaded'
import { useCoverageText, type NoticeText } from './use-coverage-text'
import { currentTime } from '@shared/dates/clock'
import { district, localToday } from '@/core/district'
import { Notice } from '@/ui/Notice'

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1)

/** Approved participants → a batch with kode iuran and period → the CSV / XLSX for BPJS. */
export function NewBatchTab({
  store,
  actor,
  layout,
  onLayoutChange,
  onRecorded,
}: {
  store: NaunganStore
  actor: ActingUser
  layout: BatchLayout
  onLayoutChange(layout: BatchLayout): void
  onRecorded(batch: RecordedBatch): void
}) {
  const { t, problem, status, refusals } = useCoverageText()
  const today = localToday()
  const [period, setPeriod] = useState<BatchPeriod>({
    year: Number(today.slice(0, 4)),
    fromMonth: Number(today.slice(5, 7)),
  })
  // One batch, one payer (its BPJS group and kode iuran): the default payer unless chosen.
  const payers = district.config.payers
  const [payerCode, setPayerCode] = useState(district.defaultPayer.code)
  const payer = district.payerByCode(payerCode) ?? district.defaultPayer
  const [kodeIuran, setKodeIuran] = useState(district.defaultPayer.bpjsGroup?.kodeIuran ?? '')
  const choosePayer = (code: string) => {
    setPayerCode(code)
    const known = district.payerByCode(code)?.bpjsGroup?.kodeIuran
    if (known) setKodeIuran(known)
  }
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [batch, setBatch] = useState<RecordedBatch | null>(null)
  const [busy, setBusy] = useState(false)
  const [notices, setNotices] = useState<NoticeText[]>([])

  const loadCandidates = useCallback(() => listBatchCandidates(store, period), [store, period])
  const [candidates, reload] = useLoaded<BatchCandidate[]>(loadCandidates, [])

  const allSelected =
    candidates.length > 0 && candidates.every((c) => selected.has(c.participant.id))
  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const exportFile = async (format: BatchFileFormat) => {
    const checkedLayout = validateLayout(layout)
    if (!checkedLayout.ok) {
      setNotices([{ tone: 'error', text: checkedLayout.problems.map(problem).join(' ') }])
      return
    }
    setBusy(true)
    try {
      const messages: NoticeText[] = []
      let current = batch
      if (!current) {
        const memberIds = candidates.map((c) => c.participant.id).filter((id) => selected.has(id))
        if (memberIds.length === 0) {
          setNotices([{ tone: 'error', text: t('nothingSelected') }])
          return
        }
        const draft = {
          id: newBatchId(),
          kodeIuran: kodeIuran.trim(),
          period,
          createdAt: currentTime().toISOString(),
          createdBy: actor.name,
          memberIds,
          payerCode: payer.code,
        }
        const problems = validateBatch(draft)
        if (problems.length > 0) {
          setNotices([{ tone: 'error', text: problems.map(problem).join(' ') }])
          return
        }
        const recorded = await recordBatch(store, draft, actor)
        const refused = refusals(recorded.outcomes)
        if (!recorded.ok) {
          setNotices([
            {
              tone: 'error',
              text: [recorded.problems.map(problem).join(' '), refused].filter(Boolean).join(' '),
            },
          ])
          return
        }
        current = recorded.batch
        setBatch(current)
        onRecorded(current)
        if (refused) messages.push({ tone: 'warning', text: refused })
      }
      const saved = await saveBatchFile(store, current, checkedLayout.layout, format)
      if (saved.saved) {
        messages.unshift({
          tone: 'success',
          text:
            batch === null
              ? t('batchRecorded', {
                  id: current.id,
                  count: current.memberIds.length,
                  file: saved.name,
                })
              : t('exported', { file: saved.name }),
        })
      } else {
        messages.unshift({
          tone: saved.reason === 'CANCELLED' ? 'warning' : 'error',
          text: t(saved.reason === 'CANCELLED' ? 'saveCancelled' : 'saveFailed'),
        })
      }
      setNotices(messages)
      reload()
    } finally {
      setBusy(false)
    }
  }

  const startAnother = () => {
    setBatch(null)
    setSelected(new Set())
    setNotices([])
    reload()
  }

  return (
    <div className="enrolment-tab">
      <fieldset disabled={busy || batch !== null} className="field-row">
        <label className="field">
          {t('year')}
          <input
            type="number"
            min={2000}
            max={2100}
            value={period.year}
            onChange={(event) => setPeriod({ ...period, year: Number(event.target.value) })}
          />
        </label>
        <label className="field">
          {t('fromMonth')}
          <select
            aria-label={t('fromMonth')}
            value={period.fromMonth}
            onChange={(event) => setPeriod({ ...period, fromMonth: Number(event.target.value) })}
          >
            {MONTHS.map((month) => (
              <option key={month} value={month}>
                {formatPeriod({ year: period.year, fromMonth: month })}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <label htmlFor="enrolment-payer">{t('payer')}</label>
          <select
            id="enrolment-payer"
            name="payerCode"
            value={payer.code}
            aria-describedby="enrolment-payer-help"
            onChange={(event) => choosePayer(event.target.value)}
          >
            {payers.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.name}
              </option>
            ))}
          </select>
          <small id="enrolment-payer-help" className="hint">
            {t('payerHelp')}
            {payer.bpjsGroup ? ` ${t('payerGroup', { group: payer.bpjsGroup.name })}` : ''}
          </small>
        </div>
        <div className="field">
          <label htmlFor="enrolment-kode-iuran">{t('kodeIuran')}</label>
          <input
            id="enrolment-kode-iuran"
            name="kodeIuran"
            value={kodeIuran}
            required
            maxLength={40}
            aria-describedby="enrolment-kode-help"
            onChange={(event) => setKodeIuran(event.target.value)}
          />
          <small id="enrolment-kode-help" className="hint">
            {t('kodeIuranHelp')}
          </small>
        </div>
      </fieldset>

      {batch === null ? (
        <>
          <h2>{t('eligible', { count: candidates.length })}</h2>
          {candidates.length === 0 ? (
            <p className="hint">{t('noEligible')}</p>
          ) : (
            <div className="table-scroll">
              <table className="admin-table">
                <thead>
                  <tr>
                    <th scope="col">
                      <label className="choice">
                        <input
                          type="checkbox"
                          checked={allSelected}
                          onChange={() =>
                            setSelected(
                              allSelected
                                ? new Set()
                                : new Set(candidates.map((c) => c.participant.id)),
                            )
                          }
                        />
                        {t('selectAll')}
                      </label>
                    </th>
                    <th scope="col">{t('col.name')}</th>
                    <th scope="col">{t('col.nik')}</th>
                    <th scope="col">{t('col.registration')}</th>
                    <th scope="col">{t('col.kind')}</th>
                    <th scope="col">{t('col.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates.map(({ participant, kind }) => (
                    <tr key={participant.id}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t('col.select')} ${participant.fullName}`}
                          checked={selected.has(participant.id)}
                          onChange={() => toggle(participant.id)}
                        />
                      </td>
                      <td>{participant.fullName}</td>
                      <td>{maskNik(participant.nik)}</td>
                      <td>{participant.registrationNumber}</td>
                      <td>{t(`kind.${kind}`)}</td>
                      <td>{status(participant)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="hint" role="status">
            {t('selected', { count: selected.size })}
          </p>
          <LayoutEditor store={store} layout={layout} onChange={onLayoutChange} />
        </>
      ) : null}

      <p className="hint">{t('exportHelp')}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void exportFile('csv')}>
          {t('exportCsv')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportFile('xlsx')}>
          {t('exportXlsx')}
        </button>
        {batch ? (
          <button type="button" disabled={busy} onClick={startAnother}>
            {t('tab.new')}
          </button>
        ) : null}
      </div>
      {notices.map((notice) => (
        <Notice key={notice.text} kind={notice.tone}>
          {notice.text}
        </Notice>
      ))}
    </div>
  )
}
