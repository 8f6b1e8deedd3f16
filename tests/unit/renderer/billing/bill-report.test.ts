/**
 * The bill reconciliation report (renderer/src/billing/bill-report.ts), read back by programs no
 * one here wrote: the XLSX by LibreOffice (rupiah and dates as real values, NIK and KPJ as text),
 * the PDF by poppler's pdftotext (what a reader sees). A realistic October 2026 bill of the
 * regency's payer is read and reconciled with the real `readBillSheet` / `reconcileBill`, with a
 * difference of each common kind and two of them resolved. No full NIK may reach either file.
 *
 * CI installs LibreOffice and poppler (.ci/run) and these tests fail there without them;
 * elsewhere a missing tool skips its tests with the reason printed.
 */
import { accessSync, constants } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  readBillSheet,
  reconcileBill,
  type BillDifferenceKind,
  type BillMapping,
  type BillMember,
  type BillResolution,
  type BillSheet,
  type ReconciledParticipant,
  type StoredBill,
} from '@shared/coverage/bills'
import { openEndedTariff } from '@shared/coverage/tariffs'
import { maskNik } from '@shared/identity/masking'
import type { Language } from '@shared/i18n/language'
import type { CoveragePeriod } from '@shared/participant/participant-status'
import { toXlsx } from '@shared/spreadsheet/xlsx-writer'
import { billReportSheet, renderBillReportPdf, type BillReportInput } from '@/billing/bill-report'
import {
  convertToFlatOds,
  findSoffice,
  parseFlatOds,
  type OdsCell,
  type OdsSheet,
} from '../../../support/libreoffice'
import { pdfFileOf, pdfPages, pdfText } from '../../../support/pdf-tools'

/** An executable of this name on PATH, or null. */
function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return null
}

const soffice = findSoffice()
const pdftotext = findOnPath('pdftotext')
const isCi = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase())
if (!soffice && !isCi) {
  console.warn(
    'bill-report: XLSX tests skipped, soffice is not on PATH ' +
      '(apt-get install --no-install-recommends libreoffice-calc-nogui); in CI this fails instead',
  )
}
if (!pdftotext && !isCi) {
  console.warn(
    'bill-report: PDF tests skipped, pdftotext is not on PATH ' +
      '(apt-get install --no-install-recommends poppler-utils); in CI this fails instead',
  )
}

// --- The district, its people and October's bill ------------------------------------------------

const KAB = 'apbd-kab'
const PROV = 'apbd-prov'
const RATE = 16_800
const PAYER_NAMES: Record<string, string> = {
  [KAB]: 'APBD Kabupaten Kutai Kartanegara',
  [PROV]: 'APBD Provinsi Kalimantan Timur',
}
const TARIFFS = [openEndedTariff({ jkk: 10_000, jkm: 6_800 }, 'PP 44/2015 jo. PP 82/2019')]

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
/** 16 digits, unique per n. */
const nikOf = (n: number) => `6402061505${String(n).padStart(5, '0')}1`
/** KPJ numbers start with zeros: a careless writer would make them numbers and lose them. */
const kpjOf = (n: number) => `0001234${String(n).padStart(4, '0')}`

const kab = (from: string, more: Partial<CoveragePeriod> = {}): CoveragePeriod => ({
  year: Number(from.slice(0, 4)),
  from,
  batchId: `B-${KAB}-${from.slice(0, 7)}`,
  payerCode: KAB,
  ...more,
})

interface Person extends ReconciledParticipant {
  nik: string
  kpjNumber: string
}

const person = (n: number, fullName: string, coverage: CoveragePeriod[]): Person => ({
  id: uuid(n),
  nik: nikOf(n),
  fullName,
  maskedNik: maskNik(nikOf(n)),
  kpjNumber: kpjOf(n),
  coverage,
})

const SITI = person(1, 'Siti Aminah', [kab('2026-01-01')])
const BUDI = person(2, 'Budi Santoso', [kab('2026-01-01')])
/** Billed at twice the rate. */
const RAHMAT = person(3, 'Rahmat Hidayat', [kab('2026-02-01')])
/** Died in August: still on October's bill. */
const YOHANES = person(4, 'Yohanes Lado', [
  kab('2026-01-01', { until: '2026-08-15', endReason: 'meninggal' }),
])
/** The province pays for her this year: the regency's bill should not hold her. */
const DEWI = person(5, 'Dewi Lestari', [
  { year: 2026, from: '2026-01-01', batchId: 'B-prov-2026', payerCode: PROV },
])
/** The regency's since March, left off the bill. */
const ANDI = person(6, 'Andi Saputra', [kab('2026-03-01')])
const PEOPLE = [SITI, BUDI, RAHMAT, YOHANES, DEWI, ANDI]
/** On the bill, in no record. */
const STRANGER = { nik: '6402069999990001', kpj: '00099999999', name: 'Orang Lain' }
const ALL_NIKS = [...PEOPLE.map((p) => p.nik), STRANGER.nik]

