/**
 * The participant JSON schema as it travels between PC and server: the stored document's schema
 * without `nikIndex` (each PC keys its own blind index) and with an explicit `_deleted`. Compiled
 * into a validator at build time (`shared/validation/`), never interpreted at runtime.
 */
import { participantJsonSchema } from './participant-document'

function buildWireSchema() {
  const { nikIndex: _nikIndex, ...properties } = participantJsonSchema.properties
  void _nikIndex
  return {
    type: 'object',
    properties: { ...properties, _deleted: { type: 'boolean' } },
    // `prints` (v2) may be absent: a PC that has not updated yet sends v1 documents, which the
    // server stores with an empty print log rather than refusing every edit they carry.
    required: [
      ...participantJsonSchema.required.filter(
        (field) => field !== 'nikIndex' && field !== 'prints' && field !== 'checks',
      ),
      '_deleted',
    ],
    additionalProperties: false,
  } as const
}

/** The participant schema as it travels: no `nikIndex`, plus `_deleted`. */
export const participantWireSchema = buildWireSchema()
