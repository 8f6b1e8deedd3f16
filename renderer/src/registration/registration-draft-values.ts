import {
  FORM_FIELD_ORDER,
  emptyFormValues,
  type RegistrationFormValues,
} from './registration-form-values'

/**
 * A registration the clerk has started typing but not saved. A walk-in's KTP takes 60–90 s to
 * type; losing it to Alt+2, a reload or a crash is the worst thing the app can do to a clerk, so
 * the form is kept as it is typed (registration-draft.ts seals it like the record's NIK).
 */
export interface RegistrationDraft {
  values: RegistrationFormValues
  /** When it was last written, ISO 8601; shown in the "continue?" question. */
  savedAt: string
}

/** The longest text any box takes (the form refuses more): a stored value longer is not ours. */
const MAX_STORED_LENGTH = 200

/**
 * Whether the form holds anything of the clerk's: the office's own kecamatan, preset on an empty
 * form, does not count, nor do spaces.
 */
export function isWorthKeeping(values: RegistrationFormValues, blank: RegistrationFormValues) {
  return FORM_FIELD_ORDER.some((field) => values[field].trim() !== blank[field].trim())
}

/**
 * A draft read back from the store, checked field by field: only the form's fields, only
 * strings of a length the form allows. Anything else (another version's shape, damage) is no
 * draft at all rather than a form filled with nonsense.
 */
export function draftFromStored(stored: unknown): RegistrationDraft | null {
  if (typeof stored !== 'object' || stored === null) return null
  const { values, savedAt } = stored as { values?: unknown; savedAt?: unknown }
  if (typeof savedAt !== 'string' || typeof values !== 'object' || values === null) return null
  const draft = emptyFormValues()
  for (const field of FORM_FIELD_ORDER) {
    const value = (values as Record<string, unknown>)[field]
    if (value === undefined) continue
    if (typeof value !== 'string' || value.length > MAX_STORED_LENGTH) return null
    draft[field] = value
  }
  return { values: draft, savedAt }
}

type PendingWrite = { kind: 'write'; values: RegistrationFormValues } | { kind: 'erase' }

export interface DraftWriter {
  /** The form changed: write it (or erase the draft, when nothing is left) after a pause. */
  changed(values: RegistrationFormValues): void
  /** Writes what is pending now (leaving the screen, the window closing). */
  flush(): Promise<void>
  /** The registration was saved or discarded: no pending write may bring the draft back. */
  erase(): Promise<void>
}

/**
 * Debounced, strictly ordered draft writes: one pending change at a time, each store call after
 * the previous one finished. Without the order a slow write of the old form could land after
 * the erase that follows a save and bring a registered person back as a draft.
 */
export function createDraftWriter(options: {
  blank: RegistrationFormValues
  delayMs: number
  write(values: RegistrationFormValues): Promise<void>
  remove(): Promise<void>
  /**
   * After each store call: whether a draft is now kept (for the "saved on this PC" note), and
   * whether that was the latest change (nothing newer waiting).
   */
  onStored?(kept: boolean, settled: boolean): void
  onError?(error: unknown): void
}): DraftWriter {
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: PendingWrite | null = null
  let chain: Promise<void> = Promise.resolve()

  const run = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const next = pending
    pending = null
    if (!next) return chain
    chain = chain.then(async () => {
      try {
        if (next.kind === 'write') await options.write(next.values)
        else await options.remove()
        options.onStored?.(next.kind === 'write', pending === null)
      } catch (error) {
        options.onError?.(error)
      }
    })
    return chain
  }

  return {
    changed(values) {
      pending = isWorthKeeping(values, options.blank)
        ? { kind: 'write', values }
        : { kind: 'erase' }
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(() => void run(), options.delayMs)
    },
    flush: run,
    erase() {
      pending = { kind: 'erase' }
      return run()
    },
  }
}
