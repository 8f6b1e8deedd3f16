/**
 * The integration API's wire types (docs/integration.md): the admin's key routes and the
 * participants changes feed another district system reads.
 */
import type { IntegrationScopes } from './integration-scopes'

export const INTEGRATION_API_PREFIX = '/api/integration/v1'

/** Largest page of the feed; the server caps a larger `limit` to it. */
export const MAX_INTEGRATION_PAGE = 1000

/** POST /api/admin/integration-keys */
export interface CreateIntegrationKeyRequest {
  name: string
  fields: IntegrationScopes['fields']
  kecamatan: IntegrationScopes['kecamatan']
  access?: 'read'
}

/** A key as the admin sees it: never the token, nor its hash. */
export interface IntegrationKeyInfo {
  id: string
  name: string
  scopes: IntegrationScopes
  createdBy: string
  createdAt: string
  revokedAt: string | null
  lastUsedAt: string | null
}

/** The token is in this answer and nowhere else, ever: the server keeps only its hash. */
export interface CreateIntegrationKeyResponse {
  key: IntegrationKeyInfo
  token: string
}

/** GET /api/admin/integration-keys */
export interface IntegrationKeysResponse {
  keys: IntegrationKeyInfo[]
}

/** A participant deleted (or merged away) at an office: the mirror drops it. */
export interface IntegrationTombstone {
  id: string
  deleted: true
}

/** A participant projected to a key's field groups (the served OpenAPI document lists them). */
export type IntegrationParticipant = { id: string } & Record<string, unknown>

/** GET /api/integration/v1/participants?checkpoint=&limit= */
export interface IntegrationParticipantsResponse {
  /** Projected to the key's field groups; only the key's kecamatan. */
  participants: (IntegrationParticipant | IntegrationTombstone)[]
  /** Pass back as `checkpoint` for the next page; null before anything was ever read. */
  checkpoint: string | null
  /** More changes may be waiting: ask again at once (a page can be short, even empty). */
  hasMore: boolean
}
