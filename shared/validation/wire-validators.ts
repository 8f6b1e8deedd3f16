/**
 * Documents as they travel, checked by validators compiled from their schemas at build time
 * (`npm run compile:validators`): the same code on the server and in the PC, no schema
 * interpreted at runtime, nothing the renderer's CSP forbids.
 */
import { firstViolation } from './compiled-validator'
import { auditEntryWire, participantWire } from './wire-validators.generated.js'

/** The path of the first value of a pushed participant that breaks its schema, or null. */
export function participantWireViolation(value: unknown): string | null {
  return firstViolation(participantWire, value)
}

/** The path of the first value of a history entry that breaks its schema, or null. */
export function auditEntryWireViolation(value: unknown): string | null {
  return firstViolation(auditEntryWire, value)
}
