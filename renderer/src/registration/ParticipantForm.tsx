import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react'
import { birthDateFromNik, parseNik } from '@shared/identity/nik'
import { describeIssue } from '@shared/messages/issue-messages'
import {
  validateRegistration,
  type FieldIssue,
  type ValidRegistration,
} from '@shared/participant/registration-input'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { district, localToday } from '@/core/district'
import { hrefOf } from '@/core/hash-route'
import { useApp } from '@/core/app-context'
import { formatNumber, useI18n } from '@/core/i18n/i18n'
import type { MessageKey } from '@/core/i18n/messages-id'
import {
  findParticipantsByNik,
  findSameNameAndBirthDate,
} from '@/core/store/participant-repository'
import { normalizeDigits } from '@shared/identity/nik'
import { kecamatanByName } from './kecamatan-options'
import {
  FORM_FIELD_ORDER,
  formFieldOf,
  toRegistrationInput,
  type FormFieldName,
  type RegistrationFormValues,
} from './registration-form-values'
import { Notice } from '@/ui/Notice'
import './registration.css'

export type SaveOutcome =
  { kind: 'saved'; participant: ParticipantDocument } | { kind: 'unchanged' }

interface Props {
  initialValues: RegistrationFormValues
  /** The record being edited; absent when registering someone new. */
  editingId?: string
  submitLabel: MessageKey
  onSave(valid: ValidRegistration): Promise<SaveOutcome>
  /** Called after a successful save; a new registration clears the form for the next walk-in. */
  onSaved?(participant: ParticipantDocument): void
  onCancel?(): void
  resetAfterSave: boolean
  /** What the form clears to after a save; `initialValues` unless those were a resumed draft. */
  resetValues?: RegistrationFormValues
  /** Every change the clerk makes (not the initial values): the registration keeps a draft. */
  onValuesChange?(values: RegistrationFormValues): void
  /** The kecamatan a kecamatan office serves: another one chosen gets a warning at once. */
  officeKecamatanCode?: string | null
}

type SaveState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved'; participant: ParticipantDocument }
  | { phase: 'unchanged' }
  | { phase: 'blocked'; message: string }
  | { phase: 'failed' }

const MAX_LENGTH: Record<FormFieldName, number> = {
  nik: 30,
  kk: 30,
  fullName: 100,
  birthPlace: 100,
  birthDate: 10,
  sex: 1,
  address: 200,
  rtRw: 9,
  kecamatanCode: 20,
  villageCode: 20,
  occupationCode: 40,
  monthlyIncome: 20,
  phone: 20,
  heirName: 100,
  heirRelationship: 40,
}

