import { useState, type FormEvent } from 'react'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { useI18n } from '@/core/i18n/i18n'
import { agencyShortLabel, rejectionReasonLabel } from '@/participants/participant-labels'
import { queueText } from './queue-messages'
import { MAX_REVIEW_NOTE_LENGTH, returnNotePrefill, returnNoteProblem } from './queue-model'

/**
 * Returning records to the clerk: one required note per record, prefilled with the reasons its
 * agencies gave. Opens with the first note focused; Ctrl+Enter returns, Esc cancels.
 */
export function ReturnForm({
  records,
  busy,
  onSubmit,
  onCancel,
}: {
  records: readonly ParticipantDocument[]
  busy: boolean
  onSubmit(notes: { id: string; note: string }[]): void
  onCancel(): void
}) {
  const { language } = useI18n()
  const [notes, setNotes] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      records.map((record) => [
        record.id,
        returnNotePrefill(record, {
          agency: (code) => agencyShortLabel(code, language),
          reason: (code) => rejectionReasonLabel(code, language),
        }),
      ]),
    ),
  )
  const [problems, setProblems] = useState<Record<string, string>>({})

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found: Record<string, string> = {}
    for (const record of records) {
      const problem = returnNoteProblem(notes[record.id] ?? '')
      if (problem) {
        found[record.id] = queueText(language, `returnProblem.${problem}`, {
          name: record.fullName,
          max: MAX_REVIEW_NOTE_LENGTH,
        })
      }
    }
    setProblems(found)
    if (Object.keys(found).length === 0) {
      onSubmit(records.map((record) => ({ id: record.id, note: (notes[record.id] ?? '').trim() })))
    }
  }

  return (
    <form
      className="queue-form return-form"
      aria-labelledby="return-title"
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
      <h3 id="return-title">{queueText(language, 'return.title', { count: records.length })}</h3>
      <p className="hint">{queueText(language, 'return.hint')}</p>
      {records.map((record, index) => {
        const id = `return-note-${record.id}`
        const problem = problems[record.id]
        return (
          <div className="field" key={record.id}>
            <label htmlFor={id} className="required">
              {queueText(language, 'return.note', { name: record.fullName })}
            </label>
            <textarea
              id={id}
              rows={3}
              maxLength={MAX_REVIEW_NOTE_LENGTH}
              autoFocus={index === 0}
              value={notes[record.id] ?? ''}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(event) => setNotes({ ...notes, [record.id]: event.target.value })}
            />
            {problem ? (
              <p className="field-error" role="alert" id={`${id}-problem`}>
                {problem}
              </p>
            ) : null}
          </div>
        )
      })}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {queueText(language, 'return.submit', { count: records.length })}
        </button>
        <button type="button" onClick={onCancel}>
          {queueText(language, 'cancel')}
        </button>
      </div>
    </form>
  )
}
