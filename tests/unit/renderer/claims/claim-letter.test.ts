/**
 * The printed claim cover letter and the heir's checklist (renderer/src/claims/claim-letter.ts),
 * read back by poppler (pdftotext, pdfinfo): what the branch and the family see. Cases are built
 * with the real domain functions (`openClaimCase`, `withDocument`, `moveClaim`) and benefits with
 * `expectedBenefit`: a death after three years of membership (the full Rp42.000.000, scholarship)
 * and one within the first three months (Rp10.000.000 only). No full NIK may reach the paper.
 *
 * CI installs poppler (.ci/run) and these tests fail there without it; elsewhere a missing tool
 * skips them with the reason printed.
 */
import { accessSync, constants } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectedBenefit, type ExpectedBenefitResult } from '@shared/claims/benefits'
import {
  moveClaim,
  openClaimCase,
  withDocument,
  type ClaimCase,
  type ClaimDocumentCode,
  type ClaimResult,
  type OpenClaimInput,
} from '@shared/claims/claim-case'
import {
  claimDocumentLabelsEn,
  claimDocumentLabelsId,
  describeClaimProblem,
} from '@shared/claims/claim-messages'
import { maskNik } from '@shared/identity/masking'
import type { Language } from '@shared/i18n/language'
import type { CoveragePeriod } from '@shared/participant/participant-status'
import { printedNik, renderClaimLetterPdf, type ClaimLetterInput } from '@/claims/claim-letter'
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

const pdftotext = findOnPath('pdftotext')
const pdfinfo = findOnPath('pdfinfo')
const isCi = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase())
const hasPoppler = pdftotext !== null && pdfinfo !== null
if (!hasPoppler && !isCi) {
  console.warn(
    'claim-letter: PDF tests skipped, pdftotext or pdfinfo is not on PATH ' +
      '(apt-get install --no-install-recommends poppler-utils); in CI this fails instead',
  )
}

// --- The cases ----------------------------------------------------------------------------------

const TODAY = '2026-09-01'
const KEC = '64.02.06'
const REGION = 'Kabupaten Kutai Kartanegara'
const OFFICE = {
  name: 'Kantor Kecamatan Tenggarong',
  address: 'Jl. Wolter Monginsidi No. 1, Tenggarong',
}
const NIK = '6402061505900001'
const OTHER_NIK = '6402064107850002'
const SIXTEEN_DIGITS = /\d{16}/

const uuid = (n: number) => `7c9e6679-7425-40de-944b-${String(n).padStart(12, '0')}`

const kab = (year: number, from = `${year}-01-01`): CoveragePeriod => ({
  year,
  from,
  batchId: `B-apbd-kab-${year}`,
  payerCode: 'apbd-kab',
})

const ok = (result: ClaimResult): ClaimCase => {
  if (!result.ok) throw new Error(`refused: ${describeClaimProblem(result.problem, 'en')}`)
  return result.claim
}

function opened(input: Partial<OpenClaimInput> & Pick<OpenClaimInput, 'kind'>): ClaimCase {
  return ok(
    openClaimCase(
      {
        id: uuid(1),
        participantId: uuid(900),
        kecamatanCode: KEC,
        eventOn: '2026-08-03',
        openedOn: '2026-08-10',
        by: 'Petugas Tenggarong',
        ...input,
      },
      TODAY,
    ),
  )
}

function received(claim: ClaimCase, dates: Partial<Record<ClaimDocumentCode, string>>) {
  let next = claim
  for (const [code, on] of Object.entries(dates) as [ClaimDocumentCode, string][]) {
    next = ok(withDocument(next, { code, state: 'received', on }, TODAY))
  }
  return next
}

function benefitOf(
  kind: 'jkm' | 'jkk',
  coverage: CoveragePeriod[],
  eventOn: string,
  childrenInSchool: number,
): ExpectedBenefitResult {
  const result = expectedBenefit({ kind, coverage, eventOn, childrenInSchool })
  if (!result.ok) throw new Error(`no benefit: ${describeClaimProblem(result.problem, 'en')}`)
  return result
}

