/**
 * What a membership card or house sticker may claim: the coverage of one budget year, and only
 * for people the regency pays for. Pure, so the print screen, the batch preparation and tests
 * share one rule.
 */
import type { CoveragePeriod, ParticipantStatus } from '../participant/participant-status'

/**
 * Statuses whose holder the regency pays BPJS for (enrolled: from the coverage start BPJS gave,
 * which may still be ahead). Only they get a membership card or a house sticker: a card claims
 * protection, and a draft, an approved candidate or an ended member has none.
 */
export const CARD_STATUSES: readonly ParticipantStatus[] = ['enrolled', 'active']

/** The coverage a card states: the budget year it is printed for (APBD pays per calendar year). */
export function coverageOfYear(year: number): { from: string; until: string } {
  return { from: `${year}-01-01`, until: `${year}-12-31` }
}

/**
 * The coverage one person's card states for budget year `year`: their own period of that year —
 * from BPJS's start, to the last covered day when coverage was ended early — so a card never
 * claims more than the regency pays for, and the offline check calls it expired once coverage
 * ended. Null when the person is not covered that year (a draft, a candidate BPJS has not
 * enrolled, an ended member, or no period recorded for the year): no card is printed then.
 */
export function cardCoverageFor(
  doc: { status: ParticipantStatus; coverage?: readonly CoveragePeriod[] },
  year: number,
): { from: string; until: string } | null {
  if (!CARD_STATUSES.includes(doc.status)) return null
  const whole = coverageOfYear(year)
  const period = (doc.coverage ?? []).find((entry) => entry.year === year)
  if (!period) return null
  const from = period.from > whole.from && period.from <= whole.until ? period.from : whole.from
  const until =
    period.until !== undefined && period.until >= from && period.until < whole.until
      ? period.until
      : whole.until
  return { from, until }
}
