import { useState, type FormEvent } from 'react'
import { district } from '@/core/district'
import { useI18n } from '@/core/i18n/i18n'
import { queueText } from './queue-messages'
import {
  MAX_CHECK_NOTE_LENGTH,
  OTHER_REASON_CODE,
  rejectionProblem,
  type RejectionProblem,
} from './queue-model'

/**
 * Rejecting a check: a reason from the configured list (district.json `rejectionReasons`) and a
 * note, required for "Lainnya". Opens with the reason box focused; Esc cancels.
 */
export function RejectForm({
  names,
  busy,
  onSubmit,
  onCancel,
}: {
  names: readonly string[]
  busy: boolean
  onSubmit(decision: { reasonCode: string; note: string }): void
  onCancel(): void
}) {
  const { language } = useI18n()
  const [reasonCode, setReasonCode] = useState('')
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<RejectionProblem | null>(null)
  const reasons = district.config.verification.rejectionReasons

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found = rejectionProblem(reasonCode, note)
    setProblem(found)
    if (!found) onSubmit({ reasonCode, note: note.trim() })
  }

  return (
    <form
      className="queue-form reject-form"
      aria-labelledby="reject-title"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          onCancel()
        } else if (event.key === 'Enter' && event.ctrlKey) {
          event.preventDefault()
          event.currentTarget.requestSubmit()
        }
      }}
    >
      <h3 id="reject-title">{queueText(language, 'reject.title', { count: names.length })}</h3>
      <p className="hint">{queueText(language, 'reject.names', { names: names.join(', ') })}</p>
      <div className="field">
        <label htmlFor="reject-reason" className="required">
          {queueText(language, 'reject.reason')}
        </label>
        <select
          id="reject-reason"
          autoFocus
          value={reasonCode}
          aria-invalid={problem === 'REASON_REQUIRED' ? true : undefined}
          aria-describedby={problem === 'REASON_REQUIRED' ? 'reject-problem' : undefined}
          onChange={(event) => setReasonCode(event.target.value)}
        >
          <option value="">{queueText(language, 'reject.chooseReason')}</option>
          {reasons.map((reason) => (
            <option key={reason.code} value={reason.code}>
              {language === 'en' ? reason.labelEn : reason.labelId}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label
          htmlFor="reject-note"
          className={reasonCode === OTHER_REASON_CODE ? 'required' : undefined}
        >
          {queueText(language, 'reject.note')}
        </label>
        <textarea
          id="reject-note"
          rows={3}
          maxLength={MAX_CHECK_NOTE_LENGTH}
          value={note}
          aria-invalid={
            problem === 'NOTE_REQUIRED' || problem === 'NOTE_TOO_LONG' ? true : undefined
          }
          aria-describedby="reject-note-hint"
          onChange={(event) => setNote(event.target.value)}
        />
        <p className="hint" id="reject-note-hint">
          {queueText(language, 'reject.noteHint')}
        </p>
      </div>
      {problem ? (
        <p className="field-error" role="alert" id="reject-problem">
          {queueText(language, `rejectProblem.${problem}`, { max: MAX_CHECK_NOTE_LENGTH })}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {queueText(language, 'reject.submit', { count: names.length })}
        </button>
        <button type="button" onClick={onCancel}>
          {queueText(language, 'cancel')}
        </button>
      </div>
    </form>
  )
}
