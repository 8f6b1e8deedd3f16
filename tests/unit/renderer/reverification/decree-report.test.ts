/**
 * The re-verification's official documents (renderer/src/reverification/decree-report.ts), read
 * back by programs no one here wrote: the PDFs by poppler's pdftotext (what a reader sees), the
 * XLSX by LibreOffice (numbers as numbers, dates as dates, registration and KPJ as text). The
 * decree comes from the real `proposeReverification` / `decreeList` over a small kecamatan-sized
 * population with one person of each story, and from 1,000 people for the pagination.
 *
 * These tools are installed wherever the tests run (CI: .ci/run): a missing one fails the suite,
 * it is never skipped.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrintRecord } from '@shared/cards/print-log'
import type { Language } from '@shared/i18n/language'
import type { CoveragePeriod, ParticipantDocument } from '@shared/participant/participant-document'
import {
  decreeList,
  proposeReverification,
  type DecreeList,
  type RecordedOutcome,
  type ReverificationProposal,
} from '@shared/reverification/proposal'
import { toXlsx } from '@shared/spreadsheet/xlsx-writer'
import {
  beritaAcaraSheet,
  decreeListSheet,
  renderBeritaAcaraPdf,
  renderDecreeListPdf,
  type DecreeReportFonts,
  type DecreeReportInput,
} from '@/reverification/decree-report'
import {
  convertToFlatOds,
  findSoffice,
  parseFlatOds,
  type OdsCell,
  type OdsSheet,
} from '../../../support/libreoffice'
import { pdfPages, pdfText } from '../../../support/pdf-tools'

// --- The district and its people ----------------------------------------------------------------

const YEAR = 2029
const PREV = YEAR - 1
const DISTRICT = '64.02'
const TENGGARONG = '64.02.01'
const LOA_KULU = '64.02.02'
const SAMBOJA = '64.02.03'
const KECAMATAN_NAMES: Record<string, string> = {
  [TENGGARONG]: 'Tenggarong',
  [LOA_KULU]: 'Loa Kulu',
  [SAMBOJA]: 'Samboja',
}
const SHORT_CODE: Record<string, string> = { [TENGGARONG]: '01', [LOA_KULU]: '02', [SAMBOJA]: '03' }
const VILLAGE_NAMES: Record<string, string> = {
  [`${TENGGARONG}.2001`]: 'Loa Ipuh',
  [`${LOA_KULU}.2001`]: 'Jembayan',
  [`${SAMBOJA}.2001`]: 'Handil Baru',
}
const KAB = 'apbd-kab'
const PROV = 'apbd-prov'
const PAYER_NAMES: Record<string, string> = {
  [KAB]: 'APBD Kabupaten Kutai Kartanegara',
  [PROV]: 'APBD Provinsi Kalimantan Timur',
}
const REGION = 'Kabupaten Kutai Kartanegara'
/** A Monday in the district, before the budget year. */
const TODAY = `${PREV}-11-20`

const card: PrintRecord = {
  serial: 'AAAA-0001',
  kind: 'card',
  printedAt: `${PREV}-03-01T02:00:00.000Z`,
  printedBy: 'Operator',
  officeCode: '01-01',
  validUntil: `${PREV}-12-31`,
}

const fullYear = (year: number, extra: Partial<CoveragePeriod> = {}): CoveragePeriod => ({
  year,
  from: `${year}-01-01`,
  batchId: `R${year}`,
  payerCode: KAB,
  ...extra,
})

/** Record ids look like the store's: a test can then tell none of them reached the paper. */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
/** 16 digits, unique per n: none may reach either document. */
const nikOf = (n: number) => `640201150580${String(n).padStart(4, '0')}`

function person(
  n: number,
  fullName: string,
  kecamatanCode: string,
  over: Partial<ParticipantDocument> = {},
): ParticipantDocument {
  const short = SHORT_CODE[kecamatanCode] ?? '01'
  return {
    id: uuid(n),
    registrationNumber: `${short}01-${String(n).padStart(6, '0')}`,
    nik: nikOf(n),
    nikIndex: '',
    kk: '6402010101150003',
    fullName,
    nameKey: fullName.toLowerCase(),
    birthPlace: 'Tenggarong',
    birthDate: '1980-06-15',
    sex: 'L',
    address: 'Jl. Mulawarman 1',
    rt: '001',
    rw: '002',
    kecamatanCode,
    villageCode: `${kecamatanCode}.2001`,
    occupationCode: 'nelayan',
    monthlyIncome: 1_500_000,
    heirName: 'Siti',
    heirRelationship: 'istri',
    status: 'active',
    officeCode: `${short}-01`,
    createdAt: `${PREV - 1}-05-01T08:00:00.000Z`,
    createdBy: 'Operator',
    updatedAt: `${PREV - 1}-05-01T08:00:00.000Z`,
    updatedBy: 'Operator',
    duplicates: [],
    conflicts: [],
    prints: [card],
    checks: [],
    kpjNumber: `000123${String(n).padStart(5, '0')}`,
    coverage: [fullYear(PREV)],
    ...over,
  }
}

