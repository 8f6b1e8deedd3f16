/**
 * The security log: one structured JSON line per event on stderr (for whatever collects the
 * server's log) and one row in `security_events` (for the admin: `GET /api/admin/security-events`,
 * `npm run server -- security-events`). Events say who, from which device and address, and what
 * was refused or changed — never a NIK, a password, a token or a device secret: callers pass
 * identifiers and codes only, and every string is cut short and has long digit runs masked in case
 * one slips through.
 *
 * Logging never fails the request it describes: a write that fails is reported on stderr only.
 */
import { currentTime, currentTimeMs } from '../shared/dates/clock'
import type { SecurityEventRecord, SecurityEventKind } from '../shared/sync/admin-api'
import type { Queryable } from './database'

export type { SecurityEventKind } from '../shared/sync/admin-api'

export interface SecurityEvent {
  kind: SecurityEventKind
  /** The signed-in user who acted, or the account a failed login named. */
  userId?: string | null
  username?: string | null
  deviceId?: string | null
  officeId?: string | null
  ip?: string | null
  /** Small, flat, no personal data: codes, the route, counts, the target of an admin action. */
  detail?: Record<string, string | number | boolean | null>
}

const MAX_TEXT = 200

/** Control characters out, NIK/KK/phone-like digit runs masked, length capped. */
function clean(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null
  return (
    text
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u001f\u007f]/g, '?')
      .replace(/[\uD800-\uDFFF]/g, '?')
      // A NIK, KK or phone number standing alone; not digits inside an id (UUIDs keep theirs).
      .replace(/(?<![\w-])\d{10,}(?![\w-])/g, '[digits]')
      .slice(0, MAX_TEXT)
  )
}

function cleanDetail(
  detail: SecurityEvent['detail'],
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {}
  for (const [key, value] of Object.entries(detail ?? {}).slice(0, 20)) {
    out[clean(key) ?? '?'] = typeof value === 'string' ? clean(value) : value
  }
  return out
}

/**
 * Records one event: a JSON line on stderr and a row for the admin. Call it with the database
 * (not a transaction that may roll back, unless the event should vanish with it).
 */
export async function logSecurityEvent(db: Queryable, event: SecurityEvent): Promise<void> {
  const at = currentTime().toISOString()
  const row = {
    kind: event.kind,
    userId: clean(event.userId),
    username: clean(event.username),
    deviceId: clean(event.deviceId),
    officeId: clean(event.officeId),
    ip: clean(event.ip),
    detail: cleanDetail(event.detail),
  }
  const { kind, ...rest } = row
  // The operational log's shape (server-log.ts: level, time, event first), so one collector
  // reads both; `securityEvent` names the kind as before.
  process.stderr.write(
    `${JSON.stringify({ level: 'warn', time: at, event: 'security', securityEvent: kind, ...rest })}\n`,
  )
  try {
    await db.query(
      `INSERT INTO security_events (at, kind, user_id, username, device_id, office_id, ip, detail)
       VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        at,
        row.kind,
        row.userId,
        row.username,
        row.deviceId,
        row.officeId,
        row.ip,
        JSON.stringify(row.detail),
      ],
    )
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name
    process.stderr.write(
      `${JSON.stringify({ level: 'error', time: currentTime().toISOString(), event: 'security_event_not_stored', error: String(name ?? 'Error') })}\n`,
    )
  }
}

export const MAX_SECURITY_EVENTS_PAGE = 500

/** Newest first; `beforeId` continues an earlier page; `kind` narrows to one kind. */
export async function listSecurityEvents(
  db: Queryable,
  options: { limit: number; beforeId?: number | null; kind?: string | null },
): Promise<SecurityEventRecord[]> {
  const { rows } = await db.query<{
    id: string | number
    at: unknown
    kind: SecurityEventKind
    user_id: string | null
    username: string | null
    device_id: string | null
    office_id: string | null
    ip: string | null
    detail: Record<string, string | number | boolean | null> | string
  }>(
    `SELECT id, at, kind, user_id, username, device_id, office_id, ip, detail
     FROM security_events
     WHERE ($1::bigint IS NULL OR id < $1::bigint) AND ($2::text IS NULL OR kind = $2::text)
     ORDER BY id DESC LIMIT $3`,
    [options.beforeId ?? null, options.kind ?? null, options.limit],
  )
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at instanceof Date ? row.at.toISOString() : new Date(String(row.at)).toISOString(),
    kind: row.kind,
    userId: row.user_id,
    username: row.username,
    deviceId: row.device_id,
    officeId: row.office_id,
    ip: row.ip,
    detail: typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail,
  }))
}

const RATE_LIMIT_WINDOW_MS = 60_000

/**
 * 429s aggregated: a flood refuses thousands of requests a minute, which must not become
 * thousands of lines and rows. The first refusal of a key is logged at once (an admin sees the
 * attack start); while it goes on, one line per key per minute carries the count.
 */
export class RateLimitReporter {
  private readonly windows = new Map<
    string,
    { startMs: number; count: number; ip: string | null; reported: number }
  >()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly db: Queryable) {
    this.timer = setInterval(() => void this.flush(false), RATE_LIMIT_WINDOW_MS)
    this.timer.unref()
  }

  note(key: string, ip: string | null): void {
    const nowMs = currentTimeMs()
    const window = this.windows.get(key)
    if (!window) {
      this.windows.set(key, { startMs: nowMs, count: 1, ip, reported: 1 })
      void logSecurityEvent(this.db, {
        kind: 'rate_limited',
        ip,
        detail: { key, count: 1, phase: 'started' },
      })
      return
    }
    window.count++
  }

  /** Reports the windows that have run a minute (all of them when the server closes). */
  async flush(isClosing: boolean): Promise<void> {
    const nowMs = currentTimeMs()
    const writes: Promise<void>[] = []
    for (const [key, window] of this.windows) {
      if (!isClosing && nowMs - window.startMs < RATE_LIMIT_WINDOW_MS) continue
      this.windows.delete(key)
      const unreported = window.count - window.reported
      if (unreported <= 0) continue
      writes.push(
        logSecurityEvent(this.db, {
          kind: 'rate_limited',
          ip: window.ip,
          detail: {
            key,
            count: unreported,
            phase: 'continued',
            since: new Date(window.startMs).toISOString(),
          },
        }),
      )
    }
    await Promise.all(writes)
  }

  close(): void {
    clearInterval(this.timer)
  }
}
