import { useState, type FormEvent } from 'react'
import { MIN_LETTER_REFERENCE_LENGTH, type AgencyCheck } from '@shared/workflow/workflow'
import { district } from '@/core/district'
import { useI18n } from '@/core/i18n/i18n'
import { agencyLabel } from '@/participants/participant-labels'
import { queueText } from './queue-messages'
import { MAX_CHECK_NOTE_LENGTH } from './queue-model'

export interface OnBehalfDecision {
  agency: string
  state: 'confirmed' | 'rejected'
  reasonCode?: string
  /** The agency's letter: number and date. Stored as the check's note. */
  note: string
}

/**
 * For an agency nobody uses Naungan at yet: the supervisor records the decision the agency sent
 * on paper, citing its letter. The check then names the supervisor, and the note the letter, so
 * the history shows it was recorded on the agency's behalf (shared/workflow: isDecidedOnBehalf).
 */
export function OnBehalfDecisionForm({
  pending,
  busy,
  onSubmit,
}: {
  pending: readonly AgencyCheck[]
  busy: boolean
  onSubmit(decision: OnBehalfDecision): void
}) {
  const { language } = useI18n()
  const text = queueText.bind(null, language)
  const [open, setOpen] = useState(false)
  const [agency, setAgency] = useState('')
  const [state, setState] = useState<'confirmed' | 'rejected'>('confirmed')
  const [reasonCode, setReasonCode] = useState('')
  const [letter, setLetter] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  if (pending.length === 0) return null
  const chosenAgency = pending.some((check) => check.agency === agency)
    ? agency
    : pending[0]!.agency

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (letter.trim().length < MIN_LETTER_REFERENCE_LENGTH) {
      return setProblem(text('onBehalf.letterRequired'))
    }
    if (state === 'rejected' && !reasonCode) return setProblem(text('onBehalf.reasonRequired'))
    setProblem(null)
    onSubmit({
      agency: chosenAgency,
      state,
      ...(state === 'rejected' ? { reasonCode } : {}),
      note: letter.trim(),
    })
    setOpen(false)
    setLetter('')
  }

  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {text('onBehalf.open')}
      </button>
    )
  }
  return (
    <form
      className="queue-form on-behalf-form"
      aria-labelledby="on-behalf-title"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          setOpen(false)
        }
      }}
    >
      <h3 id="on-behalf-title">{text('onBehalf.title')}</h3>
      <p className="hint">{text('onBehalf.hint')}</p>
      <div className="field">
        <label htmlFor="on-behalf-agency">{text('onBehalf.agency')}</label>
        <select
          id="on-behalf-agency"
          autoFocus
          value={chosenAgency}
          onChange={(event) => setAgency(event.target.value)}
        >
          {pending.map((check) => (
            <option key={check.agency} value={check.agency}>
              {agencyLabel(check.agency, language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="on-behalf-state">{text('onBehalf.decision')}</label>
        <select
          id="on-behalf-state"
          value={state}
          onChange={(event) => setState(event.target.value as 'confirmed' | 'rejected')}
        >
          <option value="confirmed">{text('state.confirmed')}</option>
          <option value="rejected">{text('state.rejected')}</option>
        </select>
      </div>
      {state === 'rejected' ? (
        <div className="field">
          <label htmlFor="on-behalf-reason" className="required">
            {text('reject.reason')}
          </label>
          <select
            id="on-behalf-reason"
            value={reasonCode}
            onChange={(event) => setReasonCode(event.target.value)}
          >
            <option value="">{text('reject.chooseReason')}</option>
            {district.config.verification.rejectionReasons.map((reason) => (
              <option key={reason.code} value={reason.code}>
                {language === 'en' ? reason.labelEn : reason.labelId}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="on-behalf-letter" className="required">
          {text('onBehalf.letter')}
        </label>
        <input
          id="on-behalf-letter"
          value={letter}
          maxLength={MAX_CHECK_NOTE_LENGTH}
          aria-invalid={problem ? true : undefined}
          aria-describedby="on-behalf-letter-hint"
          onChange={(event) => setLetter(event.target.value)}
        />
        <p className="hint" id="on-behalf-letter-hint">
          {text('onBehalf.letterHint')}
        </p>
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {text('onBehalf.submit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {text('cancel')}
        </button>
      </div>
    </form>
  )
}