const HEADER = ['No', 'NIK', 'No KPJ', 'Nama Peserta', 'Iuran (Rp)']
const MAPPING: BillMapping = { nik: 1, kpj: 2, name: 3, amount: 4 }
const SHEET: BillSheet = {
  header: HEADER,
  rows: [
    [SITI.nik, SITI.kpjNumber, 'SITI AMINAH', '16.800'],
    [STRANGER.nik, STRANGER.kpj, 'ORANG LAIN', 'Rp 16.800,00'],
    [RAHMAT.nik, RAHMAT.kpjNumber, 'RAHMAT HIDAYAT', '33.600'],
    [YOHANES.nik, YOHANES.kpjNumber, 'YOHANES LADO', '16800'],
    [BUDI.nik, BUDI.kpjNumber, 'BUDI SANTOSO', 'Rp 16.800,-'],
    [DEWI.nik, DEWI.kpjNumber, 'DEWI LESTARI', '16.800'],
  ].map((cells, index) => ({ rowNumber: index + 2, cells: [String(index + 1), ...cells] })),
}
const MEMBERS: BillMember[] = PEOPLE.map(({ id, nik, kpjNumber }) => ({ id, nik, kpjNumber }))
const PARTICIPANTS: ReconciledParticipant[] = PEOPLE.map(
  ({ nik: _nik, ...participant }) => participant,
)

const read = readBillSheet(SHEET, MAPPING, MEMBERS)
if (!read.ok) throw new Error(`the bill was refused: ${JSON.stringify(read.problems)}`)
const BILL: StoredBill = {
  id: 'T20261110-1a2b3c4d',
  payerCode: KAB,
  month: '2026-10',
  fileName: 'tagihan-oktober-2026.xlsx',
  importedAt: '2026-11-10T02:00:00.000Z',
  importedBy: 'Supervisor Dinas',
  lines: read.lines,
}
const RECONCILIATION = reconcileBill({
  bill: BILL,
  participants: PARTICIPANTS,
  tariffs: TARIFFS,
  payerKind: 'apbd-kabupaten',
  defaultPayerCode: KAB,
})

const NOTE_STRANGER = 'Dilaporkan ke BPJS untuk dihapus dari wadah, surat nomor 560/214/DTK'
const NOTE_DECEASED = 'Akta kematian diserahkan ke BPJS, iuran Oktober tidak dibayar'
/** The resolutions, resolved in the evening UTC: the next day in the district (UTC+8). */
const RESOLUTIONS = new Map<string, Pick<BillResolution, 'note' | 'resolvedBy' | 'resolvedAt'>>([
  [
    'not-ours:r3',
    { note: NOTE_STRANGER, resolvedBy: 'Supervisor Dinas', resolvedAt: '2026-11-04T17:30:00.000Z' },
  ],
  [
    `deceased:${YOHANES.id}`,
    { note: NOTE_DECEASED, resolvedBy: 'Rina Operator', resolvedAt: '2026-11-06T01:00:00.000Z' },
  ],
])

const inputIn = (language: Language): BillReportInput => ({
  bill: BILL,
  reconciliation: RECONCILIATION,
  resolutions: RESOLUTIONS,
  language,
  payerName: PAYER_NAMES[KAB]!,
  group: { name: 'SG - Pekerja Rentan Pemkab Kutai Kartanegara', kodeIuran: 'KI-6402.001' },
  regionName: 'Kabupaten Kutai Kartanegara',
  today: '2026-11-24',
  // WITA, UTC+8 all year.
  dayOf: (iso) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10),
  payerNameOf: (code) => PAYER_NAMES[code] ?? code,
})

const KIND_LABELS_ID: Partial<Record<BillDifferenceKind, string>> = {
  'not-ours': 'Ditagih, bukan peserta kita',
  deceased: 'Ditagih, peserta meninggal',
  'other-payer': 'Ditagih, dibayar sumber dana lain',
  amount: 'Jumlah berbeda',
  'not-billed': 'Peserta kita, tidak ditagih',
}

const SIXTEEN_DIGITS = /\d{16}/