// Tenggarong: one person of each story.
const SITI = person(1, 'Siti Aminah', TENGGARONG)
/** Never printed, continued; no KPJ yet. */
const BUDI = person(2, 'Budi Santoso', TENGGARONG, { prints: [], kpjNumber: undefined })
/** Turns 65 on 30 September of the year: continued, covered until the day before; the province pays. */
const RAHMAT = person(3, 'Rahmat Hidayat', TENGGARONG, {
  birthDate: '1964-09-30',
  coverage: [fullYear(PREV, { payerCode: PROV })],
})
const YOHANES = person(4, 'Yohanes Lado', TENGGARONG, {
  status: 'ended',
  coverage: [fullYear(PREV, { until: `${PREV}-08-15`, endReason: 'meninggal' })],
})
const DEWI = person(5, 'Dewi Lestari', TENGGARONG, {
  status: 'ended',
  coverage: [fullYear(PREV, { until: `${PREV}-06-30`, endReason: 'pindah' })],
})
/** DTSEN decile 8 of at most 5: ended as no longer eligible. */
const ANDI = person(6, 'Andi Saputra', TENGGARONG)
/** Never printed, put on hold by the officer. */
const MARIA = person(7, 'Maria Goreti', TENGGARONG, { prints: [] })
/** From the DTSEN list and never met: no outcome recorded at all. */
const KORNELIUS = person(8, 'Kornelius Ama', TENGGARONG, { prints: [], source: 'dtsen-2028' })
/** Pending, and this PC does not hold the record (personOf gives nothing). */
const HILANG = person(9, 'Yulius Ratu', TENGGARONG, { prints: [] })
/** Last year never renewed: considered, not proposed, cannot continue. */
const AGUS = person(10, 'Agus Salim', TENGGARONG, { coverage: [fullYear(PREV - 1)] })
/** A period written by an older PC, without a payer: the default payer's. */
const SRI = person(11, 'Sri Wahyuni', TENGGARONG, {
  coverage: [{ year: PREV, from: `${PREV}-01-01`, batchId: `R${PREV}` }],
})
// Loa Kulu and Samboja.
const AHMAD = person(12, 'Ahmad Fauzi', LOA_KULU)
const NUR = person(13, 'Nur Aini', LOA_KULU)
const PAULUS = person(14, 'Paulus Tanaka', LOA_KULU, {
  status: 'ended',
  coverage: [fullYear(PREV, { until: `${PREV}-04-30`, endReason: 'penanggung-lain' })],
})
const WAYAN = person(15, 'Wayan Sudarsa', SAMBOJA)

const PEOPLE = [
  SITI,
  BUDI,
  RAHMAT,
  YOHANES,
  DEWI,
  ANDI,
  MARIA,
  KORNELIUS,
  HILANG,
  AGUS,
  SRI,
  AHMAD,
  NUR,
  PAULUS,
  WAYAN,
]
const LISTED = [SITI, BUDI, RAHMAT, SRI, AHMAD, NUR, WAYAN]
const NOT_LISTED = [YOHANES, DEWI, ANDI, MARIA, KORNELIUS, HILANG, AGUS, PAULUS]

const PROPOSAL = proposeReverification({
  participants: PEOPLE,
  year: YEAR,
  ageRange: { min: 18, max: 64 },
  maxDecile: 5,
  decileOf: new Map([[ANDI.id, 8]]),
  districtRegionCode: DISTRICT,
})
const OUTCOMES: RecordedOutcome[] = [
  { participantId: BUDI.id, outcome: { kind: 'continued' } },
  { participantId: RAHMAT.id, outcome: { kind: 'continued' } },
  { participantId: YOHANES.id, outcome: { kind: 'ended', reason: 'meninggal' } },
  { participantId: DEWI.id, outcome: { kind: 'ended', reason: 'pindah' } },
  { participantId: ANDI.id, outcome: { kind: 'ended', reason: 'tidak-layak-desil' } },
  { participantId: MARIA.id, outcome: { kind: 'pending' } },
  { participantId: HILANG.id, outcome: { kind: 'pending' } },
  { participantId: PAULUS.id, outcome: { kind: 'ended', reason: 'penanggung-lain' } },
]

