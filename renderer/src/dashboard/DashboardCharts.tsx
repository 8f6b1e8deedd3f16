import { formatNumber, type Language } from '@/core/i18n/i18n'
import { DataTable, type Column } from '@/ui/DataTable'
import { displayCell, tableToSheet, type Cell, type DashboardTable } from './dashboard-tables'
import { toXlsx } from '@shared/spreadsheet/xlsx-writer'
import { getPlatform } from '@/core/platform'

const BAR_HEIGHT = 18
const BAR_GAP = 6
const LABEL_WIDTH = 150
const CHART_WIDTH = 420

/**
 * Horizontal bars in plain SVG. The numbers are in the table beside it, so the chart is one image
 * with a summary for screen readers rather than a second table to read out.
 */
export function BarChart({ table, language }: { table: DashboardTable; language: Language }) {
  const max = Math.max(1, ...table.bars.map((bar) => Math.max(bar.value, bar.target ?? 0)))
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 60
  const height = table.bars.length * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
  const summary = table.bars
    .map((bar) => `${bar.label}: ${formatNumber(language, bar.value)}`)
    .join('; ')
  return (
    <svg
      className="dashboard-chart"
      role="img"
      aria-label={`${table.title}. ${summary}`}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width={CHART_WIDTH}
      height={height}
    >
      {table.bars.map((bar, index) => {
        const y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        const width = (bar.value / max) * barSpace
        return (
          <g key={`${bar.label}-${index}`}>
            <text x={LABEL_WIDTH - 6} y={y + BAR_HEIGHT - 5} textAnchor="end" className="label">
              {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={width} height={BAR_HEIGHT} className="bar" />
            {bar.target ? (
              <line
                x1={LABEL_WIDTH + (bar.target / max) * barSpace}
                x2={LABEL_WIDTH + (bar.target / max) * barSpace}
                y1={y - 2}
                y2={y + BAR_HEIGHT + 2}
                className="target"
              />
            ) : null}
            <text x={LABEL_WIDTH + width + 4} y={y + BAR_HEIGHT - 5} className="value">
              {formatNumber(language, bar.value)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

export async function exportTableXlsx(table: DashboardTable, year: number): Promise<boolean> {
  const data = toXlsx(tableToSheet(table))
  const result = await getPlatform().saveFile({
    suggestedName: `dasbor-${table.id}-${year}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data,
  })
  return result.saved || result.reason !== 'WRITE_FAILED'
}

/** One row of a figures table: its place keeps rows with the same label apart. */
interface FigureRow {
  index: number
  cells: Cell[]
}

/**
 * The figures with their column and row headers: what a screen reader reads instead of the chart.
 * Its rows take ↑/↓ (one Tab stop), so a keyboard reads the table row by row.
 */
export function FigureTable({ table, language }: { table: DashboardTable; language: Language }) {
  const columns: Column<FigureRow>[] = table.columns.map((header, column) => {
    const kind = table.columnKinds[column] ?? 'text'
    return {
      key: String(column),
      header,
      // The first cell names the row: the area, the band, the week, the budget line.
      isRowHeader: column === 0,
      isNumeric: column > 0 && kind !== 'text',
      cell: (row) => {
        const cell = row.cells[column]
        if (cell === undefined) return ''
        return column === 0 ? displayCell(language, cell) : displayCell(language, cell, kind)
      },
    }
  })
  return (
    <DataTable
      caption={table.title}
      isCaptionHidden
      testId={`table-${table.id}`}
      className="dashboard-table"
      columns={columns}
      rows={table.rows.map((cells, index) => ({ index, cells }))}
      rowKey={(row) => String(row.index)}
      keyboardRows
    />
  )
}
