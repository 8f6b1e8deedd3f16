import { useEffect, useMemo, useRef, useState } from 'react'
import { formatDateWords, formatNumber } from '@shared/i18n/format'
import {
  REVERIFICATION_END_REASONS,
  type ReverificationCandidate,
  type ReverificationEndReason,
  type ReverificationOutcome,
  type ReverificationReason,
} from '@shared/reverification/proposal'
import {
  describeContinuationBlock,
  describeDecreeProblem,
  reverificationEndReasonLabel,
  reverificationOutcomeLabel,
  reverificationReasonLabel,
} from '@shared/reverification/proposal-messages'
import {
  canDecide,
  latestDecisionOf,
  outcomesFor,
  outcomeOfDecision,
  type ReverificationOutcomeKind,
} from '@shared/reverification/reverification-decision'
import type { Role } from '@shared/sync/sync-protocol'
import { actingUserOf } from '@/core/acting-user'
import { useApp } from '@/core/app-context'
import { district, districtDayOfIso, localToday } from '@/core/district'
import { useI18n } from '@/core/i18n/i18n'
import { useParticipantsRead } from '@/core/store/use-participants-read'
import { useSync } from '@/sync/sync-context'
import { DataTable, type Column } from '@/ui/DataTable'
import { FormField } from '@/ui/FormField'
import { Notice } from '@/ui/Notice'
import { ErrorState, LoadingState } from '@/ui/States'
import { Tabs } from '@/ui/Tabs'
import { saveDecreeFile, type DecreeFileKind } from './decree-report-save'
import {
  reverificationScreenText,
  type ReverificationScreenMessageKey,
} from './reverification-messages'
import { reviewYear, type YearReview } from './reverification-records'
import { recordDecision } from './reverification-repository'
import './reverification.css'

type TabId = 'queue' | 'decree'
type Feedback = { kind: 'success' | 'error' | 'warning'; text: string } | null

/** The end reason a proposal's first reason suggests (the office may choose another). */
const SUGGESTED_END: Partial<Record<ReverificationReason, ReverificationEndReason>> = {
  'batas-usia': 'batas-usia',
  meninggal: 'meninggal',
  pindah: 'pindah',
  'penanggung-lain': 'penanggung-lain',
  'tidak-layak-desil': 'tidak-layak-desil',
}

function useText() {
  const { language } = useI18n()
  const t = (key: ReverificationScreenMessageKey, params?: Record<string, string | number>) =>
    reverificationScreenText(language, key, params)
  return { t, language }
}

/**
 * Verifikasi ulang tahunan (issue 17): before each budget year, the people the rules propose for a
 * re-check, by kecamatan, each decided continued / ended (with a reason) / pending on this PC —
 * offline too; the decisions sync with the records. Then the year's decree list (lampiran SK
 * Bupati) and each kecamatan's berita acara, as PDF and XLSX.
 */
