/**
 * What "Verifikasi kartu" says about a checked QR code: one pure mapping from `CardVerdict`
 * (shared/cards/print-log.ts) to a tone, a title in capitals and plain sentences, so the wording a
 * clerk acts on is tested in one place. No React here.
 */
import type { CardVerdict } from '@shared/cards/print-log'
import { calendarDayAt } from '@shared/dates/clock'
import type { Language } from '@shared/i18n/language'
import { formatCardDate, verifyText } from './verify-messages'

/**
 * `genuine` green, `caution` amber (genuine signature, but do not accept as it stands, or cannot
 * tell yet), `reject` red. The screen pairs each with a symbol and the title's words, so nothing
 * rests on colour alone.
 */
export type VerdictTone = 'genuine' | 'caution' | 'reject'

export interface VerdictDetail {
  label: string
  value: string
}

export interface VerdictText {
  tone: VerdictTone
  /** Shown before the title; decoration only, the title carries the meaning. */
  symbol: '✓' | '!' | '?' | '✗'
  title: string
  lines: string[]
  /** What the card states (empty for a forged or unreadable code). */
  details: VerdictDetail[]
}

/** The participant this PC holds for the card's participant id, if any. */
export interface LocalParticipant {
  id: string
  fullName: string
}

type CheckedClaims = Exclude<CardVerdict, { status: 'forged' }>['claims']

function detailsOf(language: Language, claims: CheckedClaims): VerdictDetail[] {
  const text = verifyText.bind(null, language)
  const date = (iso: string) => formatCardDate(language, iso)
  return [
    { label: text('holderInitials'), value: claims.initials },
    { label: text('participantNumber'), value: claims.participantNumber },
    { label: text('kind'), value: text(claims.kind === 'card' ? 'kind.card' : 'kind.sticker') },
    { label: text('serial'), value: claims.serial },
    { label: text('office'), value: claims.officeCode },
    {
      label: text('validity'),
      value: text('validityRange', {
        from: date(claims.validFrom),
        until: date(claims.validUntil),
      }),
    },
    { label: text('printedOn'), value: date(claims.printedOn) },
  ]
}

/** The print log keeps ISO times; the clerk reads the district's calendar day. */
function localDayOfIso(iso: string, utcOffsetMinutes: number): string {
  const moment = new Date(iso)
  return Number.isNaN(moment.getTime()) ? iso.slice(0, 10) : calendarDayAt(moment, utcOffsetMinutes)
}

export function verdictText(
  verdict: CardVerdict,
  context: {
    language: Language
    participant: LocalParticipant | null
    /** The district's offset from UTC (WITA: 480): print-log times are shown on its calendar. */
    utcOffsetMinutes: number
  },
): VerdictText {
  const { language, participant, utcOffsetMinutes } = context
  const text = verifyText.bind(null, language)
  const date = (iso: string) => formatCardDate(language, iso)

  switch (verdict.status) {
    case 'forged':
      if (verdict.reason === 'UNKNOWN_DISTRICT_KEY') {
        // Not "forged": a genuine card from another district, or a PC that has no key yet, looks
        // the same. Telling a clerk "PALSU" here would turn away a real participant.
        return {
          tone: 'caution',
          symbol: '?',
          title: text('title.unknownKey'),
          lines: [text('failure.UNKNOWN_DISTRICT_KEY'), text('unknownKeyAdvice')],
          details: [],
        }
      }
      return {
        tone: 'reject',
        symbol: '✗',
        title: text('title.forged'),
        lines: [text(`failure.${verdict.reason}`), text('forgedAdvice')],
        details: [],
      }
    case 'revoked':
      return {
        tone: 'reject',
        symbol: '✗',
        title: text('title.revoked'),
        lines: [
          text('replacedBy', {
            serial: verdict.replacedBy.serial,
            date: date(localDayOfIso(verdict.replacedBy.printedAt, utcOffsetMinutes)),
          }),
        ],
        details: detailsOf(language, verdict.claims),
      }
    case 'revoked-signer': {
      const revokedOn = date(localDayOfIso(verdict.revokedAt, utcOffsetMinutes))
      return verdict.printedBeforeRevocation
        ? {
            tone: 'caution',
            symbol: '!',
            title: text('title.revokedSignerEarlier'),
            lines: [text('revokedSignerEarlierAdvice', { date: revokedOn })],
            details: detailsOf(language, verdict.claims),
          }
        : {
            tone: 'reject',
            symbol: '✗',
            title: text('title.revokedSigner'),
            lines: [text('revokedSignerAdvice', { date: revokedOn })],
            details: detailsOf(language, verdict.claims),
          }
    }
    case 'expired':
      return {
        tone: 'caution',
        symbol: '!',
        title: text('title.expired', { date: date(verdict.claims.validUntil) }),
        lines: [text('expiredAdvice')],
        details: detailsOf(language, verdict.claims),
      }
    case 'deceased':
      return {
        tone: 'reject',
        symbol: '✗',
        title: text('title.deceased'),
        lines: [text('deceasedAdvice', { date: date(verdict.dateOfDeath) })],
        details: detailsOf(language, verdict.claims),
      }
    case 'not-covered':
      return {
        tone: 'caution',
        symbol: '!',
        title: text('title.notCovered'),
        lines: [text('notCoveredAdvice', { status: text(`status.${verdict.participantStatus}`) })],
        details: detailsOf(language, verdict.claims),
      }
    case 'not-yet-valid':
      return {
        tone: 'caution',
        symbol: '!',
        title: text('title.notYetValid', { date: date(verdict.claims.validFrom) }),
        lines: [text('notYetValidAdvice')],
        details: detailsOf(language, verdict.claims),
      }
    case 'valid': {
      const revocation =
        verdict.revocation === 'checked'
          ? text('revocation.checked')
          : participant
            ? text('revocation.notYetSynced')
            : text('revocation.notLocal')
      return {
        tone: 'genuine',
        symbol: '✓',
        title: text('title.valid'),
        lines: [revocation, text('compareInitials', { initials: verdict.claims.initials })],
        details: detailsOf(language, verdict.claims),
      }
    }
  }
}
