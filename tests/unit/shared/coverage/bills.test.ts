/**
 * BPJS's monthly bill (shared/coverage/bills.ts): a generated bill for March 2026 with one of
 * every difference put in on purpose, read from a sheet as the supervisor maps it and reconciled
 * against 200-odd records, person by person; the rate after a tariff change and a payer kind's
 * discount; rupiah as Indonesian and English sheets write them; the rows that stop a bill from
 * being recorded; and stored bills, resolutions and the bill in force as they arrive from
 * another PC or the server, where a NIK in the clear must never get in.
 */
import { describe, expect, it } from 'vitest'
import {
  billInForce,
  billTotal,
  guessBillMapping,
  MAX_LINE_AMOUNT,
  MAX_RESOLUTION_NOTE,
  parseBillResolution,
  parseStoredBill,
  readBillSheet,
  readRupiah,
  reconcileBill,
  resolutionsByKey,
  type BillDifference,
  type BillLine,
  type BillMapping,
  type BillMember,
  type BillResolution,
  type BillSheet,
  type ReconciledParticipant,
  type StoredBill,
} from '@shared/coverage/bills'
import type { PayerKind, Tariff } from '@shared/coverage/tariffs'
import { parseTariffs } from '@shared/district/tariff-config'
import { maskNik } from '@shared/identity/masking'
import type { CoveragePeriod } from '@shared/participant/participant-document'

const KAB = 'apbd-kab'
const PROV = 'apbd-prov'
const OLD_RATE = 16_800
const NEW_RATE = 19_500

/**
 * JKK 10.000 + JKM 6.800 until June 2026, then 12.000 + 7.500; PP 50/2025's 50 % for every payer
 * except APBN and APBD, on both tariffs.
 */
const TARIFFS: Tariff[] = parseTariffs({
  tariffs: [
    {
      validFrom: '2020-01',
      validUntil: '2026-06',
      lines: { jkk: 10_000, jkm: 6_800 },
      total: OLD_RATE,
      regulation: 'PP 82/2019',
      discounts: [
        {
          percent: 50,
          validFrom: '2026-01',
          regulation: 'PP 50/2025',
          appliesToPayerKinds: 'semua',
          excludesPayerKinds: ['apbn', 'apbd-provinsi', 'apbd-kabupaten'],
        },
      ],
    },
    {
      validFrom: '2026-07',
      lines: { jkk: 12_000, jkm: 7_500 },
      total: NEW_RATE,
      regulation: 'PP 99/2026 (contoh)',
      discounts: [
        {
          percent: 50,
          regulation: 'PP 50/2025',
          appliesToPayerKinds: 'semua',
          excludesPayerKinds: ['apbn', 'apbd-provinsi', 'apbd-kabupaten'],
        },
      ],
    },
  ],
})

// ---------------------------------------------------------------------------------------------
// The people

