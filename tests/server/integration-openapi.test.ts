/**
 * The served OpenAPI description is the feed's contract: every page the feed sends, for keys of
 * several scopes, validates against the schema the server serves for that key (ajv).
 */
import Ajv from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import type {
  CreateIntegrationKeyResponse,
  IntegrationParticipantsResponse,
} from '../../shared/integration/integration-api'
import { INTEGRATION_FIELD_GROUP_NAMES } from '../../shared/integration/integration-scopes'
import type { OfficeInfo } from '../../shared/sync/sync-protocol'
import { api, makeParticipant, type TestClient } from './support/server-fixture'
import { integrationCast, type IntegrationCast } from './support/integration-cast'

const WRITTEN_AT = '2026-12-09T08:00:00.000Z'

interface OpenApiDocument {
  openapi: string
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> }
  paths: Record<
    string,
    { get: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }
  >
}

describe('the served OpenAPI description of the integration API', () => {
  let cast: IntegrationCast
  let server: RunningServer
  let tenggarong: OfficeInfo
  let admin: TestClient
  let clerk: TestClient

  beforeAll(async () => {
    cast = await integrationCast()
    ;({ server, tenggarong, admin, tenggarongClerk: clerk } = cast)
    const at = { createdAt: WRITTEN_AT, updatedAt: WRITTEN_AT }
    const pushed = await clerk.push([
      { newDocumentState: makeParticipant(tenggarong, at) },
      { newDocumentState: makeParticipant(tenggarong, { ...at, phone: undefined }) },
      {
        newDocumentState: {
          ...makeParticipant(tenggarong, { ...at, status: 'draft', checks: [] }),
          _deleted: true,
        },
      },
    ])
    expect(pushed.body).toEqual({ conflicts: [], rejected: [] })
  }, 60_000)

  afterAll(async () => {
    await cast?.close()
  })

  async function openApiFor(token: string | null): Promise<OpenApiDocument> {
    const response = await fetch(`${server.url}/api/integration/v1/openapi.json`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    })
    expect(response.status).toBe(200)
    return (await response.json()) as OpenApiDocument
  }

  it.each([
    ['every field group', [...INTEGRATION_FIELD_GROUP_NAMES]],
    ['the core fields only', []],
    ['identity and personal', ['identity', 'personal']],
    ['coverage and workflow', ['coverage', 'workflow', 'claims']],
  ])('a key with %s gets pages that match its served schema', async (_label, fields) => {
    const created = await api<CreateIntegrationKeyResponse>(
      server.url,
      'POST',
      '/api/admin/integration-keys',
      { token: admin.token, body: { name: 'Uji skema', fields, kecamatan: 'all' } },
    )
    const { token } = created.body
    const document = await openApiFor(token)
    expect(document.openapi).toBe('3.1.0')
    const pageSchema =
      document.paths['/api/integration/v1/participants']?.get.responses['200']?.content?.[
        'application/json'
      ]?.schema
    expect(pageSchema).toEqual(document.components.schemas.ParticipantsPage)
    const participantFields = Object.keys(
      document.components.schemas.IntegrationParticipant?.properties ?? {},
    )
    expect(participantFields.includes('nik')).toBe(fields.includes('personal'))
    const validate = new Ajv({ allErrors: true }).compile(pageSchema as object)

    let checkpoint: string | null = null
    let pages = 0
    for (; pages < 20; pages++) {
      const response = await fetch(
        `${server.url}/api/integration/v1/participants?limit=2${
          checkpoint ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''
        }`,
        { headers: { Authorization: `Bearer ${token}` } },
      )
      const page = (await response.json()) as IntegrationParticipantsResponse
      expect(validate(page), JSON.stringify(validate.errors)).toBe(true)
      checkpoint = page.checkpoint
      if (!page.hasMore) break
    }
    expect(pages).toBeGreaterThan(0)
  })

  it('describes every field group when no key is sent, and refuses a wrong key (401)', async () => {
    const document = await openApiFor(null)
    const properties = document.components.schemas.IntegrationParticipant?.properties ?? {}
    expect(Object.keys(properties)).toEqual(expect.arrayContaining(['nik', 'fullName', 'claims']))
    for (const internal of ['nikIndex', 'nameKey', 'conflicts', 'duplicates', 'prints']) {
      expect(properties).not.toHaveProperty(internal)
    }
    const refused = await fetch(`${server.url}/api/integration/v1/openapi.json`, {
      headers: { Authorization: 'Bearer ngi_bukan-kunci' },
    })
    expect(refused.status).toBe(401)
  })
})
