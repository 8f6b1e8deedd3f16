/**
 * Step 3 of a DTSEN import: what changed since the extract last applied on this PC, group by
 * group, with how many of each group are registered here (those get a review note on apply).
 */
import { reviewCounts } from './dtsen-extracts'
import type { ImportWizard } from './use-import-wizard'
import type { ImportMessageKey } from './import-messages'

export function DtsenChanges({ wizard }: { wizard: ImportWizard }) {
  const { t, number, dryRun } = wizard
  const comparison = dryRun?.result.dtsen
  if (!comparison?.diff.ok) return null
  const { diff } = comparison
  const max = dryRun?.ctx.maxDecile ?? 0
  const reviews = reviewCounts(comparison)
  const rows: [ImportMessageKey, Record<string, string>, number, number | null][] = [
    ['dtsen.added', { families: number(diff.newFamilies) }, diff.added.length, null],
    ['dtsen.gone', { families: number(diff.goneFamilies) }, diff.gone.length, reviews.gone],
    ['dtsen.crossedUp', { max: String(max) }, diff.crossedUp.length, reviews.crossedUp],
    ['dtsen.crossedDown', { max: String(max) }, diff.crossedDown.length, reviews.crossedDown],
    ['dtsen.movedWithinSide', {}, diff.movedWithinSide, null],
    ['dtsen.unchanged', {}, diff.unchanged, null],
    ['dtsen.duplicates', {}, diff.duplicates.length, null],
  ]
  return (
    <section aria-labelledby="import-dtsen-title">
      <h3 id="import-dtsen-title">
        {comparison.last
          ? t('dtsen.title', { last: comparison.last.snapshotDate })
          : t('dtsen.titleFirst', { date: diff.next.snapshotDate })}
      </h3>
      <table className="admin-table" aria-labelledby="import-dtsen-title">
        <thead>
          <tr>
            <th scope="col">{t('dtsen.group')}</th>
            <th scope="col">{t('dtsen.people')}</th>
            <th scope="col">{t('dtsen.registered')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, values, people, registered]) => (
            <tr key={key}>
              <th scope="row">{t(key, values)}</th>
              <td>{number(people)}</td>
              <td>{registered === null ? '' : number(registered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('dtsen.neverEnds')}</p>
    </section>
  )
}