describe('the October 2026 bill, reconciled', () => {
  it('has the differences the report is about', () => {
    expect(RECONCILIATION.rate?.total).toBe(RATE)
    expect(RECONCILIATION.agreedLines).toBe(2)
    expect(
      RECONCILIATION.differences.map((entry) => [
        entry.kind,
        entry.name,
        entry.billed,
        entry.expected,
      ]),
    ).toEqual([
      ['not-ours', 'ORANG LAIN', RATE, 0],
      ['amount', RAHMAT.fullName, 2 * RATE, RATE],
      ['deceased', YOHANES.fullName, RATE, 0],
      ['other-payer', DEWI.fullName, RATE, 0],
      ['not-billed', ANDI.fullName, 0, RATE],
    ])
    for (const key of RESOLUTIONS.keys()) {
      expect(RECONCILIATION.differences.map((entry) => entry.key)).toContain(key)
    }
  })
})

// --- XLSX ---------------------------------------------------------------------------------------

const isRupiah = (cell: OdsCell | undefined) =>
  cell !== undefined && ['float', 'currency'].includes(cell.type) && cell.format.includes('text:Rp')

const HEADERS_ID = [
  'Jenis selisih',
  'Baris',
  'Nama',
  'NIK',
  'No. KPJ',
  'Ditagih',
  'Seharusnya',
  'Selisih',
  'Keterangan',
  'Penyelesaian',
  'Diselesaikan oleh',
  'Tanggal penyelesaian',
]

describe.skipIf(!soffice && !isCi)('the report as XLSX, read back by LibreOffice', () => {
  let fods: Record<'id' | 'en', string>
  let sheet: OdsSheet
  let english: OdsSheet

  beforeAll(async () => {
    if (!soffice) {
      throw new Error(
        'soffice is not on PATH: CI must install libreoffice-calc-nogui (see .ci/run)',
      )
    }
    const converted = await convertToFlatOds(soffice, {
      id: toXlsx(billReportSheet(inputIn('id'))),
      en: toXlsx(billReportSheet(inputIn('en'))),
    })
    fods = { id: converted.id!, en: converted.en! }
    sheet = parseFlatOds(fods.id)
    english = parseFlatOds(fods.en)
  }, 180_000)

  const column = (heading: string) => HEADERS_ID.indexOf(heading)
  const rowOf = (kind: BillDifferenceKind): OdsCell[] => {
    const row = sheet.rows.find((cells) => cells[0]?.value === KIND_LABELS_ID[kind])
    if (!row) throw new Error(`no row for ${kind}`)
    return row
  }
  const cell = (kind: BillDifferenceKind, heading: string): OdsCell => {
    const found = rowOf(kind)[column(heading)]
    return found ?? { type: '', value: '', shown: '', bold: false, format: [], formatKind: '' }
  }

  it('has the bold header row, then one row per difference', () => {
    expect(sheet.name).toBe('Rekonsiliasi 2026-10')
    const [header, ...rows] = sheet.rows
    expect(header!.map((c) => [c.type, c.value, c.bold])).toEqual(
      HEADERS_ID.map((heading) => ['string', heading, true]),
    )
    expect(rows.map((row) => row[0]!.value)).toEqual([
      KIND_LABELS_ID['not-ours'],
      KIND_LABELS_ID.amount,
      KIND_LABELS_ID.deceased,
      KIND_LABELS_ID['other-payer'],
      KIND_LABELS_ID['not-billed'],
    ])
    expect(english.rows[0]!.map((c) => c.value)).toContain('Difference')
    expect(english.rows[1]![0]!.value).toBe('Billed, not our participant')
  })

  it('gives Ditagih, Seharusnya and Selisih as rupiah numbers a SUM adds up', () => {
    const figures = (kind: BillDifferenceKind) =>
      ['Ditagih', 'Seharusnya', 'Selisih'].map((heading) => cell(kind, heading))
    const expected: [BillDifferenceKind, number[]][] = [
      ['not-ours', [RATE, 0, RATE]],
      ['amount', [2 * RATE, RATE, RATE]],
      ['deceased', [RATE, 0, RATE]],
      ['other-payer', [RATE, 0, RATE]],
      ['not-billed', [0, RATE, -RATE]],
    ]
    for (const [kind, values] of expected) {
      const cells = figures(kind)
      expect(cells.every(isRupiah), kind).toBe(true)
      expect(
        cells.map((c) => Number(c.value)),
        kind,
      ).toEqual(values)
    }
    // The bill's row is a number too; a person the bill left off has none.
    expect(cell('amount', 'Baris')).toMatchObject({ type: 'float', value: '4' })
    expect(cell('not-billed', 'Baris').type).toBe('')
  })

  it('gives the resolution date as a date, in the district, and the note beside it', () => {
    expect(cell('not-ours', 'Tanggal penyelesaian')).toMatchObject({
      type: 'date',
      value: '2026-11-05',
      formatKind: 'date',
    })
    expect(cell('deceased', 'Tanggal penyelesaian')).toMatchObject({
      type: 'date',
      value: '2026-11-06',
    })
    expect(cell('amount', 'Tanggal penyelesaian').type).toBe('')
    expect(cell('not-ours', 'Penyelesaian')).toMatchObject({
      type: 'string',
      value: NOTE_STRANGER,
    })
    expect(cell('deceased', 'Penyelesaian').value).toBe(NOTE_DECEASED)
    expect(cell('deceased', 'Diselesaikan oleh').value).toBe('Rina Operator')
    expect(cell('deceased', 'Keterangan').value).toBe('Berakhir 15 Agustus 2026')
    expect(cell('other-payer', 'Keterangan').value).toBe(`Dibayar oleh ${PAYER_NAMES[PROV]}`)
  })

  it('keeps the masked NIK and the KPJ as text, every digit and leading zero', () => {
    expect(cell('not-ours', 'NIK')).toMatchObject({
      type: 'string',
      value: '640206******0001',
      formatKind: 'text',
    })
    expect(cell('amount', 'NIK')).toMatchObject({ type: 'string', value: RAHMAT.maskedNik })
    expect(cell('not-ours', 'No. KPJ')).toMatchObject({ type: 'string', value: '00099999999' })
    expect(cell('amount', 'No. KPJ')).toMatchObject({ type: 'string', value: '00012340003' })
    expect(cell('not-billed', 'No. KPJ')).toMatchObject({
      type: 'string',
      value: ANDI.kpjNumber,
    })
  })

  it('holds no full NIK anywhere', () => {
    for (const row of [...sheet.rows, ...english.rows]) {
      for (const c of row) {
        expect(c.value).not.toMatch(SIXTEEN_DIGITS)
        expect(c.shown).not.toMatch(SIXTEEN_DIGITS)
      }
    }
    for (const nik of ALL_NIKS) {
      expect(fods.id).not.toContain(nik)
      expect(fods.en).not.toContain(nik)
    }
  })
})

