import { wrappedValidateStorageFactory, type RxStorage } from 'rxdb'
import type { CompiledValidator } from '@shared/validation/compiled-validator'
import {
  storedParticipant,
  storedParticipantChange,
  storedParticipantChangeSchema,
  storedParticipantSchema,
  storedParticipantSync,
  storedParticipantSyncSchema,
} from './stored-validators.generated.js'

/**
 * Every write to the app's own collections is checked against the collection's schema, by a
 * validator compiled from it at build time (`npm run compile:validators`).
 *
 * What is checked, and why not more:
 * - The three collections (`participants`, `participant_changes`, `participant_sync`), every
 *   write: the form's, an import's, and every document a pull brings. The server validated each
 *   pushed document already (`validateParticipantWireDocument`), so a pulled one failing here
 *   means a server bug or a tampered server; refusing it costs ~2 µs a document compiled, so the
 *   client keeps this last check rather than trusting the link.
 * - Not RxDB's own rows (replication meta with its copy of every server document, checkpoints,
 *   local documents, the database's internal store): RxDB writes them from documents already
 *   checked above, and validating them cost 72 s of a 180 s main thread in a 50,000-record
 *   initial sync with the schema interpreted at runtime (docs/performance.md).
 *
 * A collection whose schema differs from the one compiled (a schema changed without
 * `npm run compile:validators`) refuses to open rather than run unchecked; the unit test
 * `compiled-validators.test.ts` finds it before that.
 */
const COMPILED: Readonly<Record<string, { validate: CompiledValidator; schemaJson: string }>> = {
  participants: { validate: storedParticipant, schemaJson: storedParticipantSchema },
  participant_changes: {
    validate: storedParticipantChange,
    schemaJson: storedParticipantChangeSchema,
  },
  participant_sync: { validate: storedParticipantSync, schemaJson: storedParticipantSyncSchema },
}

export class StaleValidatorError extends Error {
  constructor(collectionName: string) {
    super(
      `The compiled validator of "${collectionName}" is older than its schema: run npm run compile:validators.`,
    )
    this.name = 'StaleValidatorError'
  }
}

const BY_SCHEMA = new Map(Object.values(COMPILED).map((c) => [c.schemaJson, c.validate]))
const NO_ERRORS: never[] = []

const wrapWithCompiledValidators = wrappedValidateStorageFactory((schema) => {
  const validate = BY_SCHEMA.get(JSON.stringify(schema))
  if (!validate) throw new Error('No compiled validator for this schema.')
  return (doc) => (validate(doc) ? NO_ERRORS : ((validate.errors ?? []) as never[]))
}, 'compiled')

/**
 * RxDB's validation wrapper (a failed check becomes a 422 write error, as with the z-schema
 * plugin before) with the compiled validators, and none at all for RxDB's own instances.
 */
export function wrappedCompiledValidationStorage<Internals, InstanceCreationOptions>(args: {
  storage: RxStorage<Internals, InstanceCreationOptions>
}): RxStorage<Internals, InstanceCreationOptions> {
  const validating = wrapWithCompiledValidators(args)
  return Object.assign({}, validating, {
    createStorageInstance: (
      params: Parameters<RxStorage<Internals, InstanceCreationOptions>['createStorageInstance']>[0],
    ) => {
      const compiled = COMPILED[params.collectionName]
      if (!compiled) return args.storage.createStorageInstance(params)
      const current = JSON.parse(compiled.schemaJson) as { version: number }
      // An older version is opened only to migrate its documents out; nothing is written to it.
      if (params.schema.version < current.version) return args.storage.createStorageInstance(params)
      if (JSON.stringify(params.schema) !== compiled.schemaJson) {
        throw new StaleValidatorError(params.collectionName)
      }
      return validating.createStorageInstance(params)
    },
  })
}
