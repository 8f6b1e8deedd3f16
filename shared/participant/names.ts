/**
 * Names as people write them: "Siti Nur'aini", "Muh. Rizal", "La Ode Ahmad", "Ñoño", or a single
 * name ("Sukarno"). We never split into first/last name, and we keep the spelling of the KTP.
 */
import { MAX_FIELD_LENGTH } from '../text/input-text'

/**
 * Invisible format characters that ride along when a name is copied from WhatsApp or a PDF
 * (zero-width space/joiners, direction marks, word joiner, BOM). They would make two equal-looking
 * names differ, so they are removed.
 */
const INVISIBLE_CHARS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g
/** Phone keyboards type ’ or ʼ for the apostrophe in names like Nur’aini. */
const APOSTROPHE_LOOKALIKES = /[\u2018\u2019\u02BC\u0060\u00B4]/g

/**
 * Display form of a name: invisible characters removed, apostrophes unified, whitespace collapsed,
 * trimmed, Unicode NFC (so "é" typed as e + accent and as one character are stored the same).
 * Non-text input gives ''. Inputs beyond MAX_FIELD_LENGTH are returned unchanged for the
 * validator to refuse.
 */
export function normalizePersonName(raw: unknown): string {
  if (typeof raw !== 'string') return ''
  if (raw.length > MAX_FIELD_LENGTH) return raw
  return raw
    .normalize('NFC')
    .replace(INVISIBLE_CHARS, '')
    .replace(APOSTROPHE_LOOKALIKES, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Key for search-by-prefix and the "same name and birth date" duplicate warning: uppercase, accents
 * removed (NFKD then drop marks: "Ñoño" → "NONO"), apostrophes dropped ("Nur'aini" → "NURAINI"),
 * other punctuation turned into a space ("Muh.Rizal" → "MUH RIZAL"), spaces collapsed.
 * Over-long input is cut to MAX_FIELD_LENGTH first: a search key never needs more.
 */
export function nameSearchKey(raw: unknown): string {
  if (typeof raw !== 'string') return ''
  const text = raw.length > MAX_FIELD_LENGTH ? raw.slice(0, MAX_FIELD_LENGTH) : raw
  return normalizePersonName(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/'/g, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Key that two registrations of the same person are likely to share even when typed by two clerks:
 * the name's search key and the birth date. The store warns (POSSIBLE_DUPLICATE_PERSON) when a new
 * registration's key is already present.
 */
export function personDuplicateKey(fullName: unknown, birthDate: unknown): string {
  const date = typeof birthDate === 'string' && birthDate.length <= 10 ? birthDate : ''
  return `${nameSearchKey(fullName)}|${date}`
}