interface Person extends ReconciledParticipant {
  nik: string
  /** Whether the regency pays for this person in March 2026, by construction. */
  kabInMarch: boolean
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
/** 16 digits, never ending in 0 (so a number cell could hold it too), unique per n. */
const nikOf = (n: number) => `64020615059${String(n).padStart(4, '0')}1`
const kpjOf = (n: number) => `000${String(n).padStart(8, '0')}`

const period = (
  from: string,
  options: Partial<Omit<CoveragePeriod, 'from'>> = {},
): CoveragePeriod => ({
  year: Number(from.slice(0, 4)),
  from,
  batchId: `B-${options.payerCode ?? 'lama'}-${from.slice(0, 4)}`,
  ...options,
})

/** Eight ways to be (or not be) the regency's in March 2026, in turn. */
const TEMPLATES: { coverage: CoveragePeriod[]; kabInMarch: boolean }[] = [
  { coverage: [period('2026-01-01', { payerCode: KAB })], kabInMarch: true },
  // One day of March pays March: the last day…
  { coverage: [period('2026-03-31', { payerCode: KAB })], kabInMarch: true },
  // …and the first.
  {
    coverage: [period('2026-01-01', { payerCode: KAB, until: '2026-03-01', endReason: 'pindah' })],
    kabInMarch: true,
  },
  { coverage: [period('2026-04-01', { payerCode: KAB })], kabInMarch: false },
  {
    coverage: [period('2026-01-01', { payerCode: KAB, until: '2026-02-28', endReason: 'pindah' })],
    kabInMarch: false,
  },
  // Written before payers: the default payer, the regency.
  { coverage: [period('2026-02-15')], kabInMarch: true },
  {
    coverage: [period('2025-06-01', { payerCode: KAB }), period('2026-01-01', { payerCode: KAB })],
    kabInMarch: true,
  },
  // 2025 only: it ran out on 31 December.
  { coverage: [period('2025-01-01', { payerCode: KAB })], kabInMarch: false },
]

function person(n: number, coverage: CoveragePeriod[] | undefined, kabInMarch: boolean): Person {
  const nik = nikOf(n)
  return {
    id: uuid(n),
    nik,
    fullName: `Peserta ${n}`,
    maskedNik: maskNik(nik),
    kpjNumber: kpjOf(n),
    ...(coverage ? { coverage } : {}),
    kabInMarch,
  }
}

const GENERATED: Person[] = Array.from({ length: 200 }, (_, index) => {
  const template = TEMPLATES[index % TEMPLATES.length]
  if (!template) throw new Error('no template')
  return person(index + 1, template.coverage, template.kabInMarch)
})
const PROVINCE_PAID: Person[] = [301, 302, 303, 304, 305].map((n) =>
  person(n, [period('2026-01-01', { payerCode: PROV })], false),
)
/** Both payers in March: the regency owes for this person (the overlap is payers.ts's business). */
const BOTH = person(
  310,
  [period('2026-01-01', { payerCode: KAB }), period('2026-03-20', { payerCode: PROV })],
  true,
)
const DECEASED = person(
  320,
  [period('2026-01-01', { payerCode: KAB, until: '2026-02-10', endReason: 'meninggal' })],
  false,
)
const MOVED = person(
  321,
  [period('2026-01-01', { payerCode: KAB, until: '2026-01-31', endReason: 'pindah' })],
  false,
)
const NEVER_COVERED = person(322, undefined, false)
const RAN_OUT = GENERATED[7] // template 7: 2025 only
if (!RAN_OUT || RAN_OUT.kabInMarch) throw new Error('template 7 moved')

const EVERYONE: Person[] = [...GENERATED, ...PROVINCE_PAID, BOTH, DECEASED, MOVED, NEVER_COVERED]
const MEMBERS: BillMember[] = EVERYONE.map(({ id, nik, kpjNumber }) => ({
  id,
  nik,
  ...(kpjNumber ? { kpjNumber } : {}),
}))
const PARTICIPANTS: ReconciledParticipant[] = EVERYONE.map(
  ({ nik: _nik, kabInMarch: _kab, ...participant }) => participant,
)

const COVERED_BY_KAB = EVERYONE.filter((p) => p.kabInMarch)
const at = <T>(list: readonly T[], index: number): T => {
  const found = list[index]
  if (found === undefined) throw new Error(`no entry ${index}`)
  return found
}
/** Left off the bill: two people the regency pays for. */
const LEFT_OUT = [at(COVERED_BY_KAB, 10), at(COVERED_BY_KAB, 50)]
/** On two rows. */
const TWICE = at(COVERED_BY_KAB, 20)
/** Billed at double the rate. */
const WRONG_AMOUNT = at(COVERED_BY_KAB, 30)
/** A row with the KPJ only, the NIK cell empty. */
const KPJ_ONLY = at(COVERED_BY_KAB, 40)
const STRANGER_NIK = '6402069999990001'

// ---------------------------------------------------------------------------------------------
// The sheet

const HEADER = ['No', 'NIK', 'No KPJ', 'Nama Peserta', 'Iuran (Rp)']
const MAPPING: BillMapping = { nik: 1, kpj: 2, name: 3, amount: 4 }

/** A row as BPJS writes it; amounts in the forms their exports use, in turn. */
function billRow(p: Pick<Person, 'nik' | 'fullName' | 'kpjNumber'>, amount: number, n: number) {
  const dotted = String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  const forms = [String(amount), dotted, `Rp ${dotted},00`]
  return [String(n), p.nik, p.kpjNumber ?? '', p.fullName.toUpperCase(), at(forms, n % 3)]
}

function buildSheet(): { sheet: BillSheet; rowOf: Map<string, number[]> } {
  const cells: string[][] = []
  const rowOf = new Map<string, number[]>()
  const add = (key: string, row: string[]) => {
    cells.push(row)
    const rowNumber = cells.length + 1
    rowOf.set(key, [...(rowOf.get(key) ?? []), rowNumber])
  }
  for (const p of COVERED_BY_KAB) {
    if (LEFT_OUT.includes(p)) continue
    const row = billRow(p, p === WRONG_AMOUNT ? 2 * OLD_RATE : OLD_RATE, cells.length + 1)
    if (p === KPJ_ONLY) row[1] = ''
    add(p.id, row)
  }
  // The differences, spread among the rows as a real bill has them.
  const stranger = { nik: STRANGER_NIK, fullName: 'Orang Lain', kpjNumber: '00099999999' }
  add('stranger', billRow(stranger, OLD_RATE, cells.length + 1))
  for (const p of [MOVED, DECEASED, at(PROVINCE_PAID, 2), NEVER_COVERED, RAN_OUT as Person]) {
    add(p.id, billRow(p, OLD_RATE, cells.length + 1))
  }
  add(TWICE.id, billRow(TWICE, OLD_RATE, cells.length + 1))
  return {
    sheet: {
      header: HEADER,
      rows: cells.map((row, index) => ({ rowNumber: index + 2, cells: row })),
    },
    rowOf,
  }
}

function storedBill(lines: BillLine[], overrides: Partial<StoredBill> = {}): StoredBill {
  return {
    id: 'T20260410-1a2b3c4d',
    payerCode: KAB,
    month: '2026-03',
    fileName: 'tagihan-maret-2026.xlsx',
    importedAt: '2026-04-10T02:00:00.000Z',
    importedBy: 'Supervisor Dinas',
    lines,
    ...overrides,
  }
}

function readOrThrow(sheet: BillSheet, mapping: BillMapping = MAPPING): BillLine[] {
  const read = readBillSheet(sheet, mapping, MEMBERS)
  if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.problems)}`)
  return read.lines
}

const reconcile = (
  bill: StoredBill,
  options: { participants?: readonly ReconciledParticipant[]; payerKind?: PayerKind } = {},
) =>
  reconcileBill({
    bill,
    participants: options.participants ?? PARTICIPANTS,
    tariffs: TARIFFS,
    payerKind: options.payerKind ?? 'apbd-kabupaten',
    defaultPayerCode: KAB,
  })

const rowsOf = (rowOf: Map<string, number[]>, key: string): number[] => {
  const rows = rowOf.get(key)
  if (!rows) throw new Error(`no row for ${key}`)
  return rows
}

describe('a generated bill for March 2026, with one of every difference', () => {
  const { sheet, rowOf } = buildSheet()
  const lines = readOrThrow(sheet)
  const bill = storedBill(lines)
  const result = reconcile(bill)
  const ofKind = (kind: BillDifference['kind']) =>
    result.differences.filter((difference) => difference.kind === kind)

  it('the sheet was built as intended: 126 people the regency pays for, 131 rows', () => {
    expect(COVERED_BY_KAB).toHaveLength(126) // 5 of 8 templates × 200, and BOTH
    expect(sheet.rows).toHaveLength(131) // 124 billed + the second row + 6 not to be billed
    expect(guessBillMapping(HEADER)).toEqual(MAPPING)
  })

  it('reads every row into a line matched by NIK, or by KPJ when the NIK cell is empty', () => {
    expect(lines).toHaveLength(131)
    const [kpjRow] = rowsOf(rowOf, KPJ_ONLY.id)
    expect(lines.find((line) => line.row === kpjRow)).toEqual({
      row: kpjRow,
      participantId: KPJ_ONLY.id,
      maskedNik: '',
      kpj: KPJ_ONLY.kpjNumber,
      name: KPJ_ONLY.fullName.toUpperCase(),
      amount: OLD_RATE,
    })
    const [strangerRow] = rowsOf(rowOf, 'stranger')
    expect(lines.find((line) => line.row === strangerRow)).toEqual({
      row: strangerRow,
      maskedNik: '640206******0001',
      kpj: '00099999999',
      name: 'ORANG LAIN',
      amount: OLD_RATE,
    })
    // The three amount forms were all read as whole rupiah.
    expect(new Set(lines.map((line) => line.amount))).toEqual(new Set([OLD_RATE, 2 * OLD_RATE]))
  })

  it('keeps no NIK in the clear: the lines travel between PCs', () => {
    const json = JSON.stringify(lines)
    for (const p of EVERYONE) expect(json).not.toContain(p.nik)
    expect(json).not.toContain(STRANGER_NIK)
    expect(parseStoredBill(JSON.parse(JSON.stringify(bill)))).toEqual({ ok: true, bill })
  })

  it('totals what the bill asks and what Naungan expects', () => {
    expect(result).toMatchObject({
      billId: 'T20260410-1a2b3c4d',
      payerCode: KAB,
      month: '2026-03',
      rate: { jkk: 10_000, jkm: 6_800, total: OLD_RATE },
      billedLines: 131,
      // 130 rows at the rate and one at double
      billedTotal: 130 * OLD_RATE + 2 * OLD_RATE,
      expectedPeople: 126,
      expectedTotal: 126 * OLD_RATE,
      // 124 people billed once, one of them at the wrong amount
      agreedLines: 123,
    })
    expect(billTotal(bill)).toBe(result.billedTotal)
    expect(result.counts).toEqual({
      'not-ours': 1,
      ended: 3,
      deceased: 1,
      'other-payer': 1,
      'billed-twice': 1,
      amount: 1,
      'not-billed': 2,
    })
    expect(result.differences).toHaveLength(10)
  })

  it('not-ours: the NIK no record has, by row', () => {
    const [row] = rowsOf(rowOf, 'stranger')
    expect(ofKind('not-ours')).toEqual([
      {
        key: `not-ours:r${row}`,
        kind: 'not-ours',
        row,
        name: 'ORANG LAIN',
        maskedNik: '640206******0001',
        kpj: '00099999999',
        billed: OLD_RATE,
        expected: 0,
      },
    ])
  })

  it('ended: moved away in January, never covered, and coverage that ran out with 2025', () => {
    const ended = ofKind('ended')
    expect(ended.map((d) => [d.participantId, d.endedOn ?? null])).toEqual([
      [MOVED.id, '2026-01-31'],
      [NEVER_COVERED.id, null],
      // The 2025 period had no `until`: its last covered day is 31 December 2025.
      [RAN_OUT.id, '2025-12-31'],
    ])
    expect(ended[0]).toEqual({
      key: `ended:${MOVED.id}`,
      kind: 'ended',
      row: at(rowsOf(rowOf, MOVED.id), 0),
      participantId: MOVED.id,
      // The record's name and masked NIK, not the bill's capitals.
      name: MOVED.fullName,
      maskedNik: MOVED.maskedNik,
      kpj: MOVED.kpjNumber,
      billed: OLD_RATE,
      expected: 0,
      endedOn: '2026-01-31',
    })
  })

  it('deceased: coverage ended by death on 10 February', () => {
    expect(ofKind('deceased')).toEqual([
      {
        key: `deceased:${DECEASED.id}`,
        kind: 'deceased',
        row: at(rowsOf(rowOf, DECEASED.id), 0),
        participantId: DECEASED.id,
        name: DECEASED.fullName,
        maskedNik: DECEASED.maskedNik,
        kpj: DECEASED.kpjNumber,
        billed: OLD_RATE,
        expected: 0,
        endedOn: '2026-02-10',
      },
    ])
  })

  it('other-payer: the province pays for this one', () => {
    const province = at(PROVINCE_PAID, 2)
    expect(ofKind('other-payer')).toEqual([
      expect.objectContaining({
        key: `other-payer:${province.id}`,
        participantId: province.id,
        billed: OLD_RATE,
        expected: 0,
        otherPayerCodes: [PROV],
      }),
    ])
  })

  it('billed-twice: the later row; the first one agrees', () => {
    const rows = rowsOf(rowOf, TWICE.id)
    expect(rows).toHaveLength(2)
    expect(ofKind('billed-twice')).toEqual([
      expect.objectContaining({
        key: `billed-twice:r${at(rows, 1)}`,
        row: at(rows, 1),
        participantId: TWICE.id,
        billed: OLD_RATE,
        expected: 0,
      }),
    ])
    expect(result.differences.filter((d) => d.participantId === TWICE.id)).toHaveLength(1)
  })

  it('amount: billed at double the rate', () => {
    expect(ofKind('amount')).toEqual([
      expect.objectContaining({
        key: `amount:${WRONG_AMOUNT.id}`,
        row: at(rowsOf(rowOf, WRONG_AMOUNT.id), 0),
        participantId: WRONG_AMOUNT.id,
        billed: 2 * OLD_RATE,
        expected: OLD_RATE,
      }),
    ])
  })

  it('not-billed: the two people left out, with no row', () => {
    expect(ofKind('not-billed')).toEqual(
      LEFT_OUT.map((p) => ({
        key: `not-billed:${p.id}`,
        kind: 'not-billed',
        participantId: p.id,
        name: p.fullName,
        maskedNik: p.maskedNik,
        kpj: p.kpjNumber,
        billed: 0,
        expected: OLD_RATE,
      })),
    )
  })

  it('the person two payers cover in March agrees on the regency’s bill', () => {
    expect(result.differences.some((d) => d.participantId === BOTH.id)).toBe(false)
    expect(rowOf.has(BOTH.id)).toBe(true)
  })

  it('gives the same keys on a second look, a re-read of the file, and records in another order', () => {
    const keys = (r: ReturnType<typeof reconcile>) => r.differences.map((d) => d.key).sort()
    expect(keys(reconcile(bill))).toEqual(keys(result))
    expect(keys(reconcile(storedBill(readOrThrow(sheet))))).toEqual(keys(result))
    expect(keys(reconcile(bill, { participants: [...PARTICIPANTS].reverse() }))).toEqual(
      keys(result),
    )
    expect(new Set(keys(result)).size).toBe(10)
    // Every key is one a resolution may be recorded against.
    for (const key of keys(result)) {
      expect(parseBillResolution(resolution({ key })).ok, key).toBe(true)
    }
  })

  it('a death recorded after the import shows on the next look', () => {
    const died = at(COVERED_BY_KAB, 60)
    const later = PARTICIPANTS.map((p) =>
      p.id === died.id
        ? {
            ...p,
            coverage: [
              period('2026-01-01', { payerCode: KAB, until: '2026-02-27', endReason: 'meninggal' }),
            ],
          }
        : p,
    )
    const again = reconcile(bill, { participants: later })
    expect(again.counts.deceased).toBe(2)
    expect(again.differences.find((d) => d.key === `deceased:${died.id}`)?.endedOn).toBe(
      '2026-02-27',
    )
    expect(again.expectedPeople).toBe(125)
    expect(again.agreedLines).toBe(122)
  })
})

describe('the rate the bill is checked against', () => {
  const allYear = person(401, [period('2026-01-01', { payerCode: KAB })], true)
  const village = person(402, [period('2026-01-01', { payerCode: 'desa-a' })], false)
  const people = [allYear, village].map(({ nik: _n, kabInMarch: _k, ...p }) => p)
  const billOf = (month: string, payerCode: string, amount: number, p: Person) =>
    storedBill(
      [{ row: 2, participantId: p.id, maskedNik: p.maskedNik, name: p.fullName, amount }],
      { month, payerCode },
    )

  it('after the July tariff change, a July bill at the old rate differs by the new rate', () => {
    const july = reconcile(billOf('2026-07', KAB, OLD_RATE, allYear), { participants: people })
    expect(july.rate).toEqual({ jkk: 12_000, jkm: 7_500, total: NEW_RATE })
    expect(july.differences).toEqual([
      expect.objectContaining({ kind: 'amount', billed: OLD_RATE, expected: NEW_RATE }),
    ])
    expect(july.expectedTotal).toBe(NEW_RATE)
    expect(
      reconcile(billOf('2026-07', KAB, NEW_RATE, allYear), { participants: people }),
    ).toMatchObject({
      agreedLines: 1,
      differences: [],
    })
    // June is still the old rate.
    expect(
      reconcile(billOf('2026-06', KAB, OLD_RATE, allYear), { participants: people }),
    ).toMatchObject({
      rate: { total: OLD_RATE },
      agreedLines: 1,
      differences: [],
    })
  })

  it('a village budget gets PP 50/2025’s half; the regency does not', () => {
    const at8400 = reconcile(billOf('2026-03', 'desa-a', 8_400, village), {
      participants: people,
      payerKind: 'apbdes',
    })
    expect(at8400).toMatchObject({
      rate: { jkk: 5_000, jkm: 3_400, total: 8_400 },
      agreedLines: 1,
      expectedPeople: 1,
      expectedTotal: 8_400,
      differences: [],
    })
    const full = reconcile(billOf('2026-03', 'desa-a', OLD_RATE, village), {
      participants: people,
      payerKind: 'apbdes',
    })
    expect(full.differences).toEqual([
      expect.objectContaining({ kind: 'amount', billed: OLD_RATE, expected: 8_400 }),
    ])
    // After the change, half of the new rate.
    expect(
      reconcile(billOf('2026-08', 'desa-a', 9_750, village), {
        participants: people,
        payerKind: 'apbdes',
      }).differences,
    ).toEqual([])
  })

  it('a month no tariff covers is not costed: no amount differences, expected total 0', () => {
    const result = reconcile(billOf('2019-05', KAB, 12_345, allYear), { participants: [] })
    expect(result).toMatchObject({ rate: null, expectedTotal: 0, billedTotal: 12_345 })
    expect(result.differences.map((d) => d.kind)).toEqual(['not-ours'])
  })

  it('refuses a bill whose month is not YYYY-MM', () => {
    expect(() => reconcile(billOf('2026-13', KAB, OLD_RATE, allYear))).toThrow(RangeError)
  })
})

describe('readRupiah', () => {
  it.each([
    ['16800', 16_800],
    ['16.800', 16_800],
    ['Rp 16.800,00', 16_800],
    ['Rp16.800', 16_800],
    ['Rp. 16.800', 16_800],
    ['rp 16.800,-', 16_800],
    ['16,800', 16_800],
    ['16,800.00', 16_800],
    ['1.234.567', 1_234_567],
    ['1,234,567', 1_234_567],
    [' 16\u00a0800 ', 16_800],
    ['="16800"', 16_800],
    ['0', 0],
    ['100.000.000', MAX_LINE_AMOUNT],
  ])('%j → %d', (raw, amount) => {
    expect(readRupiah(raw)).toBe(amount)
  })

  it.each([
    ['16800', 16_800],
    ['16800.0', 16_800],
    ['33600', 33_600],
  ])('number cell %j → %d', (raw, amount) => {
    expect(readRupiah(raw, true)).toBe(amount)
  })

  it.each([
    '16.800,50',
    '16,80',
    '16800.5',
    'abc',
    '',
    '   ',
    '-16800',
    '-16.800',
    '(16.800)',
    '100.000.001',
    '1.2E+5',
    '1,68E+04',
    '16.80.0',
    '1'.repeat(31),
  ])('refuses %j', (raw) => {
    expect(readRupiah(raw)).toBeNull()
  })

  it.each(['16800.5', '1e+21', '100000001', '-5'])('refuses number cell %j', (raw) => {
    expect(readRupiah(raw, true)).toBeNull()
  })
})

describe('readBillSheet: what stops a bill from being recorded', () => {
  const ahmad = at(COVERED_BY_KAB, 0)
  const siti = at(COVERED_BY_KAB, 1)
  const sheetOf = (...rows: string[][]): BillSheet => ({
    header: HEADER,
    rows: rows.map((cells, index) => ({ rowNumber: index + 2, cells })),
  })

  it('lists empty and unreadable amounts and rows without a NIK or KPJ, with their rows', () => {
    const read = readBillSheet(
      sheetOf(
        ['1', ahmad.nik, '', 'AHMAD', ''],
        ['2', siti.nik, '', 'SITI', '16.800,50'],
        ['3', '', '', 'TANPA NOMOR', '16.800'],
        ['4', '12345', 'KPJ?', 'NOMOR RUSAK', 'abc'],
      ),
      MAPPING,
      MEMBERS,
    )
    expect(read).toEqual({
      ok: false,
      problems: [
        { code: 'AMOUNT_EMPTY', row: 2 },
        { code: 'AMOUNT_INVALID', row: 3, value: '16.800,50' },
        { code: 'NO_IDENTITY', row: 4 },
        { code: 'NO_IDENTITY', row: 5 },
        { code: 'AMOUNT_INVALID', row: 5, value: 'abc' },
      ],
    })
  })

  it('skips blank rows; a sheet with none left has NO_ROWS', () => {
    expect(readBillSheet(sheetOf(['', ' ', '', '', '']), MAPPING, MEMBERS)).toEqual({
      ok: false,
      problems: [{ code: 'NO_ROWS' }],
    })
    const read = readBillSheet(
      sheetOf(['', '', '', '', ''], ['2', ahmad.nik, '', 'AHMAD', '16800']),
      MAPPING,
      MEMBERS,
    )
    expect(read.ok && read.lines.map((line) => [line.row, line.participantId])).toEqual([
      [3, ahmad.id],
    ])
  })

  it('does not match an Excel-rounded NIK (a number cell ending in 0) to the record it now spells', () => {
    // A record whose NIK ends in 0: Excel turns 6402061505900001 into exactly this.
    const rounded = { id: uuid(999), nik: '6402061505900000' }
    const sheet: BillSheet = {
      header: HEADER,
      rows: [
        {
          rowNumber: 2,
          cells: ['1', rounded.nik, '', 'DIBULATKAN', '16800'],
          numericCells: [1, 4],
        },
      ],
    }
    expect(readBillSheet(sheet, MAPPING, [...MEMBERS, rounded])).toEqual({
      ok: false,
      problems: [{ code: 'NO_IDENTITY', row: 2 }],
    })
    // With the KPJ beside it, the row is matched by the KPJ, and the rounded NIK is not kept.
    const withKpj: BillSheet = {
      header: HEADER,
      rows: [
        {
          rowNumber: 2,
          cells: ['1', rounded.nik, ahmad.kpjNumber ?? '', 'AHMAD', '16800'],
          numericCells: [1, 4],
        },
      ],
    }
    expect(readOrThrow(withKpj)).toEqual([
      {
        row: 2,
        participantId: ahmad.id,
        maskedNik: '',
        kpj: ahmad.kpjNumber,
        name: 'AHMAD',
        amount: 16_800,
      },
    ])
    // The same NIK as text is read and matched.
    expect(
      readBillSheet(sheetOf(['1', rounded.nik, '', 'TEKS', '16800']), MAPPING, [rounded]),
    ).toEqual({
      ok: true,
      lines: [
        {
          row: 2,
          participantId: rounded.id,
          maskedNik: '640206******0000',
          name: 'TEKS',
          amount: 16_800,
        },
      ],
    })
  })

  it('reads a sheet with the KPJ column only', () => {
    const lines = readOrThrow(sheetOf(['1', '', siti.kpjNumber ?? '', 'SITI', '16800']), {
      kpj: 2,
      amount: 4,
    })
    expect(lines).toEqual([
      {
        row: 2,
        participantId: siti.id,
        maskedNik: '',
        kpj: siti.kpjNumber,
        name: '',
        amount: 16_800,
      },
    ])
  })

  it('never stores a NIK that sits in the name or KPJ column (a mapping slip)', () => {
    const lines = readOrThrow(sheetOf(['1', ahmad.nik, ahmad.nik, ahmad.nik, '16800']), {
      nik: 1,
      kpj: 2,
      name: 1,
      amount: 4,
    })
    expect(lines).toEqual([
      {
        row: 2,
        participantId: ahmad.id,
        maskedNik: ahmad.maskedNik,
        name: ahmad.maskedNik,
        amount: 16_800,
      },
    ])
    expect(JSON.stringify(lines)).not.toContain(ahmad.nik)
    expect(parseStoredBill(storedBill(lines)).ok).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// Stored bills and resolutions from elsewhere

const LINE: BillLine = {
  row: 2,
  participantId: uuid(1),
  maskedNik: '640206******0011',
  kpj: '00000000001',
  name: 'Peserta 1',
  amount: 16_800,
}

describe('parseStoredBill', () => {
  it('accepts a bill as recorded, lines without a match or a NIK too', () => {
    const bill = storedBill([LINE, { row: 3, maskedNik: '', name: '', amount: 0 }])
    expect(parseStoredBill(bill)).toEqual({ ok: true, bill })
  })

  it('refuses a plain NIK where the masked one belongs', () => {
    expect(parseStoredBill(storedBill([{ ...LINE, maskedNik: '6402061505900011' }]))).toEqual({
      ok: false,
      reason: 'a line',
    })
    for (const maskedNik of [
      '640206 ******0011',
      '640206******001',
      '****************',
      '640206xxxxxx0011',
    ]) {
      expect(parseStoredBill(storedBill([{ ...LINE, maskedNik }])).ok, maskedNik).toBe(false)
    }
  })

  it('refuses a NIK in the clear in a name', () => {
    for (const name of ['6402061505900011', 'Ahmad 6402 0615 0590 0011', '6402.0615.0590.0011']) {
      expect(parseStoredBill(storedBill([{ ...LINE, name }])).ok, name).toBe(false)
    }
    expect(parseStoredBill(storedBill([{ ...LINE, name: 'Ahmad bin Yusuf 2' }])).ok).toBe(true)
  })

  it.each([
    ['id', { id: 'T2026041-1a2b3c4d' }],
    ['id', { id: 'T20260410-1A2B3C4D' }],
    ['id', { id: 42 }],
    ['payerCode', { payerCode: 'APBD Kab' }],
    ['payerCode', { payerCode: 'a'.repeat(41) }],
    ['month', { month: '2026-13' }],
    ['month', { month: '2026-1' }],
    ['month', { month: '1999-12' }],
    ['month', { month: 202603 }],
    ['fileName', { fileName: 'x'.repeat(201) }],
    ['importedAt', { importedAt: 'kemarin' }],
    ['importedAt', { importedAt: '1' }],
    ['importedAt', { importedAt: '2026-04-10' }],
    ['importedBy', { importedBy: 'x'.repeat(121) }],
    ['importedBy', { importedBy: null }],
    ['lines', { lines: [] }],
    ['lines', { lines: 'none' }],
  ])('refuses a bad %s', (reason, overrides) => {
    expect(parseStoredBill({ ...storedBill([LINE]), ...overrides })).toEqual({ ok: false, reason })
  })

  it.each([
    ['a fraction of a rupiah', { amount: 16_800.5 }],
    ['a negative amount', { amount: -16_800 }],
    ['an amount over the line maximum', { amount: MAX_LINE_AMOUNT + 1 }],
    ['an amount as text', { amount: '16800' }],
    ['row 0', { row: 0 }],
    ['a fractional row', { row: 2.5 }],
    ['a participant id that is no UUID', { participantId: 'p-ahmad' }],
    ['a KPJ that is not digits', { kpj: 'KPJ-1' }],
    ['an over-long name', { name: 'x'.repeat(121) }],
    ['a name that is not text', { name: 7 }],
    ['no maskedNik', { maskedNik: undefined }],
  ])('refuses a line with %s', (_label, overrides) => {
    expect(parseStoredBill(storedBill([{ ...LINE, ...overrides } as BillLine]))).toEqual({
      ok: false,
      reason: 'a line',
    })
  })

  it('refuses two lines with the same row, and a line that is not an object', () => {
    expect(parseStoredBill(storedBill([LINE, { ...LINE, participantId: uuid(2) }]))).toEqual({
      ok: false,
      reason: 'a line',
    })
    expect(parseStoredBill(storedBill([LINE, null as unknown as BillLine])).ok).toBe(false)
    expect(parseStoredBill([storedBill([LINE])])).toEqual({ ok: false, reason: 'not an object' })
  })

  it('keeps only the known fields of a line', () => {
    const parsed = parseStoredBill(storedBill([{ ...LINE, nik: '6402061505900011' } as BillLine]))
    expect(parsed.ok && parsed.bill.lines).toEqual([LINE])
  })
})

function resolution(overrides: Partial<BillResolution> = {}): BillResolution {
  return {
    id: '3f2b8c1e-8d4a-4b7e-9c2d-1a2b3c4d5e6f',
    billId: 'T20260410-1a2b3c4d',
    key: `deceased:${uuid(320)}`,
    note: 'Sudah dilaporkan ke BPJS, surat 12/IV',
    resolvedAt: '2026-04-12T03:00:00.000Z',
    resolvedBy: 'Supervisor Dinas',
    ...overrides,
  }
}

describe('parseBillResolution', () => {
  it('accepts one and trims the note', () => {
    expect(parseBillResolution(resolution({ note: '  dibayar kembali  ' }))).toEqual({
      ok: true,
      resolution: resolution({ note: 'dibayar kembali' }),
    })
    expect(parseBillResolution(resolution({ key: 'not-ours:r131' })).ok).toBe(true)
  })

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['billId', { billId: 'T-1' }],
    ['key', { key: 'deceased:6402061505900011' }],
    ['key', { key: 'unknown:r5' }],
    ['key', { key: `not-ours:${uuid(1)}` }],
    ['key', { key: 'amount:------------------------------------' }],
    ['key', { key: 'billed-twice:r' }],
    ['note', { note: '   ' }],
    ['note', { note: 'x'.repeat(MAX_RESOLUTION_NOTE + 1) }],
    ['resolvedAt', { resolvedAt: 'tomorrow' }],
    ['resolvedBy', { resolvedBy: 'x'.repeat(121) }],
  ])('refuses a bad %s', (reason, overrides) => {
    expect(parseBillResolution(resolution(overrides))).toEqual({ ok: false, reason })
  })

  it('refuses what is not an object', () => {
    expect(parseBillResolution('deceased')).toEqual({ ok: false, reason: 'not an object' })
  })
})

describe('resolutionsByKey and billInForce: the newest counts', () => {
  it('keeps the newest resolution per key of one bill, by time, not by text', () => {
    const first = resolution({ id: uuid(1), resolvedAt: '2026-04-12T03:00:00Z' })
    // Half a second later: the milliseconds make it newer although 'Z' sorts after '.'.
    const second = resolution({ id: uuid(2), resolvedAt: '2026-04-12T03:00:00.500Z' })
    const otherKey = resolution({ id: uuid(3), key: 'not-ours:r7' })
    const otherBill = resolution({ id: uuid(4), billId: 'T20260510-00000000' })
    const byKey = resolutionsByKey([first, second, otherKey, otherBill], 'T20260410-1a2b3c4d')
    expect([...byKey.entries()].map(([key, r]) => [key, r.id])).toEqual([
      [`deceased:${uuid(320)}`, uuid(2)],
      ['not-ours:r7', uuid(3)],
    ])
    expect(resolutionsByKey([second, first], 'T20260410-1a2b3c4d').get(first.key)?.id).toBe(uuid(2))
  })

  it('the bill in force is the newest imported for the payer and month', () => {
    const march1 = { id: 'a', payerCode: KAB, month: '2026-03', importedAt: '2026-04-10T02:00:00Z' }
    const march2 = {
      id: 'b',
      payerCode: KAB,
      month: '2026-03',
      importedAt: '2026-04-10T02:00:00.250Z',
    }
    const april = { id: 'c', payerCode: KAB, month: '2026-04', importedAt: '2026-05-10T02:00:00Z' }
    const province = {
      id: 'd',
      payerCode: PROV,
      month: '2026-03',
      importedAt: '2026-06-01T00:00:00Z',
    }
    const bills = [march1, march2, april, province]
    expect(billInForce(bills, KAB, '2026-03')?.id).toBe('b')
    expect(billInForce([...bills].reverse(), KAB, '2026-03')?.id).toBe('b')
    expect(billInForce(bills, PROV, '2026-03')?.id).toBe('d')
    expect(billInForce(bills, KAB, '2026-05')).toBeNull()
  })
})
