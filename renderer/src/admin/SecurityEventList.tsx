import { useCallback, useEffect, useState } from 'react'
import type { DeviceInfo } from '@shared/sync/sync-protocol'
import type { AdminUserInfo, SecurityEventRecord } from '@shared/sync/admin-api'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import { AdminApiError, SECURITY_EVENTS_SHOWN, type AdminApi } from './admin-api'
import type { AdminMessageKey, AdminText } from './admin-messages'
import { eventDetailText } from './user-status'
import { DataTable } from '@/ui/DataTable'
import { Notice } from '@/ui/Notice'

/**
 * "Peristiwa keamanan": the newest entries of the server's security log (failed sign-ins, locks,
 * refused access, account changes), so an admin sees an attack while it happens. Names users and
 * PCs the screen knows; reloads after every admin action (`reloadKey`).
 */
export function SecurityEventList({
  api,
  text,
  users,
  devices,
  reloadKey,
}: {
  api: AdminApi
  text: AdminText
  users: AdminUserInfo[]
  devices: DeviceInfo[]
  reloadKey: number
}) {
  const { language } = useI18n()
  const [events, setEvents] = useState<SecurityEventRecord[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(() => {
    api.listSecurityEvents().then(
      (loaded) => {
        setEvents(loaded)
        setError(null)
      },
      (failure: unknown) =>
        setError(failure instanceof AdminApiError ? failure.message : text('securityEventsFailed')),
    )
  }, [api, text])

  useEffect(load, [load, reloadKey])

  const userName = (event: SecurityEventRecord) =>
    event.username ?? users.find((user) => user.id === event.userId)?.username ?? ''
  const deviceName = (event: SecurityEventRecord) =>
    event.deviceId ? (devices.find((d) => d.id === event.deviceId)?.name ?? event.deviceId) : ''
  /** The admin namespace's words for `key`; null for a key this build does not know. */
  const said = (key: string) => {
    const words = text(key as AdminMessageKey)
    return words === key ? null : words
  }
  const reasonText = (reason: string) => said(`reason.${reason}`)

  return (
    <section aria-labelledby="security-events-title" data-testid="security-events">
      <h2 id="security-events-title">{text('securityEvents')}</h2>
      <p className="hint">
        {text('securityEventsIntro', { count: SECURITY_EVENTS_SHOWN })}{' '}
        <button type="button" onClick={load}>
          {text('refresh')}
        </button>
      </p>
      {error ? (
        <Notice kind="error" inline>
          {error}
        </Notice>
      ) : null}
      {events && events.length === 0 ? <p>{text('none')}</p> : null}
      {events && events.length > 0 ? (
        <DataTable
          caption={text('securityEvents')}
          isCaptionHidden
          rows={events}
          rowKey={(event) => String(event.id)}
          rowData={(event) => ({ 'data-kind': event.kind })}
          columns={[
            {
              key: 'at',
              header: text('eventAt'),
              cell: (event) => formatDateTime(language, event.at),
              sortValue: (event) => event.at,
            },
            {
              key: 'kind',
              header: text('eventKind'),
              cell: (event) => text(`event.${event.kind}`),
              sortValue: (event) => text(`event.${event.kind}`),
            },
            {
              key: 'user',
              header: text('eventUser'),
              cell: userName,
              sortValue: userName,
            },
            { key: 'device', header: text('eventDevice'), cell: deviceName },
            { key: 'ip', header: text('eventIp'), cell: (event) => event.ip ?? '' },
            {
              key: 'detail',
              header: text('eventDetail'),
              cell: (event) => eventDetailText(event, reasonText, said),
            },
          ]}
        />
      ) : null}
    </section>
  )
}