export function ParticipantForm({
  initialValues,
  editingId,
  submitLabel,
  onSave,
  onSaved,
  onCancel,
  resetAfterSave,
  resetValues = initialValues,
  onValuesChange,
  officeKecamatanCode = null,
}: Props) {
  const { t, language } = useI18n()
  const { store } = useApp()
  const formId = useId()
  const [values, setValues] = useState(initialValues)
  const reportedValues = useRef(values)
  useEffect(() => {
    if (values === reportedValues.current) return
    reportedValues.current = values
    onValuesChange?.(values)
  }, [values, onValuesChange])
  const [touched, setTouched] = useState<Partial<Record<FormFieldName, boolean>>>({})
  const [submitAttempted, setSubmitAttempted] = useState(false)
  const [saveState, setSaveState] = useState<SaveState>({ phase: 'idle' })
  const [prefilledFromNik, setPrefilledFromNik] = useState<{
    birthDate: string
    sex: string
  } | null>(null)
  // Derived birth date and sex taken back because the NIK stopped pointing at them.
  const [prefillCleared, setPrefillCleared] = useState(false)
  // A change refused because it was longer than the box allows: the box keeps what it had and
  // says so, instead of the browser cutting the text silently (maxlength).
  const [refusedLength, setRefusedLength] = useState<Partial<Record<FormFieldName, number>>>({})
  const [duplicate, setDuplicate] = useState<ParticipantDocument | null>(null)
  const [similar, setSimilar] = useState<ParticipantDocument[]>([])
  const [confirmedDifferent, setConfirmedDifferent] = useState(false)
  const fieldRefs = useRef<Partial<Record<FormFieldName, HTMLInputElement | HTMLSelectElement>>>({})
  const confirmRef = useRef<HTMLInputElement>(null)
  const statusRef = useRef<HTMLDivElement>(null)
  // After a save the confirmation is drawn at the top of the form: bring it into view once drawn.
  const [revealStatusRequest, setRevealStatusRequest] = useState(0)
  useEffect(() => {
    if (revealStatusRequest === 0) return
    statusRef.current?.scrollIntoView({ block: 'nearest' })
    fieldRefs.current.nik?.scrollIntoView({ block: 'nearest' })
  }, [revealStatusRequest])
  // Saving may be what first finds the look-alike (the as-you-type check had not answered yet):
  // the checkbox exists only after that render, so focus moves once it is drawn.
  const [confirmFocusRequest, setConfirmFocusRequest] = useState(0)
  useEffect(() => {
    if (confirmFocusRequest > 0) confirmRef.current?.focus()
  }, [confirmFocusRequest])
  const today = localToday()

  const validation = useMemo(
    () =>
      validateRegistration(toRegistrationInput(values), {
        district,
        today,
        officeKecamatanCode,
      }),
    [values, today, officeKecamatanCode],
  )

  const issuesByField = useMemo(() => {
    const map = new Map<FormFieldName, FieldIssue[]>()
    const all = validation.ok ? validation.warnings : [...validation.errors, ...validation.warnings]
    for (const issue of all) {
      const field = formFieldOf(issue.field)
      map.set(field, [...(map.get(field) ?? []), issue])
    }
    return map
  }, [validation])

  // Exact NIK already in the store: block, and link to the record (the clerk may be about to
  // register someone twice).
  const nikDigits = normalizeDigits(values.nik)
  useEffect(() => {
    let cancelled = false
    if (nikDigits.length !== 16) {
      setDuplicate(null)
      return
    }
    findParticipantsByNik(store, nikDigits).then(
      (found) => {
        if (!cancelled) setDuplicate(found.find((p) => p.id !== editingId) ?? null)
      },
      () => undefined,
    )
    return () => {
      cancelled = true
    }
  }, [store, nikDigits, editingId])

  // The same person typed again with another NIK: a warning the clerk must confirm.
  const { fullName, birthDate } = values
  useEffect(() => {
    let cancelled = false
    setConfirmedDifferent(false)
    if (fullName.trim().length < 2 || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
      setSimilar([])
      return
    }
    const timer = setTimeout(() => {
      findSameNameAndBirthDate(store, fullName, birthDate).then(
        (found) => {
          if (!cancelled) {
            setSimilar(found.filter((p) => p.id !== editingId && p.nik !== nikDigits))
          }
        },
        () => undefined,
      )
    }, 150)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [store, fullName, birthDate, editingId, nikDigits])

  const setField = (field: FormFieldName, value: string) => {
    if (value.length > MAX_LENGTH[field]) {
      setRefusedLength((current) => ({ ...current, [field]: value.length }))
      return
    }
    if (refusedLength[field] !== undefined) {
      setRefusedLength((current) => ({ ...current, [field]: undefined }))
    }
    setSaveState((state) =>
      state.phase === 'saved' || state.phase === 'unchanged' ? { phase: 'idle' } : state,
    )
    setValues((current) => {
      const next = { ...current, [field]: value }
      if (field === 'kecamatanCode' && current.villageCode) {
        const village = district.regions.villageByCode(current.villageCode)
        if (village?.kecamatanCode !== value) next.villageCode = ''
      }
      if (field === 'nik') {
        // Typing a NIK fills in birth date and sex, unless the clerk already typed their own.
        const parsed = parseNik(value)
        const fromNik = parsed.ok ? birthDateFromNik(parsed.nik, today) : null
        const untouchedBirthDate =
          !current.birthDate || current.birthDate === prefilledFromNik?.birthDate
        const untouchedSex = !current.sex || current.sex === prefilledFromNik?.sex
        if (fromNik && (untouchedBirthDate || untouchedSex)) {
          if (untouchedBirthDate) next.birthDate = fromNik.birthDate
          if (untouchedSex) next.sex = fromNik.sex
          setPrefilledFromNik({ birthDate: next.birthDate, sex: next.sex })
          setPrefillCleared(false)
        } else if (!fromNik && prefilledFromNik) {
          // What the previous NIK said is no longer backed by any NIK: a wrong date left in the
          // box would be saved as the person's. Only what the NIK filled in is taken back.
          const clearsBirthDate = current.birthDate === prefilledFromNik.birthDate
          const clearsSex = current.sex === prefilledFromNik.sex
          if (clearsBirthDate) next.birthDate = ''
          if (clearsSex) next.sex = ''
          setPrefilledFromNik(null)
          setPrefillCleared(clearsBirthDate || clearsSex)
        }
      }
      return next
    })
  }

  const visibleIssues = (field: FormFieldName): FieldIssue[] =>
    submitAttempted || touched[field] ? (issuesByField.get(field) ?? []) : []

  const focusField = (field: FormFieldName) => fieldRefs.current[field]?.focus()

  const submit = async () => {
    if (saveState.phase === 'saving') return
    setSubmitAttempted(true)
    if (!validation.ok) {
      setSaveState({
        phase: 'blocked',
        message: t('form.fixErrors', {
          count: new Set(validation.errors.map((e) => formFieldOf(e.field))).size,
        }),
      })
      const first = FORM_FIELD_ORDER.find((field) =>
        validation.errors.some((issue) => formFieldOf(issue.field) === field),
      )
      if (first) focusField(first)
      return
    }
    const valid = validation.value
    // Check again against the store at the moment of saving: the effect above may be stale.
    const [sameNik, sameNameAndBirth] = await Promise.all([
      findParticipantsByNik(store, valid.nik),
      findSameNameAndBirthDate(store, valid.fullName, valid.birthDate),
    ])
    const existing = sameNik.find((p) => p.id !== editingId) ?? null
    setDuplicate(existing)
    if (existing) {
      setSaveState({
        phase: 'blocked',
        message: t('form.duplicateNik', {
          name: existing.fullName,
          number: existing.registrationNumber,
        }),
      })
      focusField('nik')
      return
    }
    const lookalikes = sameNameAndBirth.filter((p) => p.id !== editingId && p.nik !== valid.nik)
    setSimilar(lookalikes)
    if (lookalikes.length > 0 && !confirmedDifferent) {
      setSaveState({ phase: 'blocked', message: t('form.confirmRequired') })
      setConfirmFocusRequest((request) => request + 1)
      return
    }
    setSaveState({ phase: 'saving' })
    try {
      const outcome = await onSave(valid)
      if (outcome.kind === 'unchanged') {
        setSaveState({ phase: 'unchanged' })
        return
      }
      setSaveState({ phase: 'saved', participant: outcome.participant })
      // Focus first: moving it blurs the last box, which marks that box touched; the reset
      // below comes after, so the empty form shows no stale "Wajib diisi.".
      fieldRefs.current.nik?.focus({ preventScroll: true })
      setTouched({})
      setSubmitAttempted(false)
      setRefusedLength({})
      if (resetAfterSave) {
        setValues({ ...resetValues })
        setPrefilledFromNik(null)
        setPrefillCleared(false)
        setDuplicate(null)
        setSimilar([])
        setConfirmedDifferent(false)
      }
      setRevealStatusRequest((request) => request + 1)
      onSaved?.(outcome.participant)
    } catch (error) {
      console.error('Saving a participant failed:', error instanceof Error ? error.name : 'unknown')
      setSaveState({ phase: 'failed' })
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void submit()
  }

  // Keyboard-first: Enter moves to the next box like Tab (clerks type from a KTP without looking
  // at the screen); Ctrl+Enter saves from anywhere; Enter on the button saves.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter') return
    const target = event.target as HTMLElement
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault()
      void submit()
      return
    }
    if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return
    event.preventDefault()
    const focusables = Array.from(
      event.currentTarget.querySelectorAll<HTMLElement>(
        'input:not([disabled]), select:not([disabled]), button:not([disabled])',
      ),
    )
    const next = focusables[focusables.indexOf(target) + 1]
    next?.focus()
  }

  const field = (
    name: FormFieldName,
    label: MessageKey,
    control: (props: ControlProps) => ReactNode,
    options: { required?: boolean; hint?: MessageKey; extra?: ReactNode } = {},
  ) => {
    const issues = visibleIssues(name)
    // RT and RW are one box: "Wajib diisi." for each would say the same thing twice.
    const messagesOf = (severity: FieldIssue['severity']) => [
      ...new Set(
        issues
          .filter((issue) => issue.severity === severity)
          .map((issue) => describeIssue(issue, language)),
      ),
    ]
    const refused = refusedLength[name]
    const errors = [
      ...(refused !== undefined
        ? [
            t('form.tooLong', {
              length: formatNumber(language, refused),
              max: formatNumber(language, MAX_LENGTH[name]),
            }),
          ]
        : []),
      ...messagesOf('error'),
    ]
    const warnings = messagesOf('warning')
    const hasIssues = errors.length > 0 || warnings.length > 0
    const id = `${formId}-${name}`
    const describedBy = [options.hint ? `${id}-hint` : null, hasIssues ? `${id}-issues` : null]
      .filter(Boolean)
      .join(' ')
    return (
      <div className={`field field-${name}`}>
        <label htmlFor={id} className={options.required ? 'required' : undefined}>
          {t(label)}
        </label>
        {control({
          id,
          name,
          ref: (element: HTMLInputElement | HTMLSelectElement | null) => {
            if (element) fieldRefs.current[name] = element
          },
          'aria-invalid': errors.length > 0 ? true : undefined,
          'aria-describedby': describedBy || undefined,
          'aria-required': options.required ? true : undefined,
          onBlur: () => setTouched((current) => ({ ...current, [name]: true })),
        })}
        {options.hint ? (
          <small id={`${id}-hint`} className="hint">
            {t(options.hint)}
          </small>
        ) : null}
        {hasIssues ? (
          <div id={`${id}-issues`}>
            {errors.map((message) => (
              <p key={message} className="field-error" role="alert">
                {message}
              </p>
            ))}
            {warnings.map((message) => (
              <p key={message} className="field-warning">
                {message}
              </p>
            ))}
          </div>
        ) : null}
        {options.extra}
      </div>
    )
  }

  const text =
    (name: FormFieldName, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}) =>
    (props: ControlProps) => (
      <input
        {...props}
        ref={props.ref}
        type="text"
        autoComplete="off"
        value={values[name]}
        onChange={(event) => setField(name, event.target.value)}
        {...extra}
      />
    )

  const select =
    (name: FormFieldName, options: { value: string; label: string }[], placeholder: string) =>
    (props: ControlProps) => (
      <select
        {...props}
        ref={props.ref}
        value={values[name]}
        onChange={(event) => {
          setField(name, event.target.value)
          // Choosing an option is a finished act: its warnings show at once, not on leaving.
          props.onBlur()
        }}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    )

  const villages = values.kecamatanCode ? district.regions.villagesOf(values.kecamatanCode) : []

  return (
    <form className="participant-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <p className="hint">{t('form.hint')}</p>
      <SaveStatus state={saveState} statusRef={statusRef} />
      <fieldset>
        {field('nik', 'form.nik', text('nik', { inputMode: 'numeric', autoFocus: true }), {
          required: true,
          extra: duplicate ? (
            <p className="field-error" role="alert">
              {t('form.duplicateNik', {
                name: duplicate.fullName,
                number: duplicate.registrationNumber,
              })}{' '}
              <a href={hrefOf({ screen: 'participant', id: duplicate.id, mode: 'view' })}>
                {t('form.openExisting')}
              </a>
            </p>
          ) : null,
        })}
        {field('kk', 'form.kk', text('kk', { inputMode: 'numeric' }), { required: true })}
        {field('fullName', 'form.fullName', text('fullName'), {
          required: true,
          extra:
            similar.length > 0 ? (
              <div className="field-warning similar-person">
                <p>
                  {t('form.similarPerson', {
                    list: similar.map((p) => `${p.fullName} (${p.registrationNumber})`).join(', '),
                  })}
                </p>
                <label className="checkbox">
                  <input
                    ref={confirmRef}
                    type="checkbox"
                    checked={confirmedDifferent}
                    onChange={(event) => setConfirmedDifferent(event.target.checked)}
                  />
                  {t('form.confirmDifferentPerson')}
                </label>
              </div>
            ) : null,
        })}
        {field('birthPlace', 'form.birthPlace', text('birthPlace'), { required: true })}
        {field(
          'birthDate',
          'form.birthDate',
          (props) => (
            <input
              {...props}
              type="date"
              max={today}
              min="1900-01-01"
              value={values.birthDate}
              onChange={(event) => setField('birthDate', event.target.value)}
            />
          ),
          {
            required: true,
            extra: prefilledFromNik ? (
              <small className="hint">{t('form.prefilled')}</small>
            ) : prefillCleared ? (
              <small className="hint" data-testid="prefill-cleared">
                {t('form.prefillCleared')}
              </small>
            ) : null,
          },
        )}
        {field(
          'sex',
          'form.sex',
          select(
            'sex',
            [
              { value: 'L', label: t('form.sex.L') },
              { value: 'P', label: t('form.sex.P') },
            ],
            t('form.sex.choose'),
          ),
          { required: true },
        )}
        {field('address', 'form.address', text('address'), { required: true })}
        {field('rtRw', 'form.rtRw', text('rtRw', { inputMode: 'numeric' }), {
          required: true,
          hint: 'form.rtRwHint',
        })}
        {field(
          'kecamatanCode',
          'form.kecamatan',
          select(
            'kecamatanCode',
            kecamatanByName(district.regions.kecamatan).map((k) => ({
              value: k.code,
              label: k.name,
            })),
            t('form.choose'),
          ),
          { required: true },
        )}
        {field(
          'villageCode',
          'form.village',
          select(
            'villageCode',
            villages.map((v) => ({ value: v.code, label: v.name })),
            values.kecamatanCode ? t('form.choose') : t('form.chooseKecamatanFirst'),
          ),
          { required: true },
        )}
        {field(
          'occupationCode',
          'form.occupation',
          select(
            'occupationCode',
            district.config.occupations.map((o) => ({
              value: o.code,
              label: language === 'en' ? o.labelEn : o.labelId,
            })),
            t('form.choose'),
          ),
          { required: true },
        )}
        {field(
          'monthlyIncome',
          'form.monthlyIncome',
          text('monthlyIncome', { inputMode: 'numeric' }),
          {
            required: true,
            hint: 'form.monthlyIncomeHint',
          },
        )}
        {field('phone', 'form.phone', text('phone', { inputMode: 'tel' }), {
          hint: 'form.phoneHint',
        })}
        {field('heirName', 'form.heirName', text('heirName'), { required: true })}
        {field(
          'heirRelationship',
          'form.heirRelationship',
          select(
            'heirRelationship',
            district.config.heirRelationships.map((r) => ({
              value: r.code,
              label: language === 'en' ? r.labelEn : r.labelId,
            })),
            t('form.choose'),
          ),
          { required: true },
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saveState.phase === 'saving'}>
          {t(submitLabel)}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  )
}

