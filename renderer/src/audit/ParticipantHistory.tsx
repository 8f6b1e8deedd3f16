import { useEffect, useState } from 'react'
import type { ParticipantChangeDocument } from '@shared/participant/participant-document'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import { participantHistoryQuery } from '@/core/store/participant-repository'
import { auditText } from './audit-messages'
import { historyValueText, kindLabel, revealText, roleLabel, shortDeviceId } from './audit-text'
import { LoadingState } from '@/ui/States'
import './audit.css'

/**
 * A participant's history on their page: every entry with who (name, role, office, PC), when,
 * what kind of change and each field's old → new value (NIK, KK and phone masked, as stored).
 * Follows the store: entries pulled from other offices appear as they arrive.
 */
export function ParticipantHistory({
  store,
  participantId,
  fieldLabel,
  currentDeviceId,
}: {
  store: NaunganStore
  participantId: string
  fieldLabel(field: string): string
  /** This PC's device id when enrolled, to say "this PC" instead of an id. */
  currentDeviceId: string | null
}) {
  const { t, language } = useI18n()
  const [history, setHistory] = useState<ParticipantChangeDocument[] | null>(null)

  useEffect(() => {
    const subscription = participantHistoryQuery(store, participantId).$.subscribe({
      next: (docs) => setHistory(docs.map((doc) => doc.toMutableJSON())),
      error: () => setHistory([]),
    })
    return () => subscription.unsubscribe()
  }, [store, participantId])

  const a = (key: Parameters<typeof auditText>[1], params?: Record<string, string>) =>
    auditText(language, key, params)

  if (history === null) return <LoadingState>{t('app.loading')}</LoadingState>
  if (history.length === 0) return <p>{t('detail.historyEmpty')}</p>
  return (
    <ol className="history" data-testid="participant-history">
      {history.map((entry) => {
        const device =
          entry.deviceId === ''
            ? null
            : entry.deviceId === currentDeviceId
              ? a('thisDevice')
              : a('historyDevice', { device: shortDeviceId(entry.deviceId) })
        const who = [
          a('historyBy', { by: entry.by }),
          entry.role ? a('historyRole', { role: roleLabel(language, entry.role) }) : null,
          a('historyOffice', { office: entry.officeCode }),
          device,
        ].filter((part): part is string => part !== null)
        const reveal = revealText(language, entry)
        const changes = (
          <ul>
            {entry.changes.map((change, index) => (
              <li key={`${change.field}-${index}`}>
                {fieldLabel(change.field)}: {historyValueText(language, change.field, change.from)}{' '}
                → {historyValueText(language, change.field, change.to)}
              </li>
            ))}
          </ul>
        )
        return (
          <li key={entry.id} data-testid="history-entry" data-kind={entry.kind}>
            <p>
              <strong>{kindLabel(language, entry.kind)}</strong>{' '}
              <time dateTime={entry.at}>{formatDateTime(language, entry.at)}</time>{' '}
              <span title={entry.deviceId || a('localOnly')}>{who.join(', ')}</span>
            </p>
            {reveal !== null ? (
              <p data-testid="reveal-text">{reveal}</p>
            ) : entry.changes.length === 0 ? null : entry.kind === 'created' ? (
              <details>
                <summary>{a('createdFields')}</summary>
                {changes}
              </details>
            ) : (
              changes
            )}
          </li>
        )
      })}
    </ol>
  )
}