function decreeOf(
  proposal: ReverificationProposal,
  people: readonly ParticipantDocument[],
  outcomes: RecordedOutcome[],
): DecreeList {
  const result = decreeList(proposal, people, outcomes)
  if (!result.ok) throw new Error(`decree refused: ${JSON.stringify(result.problems)}`)
  return result.decree
}

const DECREE = decreeOf(PROPOSAL, PEOPLE, OUTCOMES)

function inputOf(
  decree: DecreeList,
  language: Language,
  people: readonly ParticipantDocument[] = PEOPLE,
): DecreeReportInput {
  const byId = new Map(people.filter((p) => p !== HILANG).map((p) => [p.id, p]))
  return {
    decree,
    language,
    regionName: REGION,
    today: TODAY,
    kecamatanNameOf: (code) => KECAMATAN_NAMES[code] ?? `?${code}`,
    villageNameOf: (code) => VILLAGE_NAMES[code] ?? `?${code}`,
    payerNameOf: (code) =>
      code === undefined ? PAYER_NAMES[KAB]! : (PAYER_NAMES[code] ?? `?${code}`),
    personOf: (id) => byId.get(id),
  }
}

/** 1,000 people, all covered and printed: nobody to re-check, everyone on the list. */
const MANY = Array.from({ length: 1000 }, (_, index) =>
  person(
    1001 + index,
    `Peserta Nomor ${String(index + 1).padStart(4, '0')}`,
    index < 400 ? TENGGARONG : index < 750 ? LOA_KULU : SAMBOJA,
  ),
)
const MANY_DECREE = decreeOf(
  proposeReverification({
    participants: MANY,
    year: YEAR,
    ageRange: { min: 18, max: 64 },
    districtRegionCode: DISTRICT,
  }),
  MANY,
  [],
)

