/**
 * Writes the year's decree list or a kecamatan's berita acara (decree-report.ts) and hands it to
 * the platform's save dialog: PDFs with the fonts the other reports embed, XLSX with typed cells.
 */
import type { Language } from '@shared/i18n/language'
import { toXlsx } from '@shared/spreadsheet/xlsx-writer'
import { district, localToday } from '@/core/district'
import { getPlatform } from '@/core/platform'
import { reportFonts } from '@/dashboard/dashboard-report'
import {
  beritaAcaraSheet,
  decreeListSheet,
  renderBeritaAcaraPdf,
  renderDecreeListPdf,
  type DecreeReportInput,
} from './decree-report'
import type { YearReview } from './reverification-records'

export type DecreeFileKind = 'decree' | 'berita-acara'

export type DecreeFileOutcome =
  { saved: true; name: string } | { saved: false; reason: 'CANCELLED' | 'WRITE_FAILED' }

const PDF = 'application/pdf'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export async function saveDecreeFile(options: {
  review: YearReview
  kind: DecreeFileKind
  format: 'pdf' | 'xlsx'
  language: Language
  /** The berita acara's kecamatan. */
  kecamatanCode?: string
}): Promise<DecreeFileOutcome> {
  const { review } = options
  if (!review.decree.ok) return { saved: false, reason: 'WRITE_FAILED' }
  const input: DecreeReportInput = {
    decree: review.decree.decree,
    language: options.language,
    regionName: district.config.region.name,
    today: localToday(),
    kecamatanNameOf: (code) =>
      code === ''
        ? district.config.region.name
        : (district.regions.kecamatanByCode(code)?.name ?? code),
    villageNameOf: (code) => district.regions.villageByCode(code)?.name ?? code,
    payerNameOf: (code) =>
      (code === undefined ? district.defaultPayer : district.payerByCode(code))?.name ?? code ?? '',
    personOf: (id) => {
      const record = review.records.get(id)
      return record
        ? {
            fullName: record.fullName,
            registrationNumber: record.registrationNumber,
            villageCode: record.villageCode,
          }
        : undefined
    },
  }
  const kecamatan = options.kecamatanCode ?? ''
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const name =
    options.kind === 'decree'
      ? `lampiran-sk-peserta-${review.year}.${options.format}`
      : `berita-acara-verifikasi-ulang-${review.year}-${slug(input.kecamatanNameOf(kecamatan))}.${options.format}`
  try {
    let data: Uint8Array
    if (options.kind === 'decree') {
      data =
        options.format === 'pdf'
          ? await renderDecreeListPdf(input, await reportFonts())
          : toXlsx(decreeListSheet(input))
    } else {
      data =
        options.format === 'pdf'
          ? await renderBeritaAcaraPdf(input, kecamatan, await reportFonts())
          : toXlsx(beritaAcaraSheet(input, kecamatan))
    }
    const result = await getPlatform().saveFile({
      suggestedName: name,
      mimeType: options.format === 'pdf' ? PDF : XLSX,
      data,
    })
    return result.saved ? { saved: true, name } : result
  } catch (error) {
    console.error('Decree file failed:', error instanceof Error ? error.name : 'unknown')
    return { saved: false, reason: 'WRITE_FAILED' }
  }
}
