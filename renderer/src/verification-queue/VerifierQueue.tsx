import { useState } from 'react'
import { maskNik } from '@shared/identity/masking'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { districtDayOfIso } from '@/core/district'
import { hrefOf } from '@/core/hash-route'
import { formatDate, useI18n } from '@/core/i18n/i18n'
import { agencyLabel, kecamatanName, villageName } from '@/participants/participant-labels'
import type { NaunganStore } from '@/core/store/database'
import { isUnreadable } from '@/core/store/sealed-fields-storage'
import type { ActingUser } from '@/core/acting-user'
import { decideChecks, type CheckDecision } from '@/workflow/workflow-repository'
import { AgencyChecksList, checkStateText } from './AgencyChecksList'
import { ClerkEntry } from './ClerkEntry'
import { DecisionFeedback, feedbackOf, type Feedback } from './DecisionFeedback'
import { QueueFilters } from './QueueFilters'
import { QueueList, type QueueColumn } from './QueueList'
import { QueueToolbar } from './QueueToolbar'
import { RejectForm } from './RejectForm'
import { queueText, type QueueMessageKey } from './queue-messages'
import {
  ANY_PLACE_OR_DATE,
  checkOf,
  isAnyPlaceOrDate,
  verifierRows,
  type PlaceAndDateFilter,
} from './queue-model'
import { useQueuePanel } from './use-queue-panel'
import { useQueueSelection } from './use-queue-selection'

/** More rows than a verifier can work through in a sitting: narrow with the filters instead. */
export const MAX_SHOWN = 500

/**
 * One agency's queue: submitted records waiting for its check, confirmed or rejected in batches
 * from the keyboard, with the clerk's entry side by side with the decision.
 */
