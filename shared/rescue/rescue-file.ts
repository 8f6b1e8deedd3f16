/**
 * The rescue file (issue 18; docs/operations.md, "A PC that cannot sync"): what a PC holds that
 * the server may not — its unsent records, each with the server copy it started from, and its
 * own history entries — sealed under a passphrase so it can travel on a USB stick.
 *
 * Sealed with WebCrypto (the app and Node alike): PBKDF2-SHA-256 (600,000 iterations, a random
 * 16-byte salt) derives an AES-256-GCM key; the header is authenticated with the contents, so a
 * file changed anywhere — header or body — does not open. Opening it proves only that whoever
 * made it knew the passphrase: the server still judges every record as a push from the PC named
 * in it, by the importing supervisor (server/rescue.ts).
 */
import type { AuditEntry } from '../audit/audit-entry'
import type { ParticipantWireDocument } from '../sync/sync-protocol'

export const RESCUE_FORMAT = 'naungan-rescue'
export const RESCUE_VERSION = 1
export const RESCUE_PBKDF2_ITERATIONS = 600_000
/** Shorter passphrases are refused: the file may be lost with a stick. */
export const MIN_RESCUE_PASSPHRASE = 12

export interface RescueRecord {
  /** The record as this PC holds it now. */
  state: ParticipantWireDocument
  /** The server copy it started from (with the server's receipt), if it ever had one. */
  base: ParticipantWireDocument | null
}

export interface RescueContents {
  /** The district's NIK regency code ('6402'): a file is imported in its own district only. */
  district: string
  device: { id: string; name: string; officeCode: string }
  exportedAt: string
  exportedBy: string
  participants: RescueRecord[]
  audit: AuditEntry[]
}

interface RescueEnvelope {
  format: typeof RESCUE_FORMAT
  version: number
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string }
  cipher: { name: 'AES-GCM'; iv: string }
  /** Readable without the passphrase: which PC, when — never a record. */
  label: { device: string; officeCode: string; exportedAt: string; records: number }
  data: string
}

export type RescueOpenResult =
  | { ok: true; contents: RescueContents }
  | { ok: false; reason: 'NOT_RESCUE_FILE' | 'WRONG_PASSPHRASE_OR_CHANGED' }

const encoder = new TextEncoder()
const decoder = new TextDecoder()

function toBase64(bytes: Uint8Array): string {
  let text = ''
  for (let index = 0; index < bytes.length; index += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
  }
  return btoa(text)
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

async function keyOf(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  )
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

/** The envelope without its data, as the authenticated header. */
const headerOf = (envelope: Omit<RescueEnvelope, 'data'>) =>
  encoder.encode(
    JSON.stringify([
      envelope.format,
      envelope.version,
      envelope.kdf,
      envelope.cipher,
      envelope.label,
    ]),
  )

export async function sealRescueFile(
  contents: RescueContents,
  passphrase: string,
  iterations = RESCUE_PBKDF2_ITERATIONS,
): Promise<string> {
  if (passphrase.length < MIN_RESCUE_PASSPHRASE) throw new RangeError('passphrase too short')
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const head: Omit<RescueEnvelope, 'data'> = {
    format: RESCUE_FORMAT,
    version: RESCUE_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    label: {
      device: contents.device.name,
      officeCode: contents.device.officeCode,
      exportedAt: contents.exportedAt,
      records: contents.participants.length,
    },
  }
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: headerOf(head) },
    await keyOf(passphrase, salt, iterations),
    encoder.encode(JSON.stringify(contents)),
  )
  return `${JSON.stringify({ ...head, data: toBase64(new Uint8Array(sealed)) }, null, 1)}\n`
}

/** What the file says about itself before it is opened (null when it is not a rescue file). */
export function rescueLabelOf(text: string): RescueEnvelope['label'] | null {
  const envelope = parseEnvelope(text)
  return envelope ? envelope.label : null
}

function parseEnvelope(text: string): RescueEnvelope | null {
  try {
    const value = JSON.parse(text) as RescueEnvelope
    const iterations = value?.kdf?.iterations
    if (
      value?.format !== RESCUE_FORMAT ||
      value.version !== RESCUE_VERSION ||
      value.kdf?.name !== 'PBKDF2' ||
      value.kdf.hash !== 'SHA-256' ||
      !Number.isInteger(iterations) ||
      iterations < 100_000 ||
      iterations > 10_000_000 ||
      value.cipher?.name !== 'AES-GCM' ||
      typeof value.kdf.salt !== 'string' ||
      typeof value.cipher.iv !== 'string' ||
      typeof value.data !== 'string' ||
      typeof value.label !== 'object' ||
      value.label === null
    ) {
      return null
    }
    return value
  } catch {
    return null
  }
}

export async function openRescueFile(text: string, passphrase: string): Promise<RescueOpenResult> {
  const envelope = parseEnvelope(text)
  if (!envelope) return { ok: false, reason: 'NOT_RESCUE_FILE' }
  try {
    const { data, ...head } = envelope
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(envelope.cipher.iv), additionalData: headerOf(head) },
      await keyOf(passphrase, fromBase64(envelope.kdf.salt), envelope.kdf.iterations),
      fromBase64(data),
    )
    const contents = JSON.parse(decoder.decode(plain)) as RescueContents
    if (!Array.isArray(contents?.participants) || !Array.isArray(contents.audit)) {
      return { ok: false, reason: 'NOT_RESCUE_FILE' }
    }
    return { ok: true, contents }
  } catch {
    // AES-GCM cannot tell a wrong passphrase from a changed file: both fail the tag.
    return { ok: false, reason: 'WRONG_PASSPHRASE_OR_CHANGED' }
  }
}
