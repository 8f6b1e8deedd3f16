import type { ReactNode } from 'react'
import type { Language } from '@/core/i18n/i18n'
import { BarChart, FigureTable } from './DashboardCharts'
import type { DashboardTable } from './dashboard-tables'

/**
 * One section of figures: its heading, an optional chooser (the kecamatan of the village table),
 * the bar chart beside its table, and the table's XLSX export.
 */
export function DashboardPanel({
  table,
  testId,
  language,
  chooser,
  exportLabel,
  canExport,
  onExport,
}: {
  table: DashboardTable
  /** `panel-<testId>`: stable while the table's id follows the chosen kecamatan. */
  testId: string
  language: Language
  chooser?: ReactNode
  exportLabel: string
  canExport: boolean
  onExport: () => void
}) {
  return (
    <section className="dashboard-panel" aria-label={table.title} data-testid={`panel-${testId}`}>
      <div className="dashboard-panel-head">
        <h2>{table.title}</h2>
        {chooser}
        <button type="button" onClick={onExport} disabled={!canExport}>
          {exportLabel}
        </button>
      </div>
      <div className="dashboard-panel-body">
        {table.bars.length > 0 ? <BarChart table={table} language={language} /> : null}
        <FigureTable table={table} language={language} />
      </div>
    </section>
  )
}
