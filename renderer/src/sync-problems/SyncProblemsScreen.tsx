import { useEffect, useState } from 'react'
import { AuditRefusedNotice } from '@/audit/AuditRefusedNotice'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { useApp } from '@/core/app-context'
import { hrefOf } from '@/core/hash-route'
import { useI18n } from '@/core/i18n/i18n'
import {
  listSyncProblemRecords,
  watchSyncStates,
  type ParticipantSyncStateDocument,
} from '@/core/store/sync-state-repository'

interface ProblemRow {
  state: ParticipantSyncStateDocument
  participant: ParticipantDocument | null
}

/** "Masalah sinkronisasi": records the server refused, with clashing edits, or duplicates. */
export function SyncProblemsScreen() {
  const { t } = useI18n()
  const { store } = useApp()
  const [rows, setRows] = useState<ProblemRow[] | null>(null)

  useEffect(() => {
    let cancelled = false
    const load = async () => {
      const problems = await listSyncProblemRecords(store)
      if (!cancelled) setRows(problems)
    }
    void load()
    // Refresh when the bookkeeping changes (a sync run, a supervisor's decision).
    const stopWatching = watchSyncStates(store, () => void load())
    return () => {
      cancelled = true
      stopWatching()
    }
  }, [store])

  return (
    <section className="panel">
      <h1>{t('problems.title')}</h1>
      <p>{t('problems.intro')}</p>
      <AuditRefusedNotice store={store} />
      {rows === null ? <p role="status">{t('app.loading')}</p> : null}
      {rows !== null && rows.length === 0 ? <p className="empty">{t('problems.empty')}</p> : null}
      {rows !== null && rows.length > 0 ? (
        <table className="participant-table" aria-label={t('problems.title')}>
          <thead>
            <tr>
              <th scope="col">{t('problems.col.record')}</th>
              <th scope="col">{t('problems.col.problem')}</th>
              <th scope="col">{t('problems.col.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ state, participant }) => (
              <tr key={state.id}>
                <td>
                  {participant ? (
                    <a href={hrefOf({ screen: 'participant', id: state.id, mode: 'view' })}>
                      {participant.registrationNumber} — {participant.fullName}
                    </a>
                  ) : (
                    <>
                      {state.id} {t('problems.missing')}
                    </>
                  )}
                </td>
                <td>
                  {[
                    state.state === 'rejected' ? t('problems.kind.rejected') : null,
                    state.hasConflict ? t('problems.kind.conflict') : null,
                    state.hasDuplicate ? t('problems.kind.duplicate') : null,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </td>
                <td>{state.state === 'rejected' ? state.rejectionMessage : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
