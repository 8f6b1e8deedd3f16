import { useState } from 'react'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { district, districtDayOfIso } from '@/core/district'
import { hrefOf } from '@/core/hash-route'
import { formatDate, useI18n } from '@/core/i18n/i18n'
import { agencyShortLabel, kecamatanName, villageName } from '@/participants/participant-labels'
import type { NaunganStore } from '@/core/store/database'
import type { ActingUser } from '@/core/acting-user'
import { decideChecks, reviewParticipants } from '@/workflow/workflow-repository'
import { OnBehalfDecisionForm } from './OnBehalfDecisionForm'
import { AgencyChecksList, checkStateText } from './AgencyChecksList'
import { ClerkEntry } from './ClerkEntry'
import { combinedFeedback, DecisionFeedback, feedbackOf, type Feedback } from './DecisionFeedback'
import { QueueFilters } from './QueueFilters'
import { QueueList, type QueueColumn } from './QueueList'
import { QueueToolbar } from './QueueToolbar'
import { ReturnForm } from './ReturnForm'
import { queueText, type QueueMessageKey } from './queue-messages'
import {
  agencyColumns,
  ANY_PLACE_OR_DATE,
  checkOf,
  isAnyPlaceOrDate,
  READINESS_FILTERS,
  readinessOf,
  supervisorRows,
  targetIds,
  type PlaceAndDateFilter,
  type ReadinessFilter,
} from './queue-model'
import { useQueuePanel } from './use-queue-panel'
import { useQueueSelection } from './use-queue-selection'
import { MAX_SHOWN } from './VerifierQueue'

/**
 * The supervisor's list: every submitted record with each agency's check as a column. Approve the
 * ones every agency confirmed; return the others to the clerk with a note that starts from the
 * agencies' reasons.
 */