const SIXTEEN_DIGITS = /\d{16}/
/** `needle` as a whole token: '0101-000001' is not counted inside '0101-0000010'. */
const occurrences = (text: string, needle: string) =>
  text.match(
    new RegExp(`(?<![\\w-])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g'),
  )?.length ?? 0
/** Runs of white space (line breaks in wrapped cells) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ')
/**
 * The layout text's table row holding `needle`: its line, and the lines below it that carry on
 * its wrapped cells (indented, until the next numbered row or a blank line).
 */
const rowWith = (text: string, needle: string): string => {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => line.includes(needle))
  if (start < 0) return ''
  const row = [lines[start]!]
  for (const line of lines.slice(start + 1, start + 4)) {
    if (line.trim() === '' || /^\s*[\d.]+\s+\d{4}-\d{6}/.test(line) || !/^\s/.test(line)) break
    row.push(line)
  }
  return row.join('\n')
}
/** Every word of `cell` in the row (a wrapped cell's words come on the lines below). */
const expectInRow = (row: string, cell: string) => {
  const words = row.split(/\s+/)
  for (const word of cell.split(' ')) expect(words, `${cell} in ${row}`).toContain(word)
}

describe('the decree the documents are made from', () => {
  it('lists the continued and the not proposed who can continue, and counts Tenggarong exactly', () => {
    expect(DECREE.entries.map((entry) => entry.fullName).sort()).toEqual(
      LISTED.map((p) => p.fullName).sort(),
    )
    expect(DECREE.total).toBe(7)
    const tenggarong = DECREE.beritaAcara.find((r) => r.kecamatanCode === TENGGARONG)
    expect(tenggarong).toMatchObject({
      proposed: 8,
      continued: 2,
      ended: 3,
      pending: 3,
      withoutOutcome: 1,
      notProposedListed: 2,
      notProposedLeftOff: 1,
      listed: 4,
    })
    expect(tenggarong?.proposedByReason).toMatchObject({
      'batas-usia': 1,
      meninggal: 1,
      pindah: 1,
      'tidak-layak-desil': 1,
      'belum-dicetak': 4,
      'belum-terjangkau': 1,
    })
    expect(MANY_DECREE.total).toBe(1000)
  })
})

// --- The files ----------------------------------------------------------------------------------

const fontBytes = async (name: string) =>
  new Uint8Array(await readFile(new URL(`../../../../resources/fonts/${name}`, import.meta.url)))

interface ReadPdf {
  text: string
  /** pdftotext -layout: a table row's cells on one line. */
  layout: string
  pages: number
}

let dir: string
let fonts: DecreeReportFonts
const pdf: Record<string, ReadPdf> = {}

async function writeAndRead(name: string, bytes: Uint8Array): Promise<ReadPdf> {
  const path = join(dir, `${name}.pdf`)
  await writeFile(path, bytes)
  const [text, layout, pages] = await Promise.all([
    pdfText(path),
    pdfText(path, { layout: true }),
    pdfPages(path),
  ])
  for (const page of pages) {
    // A4, landscape or portrait.
    expect([page.widthMm, page.heightMm].map(Math.round).sort()).toEqual([210, 297])
  }
  return { text, layout, pages: pages.length }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naungan-decree-'))
  fonts = {
    regular: await fontBytes('NotoSans-Regular.ttf'),
    bold: await fontBytes('NotoSans-Bold.ttf'),
  }
  const [list, listEn, many, ba, baEn] = await Promise.all([
    renderDecreeListPdf(inputOf(DECREE, 'id'), fonts),
    renderDecreeListPdf(inputOf(DECREE, 'en'), fonts),
    renderDecreeListPdf(inputOf(MANY_DECREE, 'id', MANY), fonts),
    renderBeritaAcaraPdf(inputOf(DECREE, 'id'), TENGGARONG, fonts),
    renderBeritaAcaraPdf(inputOf(DECREE, 'en'), TENGGARONG, fonts),
  ])
  const read = await Promise.all([
    writeAndRead('lampiran', list),
    writeAndRead('lampiran-en', listEn),
    writeAndRead('lampiran-1000', many),
    writeAndRead('berita-acara', ba),
    writeAndRead('berita-acara-en', baEn),
  ])
  ;[pdf.list, pdf.listEn, pdf.many, pdf.ba, pdf.baEn] = read
}, 120_000)

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the decree list as PDF, read back by poppler', () => {
  it('names the decree, the region and the year', () => {
    const text = flat(pdf.list!.text)
    expect(text).toContain('Lampiran Keputusan Bupati')
    expect(text).toContain(`Daftar peserta BPJS Ketenagakerjaan tahun ${YEAR}`)
    expect(text).toContain(`di ${REGION} yang dilindungi mulai 1 Januari ${YEAR}`)
    expect(text).toContain('Dibuat 20 November 2028')
  })

  it('lists every listed person once, by number and name, and nobody else', () => {
    for (const p of LISTED) {
      expect(occurrences(pdf.list!.text, p.registrationNumber), p.fullName).toBe(1)
      expect(occurrences(pdf.list!.text, p.fullName), p.fullName).toBe(1)
    }
    for (const p of NOT_LISTED) {
      expect(pdf.list!.text).not.toContain(p.registrationNumber)
      expect(pdf.list!.text).not.toContain(p.fullName)
    }
  })

  it("gives each person's KPJ, village, kecamatan, payer and last covered day on their row", () => {
    const rahmat = rowWith(pdf.list!.layout, RAHMAT.registrationNumber)
    for (const cell of ['Rahmat Hidayat', RAHMAT.kpjNumber!, 'Loa Ipuh', 'Tenggarong']) {
      expect(rahmat).toContain(cell)
    }
    expectInRow(rahmat, 'APBD Provinsi Kalimantan Timur')
    // 65 on 30 September: covered until the day before.
    expectInRow(rahmat, '29 September 2029')
    const siti = rowWith(pdf.list!.layout, SITI.registrationNumber)
    expect(siti).toContain(SITI.kpjNumber!)
    expectInRow(siti, '31 Desember 2029')
    expectInRow(siti, PAYER_NAMES[KAB]!)
    expectInRow(rowWith(pdf.list!.layout, SRI.registrationNumber), PAYER_NAMES[KAB]!)
    expectInRow(rowWith(pdf.list!.layout, WAYAN.registrationNumber), 'Handil Baru')
    expect(rowWith(pdf.list!.layout, WAYAN.registrationNumber)).toContain('Samboja')
    // No KPJ yet: the cell is empty, not 'undefined'.
    expect(pdf.list!.text).not.toContain('undefined')
  })

  it('numbers the rows 1..7 and gives each kecamatan a subtotal that adds up to the total', () => {
    const text = flat(pdf.list!.text)
    const subtotals = [...text.matchAll(/Jumlah Kecamatan ([\w ]+?): (\d+) orang/g)].map((m) => [
      m[1],
      Number(m[2]),
    ])
    expect(subtotals).toEqual([
      ['Tenggarong', 4],
      ['Loa Kulu', 2],
      ['Samboja', 1],
    ])
    const total = Number(/Jumlah seluruhnya: (\d+) orang/.exec(text)?.[1])
    expect(total).toBe(DECREE.total)
    expect(subtotals.reduce((sum, [, count]) => sum + (count as number), 0)).toBe(total)
    expect(rowWith(pdf.list!.layout, WAYAN.registrationNumber).trim()).toMatch(/^7\s/)
    expect(rowWith(pdf.list!.layout, SITI.registrationNumber).trim()).toMatch(/^1\s/)
    expect(text).toContain('Halaman 1 dari 1')
  })

  it('runs 1,000 people over pages, the headings and the page number on each, nobody lost', () => {
    const { text, pages } = pdf.many!
    expect(pages).toBeGreaterThan(1)
    const textPages = text.split('\f').filter((page) => page.trim() !== '')
    expect(textPages).toHaveLength(pages)
    textPages.forEach((page, index) => {
      expect(page.split('\n')).toContain('Nomor registrasi')
      expect(page.split('\n')).toContain('Terlindungi sampai')
      expect(flat(page)).toContain(`Halaman ${index + 1} dari ${pages}`)
    })
    for (const p of MANY) {
      expect(occurrences(text, p.registrationNumber), p.registrationNumber).toBe(1)
      expect(occurrences(text, p.fullName), p.fullName).toBe(1)
    }
    // A page that starts inside a kecamatan says whose people continue there.
    expect(flat(textPages[1]!)).toContain('Kecamatan Tenggarong (lanjutan)')
    const all = flat(text)
    expect(all).toContain('Jumlah Kecamatan Tenggarong: 400 orang')
    expect(all).toContain('Jumlah Kecamatan Loa Kulu: 350 orang')
    expect(all).toContain('Jumlah Kecamatan Samboja: 250 orang')
    expect(all).toContain('Jumlah seluruhnya: 1.000 orang')
    expect(rowWith(pdf.many!.layout, MANY.at(-1)!.registrationNumber).trim()).toMatch(/^1\.000\s/)
  })

  it('prints no NIK and no record id', () => {
    for (const read of [pdf.list!, pdf.listEn!, pdf.many!]) {
      expect(read.text).not.toMatch(SIXTEEN_DIGITS)
      const squashed = read.text.replace(/\s+/g, '')
      for (const p of [...PEOPLE, ...MANY]) {
        expect(squashed).not.toContain(p.nik)
        expect(squashed).not.toContain(p.id)
      }
    }
  })

  it('reads in English, with no Indonesian heading left', () => {
    const en = flat(pdf.listEn!.text)
    expect(en).toContain("Attachment to the Regent's Decree")
    expect(en).toContain(`BPJS Ketenagakerjaan participants for ${YEAR}`)
    expect(en).toContain('Total for Kecamatan Tenggarong: 4 people')
    expect(en).toContain('Grand total: 7 people')
    expect(en).toContain('Page 1 of 1')
    expectInRow(rowWith(pdf.listEn!.layout, SITI.registrationNumber), '31 December 2029')
    for (const word of [
      'Lampiran',
      'Keputusan',
      'Daftar',
      'Nomor registrasi',
      'Nama',
      'Penanggung',
      'Terlindungi',
      'Jumlah',
      'Halaman',
      'Desember',
      'orang',
    ]) {
      expect(en, word).not.toContain(word)
    }
    const id = flat(pdf.list!.text)
    for (const word of ['Attachment', 'Grand total', 'Page', 'Covered until', 'people']) {
      expect(id, word).not.toContain(word)
    }
  })
})

describe('the berita acara of Tenggarong as PDF, read back by poppler', () => {
  /** The figure on a counts row of the layout text, by its label at the start of the row. */
  const figures = (label: string): string[] =>
    pdf
      .ba!.layout.split('\n')
      .filter((candidate) => candidate.trim().startsWith(label) && /\s{2,}\S+\s*$/.test(candidate))
      .map((line) => line.trim().slice(label.length).replace(/\s+/g, ''))
  const figure = (label: string): string => figures(label)[0] ?? `no row "${label}"`

  it('opens with the minutes, naming the day, the kecamatan and the budget year', () => {
    const text = flat(pdf.ba!.text)
    expect(text).toContain('Berita acara verifikasi ulang peserta')
    expect(text).toContain(
      'Pada hari ini, Senin, tanggal 20 November 2028, telah dilakukan verifikasi ulang peserta ' +
        `BPJS Ketenagakerjaan Kecamatan Tenggarong, ${REGION}, untuk tahun anggaran ${YEAR}.`,
    )
  })

  it('gives every count, and the additions that show they agree', () => {
    expect(figure('Diusulkan untuk diperiksa ulang')).toBe('8')
    expect(figure('Mencapai batas usia')).toBe('1')
    expect(figure('Kartu belum pernah dicetak')).toBe('4')
    expect(figure('Belum pernah ditemui petugas')).toBe('1')
    // Proposed for it, then ended for it: the same words head a row in each list.
    expect(figures('Ditanggung pemberi kerja atau pihak lain')).toEqual(['0', '0'])
    expect(figure('Dilanjutkan')).toBe('2')
    expect(figure('Diakhiri')).toBe('3')
    expect(figures('Meninggal dunia')).toEqual(['1', '1'])
    expect(figures('Pindah ke luar kabupaten')).toEqual(['1', '1'])
    expect(figure('Melewati batas usia')).toBe('0')
    expect(figure('Tidak layak menurut desil DTSEN')).toBe('1')
    expect(figure('Ditunda')).toBe('3')
    expect(figure('di antaranya belum ada hasil')).toBe('1')
    expect(figure('Tidak diusulkan, masuk daftar')).toBe('2')
    expect(figure('Tidak diusulkan, tidak masuk daftar (tidak dapat dilanjutkan)')).toBe('1')
    expect(figure('Masuk daftar lampiran keputusan')).toBe('4')
    // The additions, as printed: proposed = continued + ended + pending; listed = the two kinds.
    expect(figure('Dilanjutkan + diakhiri + ditunda = diusulkan')).toBe('2+3+3=8')
    expect(figure('Dilanjutkan + tidak diusulkan masuk daftar = masuk daftar')).toBe('2+2=4')
    const [continued, ended, pending, proposed] = figure(
      'Dilanjutkan + diakhiri + ditunda = diusulkan',
    )
      .split(/[+=]/)
      .map(Number)
    expect(continued! + ended! + pending!).toBe(proposed)
    // Tenggarong's lines of the decree list are the listed count.
    expect(DECREE.entries.filter((e) => e.kecamatanCode === TENGGARONG)).toHaveLength(4)
  })

  it('names the people ended, with their reason, and the people pending', () => {
    const { layout } = pdf.ba!
    const ended: [ParticipantDocument, string][] = [
      [YOHANES, 'Meninggal dunia'],
      [DEWI, 'Pindah ke luar kabupaten'],
      [ANDI, 'Tidak layak menurut desil DTSEN'],
    ]
    for (const [p, reason] of ended) {
      const row = rowWith(layout, p.registrationNumber)
      expect(row).toContain(p.fullName)
      expect(row).toContain('Loa Ipuh')
      expectInRow(row, reason)
      expect(occurrences(pdf.ba!.text, p.fullName)).toBe(1)
    }
    expectInRow(rowWith(layout, MARIA.registrationNumber), 'Ditunda oleh petugas')
    expectInRow(rowWith(layout, KORNELIUS.registrationNumber), 'Belum ada hasil')
    // Not on this PC: said so, without a number or a name to guess from.
    expect(occurrences(flat(pdf.ba!.text), '(data tidak ada di PC ini)')).toBe(1)
    expect(pdf.ba!.text).not.toContain(HILANG.fullName)
    expect(pdf.ba!.text).not.toContain(HILANG.registrationNumber)
    // Only Tenggarong's: Loa Kulu's ended person is in Loa Kulu's berita acara.
    expect(pdf.ba!.text).not.toContain(PAULUS.fullName)
    for (const p of [SITI, BUDI, RAHMAT, SRI, AGUS]) expect(pdf.ba!.text).not.toContain(p.fullName)
  })

  it('ends with the three signature blocks, blank lines for name and NIP', () => {
    const text = flat(pdf.ba!.text)
    expect(text).toContain('Tenggarong, 20 November 2028')
    for (const title of ['Petugas kecamatan', 'Verifikator', 'Mengetahui,', 'Camat Tenggarong']) {
      expect(text).toContain(title)
    }
    expect(text.match(/NIP\. \.{10,}/g)).toHaveLength(3)
    expect(text.match(/\(\.{20,}\)/g)).toHaveLength(3)
    expect(text).toContain('Halaman 1 dari')
  })

  it('prints no NIK and no record id', () => {
    for (const read of [pdf.ba!, pdf.baEn!]) {
      expect(read.text).not.toMatch(SIXTEEN_DIGITS)
      const squashed = read.text.replace(/\s+/g, '')
      for (const p of PEOPLE) {
        expect(squashed).not.toContain(p.nik)
        expect(squashed).not.toContain(p.id)
      }
    }
  })

  it('reads in English, with no Indonesian heading left', () => {
    const en = flat(pdf.baEn!.text)
    expect(en).toContain('Minutes of the participant re-verification')
    expect(en).toContain('On this day, Monday, 20 November 2028')
    expect(en).toContain('Continued + ended + pending = proposed')
    expectInRow(rowWith(pdf.baEn!.layout, YOHANES.registrationNumber), 'Died')
    expect(en).toContain('(record not on this PC)')
    expect(en).toContain('Head of Kecamatan Tenggarong')
    for (const word of [
      'Berita acara',
      'Pada hari ini',
      'Diusulkan',
      'Dilanjutkan',
      'Diakhiri',
      'Ditunda',
      'Meninggal',
      'tidak',
      'Petugas',
      'Verifikator',
      'Mengetahui',
      'Camat',
      'Halaman',
      'Jumlah',
    ]) {
      expect(en, word).not.toContain(word)
    }
    const id = flat(pdf.ba!.text)
    for (const word of ['Minutes', 'Continued', 'Ended', 'Pending', 'Died', 'Page']) {
      expect(id, word).not.toContain(word)
    }
  })
})

describe('documents it refuses to make', () => {
  it('a berita acara for a kecamatan the decree does not hold', async () => {
    expect(() => beritaAcaraSheet(inputOf(DECREE, 'id'), '64.02.09')).toThrow(RangeError)
    await expect(renderBeritaAcaraPdf(inputOf(DECREE, 'id'), '64.02.09', fonts)).rejects.toThrow(
      RangeError,
    )
  })

  it('a berita acara whose counts do not add up, or a list whose total is not its lines', async () => {
    const tampered: DecreeList = {
      ...DECREE,
      beritaAcara: DECREE.beritaAcara.map((r) =>
        r.kecamatanCode === TENGGARONG ? { ...r, continued: r.continued + 1 } : r,
      ),
    }
    expect(() => beritaAcaraSheet(inputOf(tampered, 'id'), TENGGARONG)).toThrow(/add up/)
    const moreUnanswered: DecreeList = {
      ...DECREE,
      beritaAcara: DECREE.beritaAcara.map((r) =>
        r.kecamatanCode === TENGGARONG ? { ...r, withoutOutcome: r.pending + 1 } : r,
      ),
    }
    await expect(
      renderBeritaAcaraPdf(inputOf(moreUnanswered, 'id'), TENGGARONG, fonts),
    ).rejects.toThrow(/add up/)
    expect(() => decreeListSheet(inputOf({ ...DECREE, total: 8 }, 'id'))).toThrow(RangeError)
    // Loa Kulu's, untouched, is still made.
    expect(beritaAcaraSheet(inputOf(tampered, 'id'), LOA_KULU).rows.length).toBeGreaterThan(0)
  })
})

// --- XLSX ---------------------------------------------------------------------------------------

describe('the XLSX files, read back by LibreOffice', () => {
  let list: OdsSheet
  let ba: OdsSheet
  let baEn: OdsSheet
  let fods: string[]

  beforeAll(async () => {
    const soffice = findSoffice()
    if (!soffice) throw new Error('soffice is not on PATH (apt-get install libreoffice-calc-nogui)')
    const files = {
      lampiran: toXlsx(decreeListSheet(inputOf(DECREE, 'id'))),
      'berita-acara': toXlsx(beritaAcaraSheet(inputOf(DECREE, 'id'), TENGGARONG)),
      'berita-acara-en': toXlsx(beritaAcaraSheet(inputOf(DECREE, 'en'), TENGGARONG)),
    }
    for (const [name, bytes] of Object.entries(files)) {
      await writeFile(join(dir, `${name}.xlsx`), bytes)
    }
    const converted = await convertToFlatOds(soffice, files)
    fods = Object.values(converted)
    list = parseFlatOds(converted.lampiran!)
    ba = parseFlatOds(converted['berita-acara']!)
    baEn = parseFlatOds(converted['berita-acara-en']!)
  }, 180_000)

  const HEADERS = [
    'No.',
    'Nomor registrasi',
    'Nama',
    'No. KPJ',
    'Desa/Kelurahan',
    'Kecamatan',
    'Penanggung iuran',
    'Terlindungi sampai',
  ]
  const rowOf = (sheet: OdsSheet, column: number, value: string): OdsCell[] => {
    const row = sheet.rows.find((cells) => cells[column]?.value === value)
    if (!row) throw new Error(`no row with ${value}`)
    return row
  }

  it('gives the decree list a bold header, a row per person with typed cells, and the total', () => {
    expect(list.name).toBe(`Lampiran SK ${YEAR}`)
    const [header, ...rows] = list.rows
    expect(header!.map((c) => [c.value, c.bold])).toEqual(HEADERS.map((h) => [h, true]))
    expect(rows).toHaveLength(DECREE.total + 1)
    expect(rows.slice(0, -1).map((row) => row[1]!.value)).toEqual(
      DECREE.entries.map((e) => e.registrationNumber),
    )
    const rahmat = rowOf(list, 1, RAHMAT.registrationNumber)
    expect(rahmat[0]).toMatchObject({ type: 'float', value: '3' })
    expect(rahmat[1]).toMatchObject({ type: 'string', formatKind: 'text' })
    expect(rahmat[2]!.value).toBe('Rahmat Hidayat')
    // The KPJ keeps its leading zeros.
    expect(rahmat[3]).toMatchObject({ type: 'string', value: RAHMAT.kpjNumber })
    expect(rahmat.slice(4, 7).map((c) => c.value)).toEqual([
      'Loa Ipuh',
      'Tenggarong',
      'APBD Provinsi Kalimantan Timur',
    ])
    expect(rahmat[7]).toMatchObject({ type: 'date', value: '2029-09-29', formatKind: 'date' })
    expect(rowOf(list, 1, SITI.registrationNumber)[7]).toMatchObject({
      type: 'date',
      value: '2029-12-31',
    })
    expect(rowOf(list, 1, BUDI.registrationNumber)[3]!.type).toBe('')
    expect(rowOf(list, 1, SRI.registrationNumber)[6]!.value).toBe(PAYER_NAMES[KAB])
    const total = rows.at(-1)!
    expect(total[0]!.value).toBe('Jumlah seluruhnya')
    expect(total[1]).toMatchObject({ type: 'float', value: String(DECREE.total) })
  })

  it('gives the berita acara its counts as numbers and its people by name', () => {
    expect(ba.rows[0]!.map((c) => c.value)).toEqual([
      'Bagian',
      'Uraian',
      'Jumlah',
      'Nomor registrasi',
      'Nama',
      'Desa/Kelurahan',
    ])
    const count = (label: string) => {
      const cell = rowOf(ba, 1, label)[2]!
      expect(cell.type, label).toBe('float')
      return Number(cell.value)
    }
    const proposed = count('Diusulkan untuk diperiksa ulang')
    const continued = count('Dilanjutkan')
    const ended = count('Diakhiri')
    const pending = count('Ditunda')
    expect([proposed, continued, ended, pending]).toEqual([8, 2, 3, 3])
    expect(continued + ended + pending).toBe(proposed)
    expect(count('Diakhiri: Meninggal dunia')).toBe(1)
    expect(count('Diakhiri: Melewati batas usia')).toBe(0)
    expect(
      ba.rows
        .filter((row) => row[1]?.value.startsWith('Diakhiri: '))
        .reduce((sum, row) => sum + Number(row[2]!.value), 0),
    ).toBe(ended)
    expect(count('Alasan usulan: Kartu belum pernah dicetak')).toBe(4)
    expect(count('Ditunda: belum ada hasil')).toBe(1)
    const listed = count('Masuk daftar lampiran keputusan')
    expect(listed).toBe(continued + count('Tidak diusulkan, masuk daftar'))
    expect(count('Tidak diusulkan, tidak masuk daftar (tidak dapat dilanjutkan)')).toBe(1)

    const yohanes = rowOf(ba, 3, YOHANES.registrationNumber)
    expect(yohanes.map((c) => c.value)).toEqual([
      'Peserta yang diakhiri',
      'Meninggal dunia',
      '',
      YOHANES.registrationNumber,
      'Yohanes Lado',
      'Loa Ipuh',
    ])
    expect(yohanes[3]).toMatchObject({ type: 'string', formatKind: 'text' })
    expect(rowOf(ba, 4, 'Kornelius Ama')[1]!.value).toBe('Belum ada hasil')
    expect(rowOf(ba, 4, '(data tidak ada di PC ini)')[0]!.value).toBe('Peserta yang ditunda')
    expect(ba.rows.filter((row) => row[0]?.value === 'Peserta yang diakhiri')).toHaveLength(3)
    expect(ba.rows.filter((row) => row[0]?.value === 'Peserta yang ditunda')).toHaveLength(3)
    expect(baEn.rows[0]!.map((c) => c.value)).toContain('Count')
    expect(rowOf(baEn, 4, 'Yohanes Lado')[1]!.value).toBe('Died')
  })

  it('holds no NIK and no record id', () => {
    for (const sheet of [list, ba, baEn]) {
      for (const row of sheet.rows) {
        for (const c of row) expect(c.value).not.toMatch(SIXTEEN_DIGITS)
      }
    }
    for (const text of fods) {
      for (const p of PEOPLE) {
        expect(text).not.toContain(p.nik)
        expect(text).not.toContain(p.id)
      }
    }
  })
})
