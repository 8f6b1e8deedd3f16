import type { Page } from '@playwright/test'

/**
 * The text of one row of a dashboard table (`table-<id>`), cells joined by '|', found by its
 * row header. When there is not exactly one such row it says so instead, so a polling
 * expectation shows what it saw rather than throwing.
 */
export async function dashboardTableRow(
  page: Page,
  tableId: string,
  firstCell: string,
): Promise<string> {
  const row = page
    .getByTestId(`table-${tableId}`)
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: firstCell, exact: true }) })
  const count = await row.count()
  if (count !== 1) return `(${count} rows named ${firstCell})`
  const cells = await row.locator('th, td').allInnerTexts()
  return cells.map((cell) => cell.trim()).join('|')
}