/**
 * A bill that left 69 of the regency's people off and billed one at the largest amount a line
 * may hold: the list of differences runs over several pages.
 */
function longBill(): BillReportInput {
  const people = Array.from({ length: 70 }, (_, index) =>
    person(101 + index, `Peserta Nomor ${101 + index}`, [kab('2026-01-01')]),
  )
  const [first] = people
  const lines = readBillSheet(
    {
      header: HEADER,
      rows: [
        { rowNumber: 2, cells: ['1', first!.nik, first!.kpjNumber, 'PESERTA', '100.000.000'] },
      ],
    },
    MAPPING,
    people.map(({ id, nik, kpjNumber }) => ({ id, nik, kpjNumber })),
  )
  if (!lines.ok) throw new Error(`the bill was refused: ${JSON.stringify(lines.problems)}`)
  const bill: StoredBill = { ...BILL, id: 'T20261110-5e6f7a8b', lines: lines.lines }
  const reconciliation = reconcileBill({
    bill,
    participants: people.map(({ nik: _nik, ...participant }) => participant),
    tariffs: TARIFFS,
    payerKind: 'apbd-kabupaten',
    defaultPayerCode: KAB,
  })
  return { ...inputIn('id'), bill, reconciliation, resolutions: new Map() }
}

// --- PDF ----------------------------------------------------------------------------------------

const fontBytes = async (name: string) =>
  new Uint8Array(await readFile(new URL(`../../../../resources/fonts/${name}`, import.meta.url)))

/** The text as read, runs of white space (line breaks in wrapped cells) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ')
/**
 * Without any white space: a wrapped note may break after a '/' ('560/214/' + 'DTK'), where the
 * reader sees no space but pdftotext writes a line break.
 */
const squashed = (text: string) => text.replace(/\s+/g, '')

const LONG = longBill()