interface ControlProps {
  id: string
  name: string
  ref: (element: HTMLInputElement | HTMLSelectElement | null) => void
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
  'aria-required': true | undefined
  onBlur(): void
}

function SaveStatus({
  state,
  statusRef,
}: {
  state: SaveState
  statusRef: RefObject<HTMLDivElement | null>
}) {
  const { t } = useI18n()
  // One live region for the outcome, so a screen reader (and the e2e suite) hears "Tersimpan"
  // only once the store has the record on disk. It sits above the first box: after a save the
  // cursor goes back there, so the confirmation is on screen too, not below the fold.
  return (
    <div ref={statusRef} className="save-status" role="status" aria-live="polite">
      {state.phase === 'saving' ? <p>{t('form.saving')}</p> : null}
      {state.phase === 'saved' ? (
        <Notice kind="success" announce="none" className="saved">
          <strong>{t('form.saved')}</strong>{' '}
          {t('form.savedDetail', {
            name: state.participant.fullName,
            number: state.participant.registrationNumber,
          })}{' '}
          <a href={hrefOf({ screen: 'participant', id: state.participant.id, mode: 'view' })}>
            {t('form.openSaved')}
          </a>
        </Notice>
      ) : null}
      {state.phase === 'unchanged' ? <p>{t('form.noChanges')}</p> : null}
      {state.phase === 'blocked' ? (
        <Notice kind="error" inline announce="none">
          {state.message}
        </Notice>
      ) : null}
      {state.phase === 'failed' ? (
        <Notice kind="error" inline announce="none">
          {t('form.saveFailed')}
        </Notice>
      ) : null}
    </div>
  )
}