/** Covered by the regency since 2023; died 3 August 2026; the spouse claims; the file submitted. */
const FULL_CLAIM = (() => {
  const claim = received(
    opened({ kind: 'jkm', heir: { name: 'Rahmat Hidayat', relationshipCode: 'suami-istri' } }),
    {
      'kartu-peserta': '2026-08-12',
      'ktp-ahli-waris': '2026-08-12',
      'akta-kematian': '2026-08-18',
      'kartu-keluarga': '2026-08-12',
      'surat-keterangan-ahli-waris': '2026-08-19',
      'buku-nikah': '2026-08-12',
      'buku-tabungan': '2026-08-20',
    },
  )
  const complete = ok(
    moveClaim(claim, { status: 'berkas-lengkap', on: '2026-08-20', by: 'Petugas' }, TODAY),
  )
  return ok(
    moveClaim(
      complete,
      { status: 'diajukan', on: '2026-08-25', by: 'Petugas', amountClaimed: 42_000_000 },
      TODAY,
    ),
  )
})()
const FULL_BENEFIT = benefitOf('jkm', [kab(2023), kab(2024), kab(2025), kab(2026)], '2026-08-03', 2)

/** Covered from 1 June 2026, died 3 August 2026: within 3 months. A child claims; 2 of 6 in. */
const EARLY_CLAIM = received(
  opened({ kind: 'jkm', heir: { name: 'Siti Aminah', relationshipCode: 'anak' } }),
  { 'kartu-peserta': '2026-08-12', 'akta-kematian': '2026-08-14' },
)
const EARLY_BENEFIT = benefitOf('jkm', [kab(2026, '2026-06-01')], '2026-08-03', 1)

/** A work accident on 3 August 2026 the participant survived: they claim themselves. */
const JKK_CLAIM = received(opened({ kind: 'jkk', died: false }), {
  'laporan-kecelakaan': '2026-08-11',
})
const JKK_BENEFIT = benefitOf('jkk', [kab(2025), kab(2026)], '2026-08-03', 0)

/** BPJS's reason at its longest (300 characters): the longest a status can get. */
const LONG_REASON =
  `Ahli waris belum melengkapi surat keterangan ahli waris yang disahkan lurah dan camat; nama di KTP ahli waris berbeda dengan nama di Kartu Keluarga. ${'Perbaiki data di Disdukcapil lalu ajukan kembali. '.repeat(4)}`.slice(
    0,
    300,
  )

/** The spouse's claim, rejected by BPJS: the longest letter, which must still fit one page. */
const REJECTED_CLAIM = ok(
  moveClaim(
    FULL_CLAIM,
    { status: 'ditolak', on: '2026-08-31', by: 'Petugas', reason: LONG_REASON },
    TODAY,
  ),
)

const PARTICIPANT: ClaimLetterInput['participant'] = {
  fullName: 'Yohanes Lado',
  maskedNik: maskNik(NIK),
  kpjNumber: '00012345678',
  registrationNumber: 'NGN-6402-2023-000417',
  villageName: 'Loa Ipuh',
  kecamatanName: 'Tenggarong',
  heirName: 'Maria Lado',
}

const inputOf = (
  claim: ClaimCase,
  benefit: ExpectedBenefitResult | null,
  more: Partial<ClaimLetterInput> = {},
): ClaimLetterInput => ({
  claim,
  participant: PARTICIPANT,
  benefit,
  office: OFFICE,
  regionName: REGION,
  today: TODAY,
  language: 'id',
  heirRelationshipLabel: 'Suami / istri',
  ...more,
})

/** Long names everywhere, on top of the longest status. */
const LONGEST: Partial<ClaimLetterInput> = {
  participant: {
    ...PARTICIPANT,
    fullName: 'Muhammad Abdurrahman Syahputra bin Haji Abdul Karim Al-Banjari',
    villageName: 'Loa Ipuh Darat Seberang Hulu',
    kecamatanName: 'Tenggarong Seberang',
  },
  office: {
    name: 'Dinas Tenaga Kerja dan Transmigrasi Kabupaten Kutai Kartanegara',
    address:
      'Jl. Wolter Monginsidi No. 1, Kelurahan Timbau, Kecamatan Tenggarong, Kabupaten Kutai Kartanegara, Kalimantan Timur 75511',
  },
}

// --- Reading the PDFs back ------------------------------------------------------------------------

const fontBytes = async (name: string) =>
  new Uint8Array(await readFile(new URL(`../../../../resources/fonts/${name}`, import.meta.url)))

/** The text as read, runs of white space (line breaks in wrapped text) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ')

interface Read {
  /** pdftotext's reading order, pages split at form feeds. */
  pages: string[]
  /** pdftotext -layout: a table row on one line. */
  layoutPages: string[]
  sizes: { widthMm: number; heightMm: number }[]
}

