import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '@shared/district/district-config'
import { validateTable } from '@shared/import/analyse'
import { resolveMapping, suggestMapping } from '@shared/import/import-fields'
import { describeRowIssue } from '@shared/import/import-issues'
import {
  describeOutcome,
  planNotices,
  planRows,
  type ExistingRecord,
  type PlanContext,
} from '@shared/import/import-plan'
import { readImportTable } from '@shared/import/import-table'
import type { ValidationContext } from '@shared/import/row-validation'

const district = loadDistrict(
  JSON.parse(
    readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
  ),
  readFileSync(new URL('../../../../resources/district/wilayah.csv', import.meta.url), 'utf8'),
)
const verification = district.config.verification

function validate(text: string, extra: Partial<ValidationContext> = {}) {
  const read = readImportTable(new TextEncoder().encode(text), 'dtsen')
  if (!read.ok) throw new Error(read.problem)
  const mapping = suggestMapping(read.table.headers, 'dtsen')
  const result = validateTable(read.table, mapping, 'dtsen', {
    district,
    today: '2026-12-06',
    ...extra,
  })
  if (!result.ok) throw new Error(result.missing.join())
  return result.rows
}

const HEADER = 'NIK;NO KK;NAMA;TGL LAHIR;DESA;DESIL\n'

describe('a DTSEN extract: columns and rows', () => {
  it('maps the decile and data date columns as agencies name them, and needs the decile', () => {
    const headers = ['NIK', 'NO KK', 'NAMA', 'TGL LAHIR', 'DESA', 'Desil Nasional', 'Tanggal Data']
    expect(suggestMapping(headers, 'dtsen')).toMatchObject({
      decile: 'Desil Nasional',
      snapshotDate: 'Tanggal Data',
      kk: 'NO KK',
    })
    expect(resolveMapping(headers.slice(0, 5), {}, 'dtsen')).toMatchObject({
      ok: false,
      missing: expect.arrayContaining(['decile']),
    })
  })

  it('reads deciles 1–10 and refuses anything else with a sentence a clerk understands', () => {
    const rows = validate(
      HEADER +
        '6402065505900001;6402060101200001;Siti;15-05-1990;Loa Ipuh;5\n' +
        '6402061708850002;6402060101200002;Budi;17-08-1985;Loa Ipuh;Desil 10\n' +
        '6402061708850003;6402060101200003;Cici;17-08-1985;Loa Ipuh;11\n' +
        '6402061708850004;6402060101200004;Dodi;17-08-1985;Loa Ipuh;3,5\n' +
        '6402061708850005;6402060101200005;Eka;17-08-1985;Loa Ipuh;\n',
    )
    expect(rows.map((row) => row.dtsen?.decile ?? row.errors[0]?.code)).toEqual([
      5,
      10,
      'DECILE_INVALID',
      'DECILE_INVALID',
      'REQUIRED',
    ])
    expect(describeRowIssue(rows[2]!.errors[0]!, 'id')).toBe(
      'Desil "11" tidak dapat dibaca. Desil DTSEN adalah angka bulat 1 sampai 10 (1 = 10% keluarga termiskin).',
    )
  })

  it('holds one data date per file: a row with another date is an error', () => {
    const rows = validate(
      'NIK;NAMA;TGL LAHIR;DESA;DESIL;TANGGAL DATA\n' +
        '6402065505900001;Siti;15-05-1990;Loa Ipuh;5;30-09-2026\n' +
        '6402061708850002;Budi;17-08-1985;Loa Ipuh;4;31-12-2026\n' +
        '6402061708850003;Cici;17-08-1985;Loa Ipuh;4;kemarin\n',
      { snapshotDate: '2026-09-30' },
    )
    expect(rows[0]?.dtsen).toEqual({ decile: 5, snapshotDate: '2026-09-30' })
    expect(rows[1]?.errors.map((issue) => issue.code)).toEqual(['SNAPSHOT_DATE_DIFFERS'])
    expect(describeRowIssue(rows[1]!.errors[0]!, 'id')).toBe(
      'Tanggal data 2026-12-31 berbeda dengan tanggal data berkas ini (2026-09-30). Satu berkas DTSEN berasal dari satu tanggal data.',
    )
    expect(rows[2]?.errors.map((issue) => issue.code)).toEqual(['SNAPSHOT_DATE_INVALID'])
  })
})

describe('a DTSEN extract: the dry run against the decile threshold', () => {
  const rows = validate(
    HEADER +
      '6402065505900001;6402060101200001;Siti;15-05-1990;Loa Ipuh;5\n' + // at the threshold
      '6402061708850002;6402060101200002;Budi;17-08-1985;Loa Ipuh;6\n' + // above, unknown
      '6402061708850003;6402060101200003;Cici;17-08-1985;Loa Ipuh;7\n' + // above, registered
      '6402061708850004;6402060101200004;Dodi;17-08-1985;Loa Ipuh;2\n', // within, registered
  )
  const registered = (nik: string, number: string): [string, ExistingRecord[]] => [
    nik,
    [
      {
        id: `id-${number}`,
        registrationNumber: number,
        nameKey: '',
        status: 'submitted',
        checks: [{ agency: 'dinsos', state: 'pending' }],
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
    ],
  ]
  const existing = new Map([
    registered('6402061708850003', '0601-000003'),
    registered('6402061708850004', '0601-000004'),
  ])
  const ctx: PlanContext = {
    kind: 'dtsen',
    agency: 'dinsos',
    actor: { role: 'supervisor', agency: null },
    createDrafts: true,
    registrationAllowed: true,
    maxDecile: 5,
  }

  it('proposes drafts within the threshold only, and says why not above it', () => {
    const outcomes = planRows(rows, existing, ctx)
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual([
      'create',
      'not-found',
      'skip',
      'match',
    ])
    expect(describeOutcome(outcomes[1]!, verification, 'id')).toBe(
      'NIK ini belum terdaftar di sini. Keluarga ini berada di desil 6, di atas batas program (desil 1–5); tidak diusulkan sebagai draf.',
    )
    expect(describeOutcome(outcomes[2]!, verification, 'id')).toBe(
      '0601-000003: desil 7, di atas batas program (desil 1–5); pemeriksaan tidak dikonfirmasi.',
    )
  })

  it('follows the district threshold: with 7, every row qualifies', () => {
    const outcomes = planRows(rows, existing, { ...ctx, maxDecile: 7 })
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual([
      'create',
      'create',
      'match',
      'match',
    ])
  })

  it('does nothing without a threshold in district.json, and says so once', () => {
    const { maxDecile: _unused, ...withoutThreshold } = ctx
    const outcomes = planRows(rows, existing, withoutThreshold)
    expect(outcomes.every((outcome) => outcome.outcome === 'not-found')).toBe(true)
    expect(planNotices(withoutThreshold).map((notice) => notice.id)).toEqual([
      'district.json belum menetapkan eligibility.maxDecile (batas desil program), sehingga data DTSEN tidak dapat diimpor. Hubungi admin kabupaten.',
    ])
  })
})
