import {
  AUDIT_SEARCH_PATH,
  type AuditSearchQuery,
  type AuditSearchResponse,
} from '@shared/audit/audit-entry'
import type { ServerSession } from '@/core/server-session'

/** The query string of a search: empty filters are left out. */
export function auditSearchParams(query: AuditSearchQuery): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    const text = String(value).trim()
    if (text !== '') params.set(key, text)
  }
  return params
}

/**
 * GET /api/audit/search as the signed-in supervisor. Failures are `ServerError`s
 * (`sync/server-api.ts`): `unreachable` (offline) or `refused` with the server's sentence.
 */
export function searchAuditTrail(
  session: Pick<ServerSession, 'json'>,
  query: AuditSearchQuery,
): Promise<AuditSearchResponse> {
  return session.json<AuditSearchResponse>(`${AUDIT_SEARCH_PATH}?${auditSearchParams(query)}`)
}