const pagesOf = (text: string) => text.split('\f').filter((page) => page.trim() !== '')
/**
 * A page's lines as -layout reads them, white space squeezed. The empty box, '[ ]' on paper, reads
 * '[]' in layout mode (pdftotext drops a lone space between glyphs): written '[ ]' here.
 */
const linesOf = (page: string) =>
  page.split('\n').map((line) =>
    flat(line)
      .trim()
      .replace(/\[\s*\]/g, '[ ]'),
  )
/** The checklist's rows: the lines that start with a box (the legend starts with words). */
const boxRows = (page: string) => linesOf(page).filter((line) => /^\[[ x]\]/.test(line))

describe('printedNik', () => {
  it('keeps a masked NIK and masks a full one handed over by mistake', () => {
    expect(printedNik('640206******0001')).toBe('640206******0001')
    expect(printedNik(NIK)).toBe('640206******0001')
    expect(printedNik('6402 0615 0590 0001')).toBe('640206******0001')
  })
})

describe.skipIf(!hasPoppler && !isCi)('the claim letter as PDF, read back by poppler', () => {
  const read: Record<string, Read> = {}

  beforeAll(async () => {
    if (!hasPoppler) {
      throw new Error('pdftotext/pdfinfo not on PATH: CI must install poppler-utils (see .ci/run)')
    }
    const fonts = {
      regular: await fontBytes('NotoSans-Regular.ttf'),
      bold: await fontBytes('NotoSans-Bold.ttf'),
    }
    const render = async (input: ClaimLetterInput): Promise<Read> => {
      const file = await pdfFileOf(await renderClaimLetterPdf(input, fonts))
      try {
        return {
          pages: pagesOf(await pdfText(file.path)),
          layoutPages: pagesOf(await pdfText(file.path, { layout: true })),
          sizes: await pdfPages(file.path),
        }
      } finally {
        await file.cleanup()
      }
    }
    const inputs: Record<string, ClaimLetterInput> = {
      full: inputOf(FULL_CLAIM, FULL_BENEFIT),
      fullEn: inputOf(FULL_CLAIM, FULL_BENEFIT, {
        language: 'en' as Language,
        heirRelationshipLabel: 'Husband / wife',
      }),
      early: inputOf(EARLY_CLAIM, EARLY_BENEFIT, { heirRelationshipLabel: 'Anak' }),
      jkk: inputOf(JKK_CLAIM, JKK_BENEFIT),
      longest: inputOf(REJECTED_CLAIM, FULL_BENEFIT, LONGEST),
      longestEn: inputOf(REJECTED_CLAIM, FULL_BENEFIT, {
        ...LONGEST,
        language: 'en' as Language,
        heirRelationshipLabel: 'Husband / wife',
      }),
      // A caller that hands over the full NIK by mistake, and no benefit figures.
      careless: inputOf(EARLY_CLAIM, null, {
        participant: { ...PARTICIPANT, maskedNik: OTHER_NIK },
        heirRelationshipLabel: 'Anak',
      }),
    }
    await Promise.all(
      Object.entries(inputs).map(async ([name, input]) => {
        read[name] = await render(input)
      }),
    )
  }, 60_000)

  const page = (name: string, index: number) => read[name]!.pages[index] ?? ''
  const all = (name: string) => read[name]!.pages.join('\f')

  it('is two A4 pages: the letter, then the checklist', () => {
    for (const name of ['full', 'fullEn', 'early', 'jkk', 'careless', 'longest', 'longestEn']) {
      expect(read[name]!.sizes, name).toHaveLength(2)
      expect(read[name]!.pages, name).toHaveLength(2)
      for (const size of read[name]!.sizes) {
        expect(size.widthMm).toBeCloseTo(210, 0)
        expect(size.heightMm).toBeCloseTo(297, 0)
      }
    }
    expect(flat(page('full', 0))).toContain('Surat pengantar klaim Jaminan Kematian (JKM)')
    expect(flat(page('full', 0))).not.toContain('Daftar berkas untuk ahli waris')
    expect(flat(page('full', 1))).toContain('Daftar berkas untuk ahli waris')
  })

  it("keeps the longest letter (long names, BPJS's longest reason) on page 1, signature too", () => {
    for (const [name, signName] of [
      ['longest', 'Nama jelas, tanda tangan dan cap'],
      ['longestEn', 'Full name, signature and stamp'],
    ] as const) {
      const letter = flat(page(name, 0))
      expect(letter, name).toContain(flat(LONG_REASON).trim())
      expect(letter, name).toContain(signName)
      expect(flat(page(name, 1)), name).not.toContain(signName)
    }
    expect(flat(page('longest', 0))).toContain('Ditolak, sejak 31 Agustus 2026.')
  })

  it('says who the participant was, with the masked NIK only', () => {
    const letter = flat(page('full', 0))
    expect(letter).toContain('Yohanes Lado')
    expect(page('full', 0)).toContain('640206******0001')
    expect(letter).toContain('No. KPJ 00012345678')
    expect(letter).toContain('NGN-6402-2023-000417')
    expect(letter).toContain('Loa Ipuh')
    expect(letter).toContain('Kecamatan Tenggarong')
    expect(letter).toContain('Iuran dibayar Pemerintah Kabupaten Kutai Kartanegara')
    expect(letter).toContain('Tanggal meninggal 3 Agustus 2026')
  })

  it('holds no full NIK, even when a caller passes one', () => {
    for (const name of ['full', 'fullEn', 'early', 'jkk', 'careless']) {
      expect(all(name), name).not.toMatch(SIXTEEN_DIGITS)
      const squashed = all(name).replace(/\s+/g, '')
      expect(squashed, name).not.toContain(NIK)
      expect(squashed, name).not.toContain(OTHER_NIK)
    }
    expect(page('careless', 0)).toContain('640206******0002')
  })

  it('names the heir and the relationship on both pages', () => {
    expect(flat(page('full', 0))).toContain('Rahmat Hidayat')
    expect(flat(page('full', 0))).toContain('Hubungan Suami / istri')
    expect(flat(page('full', 1))).toContain(
      'Untuk Rahmat Hidayat (Suami / istri), ahli waris Yohanes Lado.',
    )
    // The case's heir, not the one on the registration record.
    expect(all('full')).not.toContain('Maria Lado')
    expect(flat(page('early', 1))).toContain('Untuk Siti Aminah (Anak)')
  })

  it('gives the full JKM benefit line by line, Rp42.000.000 in all, and the scholarship', () => {
    const rows = linesOf(read.full!.layoutPages[0]!)
    // Each line with its amount on one row, the total last.
    expect(rows).toContain('Santunan sekaligus Rp20.000.000')
    expect(rows).toContain('Santunan berkala (dibayar sekaligus) Rp12.000.000')
    expect(rows).toContain('Biaya pemakaman Rp10.000.000')
    expect(rows).toContain('Jumlah seluruhnya Rp42.000.000')
    const letter = flat(page('full', 0))
    expect(letter).toContain('Kepesertaan tanpa putus sejak 1 Januari 2023.')
    expect(letter).toContain('Beasiswa pendidikan: berhak, untuk 2 anak yang bersekolah.')
    expect(letter).not.toContain('belum berhak')
  })

  it('gives only the funeral costs, Rp10.000.000, to a death within 3 months', () => {
    const letter = flat(page('early', 0))
    const rows = linesOf(read.early!.layoutPages[0]!)
    expect(rows).toContain('Biaya pemakaman Rp10.000.000')
    expect(rows).toContain('Jumlah seluruhnya Rp10.000.000')
    expect(letter).not.toContain('Rp42.000.000')
    expect(letter).not.toContain('Rp20.000.000')
    expect(letter).not.toContain('Santunan sekaligus')
    expect(letter).toContain('3 bulan pertama kepesertaan (mulai 1 Juni 2026)')
    expect(letter).toContain('hanya biaya pemakaman')
    expect(letter).toContain('Beasiswa pendidikan: belum berhak')
  })

  it("gives the case's status, the day it was opened, and the amount claimed", () => {
    expect(flat(page('full', 0))).toContain('Diajukan ke BPJS, sejak 25 Agustus 2026.')
    expect(flat(page('full', 0))).toContain('pada 10 Agustus 2026')
    expect(flat(page('full', 0))).toContain('Jumlah yang diajukan: Rp42.000.000.')
    expect(flat(page('early', 0))).toContain('Dilaporkan, sejak 10 Agustus 2026.')
  })

  it('is from the office, dated, with a signature block', () => {
    // The letterhead: the office first.
    expect(page('full', 0).trim().split('\n')[0]).toBe('Kantor Kecamatan Tenggarong')
    const letter = flat(page('full', 0))
    expect(letter).toContain('Kantor Kecamatan Tenggarong')
    expect(letter).toContain('Kabupaten Kutai Kartanegara, 1 September 2026')
    expect(letter).toContain('Kepala Kantor Cabang BPJS Ketenagakerjaan')
    expect(letter).toContain('Petugas Kantor Kecamatan Tenggarong')
    expect(letter).toContain('Nama jelas, tanda tangan dan cap')
  })

  it('lists every document of the case, each with its box and the day it came in', () => {
    const rows = boxRows(read.full!.layoutPages[1]!)
    for (const document of FULL_CLAIM.documents) {
      const label = claimDocumentLabelsId[document.code]
      const day = `${Number(document.on.slice(8))} Agustus 2026`
      expect(rows.includes(`[x] ${label} Diterima ${day}`), label).toBe(true)
    }
    expect(flat(page('full', 1))).toContain('Buku nikah')
    expect(flat(page('full', 1))).toContain('Semua berkas sudah lengkap.')
    expect(rows).toHaveLength(FULL_CLAIM.documents.length)
    expect(rows.filter((line) => line.startsWith('[ ]'))).toEqual([])
  })

  it('marks what the heir still has to bring, and no document the case does not need', () => {
    const rows = boxRows(read.early!.layoutPages[1]!)
    for (const document of EARLY_CLAIM.documents) {
      const label = claimDocumentLabelsId[document.code]
      const expected =
        document.state === 'received'
          ? `[x] ${label} Diterima ${Number(document.on.slice(8))} Agustus 2026`
          : `[ ] ${label} Belum ada`
      expect(rows.includes(expected), expected).toBe(true)
    }
    expect(rows.filter((line) => line.startsWith('[ ]'))).toHaveLength(4)
    expect(rows.filter((line) => line.startsWith('[x]'))).toHaveLength(2)
    const checklist = flat(page('early', 1))
    expect(checklist).toContain('4 berkas belum ada.')
    expect(checklist).not.toContain('Buku nikah')
  })

  it('says what to bring to the branch and where to ask', () => {
    const checklist = flat(page('full', 1))
    expect(checklist).toContain('Yang dibawa ke kantor BPJS Ketenagakerjaan')
    expect(checklist).toContain('Bawa yang asli dan satu fotokopi tiap berkas.')
    expect(checklist).toContain('Buku tabungan atas nama ahli waris.')
    expect(checklist).toContain('tidak dipungut biaya')
    expect(checklist).toContain('tanyakan ke Kantor Kecamatan Tenggarong.')
    expect(checklist).toContain(`Alamat: ${OFFICE.address}`)
  })

  it('writes a JKK claim: BPJS sets the benefit, the participant claims', () => {
    const letter = flat(page('jkk', 0))
    expect(letter).toContain('Surat pengantar klaim Jaminan Kecelakaan Kerja (JKK)')
    expect(letter).toContain('Tanggal kecelakaan kerja 3 Agustus 2026')
    expect(letter).toContain('ditetapkan BPJS')
    expect(letter).not.toMatch(/Rp\d/)
    expect(letter).not.toContain('Ahli waris ')
    const checklist = flat(page('jkk', 1))
    expect(checklist).toContain('Daftar berkas untuk peserta')
    expect(checklist).toContain('KTP peserta')
    expect(checklist).toContain('Surat keterangan dokter')
    expect(checklist).toContain('[x] Laporan dan kronologi kecelakaan kerja')
  })

  it('says so when there are no benefit figures', () => {
    const letter = flat(page('careless', 0))
    expect(letter).toContain('Perkiraan manfaat belum dapat dihitung.')
    expect(letter).not.toMatch(/Rp\d/)
  })

  it('reads in English too', () => {
    const letter = flat(page('fullEn', 0))
    expect(letter).toContain('Claim cover letter: Death Benefit (Jaminan Kematian, JKM)')
    expect(letter).toContain('Date of death 3 August 2026')
    expect(letter).toContain('Total Rp42.000.000')
    expect(letter).toContain('Submitted to BPJS, since 25 August 2026.')
    expect(letter).not.toContain('Surat pengantar klaim')
    const checklist = flat(page('fullEn', 1))
    expect(checklist).toContain('Documents for the heir')
    for (const document of FULL_CLAIM.documents) {
      expect(checklist).toContain(claimDocumentLabelsEn[document.code])
    }
    expect(checklist).toContain('Received 12 August 2026')
    expect(checklist).not.toContain('Diterima')
  })
})
