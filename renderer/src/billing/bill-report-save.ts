/**
 * Writes the reconciliation report (bill-report.ts) and hands it to the platform's save dialog:
 * the PDF with the fonts the dashboard's report embeds, the XLSX with typed cells.
 */
import type { BillReconciliation, BillResolution, StoredBill } from '@shared/coverage/bills'
import type { Language } from '@shared/i18n/language'
import { toXlsx } from '@shared/spreadsheet/xlsx-writer'
import { district, districtDayOfIso, localToday } from '@/core/district'
import { getPlatform } from '@/core/platform'
import { reportFonts } from '@/dashboard/dashboard-report'
import { billReportSheet, renderBillReportPdf, type BillReportInput } from './bill-report'

export type ReportOutcome =
  { saved: true; name: string } | { saved: false; reason: 'CANCELLED' | 'WRITE_FAILED' }

export async function saveBillReport(options: {
  bill: StoredBill
  reconciliation: BillReconciliation
  resolutions: ReadonlyMap<string, Pick<BillResolution, 'note' | 'resolvedBy' | 'resolvedAt'>>
  language: Language
  format: 'pdf' | 'xlsx'
  payerName: string
}): Promise<ReportOutcome> {
  const payer = district.payerByCode(options.bill.payerCode)
  const input: BillReportInput = {
    ...options,
    ...(payer?.bpjsGroup ? { group: payer.bpjsGroup } : {}),
    regionName: district.config.region.name,
    today: localToday(),
    dayOf: districtDayOfIso,
    payerNameOf: (code) => district.payerByCode(code)?.name ?? code,
  }
  const name = `rekonsiliasi-${options.bill.payerCode}-${options.bill.month}.${options.format}`
  try {
    const data =
      options.format === 'pdf'
        ? await renderBillReportPdf(input, await reportFonts())
        : toXlsx(billReportSheet(input))
    const result = await getPlatform().saveFile({
      suggestedName: name,
      mimeType:
        options.format === 'pdf'
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data,
    })
    return result.saved ? { saved: true, name } : result
  } catch {
    return { saved: false, reason: 'WRITE_FAILED' }
  }
}
