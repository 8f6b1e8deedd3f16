import { participantChangeJsonSchema } from '../participant/participant-document'

/**
 * A history entry's schema as it travels: the local document's, no more, no less. Compiled into a
 * validator at build time (`shared/validation/`).
 */
export const auditEntryWireSchema = {
  type: 'object',
  properties: participantChangeJsonSchema.properties,
  required: participantChangeJsonSchema.required,
  additionalProperties: false,
} as const
