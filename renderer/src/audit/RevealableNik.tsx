import { maskNik } from '@shared/identity/masking'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { isUnreadable } from '@/core/store/sealed-fields-storage'
import type { Language } from '@shared/i18n/language'
import { auditText } from './audit-messages'
import { useNikReveal } from './nik-reveal'

/**
 * A participant's NIK, masked; with a "Tampilkan NIK" button for the people allowed to see it in
 * full (`identity-reveal.ts`). Each press is recorded in the participant's history before the
 * digits show; they show for this participant on this screen only. Others get no button.
 */
export function RevealableNik({
  participant,
  language,
  unreadableText,
}: {
  participant: ParticipantDocument
  language: Language
  /** What to show when the sealed NIK cannot be read on this PC. */
  unreadableText: string
}) {
  const nik = useNikReveal(participant)
  if (isUnreadable(participant.nik)) return <>{unreadableText}</>
  if (!nik.verdict.allowed) return <>{maskNik(participant.nik)}</>
  return (
    <span className="revealable-nik">
      <span data-testid="nik-value">
        {nik.isRevealed ? participant.nik : maskNik(participant.nik)}
      </span>{' '}
      {nik.isRevealed ? (
        <button type="button" onClick={nik.hide}>
          {auditText(language, 'reveal.hide')}
        </button>
      ) : (
        <button
          type="button"

          onClick={() => void nik.reveal()}
          aria-describedby={`reveal-note-${participant.id}`}
        >
          {auditText(language, 'reveal.show')}
        </button>
      )}
      <small id={`reveal-note-${participant.id}`} className="hint">
        {' '}
        {auditText(language, 'reveal.recorded')}
      </small>
      {nik.failed ? (
        <span role="alert" className="field-error">
          {' '}
          {auditText(language, 'reveal.failed')}
        </span>
      ) : null}
    </span>
  )
}
