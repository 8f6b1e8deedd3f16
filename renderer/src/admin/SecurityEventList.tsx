import { useCallback, useEffect, useState } from 'react'
import type { DeviceInfo } from '../../../shared/sync/sync-protocol'
import type { AdminUserInfo, SecurityEventRecord } from '../../../shared/sync/admin-api'
import { formatDateTime, useI18n } from '../i18n/i18n'
import { AdminApiError, SECURITY_EVENTS_SHOWN, type AdminApi } from './admin-api'
import type { AdminMessageKey, AdminText } from './admin-messages'
import { eventDetailText } from './user-status'

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
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {events && events.length === 0 ? <p>{text('none')}</p> : null}
      {events && events.length > 0 ? (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{text('eventAt')}</th>
              <th scope="col">{text('eventKind')}</th>
              <th scope="col">{text('eventUser')}</th>
              <th scope="col">{text('eventDevice')}</th>
              <th scope="col">{text('eventIp')}</th>
              <th scope="col">{text('eventDetail')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-kind={event.kind}>
                <td>{formatDateTime(language, event.at)}</td>
                <td>{text(`event.${event.kind}`)}</td>
                <td>{userName(event)}</td>
                <td>{deviceName(event)}</td>
                <td>{event.ip ?? ''}</td>
                <td>{eventDetailText(event, reasonText, said)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
