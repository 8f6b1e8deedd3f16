import type { DashboardFigures } from '@shared/dashboard/aggregate'
import type { DashboardMessageKey } from './dashboard-messages'
import { percentOf } from './dashboard-tables'

type Text = (key: DashboardMessageKey, params?: Record<string, string | number>) => string

/** The four headline figures: what a supervisor reads first, above every tab. */
export function DashboardTiles({
  headline: h,
  isStale,
  t,
  number,
}: {
  headline: DashboardFigures['headline']
  /** The last count is shown while the recount runs. */
  isStale: boolean
  t: Text
  number: (value: number) => string
}) {
  const targetNote =
    h.targetSource === 'plan'
      ? t('headline.targetPlan')
      : h.targetSource === 'config'
        ? t('headline.targetConfig')
        : t('headline.targetNone')
  return (
    <div className="dashboard-tiles" data-testid="dashboard-headline" aria-busy={isStale}>
      <Tile
        id="active"
        label={t('headline.active')}
        value={number(h.coveredTotal)}
        detail={t('headline.activeDetail', {
          baseline: number(h.baseline),
          active: number(h.active),
          total: number(h.coveredTotal),
        })}
      />
      <Tile
        id="new"
        label={t('headline.new')}
        value={number(h.newThisYear)}
        detail={`${t('headline.newDetail', {
          target: number(h.target),
          percent: percentOf(h.newThisYear, h.target),
        })} · ${targetNote}`}
      />
      <Tile
        id="approved"
        label={t('headline.approved')}
        value={number(h.approvedWaitingForBpjs)}
        detail={t('headline.approvedDetail', { sent: number(h.approvedSentInBatch) })}
      />
      <Tile
        id="waiting"
        label={t('headline.waiting')}
        value={number(h.waitingForVerification)}
        detail={t('headline.waitingDetail', {
          returned: number(h.returned),
          drafts: number(h.drafts),
          registered: number(h.registered),
        })}
      />
    </div>
  )
}

function Tile({
  id,
  label,
  value,
  detail,
}: {
  id: string
  label: string
  value: string
  detail: string
}) {
  return (
    <div className="dashboard-tile" data-testid={`tile-${id}`}>
      <span className="dashboard-tile-label">{label}</span>
      <strong className="dashboard-tile-value" data-testid={`tile-${id}-value`}>
        {value}
      </strong>
      <span className="dashboard-tile-detail">{detail}</span>
    </div>
  )
}