export function VerifierQueue({
  store,
  agency,
  actor,
  records,
}: {
  store: NaunganStore
  agency: string
  actor: ActingUser
  records: readonly ParticipantDocument[]
}) {
  const { language } = useI18n()
  const text = (key: QueueMessageKey, params?: Record<string, string | number>) =>
    queueText(language, key, params)
  const [filter, setFilter] = useState<PlaceAndDateFilter>(ANY_PLACE_OR_DATE)
  const [showDecided, setShowDecided] = useState(false)
  const [busy, setBusy] = useState(false)
  const [feedback, setFeedback] = useState<Feedback>(null)

  const matching = verifierRows(records, agency, { showDecided }, filter, districtDayOfIso)
  const rows = matching.slice(0, MAX_SHOWN)
  const ids = rows.map((row) => row.id)
  const [selection, setSelection] = useQueueSelection(ids)
  const byId = new Map(records.map((record) => [record.id, record]))
  const nameOf = (id: string) => byId.get(id)?.fullName ?? id

  const decide = async (
    targets: string[],
    decision: Omit<CheckDecision, 'agency'>,
    doneKey: 'done.confirmed' | 'done.rejected',
  ) => {
    setBusy(true)
    setFeedback(null)
    try {
      const outcomes = await decideChecks(store, targets, { agency, ...decision }, actor)
      setFeedback(feedbackOf(outcomes, doneKey, nameOf))
    } catch (error) {
      console.error('Deciding checks failed:', error instanceof Error ? error.name : 'unknown')
      setFeedback({ kind: 'failed' })
    } finally {
      setBusy(false)
    }
  }

  const confirm = (targets: string[]) => {
    if (busy) return
    if (targets.length === 0) return setFeedback({ kind: 'nothing-chosen' })
    void decide(targets, { state: 'confirmed' }, 'done.confirmed')
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
      k: (targets) => confirm(targets),
      t: (targets, from) => openForm(targets, from),
    },
    onNothingChosen: () => setFeedback({ kind: 'nothing-chosen' }),
    isBusy: busy,
    onFormOpened: () => setFeedback(null),
  })
  const shown = openId ? byId.get(openId) : undefined

  const columns: QueueColumn<ParticipantDocument>[] = [
    {
      key: 'name',
      header: text('col.name'),
      width: 'minmax(9em, 2fr)',
      cell: (row) => (
        <>
          <strong>{row.fullName}</strong> <small>{row.registrationNumber}</small>
        </>
      ),
    },
    {
      key: 'nik',
      header: text('col.nik'),
      width: '10em',
      cell: (row) => (isUnreadable(row.nik) ? text('panel.unreadable') : maskNik(row.nik)),
    },
    {
      key: 'place',
      header: text('col.place'),
      width: 'minmax(7em, 1.5fr)',
      cell: (row) => `${villageName(row.villageCode)}, ${kecamatanName(row.kecamatanCode)}`,
    },
    {
      key: 'registered',
      header: text('col.registered'),
      width: '7em',
      cell: (row) => formatDate(language, districtDayOfIso(row.createdAt)),
    },
    {
      key: 'check',
      header: text('col.yourCheck'),
      width: 'minmax(7em, 1.2fr)',
      cell: (row) => (
        <span className={`check-state check-${checkOf(row, agency)?.state ?? 'none'}`}>
          {checkStateText(language, checkOf(row, agency))}
        </span>
      ),
    },
  ]

  const rejectForm = form ? (
    <RejectForm
      key={form.ids.join(',')}
      names={form.ids.map(nameOf)}
      busy={busy}
      onCancel={() => {
        closeForm()
        focusBack(form.from)
      }}
      onSubmit={({ reasonCode, note }) => {
        const { ids: targets, from } = form
        closeForm()
        void decide(targets, { state: 'rejected', reasonCode, note }, 'done.rejected').then(() =>
          focusBack(from),
        )
      }}
    />
  ) : null

  return (
    <>
      <h1>{text('title.verifier', { agency: agencyLabel(agency, language) })}</h1>
      <p>{text('intro.verifier')}</p>
      <QueueFilters filter={filter} onChange={setFilter}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showDecided}
            onChange={(event) => setShowDecided(event.target.checked)}
          />
          {text('filter.showDecided')}
        </label>
      </QueueFilters>
      <QueueToolbar
        text={text}
        shortcuts={text('shortcuts.verifier')}
        openLabel={text('openSideBySide')}
        ids={ids}
        selection={selection}
        onSelectionChange={setSelection}
        onOpen={openPanel}
        actions={[
          { label: text('confirm'), run: confirm, primary: true },
          { label: text('reject'), run: (targets) => openForm(targets, 'list') },
        ]}
        busy={busy}
        truncatedAt={matching.length > rows.length ? MAX_SHOWN : null}
      />
      <DecisionFeedback feedback={feedback} />
      {form?.from === 'list' ? rejectForm : null}
      <QueueList
        rows={rows}
        columns={columns}
        selection={selection}
        onSelectionChange={setSelection}
        onOpen={openPanel}
        onShortcut={onListShortcut}
        label={text('listLabel')}
        emptyText={isAnyPlaceOrDate(filter) ? text('empty.verifier') : text('empty.filtered')}
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
            <p className="hint">{text('panel.hint.verifier')}</p>
            <button type="button" onClick={closePanel}>
              {text('close')}
            </button>
          </div>
          {shown ? (
            <div className="side-by-side-columns">
              <ClerkEntry participant={shown} />
              <div className="check-panel">
                <h3>{text('panel.yourCheck', { agency: agencyLabel(agency, language) })}</h3>
                <AgencyChecksList
                  checks={shown.checks.filter((check) => check.agency === agency)}
                  testId="own-check"
                />
                <div className="form-actions">
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => confirm([shown.id])}
                  >
                    {text('confirm')}
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => openForm([shown.id], 'panel')}
                  >
                    {text('reject')}
                  </button>
                </div>
                {form?.from === 'panel' ? rejectForm : null}
                <h3>{text('panel.otherAgencies')}</h3>
                <AgencyChecksList
                  checks={shown.checks.filter((check) => check.agency !== agency)}
                  testId="other-checks"
                />
                <p>
                  <a href={hrefOf({ screen: 'participant', id: shown.id, mode: 'view' })}>
                    {text('openRecord')}
                  </a>
                </p>
              </div>
            </div>
          ) : (
            <p className="empty">{text('empty.verifier')}</p>
          )}
        </div>
      ) : null}
    </>
  )
}