export function SupervisorQueue({
  store,
  actor,
  records,
}: {
  store: NaunganStore
  actor: ActingUser
  records: readonly ParticipantDocument[]
}) {
  const { language } = useI18n()
  const text = (key: QueueMessageKey, params?: Record<string, string | number>) =>
    queueText(language, key, params)
  const [filter, setFilter] = useState<PlaceAndDateFilter>(ANY_PLACE_OR_DATE)
  const [readiness, setReadiness] = useState<ReadinessFilter>('all')
  const [busy, setBusy] = useState(false)
  const [feedback, setFeedback] = useState<Feedback>(null)

  const matching = supervisorRows(records, readiness, filter, districtDayOfIso)
  const rows = matching.slice(0, MAX_SHOWN)
  const ids = rows.map((row) => row.id)
  const [selection, setSelection] = useQueueSelection(ids)
  const byId = new Map(records.map((record) => [record.id, record]))
  const nameOf = (id: string) => byId.get(id)?.fullName ?? id
  // The highlighted main action is the one that can succeed: approving only when every chosen
  // record has all its checks confirmed, otherwise returning it to the clerk.
  const chosen = targetIds(selection, ids)
  const canApproveChosen =
    chosen.length > 0 &&
    chosen.every((id) => {
      const record = byId.get(id)
      return record !== undefined && readinessOf(record) === 'all-confirmed'
    })

  const run = async (work: () => Promise<Feedback>) => {
    setBusy(true)
    setFeedback(null)
    try {
      setFeedback(await work())
    } catch (error) {
      console.error('Reviewing failed:', error instanceof Error ? error.name : 'unknown')
      setFeedback({ kind: 'failed' })
    } finally {
      setBusy(false)
    }
  }

  /** Approves each record whose checks are all confirmed; the rules refuse the others, saying why. */
  const approve = (targets: string[]) => {
    if (busy) return
    if (targets.length === 0) return setFeedback({ kind: 'nothing-chosen' })
    void run(async () =>
      feedbackOf(
        await reviewParticipants(store, targets, { decision: 'approved', note: '' }, actor),
        'done.approved',
        nameOf,
      ),
    )
  }

  const {
    panelOpen,
    openId,
    listRef,
    panelRef,
    focusBack,
    openPanel,
    closePanel,
    onListShortcut,
    onPanelKeyDown,
    form,
    openForm,
    closeForm,
  } = useQueuePanel({
    ids,
    selection,
    setSelection,
    shortcuts: {
      s: (targets) => approve(targets),
      k: (targets, from) => openForm(targets, from),
    },
    onNothingChosen: () => setFeedback({ kind: 'nothing-chosen' }),
    isBusy: busy,
    onFormOpened: () => setFeedback(null),
  })
  const shown = openId ? byId.get(openId) : undefined

  const agencies = agencyColumns(rows, district.config.verification)
  const columns: QueueColumn<ParticipantDocument>[] = [
    {
      key: 'name',
      header: text('col.name'),
      width: 'minmax(12em, 2fr)',
      cell: (row) => (
        <>
          <strong>{row.fullName}</strong> <small>{row.registrationNumber}</small>
        </>
      ),
    },
    {
      key: 'place',
      header: text('col.place'),
      width: 'minmax(9em, 1.3fr)',
      cell: (row) => `${villageName(row.villageCode)}, ${kecamatanName(row.kecamatanCode)}`,
    },
    {
      key: 'registered',
      header: text('col.registered'),
      width: '7.5em',
      cell: (row) => formatDate(language, districtDayOfIso(row.createdAt)),
    },
    ...agencies.map((agency): QueueColumn<ParticipantDocument> => ({
      key: `check-${agency}`,
      header: agencyShortLabel(agency, language),
      width: 'minmax(8em, 1fr)',
      cell: (row) => {
        const check = checkOf(row, agency)
        return (
          <span
            className={`check-state check-${check?.state ?? 'none'}`}
            data-agency={agency}
            data-state={check?.state ?? 'none'}
          >
            {checkStateText(language, check)}
          </span>
        )
      },
    })),
  ]

  const returnForm = form ? (
    <ReturnForm
      key={form.ids.join(',')}
      records={form.ids.flatMap((id) => byId.get(id) ?? [])}
      busy={busy}
      onCancel={() => {
        closeForm()
        focusBack(form.from)
      }}
      onSubmit={(notes) => {
        const { from } = form
        closeForm()
        void run(async () => {
          // One note per record: records sharing the same words go in one batch.
          const byNote = new Map<string, string[]>()
          for (const { id, note } of notes) byNote.set(note, [...(byNote.get(note) ?? []), id])
          const parts: Feedback[] = []
          for (const [note, batch] of byNote) {
            const outcomes = await reviewParticipants(
              store,
              batch,
              { decision: 'returned', note },
              actor,
            )
            parts.push(feedbackOf(outcomes, 'done.returned', nameOf))
          }
          return combinedFeedback(parts)
        }).then(() => focusBack(from))
      }}
    />
  ) : null

  return (
    <>
      <h1>{text('title.supervisor')}</h1>
      <p>{text('intro.supervisor')}</p>
      <QueueFilters filter={filter} onChange={setFilter}>
        <div className="field">
          <label htmlFor="queue-readiness">{text('filter.readiness')}</label>
          <select
            id="queue-readiness"
            value={readiness}
            onChange={(event) => setReadiness(event.target.value as ReadinessFilter)}
          >
            {READINESS_FILTERS.map((value) => (
              <option key={value} value={value}>
                {text(`readiness.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </QueueFilters>
      <QueueToolbar
        text={text}
        shortcuts={text('shortcuts.supervisor')}
        openLabel={text('openDetails')}
        ids={ids}
        selection={selection}
        onSelectionChange={setSelection}
        onOpen={openPanel}
        actions={[
          { label: text('approve'), run: approve, primary: canApproveChosen },
          {
            label: text('returnToClerk'),
            run: (targets) => openForm(targets, 'list'),
            primary: !canApproveChosen && chosen.length > 0,
          },
        ]}
        busy={busy}
        truncatedAt={matching.length > rows.length ? MAX_SHOWN : null}
      />
      <DecisionFeedback feedback={feedback} />
      {form?.from === 'list' ? returnForm : null}
      <QueueList
        rows={rows}
        columns={columns}
        selection={selection}
        onSelectionChange={setSelection}
        onOpen={openPanel}
        onShortcut={onListShortcut}
        label={text('listLabel')}
        emptyText={
          isAnyPlaceOrDate(filter) && readiness === 'all'
            ? text('empty.supervisor')
            : text('empty.filtered')
        }
        listRef={listRef}
      />
      {panelOpen ? (
        <div
          ref={panelRef}
          className="side-by-side"
          role="region"
          aria-label={text('panel.title', { name: shown?.fullName ?? '' })}
          tabIndex={-1}
          onKeyDown={onPanelKeyDown}
          data-testid="side-by-side"
        >
          <div className="side-by-side-head">
            <h2>{text('panel.title', { name: shown?.fullName ?? '' })}</h2>
            <p className="hint">{text('panel.hint.supervisor')}</p>
            <button type="button" onClick={closePanel}>
              {text('close')}
            </button>
          </div>
          {shown ? (
            <div className="side-by-side-columns">
              <ClerkEntry participant={shown} />
              <div className="check-panel">
                <h3>{text('panel.checks')}</h3>
                <AgencyChecksList checks={shown.checks} testId="all-checks" />
                <OnBehalfDecisionForm
                  pending={
                    shown.status === 'submitted'
                      ? shown.checks.filter((check) => check.state === 'pending')
                      : []
                  }
                  busy={busy}
                  onSubmit={(decision) =>
                    void run(async () =>
                      feedbackOf(
                        await decideChecks(store, [shown.id], decision, actor),
                        'done.onBehalf',
                        nameOf,
                      ),
                    )
                  }
                />
                <div className="form-actions">
                  <button
                    type="button"
                    className={readinessOf(shown) === 'all-confirmed' ? 'primary' : undefined}
                    disabled={busy}
                    onClick={() => approve([shown.id])}
                  >
                    {text('approve')}
                  </button>
                  <button
                    type="button"
                    className={readinessOf(shown) === 'all-confirmed' ? undefined : 'primary'}
                    disabled={busy}
                    onClick={() => openForm([shown.id], 'panel')}
                  >
                    {text('returnToClerk')}
                  </button>
                </div>
                {form?.from === 'panel' ? returnForm : null}
                <p>
                  <a href={hrefOf({ screen: 'participant', id: shown.id, mode: 'view' })}>
                    {text('openRecord')}
                  </a>
                </p>
              </div>
            </div>
          ) : (
            <p className="empty">{text('empty.supervisor')}</p>
          )}
        </div>
      ) : null}
    </>
  )
}
