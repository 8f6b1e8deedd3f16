/**
 * The integration API's OpenAPI 3.1 description, built from the participant wire schema
 * (shared/participant/participant-wire-schema.ts) through the same field table the feed projects
 * with (integration-scopes.ts): a field added to a group, or to the participant, shows up in both
 * at once. Served at GET /api/integration/v1/openapi.json, projected to the caller's key.
 *
 * The schemas carry no `$ref`: each is whole where it stands, so a client can hand any one of
 * them to a validator as it is.
 */
import { participantWireSchema } from '../participant/participant-wire-schema'
import { INTEGRATION_API_PREFIX, MAX_INTEGRATION_PAGE } from './integration-api'
import {
  fieldsOfScopes,
  INTEGRATION_FIELD_GROUP_NAMES,
  INTEGRATION_FIELD_GROUPS,
  type IntegrationScopes,
} from './integration-scopes'

const wireProperties: Readonly<Record<string, unknown>> = participantWireSchema.properties
const wireRequired: readonly string[] = participantWireSchema.required

/** A participant as a key with these field groups receives it. */
export function integrationParticipantSchema(scopes: Pick<IntegrationScopes, 'fields'>) {
  const fields = fieldsOfScopes(scopes)
  const properties: Record<string, unknown> = {}
  for (const field of fields) {
    const schema = wireProperties[field]
    // Every field of the table must be a wire field: a rename would otherwise vanish silently.
    if (schema === undefined) throw new Error(`Integration field ${field} is not a wire field`)
    properties[field] = schema
  }
  return {
    type: 'object',
    properties,
    required: wireRequired.filter((field) => fields.includes(field)),
    additionalProperties: false,
  } as const
}

export const integrationTombstoneSchema = {
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, deleted: { type: 'boolean', const: true } },
  required: ['id', 'deleted'],
  additionalProperties: false,
} as const

export function integrationPageSchema(scopes: Pick<IntegrationScopes, 'fields'>) {
  return {
    type: 'object',
    properties: {
      participants: {
        type: 'array',
        maxItems: MAX_INTEGRATION_PAGE,
        items: { oneOf: [integrationParticipantSchema(scopes), integrationTombstoneSchema] },
      },
      checkpoint: { type: ['string', 'null'], maxLength: 200 },
      hasMore: { type: 'boolean' },
    },
    required: ['participants', 'checkpoint', 'hasMore'],
    additionalProperties: false,
  } as const
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string', description: 'Untuk dibaca pengguna (bahasa Indonesia).' },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
})

/**
 * The whole description for a key with these scopes; without scopes (no key sent), every field
 * group, so a developer can read what could be asked for.
 */
export function integrationOpenApiDocument(
  scopes: Pick<IntegrationScopes, 'fields'> | null,
  server: { apiVersion: string },
) {
  const fields = scopes ?? { fields: INTEGRATION_FIELD_GROUP_NAMES }
  const groups = INTEGRATION_FIELD_GROUP_NAMES.map(
    (group) => `${group}: ${INTEGRATION_FIELD_GROUPS[group].join(', ')}`,
  ).join('; ')
  return {
    openapi: '3.1.0',
    info: {
      title: 'Naungan — API integrasi',
      version: server.apiVersion,
      description: `Hanya baca. Kunci dibuat admin dengan cakupan kelompok data dan kecamatan. Kelompok data: ${groups}. NIK, KK dan nomor telepon hanya dengan cakupan "personal", dan setiap pembacaannya dicatat.${
        scopes
          ? ` Dokumen ini untuk kunci dengan cakupan: ${scopes.fields.join(', ') || '(inti saja)'}.`
          : ''
      }`,
    },
    components: {
      securitySchemes: { integrationKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        IntegrationParticipant: integrationParticipantSchema(fields),
        IntegrationTombstone: integrationTombstoneSchema,
        ParticipantsPage: integrationPageSchema(fields),
        Error: errorSchema,
      },
    },
    security: [{ integrationKey: [] }],
    paths: {
      [`${INTEGRATION_API_PREFIX}/participants`]: {
        get: {
          operationId: 'participantChanges',
          summary: 'Perubahan data peserta sejak titik sinkronisasi (checkpoint)',
          parameters: [
            {
              name: 'checkpoint',
              in: 'query',
              required: false,
              description:
                'Nilai "checkpoint" dari halaman sebelumnya; kosong untuk mulai dari awal.',
              schema: { type: 'string', maxLength: 200 },
            },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: MAX_INTEGRATION_PAGE, default: 100 },
            },
          ],
          responses: {
            '200': {
              description: 'Satu halaman perubahan; minta lagi selama hasMore bernilai true.',
              content: { 'application/json': { schema: integrationPageSchema(fields) } },
            },
            '400': errorResponse('Checkpoint atau limit tidak sah.'),
            '401': errorResponse('Kunci tidak dikenal atau sudah dicabut.'),
            '429': errorResponse('Terlalu banyak permintaan; tunggu sesuai Retry-After.'),
          },
        },
      },
      [`${INTEGRATION_API_PREFIX}/openapi.json`]: {
        get: {
          operationId: 'openApiDocument',
          summary: 'Dokumen ini, sesuai cakupan kunci yang dikirim',
          security: [{}, { integrationKey: [] }],
          responses: { '200': { description: 'Dokumen OpenAPI 3.1.' } },
        },
      },
    },
  }
}