describe.skipIf(!pdftotext && !isCi)('the report as PDF, read back by poppler', () => {
  let text: Record<Language, string>
  let pages: { widthMm: number; heightMm: number }[]
  let longText: string
  let longPages: number

  beforeAll(async () => {
    if (!pdftotext) {
      throw new Error('pdftotext is not on PATH: CI must install poppler-utils (see .ci/run)')
    }
    const fonts = {
      regular: await fontBytes('NotoSans-Regular.ttf'),
      bold: await fontBytes('NotoSans-Bold.ttf'),
    }
    const read = async (input: Language | BillReportInput) => {
      const report = typeof input === 'string' ? inputIn(input) : input
      const file = await pdfFileOf(await renderBillReportPdf(report, fonts))
      try {
        return { text: await pdfText(file.path), pages: await pdfPages(file.path) }
      } finally {
        await file.cleanup()
      }
    }
    const [id, en, long] = await Promise.all([read('id'), read('en'), read(LONG)])
    text = { id: id.text, en: en.text }
    pages = id.pages
    longText = long.text
    longPages = long.pages.length
  }, 60_000)

  it('is A4, on one page', () => {
    expect(pages).toHaveLength(1)
    for (const page of pages) {
      expect(page.widthMm).toBeCloseTo(210, 0)
      expect(page.heightMm).toBeCloseTo(297, 0)
    }
  })

  it('names the month in words, the payer, its group and the file', () => {
    const id = flat(text.id)
    expect(id).toContain('Rekonsiliasi tagihan BPJS Ketenagakerjaan Oktober 2026')
    expect(id).toContain(`Sumber dana: ${PAYER_NAMES[KAB]}`)
    expect(id).toContain('kode iuran KI-6402.001')
    expect(id).toContain('tagihan-oktober-2026.xlsx')
    expect(id).toContain('Dibuat 24 November 2026')
  })

  it("labels every kind of difference in Indonesian, with each person's masked NIK", () => {
    const id = flat(text.id)
    for (const label of Object.values(KIND_LABELS_ID)) expect(id).toContain(label)
    // Each masked NIK whole, on one line: split over two it could not be searched or read.
    for (const maskedNik of ['640206******0001', RAHMAT.maskedNik, ANDI.maskedNik]) {
      expect(text.id).toContain(maskedNik)
    }
    expect(id).toContain(`KPJ ${RAHMAT.kpjNumber}`)
    expect(id).toContain(`Dibayar oleh ${PAYER_NAMES[PROV]}`)
    expect(id).toContain('Berakhir 15 Agustus 2026')
  })

  it('keeps every column heading whole', () => {
    for (const heading of ['No.', 'Jenis selisih', 'Nama', 'NIK', 'Ditagih', 'Seharusnya']) {
      expect(text.id.split('\n')).toContain(heading)
    }
    expect(text.id).toMatch(/^Penyelesaian$/m)
  })

  it('gives the resolution notes, who resolved and when, and what is still open', () => {
    const id = flat(text.id)
    expect(squashed(text.id)).toContain(
      squashed(`Selesai: ${NOTE_STRANGER} (Supervisor Dinas, 5 November 2026)`),
    )
    expect(squashed(text.id)).toContain(
      squashed(`Selesai: ${NOTE_DECEASED} (Rina Operator, 6 November 2026)`),
    )
    expect(id.match(/Belum diselesaikan/g)).toHaveLength(3)
  })

  it('holds no full NIK', () => {
    for (const language of ['id', 'en'] as const) {
      expect(text[language]).not.toMatch(SIXTEEN_DIGITS)
      const joined = text[language].replace(/\s+/g, '')
      for (const nik of ALL_NIKS) expect(joined).not.toContain(nik)
    }
  })

  it('runs a long list of differences over pages, headings on each, nothing cut', () => {
    expect(longPages).toBeGreaterThanOrEqual(3)
    const textPages = longText.split('\f').filter((page) => page.trim() !== '')
    expect(textPages).toHaveLength(longPages)
    // The table's headings again at the top of every page the list runs onto.
    for (const page of textPages) {
      expect(page.split('\n')).toContain('Seharusnya')
      expect(page.split('\n')).toContain('Penyelesaian')
    }
    for (const difference of LONG.reconciliation.differences) {
      expect(longText).toContain(difference.maskedNik)
      expect(longText).toContain(`KPJ ${difference.kpj}`)
    }
    expect(longText.split('\n')).toContain('Rp100.000.000')
    expect(longText.split('\n')).toContain('70')
    expect(longText.match(/Belum diselesaikan/g)).toHaveLength(70)
  })

  it('reads in English too', () => {
    const en = flat(text.en)
    expect(en).toContain('BPJS Ketenagakerjaan bill reconciliation October 2026')
    expect(en).toContain(`Funding source: ${PAYER_NAMES[KAB]}`)
    expect(en).toContain('Billed, participant deceased')
    expect(en).toContain('Our participant, not billed')
    expect(squashed(text.en)).toContain(
      squashed(`Resolved: ${NOTE_STRANGER} (Supervisor Dinas, 5 November 2026)`),
    )
    expect(en).not.toContain('Ditagih, peserta meninggal')
  })
})
