import { useCallback, useState } from 'react'
import {
  guessAnswerMapping,
  matchAnswer,
  type AnswerMapping,
  type AnswerMatch,
  type AnswerSheet,
} from '@shared/coverage/bpjs-answer'
import { formatPeriod } from '@shared/coverage/enrolment-batch'
import { maskNik } from '@shared/identity/masking'
import { columnLettersOf } from '@shared/import/sheet'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { localToday } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import type { ActingUser } from '@/core/acting-user'
import { readAnswerFile } from './coverage-files'
import { applyAnswer, getParticipants, type RecordedBatch } from './coverage-repository'
import { useLoaded } from './use-loaded'
import { useCoverageText, type NoticeText } from './use-coverage-text'
import { Notice } from '@/ui/Notice'

const MAPPED_FIELDS = ['nik', 'kpj', 'coverageStart', 'name', 'status', 'note'] as const
const REQUIRED = new Set<string>(['nik', 'kpj', 'coverageStart'])

/** BPJS's answer to a batch: read the file, map the columns, dry run, then apply. */
export function AnswerTab({
  store,
  actor,
  batches,
}: {
  store: NaunganStore
  actor: ActingUser
  batches: readonly RecordedBatch[]
}) {
  const { t, problem, status, refusals } = useCoverageText()
  const [chosenBatchId, setBatchId] = useState('')
  const batchId = chosenBatchId || (batches[0]?.id ?? '')
  const [sheet, setSheet] = useState<AnswerSheet | null>(null)
  const [mapping, setMapping] = useState<Partial<AnswerMapping>>({})
  const [match, setMatch] = useState<AnswerMatch | null>(null)
  const [busy, setBusy] = useState(false)
  const [notices, setNotices] = useState<NoticeText[]>([])
  const batch = batches.find((entry) => entry.id === batchId) ?? null

  const loadMembers = useCallback(
    async () => (batch ? getParticipants(store, batch.memberIds) : []),
    [store, batch],
  )
  const [members, reloadMembers] = useLoaded<ParticipantDocument[]>(loadMembers, [])

  const readFile = async (file: File | undefined) => {
    setMatch(null)
    setNotices([])
    setSheet(null)
    if (!file) return
    const read = readAnswerFile(new Uint8Array(await file.arrayBuffer()))
    if (!read.ok) {
      setNotices([
        { tone: 'error', text: t(read.reason === 'EMPTY' ? 'fileEmpty' : 'fileUnreadable') },
      ])
      return
    }
    setSheet(read.sheet)
    setMapping(guessAnswerMapping(read.sheet.header))
  }

  const complete = (value: Partial<AnswerMapping>): value is AnswerMapping =>
    value.nik !== undefined && value.kpj !== undefined && value.coverageStart !== undefined

  const dryRun = async () => {
    if (!sheet || !batch) return
    if (!complete(mapping)) {
      setNotices([{ tone: 'error', text: t('mappingIncomplete') }])
      return
    }
    const current = await getParticipants(store, batch.memberIds)
    reloadMembers()
    setMatch(matchAnswer(sheet, mapping, { period: batch.period, members: current }))
    setNotices([])
  }

  const apply = async () => {
    if (!match || !batch) return
    setBusy(true)
    try {
      const outcomes = await applyAnswer(store, batch, match.rows, localToday(), actor)
      const changed = outcomes.filter((o) => o.ok && o.changed).length
      const same = outcomes.filter((o) => o.ok && !o.changed).length
      const refused = refusals(outcomes)
      setNotices([
        { tone: 'success', text: t('applied', { changed, same }) },
        ...(refused ? [{ tone: 'warning' as const, text: refused }] : []),
      ])
      setMatch(null)
      reloadMembers()
    } finally {
      setBusy(false)
    }
  }

  const nameOf = (id: string | undefined) =>
    members.find((member) => member.id === id)?.fullName ?? ''

  return (
    <div className="enrolment-tab">
      {batches.length === 0 ? <p className="hint">{t('noBatches')}</p> : null}
      <fieldset disabled={busy} className="field-row">
        <label className="field">
          {t('batch')}
          <select
            aria-label={t('batch')}
            value={batchId}
            onChange={(event) => {
              setBatchId(event.target.value)
              setMatch(null)
            }}
          >
            {batches.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {t('batchOption', {
                  id: entry.id,
                  kode: entry.kodeIuran,
                  period: formatPeriod(entry.period),
                  count: entry.memberIds.length,
                })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('answerFile')}
          <input
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={!batch}
            onChange={(event) => void readFile(event.target.files?.[0])}
          />
        </label>
      </fieldset>

      {sheet ? (
        <fieldset disabled={busy} className="field-row">
          {MAPPED_FIELDS.map((field) => (
            <label key={field} className="field">
              {t(`map.${field}`)}
              <select
                aria-label={t(`map.${field}`)}
                value={mapping[field] ?? ''}
                onChange={(event) => {
                  const value = event.target.value
                  setMatch(null)
                  setMapping((previous) => {
                    const next = { ...previous }
                    if (value === '') delete next[field]
                    else next[field] = Number(value)
                    return next
                  })
                }}
              >
                <option value="">{t(REQUIRED.has(field) ? 'map.choose' : 'map.none')}</option>
                {sheet.header.map((heading, index) => (
                  <option key={index} value={index}>
                    {`${columnLettersOf(index)}: ${heading}`}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <div className="actions">
            <button type="button" onClick={() => void dryRun()}>
              {t('dryRun')}
            </button>
          </div>
        </fieldset>
      ) : null}

      {match ? (
        <section aria-labelledby="enrolment-dry-run">
          <h2 id="enrolment-dry-run">{t('dryRun')}</h2>
          <p role="status">{t('dryRunSummary', match.counts)}</p>
          <div className="table-scroll">
            <table className="admin-table enrolment-dry-run">
              <thead>
                <tr>
                  <th scope="col">{t('col.row')}</th>
                  <th scope="col">{t('col.nik')}</th>
                  <th scope="col">{t('col.name')}</th>
                  <th scope="col">{t('col.result')}</th>
                  <th scope="col">{t('col.kpj')}</th>
                  <th scope="col">{t('col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {match.rows.map((row) => (
                  <tr key={row.rowNumber} className={`enrolment-outcome-${row.kind}`}>
                    <td>{row.rowNumber}</td>
                    <td>{row.maskedNik}</td>
                    <td>{nameOf(row.participantId)}</td>
                    <td>
                      {row.kind === 'duplicate'
                        ? t('outcome.duplicate', { row: row.firstRow })
                        : t(`outcome.${row.kind}`)}
                    </td>
                    <td>{row.kind === 'matched' ? row.kpjNumber : ''}</td>
                    <td>
                      {row.kind === 'error'
                        ? row.problems.map(problem).join(' ')
                        : row.kind === 'matched'
                          ? row.warnings.map(problem).join(' ')
                          : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {match.unmatchedMembers.length > 0 ? (
            <>
              <h3>{t('unmatchedTitle')}</h3>
              <ul>
                {match.unmatchedMembers.map((member) => (
                  <li key={member.participantId}>
                    {member.fullName} ({member.maskedNik}): {problem(member.problem)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="hint">{t('nothingChangedYet')}</p>
          <div className="actions">
            <button
              type="button"
              disabled={busy || match.counts.matched === 0}
              onClick={() => void apply()}
            >
              {t('apply')}
            </button>
          </div>
        </section>
      ) : null}

      {notices.map((notice) => (
        <Notice key={notice.text} kind={notice.tone}>
          {notice.text}
        </Notice>
      ))}

      {batch && members.length > 0 ? (
        <section aria-labelledby="enrolment-members">
          <h2 id="enrolment-members">{t('membersTitle')}</h2>
          <table className="admin-table enrolment-members">
            <thead>
              <tr>
                <th scope="col">{t('col.name')}</th>
                <th scope="col">{t('col.nik')}</th>
                <th scope="col">{t('col.status')}</th>
                <th scope="col">{t('col.kpj')}</th>
                <th scope="col">{t('col.start')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id}>
                  <td>
                    <a href={`#/peserta/${member.id}`}>{member.fullName}</a>
                  </td>
                  <td>{maskNik(member.nik)}</td>
                  <td>{status(member)}</td>
                  <td>{member.kpjNumber ?? ''}</td>
                  <td>
                    {member.coverage?.find(
                      (p) => p.batchId === batch.id && p.year === batch.period.year,
                    )?.from ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  )
}