export function ReverificationScreen() {
  const { t, language } = useText()
  const { store, office } = useApp()
  const sync = useSync()
  const actor = useMemo(() => actingUserOf(office, sync), [office, sync])
  const reach = useMemo(
    () =>
      sync
        ? { kind: sync.enrolment.office.kind, kecamatanCode: sync.enrolment.office.kecamatanCode }
        : { kind: 'kecamatan' as const, kecamatanCode: office.kecamatanCode },
    [sync, office.kecamatanCode],
  )
  const today = localToday()
  const thisYear = Number(today.slice(0, 4))
  // In the last quarter the office prepares next year; earlier, this year's list is still open.
  const [year, setYear] = useState(Number(today.slice(5, 7)) >= 10 ? thisYear + 1 : thisYear)
  const [tab, setTab] = useState<TabId>('queue')
  const read = useParticipantsRead(store, String(year), (opened) => reviewYear(opened, year))
  const review = read.phase === 'loaded' && read.key === String(year) ? read.value : null
  const failed = read.phase === 'failed'

  return (
    <section className="panel wide reverification-screen" aria-labelledby="reverification-title">
      <h1 id="reverification-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <FormField label={t('year')}>
        {(control) => (
          <select
            {...control}
            value={year}
            onChange={(event) => setYear(Number(event.target.value))}
          >
            {[thisYear, thisYear + 1].map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {failed ? (
        <ErrorState>{t('loadFailed')}</ErrorState>
      ) : !review ? (
        <LoadingState>{t('loading')}</LoadingState>
      ) : (
        <Tabs
          label={t('tabs')}
          idPrefix="reverification"
          selected={tab}
          onSelect={setTab}
          tabs={[
            { id: 'queue', label: t('tab.queue') },
            { id: 'decree', label: t('tab.decree') },
          ]}
        >
          {tab === 'queue' ? (
            <QueueTab
              review={review}
              reach={reach}
              role={actor.role}
              mayDecide={actor.role !== 'admin'}
              onDecide={(candidate, decision) =>
                recordDecision(
                  store,
                  candidate.participantId,
                  { year: review.year, reasons: candidate.reasons, ...decision },
                  actor,
                  reach,
                )
              }
            />
          ) : (
            <DecreeTab review={review} reach={reach} language={language} />
          )}
        </Tabs>
      )}
    </section>
  )
}

/** What the last action said: an error is announced at once, the rest politely. */
function FeedbackNotice({ feedback }: { feedback: Feedback }) {
  if (!feedback) return null
  return (
    <Notice kind={feedback.kind} announce={feedback.kind === 'error' ? 'alert' : 'status'} as="p">
      {feedback.text}
    </Notice>
  )
}

const kecamatanName = (code: string) =>
  code === '' ? district.config.region.name : (district.regions.kecamatanByCode(code)?.name ?? code)
const villageName = (code: string) => district.regions.villageByCode(code)?.name ?? code

function QueueTab({
  review,
  reach,
  role,
  mayDecide,
  onDecide,
}: {
  review: YearReview
  reach: { kind: 'kecamatan' | 'agency' | 'central'; kecamatanCode: string | null }
  role: Role
  mayDecide: boolean
  onDecide(
    candidate: ReverificationCandidate,
    decision: { outcome: ReverificationOutcome; note?: string },
  ): Promise<Awaited<ReturnType<typeof recordDecision>>>
}) {
  const { t, language } = useText()
  const ownKecamatan = reach.kind === 'kecamatan' ? reach.kecamatanCode : null
  const [kecamatan, setKecamatan] = useState<string>(ownKecamatan ?? '*')
  const [show, setShow] = useState<'open' | 'all'>('open')
  const [deciding, setDeciding] = useState<string | null>(null)
  const [feedback, setFeedback] = useState<Feedback>(null)

  const candidates = review.proposal.candidates.filter(
    (candidate) => kecamatan === '*' || candidate.kecamatanCode === kecamatan,
  )
  const decisionOf = (candidate: ReverificationCandidate) => {
    const record = review.records.get(candidate.participantId)
    return record ? latestDecisionOf(record, review.year) : undefined
  }
  // A decision the decree list refuses (continued, then the person died) is to be made again.
  const toRedo = new Set(
    review.decree.ok ? [] : review.decree.problems.map((problem) => problem.participantId),
  )
  const isOpen = (candidate: ReverificationCandidate) =>
    !decisionOf(candidate) || toRedo.has(candidate.participantId)
  const decided = candidates.filter((candidate) => !isOpen(candidate)).length
  const rows = show === 'all' ? candidates : candidates.filter(isOpen)
  const containerRef = useRef<HTMLDivElement>(null)
  /** After a decision or Esc: the next person's "Putuskan", else the summary. */
  const focusNext = () =>
    setTimeout(() => {
      const container = containerRef.current
      const next =
        container?.querySelector<HTMLElement>('button[data-decide]') ??
        container?.querySelector<HTMLElement>('[data-testid="reverification-summary"]')
      next?.focus()
    }, 0)
  const current = deciding
    ? review.proposal.candidates.find((candidate) => candidate.participantId === deciding)
    : undefined

  const reasonsText = (candidate: ReverificationCandidate) =>
    candidate.reasons
      .map((reason) => {
        const label = reverificationReasonLabel(language, reason)
        if (reason === 'batas-usia' && candidate.overLimitOn) {
          return `${label} (${t('overLimitOn', { date: formatDateWords(language, candidate.overLimitOn) })})`
        }
        if (reason === 'tidak-layak-desil' && candidate.decile !== undefined) {
          return `${label} (${t('decile', { decile: candidate.decile })})`
        }
        return label
      })
      .join('; ')

  const columns: Column<ReverificationCandidate>[] = [
    {
      key: 'name',
      header: t('col.name'),
      isRowHeader: true,
      cell: (candidate) => (
        <a href={`#/peserta/${candidate.participantId}`}>{candidate.fullName}</a>
      ),
    },
    { key: 'number', header: t('col.number'), cell: (candidate) => candidate.registrationNumber },
    {
      key: 'kecamatan',
      header: t('col.kecamatan'),
      cell: (candidate) => kecamatanName(candidate.kecamatanCode),
    },
    {
      key: 'village',
      header: t('col.village'),
      cell: (candidate) => villageName(candidate.villageCode),
    },
    { key: 'reasons', header: t('col.reasons'), cell: reasonsText },
    {
      key: 'decision',
      header: t('col.decision'),
      cell: (candidate) => {
        const decision = decisionOf(candidate)
        if (decision && toRedo.has(candidate.participantId)) return t('redo')
        return decision
          ? t('decidedBy', {
              outcome: reverificationOutcomeLabel(language, outcomeOfDecision(decision)),
              by: decision.decidedBy,
              at: formatDateWords(language, districtDayOfIso(decision.decidedAt)),
            })
          : t('undecided')
      },
    },
    ...(mayDecide
      ? [
          {
            key: 'action',
            header: t('col.action'),
            cell: (candidate: ReverificationCandidate) =>
              canDecide({ role, office: reach }, candidate.recordedKecamatanCode) === null ? (
                <button
                  type="button"
                  data-decide=""
                  aria-label={t('decideFor', { name: candidate.fullName })}
                  onClick={() => {
                    setFeedback(null)
                    setDeciding(candidate.participantId)
                  }}
                >
                  {t('decide')}
                </button>
              ) : null,
          },
        ]
      : []),
  ]

  const kecamatanOptions = review.proposal.byKecamatan.map((queue) => queue.kecamatanCode)
  return (
    <div className="reverification-queue" ref={containerRef}>
      <div className="reverification-filters">
        {ownKecamatan ? null : (
          <FormField label={t('kecamatan')}>
            {(control) => (
              <select
                {...control}
                value={kecamatan}
                onChange={(event) => setKecamatan(event.target.value)}
              >
                <option value="*">{t('allKecamatan')}</option>
                {kecamatanOptions.map((code) => (
                  <option key={code} value={code}>
                    {kecamatanName(code)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        <FormField label={t('show')}>
          {(control) => (
            <select
              {...control}
              value={show}
              onChange={(event) => setShow(event.target.value === 'all' ? 'all' : 'open')}
            >
              <option value="open">{t('show.open')}</option>
              <option value="all">{t('show.all')}</option>
            </select>
          )}
        </FormField>
      </div>
      <p role="status" data-testid="reverification-summary" tabIndex={-1}>
        {t('summary', {
          proposed: formatNumber(language, candidates.length),
          considered: formatNumber(
            language,
            kecamatan === '*'
              ? review.proposal.considered
              : (review.proposal.byKecamatan.find((q) => q.kecamatanCode === kecamatan)
                  ?.considered ?? 0),
          ),
          decided: formatNumber(language, decided),
          open: formatNumber(language, candidates.length - decided),
        })}
      </p>
      {mayDecide ? null : (
        <Notice kind="info" as="p">
          {t('notAllowed')}
        </Notice>
      )}
      <FeedbackNotice feedback={feedback} />
      <DataTable
        caption={t('queueCaption')}
        isCaptionHidden
        columns={columns}
        rows={rows}
        rowKey={(candidate) => candidate.participantId}
        rowData={(candidate) => ({ 'data-decided': decisionOf(candidate) ? 'yes' : 'no' })}
        testId="reverification-queue"
        empty={t('queueEmpty')}
        maxHeight="50vh"
      />
      {current ? (
        <DecisionForm
          key={current.participantId}
          candidate={current}
          year={review.year}
          kinds={outcomesFor(role).filter(
            (kind) => kind !== 'continued' || current.continuationBlock === null,
          )}
          onCancel={() => {
            setDeciding(null)
            focusNext()
          }}
          onSave={async (decision) => {
            const result = await onDecide(current, decision)
            if (result.ok) {
              setDeciding(null)
              focusNext()
              setFeedback({
                kind: 'success',
                text: t('saved', {
                  name: current.fullName,
                  outcome: reverificationOutcomeLabel(language, decision.outcome),
                }),
              })
            } else {
              setFeedback({
                kind: 'error',
                text:
                  result.reason === 'NOT_FOUND'
                    ? t('notFound')
                    : result.reason === 'TOO_MANY'
                      ? t('tooMany')
                      : t('notAllowed'),
              })
            }
          }}
        />
      ) : null}
    </div>
  )
}

function DecisionForm({
  candidate,
  year,
  kinds,
  onSave,
  onCancel,
}: {
  candidate: ReverificationCandidate
  year: number
  /** The outcomes this user may record for this person. */
  kinds: readonly ReverificationOutcomeKind[]
  onSave(decision: { outcome: ReverificationOutcome; note?: string }): Promise<void>
  onCancel(): void
}) {
  const { t, language } = useText()
  const suggested =
    candidate.reasons.map((reason) => SUGGESTED_END[reason]).find(Boolean) ?? 'pindah'
  // No outcome until the clerk chooses one: Enter never records an ending nobody picked.
  const [outcome, setOutcome] = useState<ReverificationOutcomeKind | null>(null)
  const [missing, setMissing] = useState(false)
  const [endReason, setEndReason] = useState<ReverificationEndReason>(suggested)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const firstRef = useRef<HTMLInputElement>(null)
  useEffect(() => firstRef.current?.focus(), [])

  return (
    <form
      className="reverification-decision"
      aria-label={t('decideFor', { name: candidate.fullName })}
      onSubmit={(event) => {
        event.preventDefault()
        if (outcome === null) {
          setMissing(true)
          firstRef.current?.focus()
          return
        }
        setBusy(true)
        const chosen: ReverificationOutcome =
          outcome === 'ended' ? { kind: 'ended', reason: endReason } : { kind: outcome }
        void onSave({ outcome: chosen, ...(note.trim() ? { note: note.trim() } : {}) }).finally(
          () => setBusy(false),
        )
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel()
      }}
    >
      <h2>{t('decideFor', { name: candidate.fullName })}</h2>
      {candidate.continuationBlock ? (
        <Notice kind="warning" as="p">
          {t('cannotContinue', {
            block: describeContinuationBlock(language, candidate.continuationBlock, year),
          })}
        </Notice>
      ) : null}
      <fieldset aria-describedby={missing ? 'reverification-outcome-missing' : undefined}>
        <legend>{t('outcome')}</legend>
        {missing && outcome === null ? (
          <p id="reverification-outcome-missing" className="field-error" role="alert">
            {t('chooseOutcome')}
          </p>
        ) : null}
        {kinds.map((kind, index) => (
          <label key={kind} className="choice">
            <input
              ref={index === 0 ? firstRef : undefined}
              type="radio"
              name="reverification-outcome"
              value={kind}
              checked={outcome === kind}
              onChange={(event) => {
                if (event.target.checked) {
                  setOutcome(kind)
                  setMissing(false)
                }
              }}
            />{' '}
            {
              reverificationOutcomeLabel(
                language,
                kind === 'ended' ? { kind: 'ended', reason: endReason } : { kind },
              ).split(':')[0]
            }
          </label>
        ))}
      </fieldset>
      {outcome === 'ended' ? (
        <FormField label={t('endReason')} required>
          {(control) => (
            <select
              {...control}
              value={endReason}
              onChange={(event) => setEndReason(event.target.value as ReverificationEndReason)}
            >
              {REVERIFICATION_END_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {reverificationEndReasonLabel(language, reason)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      <FormField label={t('note')} help={t('noteHelp')}>
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={300}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </FormField>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  )
}

function DecreeTab({
  review,
  reach,
  language,
}: {
  review: YearReview
  reach: { kind: 'kecamatan' | 'agency' | 'central'; kecamatanCode: string | null }
  language: 'id' | 'en'
}) {
  const { t } = useText()
  const [feedback, setFeedback] = useState<Feedback>(null)
  const ownKecamatan = reach.kind === 'kecamatan' ? reach.kecamatanCode : null
  const [baKecamatan, setBaKecamatan] = useState<string>(ownKecamatan ?? '')
  const { decree } = review

  if (!decree.ok) {
    const nameOf = (id: string) => review.records.get(id)?.fullName ?? id
    return (
      <div className="reverification-decree">
        <Notice kind="error" announce="alert" as="p">
          {t('decreeRefused', { count: decree.problems.length })}
        </Notice>
        <DataTable
          caption={t('problemsCaption')}
          columns={[
            {
              key: 'name',
              header: t('col.name'),
              isRowHeader: true,
              cell: (problem) => (
                <a href={`#/peserta/${problem.participantId}`}>{nameOf(problem.participantId)}</a>
              ),
            },
            {
              key: 'problem',
              header: t('col.problem'),
              cell: (problem) => describeDecreeProblem(language, problem, review.year),
            },
          ]}
          rows={decree.problems}
          rowKey={(problem) => `${problem.code}:${problem.participantId}`}
          testId="decree-problems"
          empty=""
        />
      </div>
    )
  }

  const list = decree.decree
  const rows = list.beritaAcara.filter(
    (entry) => !ownKecamatan || entry.kecamatanCode === ownKecamatan,
  )
  const sum = (pick: (entry: (typeof rows)[number]) => number) =>
    rows.reduce((total, entry) => total + pick(entry), 0)
  const pending = sum((entry) => entry.pending)
  const baOptions = list.beritaAcara.map((entry) => entry.kecamatanCode)
  const chosenBa = baOptions.includes(baKecamatan) ? baKecamatan : (baOptions[0] ?? '')

  const save = async (kind: DecreeFileKind, format: 'pdf' | 'xlsx') => {
    setFeedback(null)
    const result = await saveDecreeFile({
      review,
      kind,
      format,
      language,
      ...(kind === 'berita-acara' ? { kecamatanCode: chosenBa } : {}),
    })
    setFeedback(
      result.saved
        ? { kind: 'success', text: t('downloaded', { name: result.name }) }
        : result.reason === 'CANCELLED'
          ? { kind: 'warning', text: t('downloadCancelled') }
          : { kind: 'error', text: t('downloadFailed') },
    )
  }

  return (
    <div className="reverification-decree">
      <p className="hint">{t('decreeIntro', { year: review.year })}</p>
      {ownKecamatan ? (
        <Notice kind="info" as="p">
          {t('decreeLocal')}
        </Notice>
      ) : null}
      <DataTable
        caption={t('countsCaption')}
        columns={[
          {
            key: 'kecamatan',
            header: t('col.kecamatan'),
            isRowHeader: true,
            cell: (entry) => kecamatanName(entry.kecamatanCode),
          },
          { key: 'proposed', header: t('col.proposed'), isNumeric: true, cell: (e) => e.proposed },
          {
            key: 'continued',
            header: t('col.continued'),
            isNumeric: true,
            cell: (e) => e.continued,
          },
          { key: 'ended', header: t('col.ended'), isNumeric: true, cell: (e) => e.ended },
          { key: 'pending', header: t('col.pending'), isNumeric: true, cell: (e) => e.pending },
          { key: 'listed', header: t('col.listed'), isNumeric: true, cell: (e) => e.listed },
        ]}
        rows={rows}
        rowKey={(entry) => entry.kecamatanCode}
        testId="decree-counts"
        empty=""
      />
      <p role="status" data-testid="decree-total">
        {t('decreeTotal', {
          year: review.year,
          total: formatNumber(language, ownKecamatan ? sum((entry) => entry.listed) : list.total),
        })}
      </p>
      {pending > 0 ? (
        <Notice kind="warning" as="p">
          {t('pendingWarning', { count: formatNumber(language, pending) })}
        </Notice>
      ) : null}
      <FeedbackNotice feedback={feedback} />
      {ownKecamatan ? null : (
        <div className="actions">
          <button type="button" onClick={() => void save('decree', 'pdf')}>
            {t('downloadDecreePdf')}
          </button>
          <button type="button" onClick={() => void save('decree', 'xlsx')}>
            {t('downloadDecreeXlsx')}
          </button>
        </div>
      )}
      {baOptions.length > 0 ? (
        <div className="actions">
          {ownKecamatan ? null : (
            <FormField label={t('beritaAcaraFor')}>
              {(control) => (
                <select
                  {...control}
                  value={chosenBa}
                  onChange={(event) => setBaKecamatan(event.target.value)}
                >
                  {baOptions.map((code) => (
                    <option key={code} value={code}>
                      {kecamatanName(code)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
          <button type="button" onClick={() => void save('berita-acara', 'pdf')}>
            {t('downloadBaPdf')}
          </button>
          <button type="button" onClick={() => void save('berita-acara', 'xlsx')}>
            {t('downloadBaXlsx')}
          </button>
        </div>
      ) : null}
    </div>
  )
}
