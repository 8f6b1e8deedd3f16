import type { Page } from '@playwright/test'

/** The dashboard tab (`dashboard-tab-<id>`, DashboardScreen.tsx) that shows a table. */
function dashboardTabOf(tableId: string): string {
  if (tableId.startsWith('desa-')) return 'desa'
  if (tableId === 'kecamatan') return tableId
  if (tableId.startsWith('anggaran')) return 'anggaran'
  if (tableId === 'pekerjaan' || tableId === 'jenis-kelamin-umur') return 'peserta'
  return 'ringkasan'
}

/**
 * Opens the dashboard's tab with that id ('ringkasan', 'kecamatan', 'desa', 'peserta',
 * 'anggaran', 'rencana'); the sections sit behind tabs since the dashboard fits one screen.
 */
export async function openDashboardTab(page: Page, tabId: string): Promise<void> {
  const tab = page.locator(`#dashboard-tab-${tabId}`)
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click()
}

/**
 * The text of one row of a dashboard table (`table-<id>`), cells joined by '|', found by its
 * row header, after opening the tab that shows it. When there is not exactly one such row it says
 * so instead, so a polling expectation shows what it saw rather than throwing.
 */
export async function dashboardTableRow(
  page: Page,
  tableId: string,
  firstCell: string,
): Promise<string> {
  await openDashboardTab(page, dashboardTabOf(tableId))
  const row = page
    .getByTestId(`table-${tableId}`)
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: firstCell, exact: true }) })
  const count = await row.count()
  if (count !== 1) return `(${count} rows named ${firstCell})`
  const cells = await row.locator('th, td').allInnerTexts()
  return cells.map((cell) => cell.trim()).join('|')
}
