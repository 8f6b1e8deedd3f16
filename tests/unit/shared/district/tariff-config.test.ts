/**
 * district.json's `tariffs` (shared/district/tariff-config.ts): a hand-edited list that decides
 * what every month of the APBD budget costs, so each mistake is refused with the JSON path and an
 * Indonesian reason; an old file with only `premiumPerMonth` still starts; and PP 50/2025's
 * discount is data that reaches self-paying participants but not the kabupaten's own.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { spendForYear } from '@shared/coverage/budget'
import { PAYER_KINDS, rateInMonth, type PayerKind } from '@shared/coverage/tariffs'
import { loadDistrict } from '@shared/district/district-config'
import { LEGACY_TARIFF_REGULATION } from '@shared/district/tariff-config'

const configJson = JSON.parse(
  readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
) as Record<string, unknown>
const regionCsv = readFileSync(
  new URL('../../../../resources/district/wilayah.csv', import.meta.url),
  'utf8',
)

const tariff = (over: Record<string, unknown> = {}) => ({
  validFrom: '2020-01',
  lines: { jkk: 10_000, jkm: 6_800 },
  total: 16_800,
  regulation: 'PP 44/2015 jo. PP 82/2019',
  ...over,
})
const withTariffs = (tariffs: unknown): unknown => ({ ...configJson, tariffs })
const withDiscount = (discount: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  withTariffs([
    tariff({
      discounts: [
        {
          percent: 50,
          regulation: 'PP 50/2025',
          appliesToPayerKinds: 'semua',
          ...discount,
        },
      ],
      ...over,
    }),
  ])
const legacy = (premiumPerMonth: unknown): unknown => {
  const config: Record<string, unknown> = { ...configJson, premiumPerMonth }
  delete config.tariffs
  return config
}

describe('loadDistrict refuses a broken tariffs list, naming the key in Indonesian', () => {
  it.each([
    ['no tariffs at all', withTariffs(undefined), /\.tariffs\): harus ada/],
    ['an empty list', withTariffs([]), /\.tariffs\): harus daftar tarif yang tidak kosong/],
    [
      'a month that does not exist',
      withTariffs([tariff({ validFrom: '2026-13' })]),
      /\.tariffs\[0\]\.validFrom\): harus bulan berbentuk "YYYY-MM".*tertulis "2026-13"/,
    ],
    [
      'a month without its leading zero',
      withTariffs([tariff({ validFrom: '2026-7' })]),
      /\.tariffs\[0\]\.validFrom\): harus bulan/,
    ],
    [
      'a full date instead of a month',
      withTariffs([tariff({ validUntil: '2026-06-30' })]),
      /\.tariffs\[0\]\.validUntil\): harus bulan/,
    ],
    [
      'an end before the start',
      withTariffs([tariff({ validFrom: '2026-07', validUntil: '2026-06' })]),
      /\.tariffs\[0\]\.validUntil\): 2026-06 tidak boleh sebelum validFrom tarif ini \(2026-07\)/,
    ],
    [
      'a total that is not the sum of the lines',
      withTariffs([tariff({ total: 16_000 })]),
      /\.tariffs\[0\]\.total\): harus sama dengan jkk \+ jkm \(10000 \+ 6800 = 16800\); tertulis 16000/,
    ],
    [
      'a rate with a fraction of a rupiah',
      withTariffs([tariff({ lines: { jkk: 10_000.5, jkm: 6_800 } })]),
      /\.tariffs\[0\]\.lines\.jkk\): harus bilangan bulat rupiah/,
    ],
    [
      'a rate written as text',
      withTariffs([tariff({ lines: { jkk: '10000', jkm: 6_800 } })]),
      /\.tariffs\[0\]\.lines\.jkk\): harus bilangan bulat rupiah/,
    ],
    [
      'a programme line Naungan does not pay',
      withTariffs([tariff({ lines: { jkk: 10_000, jkm: 6_800, jht: 20_000 } })]),
      /\.tariffs\[0\]\.lines\.jht\): kunci tidak dikenal/,
    ],
    [
      'no regulation',
      withTariffs([tariff({ regulation: ' ' })]),
      /\.tariffs\[0\]\.regulation\): harus menyebut dasar hukumnya/,
    ],
    [
      'two tariffs for July',
      withTariffs([
        tariff({ validUntil: '2026-07' }),
        tariff({ validFrom: '2026-07', lines: { jkk: 5_000, jkm: 3_400 }, total: 8_400 }),
      ]),
      /\.tariffs\[1\]\.validFrom\): 2026-07 tumpang tindih .* s\.d\. 2026-07/,
    ],
    [
      'a gap of one month between tariffs',
      withTariffs([tariff({ validUntil: '2026-05' }), tariff({ validFrom: '2026-07' })]),
      /\.tariffs\[1\]\.validFrom\): 2026-07 meninggalkan celah: 2026-06 tidak punya tarif/,
    ],
    [
      'a gap across a year end',
      withTariffs([tariff({ validUntil: '2026-11' }), tariff({ validFrom: '2027-02' })]),
      /celah: 2026-12 s\.d\. 2027-01 tidak punya tarif/,
    ],
    [
      'an open-ended tariff that is not the last',
      withTariffs([tariff(), tariff({ validFrom: '2026-07' })]),
      /\.tariffs\[0\]\): tidak punya validUntil .* isi validUntil "2026-06"/,
    ],
    [
      'tariffs out of order',
      withTariffs([tariff({ validFrom: '2026-07' }), tariff({ validFrom: '2026-01' })]),
      /\.tariffs\[1\]\.validFrom\): 2026-01 harus sesudah .* urutkan/,
    ],
    [
      'a discount percent outside 1..100',
      withDiscount({ percent: 0 }),
      /\.tariffs\[0\]\.discounts\[0\]\.percent\): harus bilangan bulat 1 sampai 100/,
    ],
    [
      'a discount that leaves a fraction of a rupiah',
      withDiscount({ percent: 33 }, { lines: { jkk: 10_000, jkm: 6_850 }, total: 16_850 }),
      /discounts\[0\]\.percent\): 33 % dari JKM Rp6850 bukan rupiah bulat/,
    ],
    [
      'a discount before its tariff',
      withDiscount({ validFrom: '2019-06' }),
      /discounts\[0\]\.validFrom\): 2019-06 sebelum tarifnya berlaku/,
    ],
    [
      'a discount after its tariff ends',
      withDiscount({ validUntil: '2027-01' }, { validUntil: '2026-12' }),
      /discounts\[0\]\.validUntil\): 2027-01 sesudah tarifnya berakhir/,
    ],
    [
      'an unknown payer kind',
      withDiscount({ appliesToPayerKinds: ['swasta'] }),
      /discounts\[0\]\.appliesToPayerKinds\[0\]\): bukan jenis pembayar yang dikenal \("swasta"\)/,
    ],
    [
      'a payer kind both listed and excluded',
      withDiscount({ appliesToPayerKinds: ['mandiri'], excludesPayerKinds: ['mandiri'] }),
      /discounts\[0\]\.excludesPayerKinds\): menyebut "mandiri"/,
    ],
    [
      'a discount that reaches no payer',
      withDiscount({
        excludesPayerKinds: [...PAYER_KINDS],
      }),
      /discounts\[0\]\): tidak berlaku untuk jenis pembayar mana pun/,
    ],
    [
      'two discounts for one payer in one month',
      withTariffs([
        tariff({
          discounts: [
            { percent: 50, regulation: 'PP 50/2025', appliesToPayerKinds: ['mandiri'] },
            {
              percent: 20,
              regulation: 'Perbup',
              validFrom: '2026-03',
              appliesToPayerKinds: 'semua',
              excludesPayerKinds: ['apbn'],
            },
          ],
        }),
      ]),
      /discounts\[1\]\): berlaku bersamaan dengan discounts\[0\] untuk pembayar "mandiri"/,
    ],
    [
      'both tariffs and the old premiumPerMonth',
      { ...configJson, premiumPerMonth: { jkk: 10_000, jkm: 6_800, total: 16_800 } },
      /\.premiumPerMonth\): tidak boleh ada bersama tariffs/,
    ],
    [
      'an old premiumPerMonth whose total is not the sum',
      legacy({ jkk: 10_000, jkm: 6_800, total: 16_000 }),
      /\.premiumPerMonth\.total\): harus sama dengan jkk \+ jkm/,
    ],
  ])('%s', (_label, config, message) => {
    expect(() => loadDistrict(config, regionCsv)).toThrow(message)
  })

  it('accepts consecutive tariffs across a year end, the last one closed', () => {
    const district = loadDistrict(
      withTariffs([
        tariff({ validUntil: '2026-12' }),
        tariff({ validFrom: '2027-01', validUntil: '2027-12' }),
      ]),
      regionCsv,
    )
    expect(district.config.tariffs.map((t) => [t.validFrom, t.validUntil])).toEqual([
      ['2020-01', '2026-12'],
      ['2027-01', '2027-12'],
    ])
  })
})

describe('an old district.json with only premiumPerMonth', () => {
  const old = loadDistrict(legacy({ jkk: 10_000, jkm: 6_800, total: 16_800 }), regionCsv)

  it('still starts, with one open-ended tariff', () => {
    expect(old.config.tariffs).toEqual([
      {
        validFrom: '2000-01',
        lines: { jkk: 10_000, jkm: 6_800 },
        total: 16_800,
        regulation: LEGACY_TARIFF_REGULATION,
        discounts: [],
      },
    ])
  })

  it('costs every month as the shipped tariffs do for the kabupaten', () => {
    const shipped = loadDistrict(configJson, regionCsv)
    const people = [{ coverage: [{ year: 2026, from: '2026-03-15', batchId: 'B1' }] }]
    for (const year of [2026, 2030]) {
      const coverage = people.map((p) => ({
        coverage: p.coverage.map((c) => ({ ...c, year, from: `${year}${c.from.slice(4)}` })),
      }))
      const before = spendForYear(coverage, year, old.config.tariffs, `${year}-12-31`)
      const now = spendForYear(coverage, year, shipped.config.tariffs, `${year}-12-31`)
      expect(now).toEqual(before)
      expect(now.projectedYearEnd).toBe(10 * 16_800)
    }
  })
})

describe("PP 50/2025's discount, written as data in the shipped district.json", () => {
  const { tariffs } = loadDistrict(configJson, regionCsv).config
  const rateOf = (kind: PayerKind | undefined, year: number, month: number) =>
    rateInMonth(tariffs, year, month, kind)

  it.each<[PayerKind | undefined, number]>([
    [undefined, 16_800], // the default payer: the kabupaten's APBD
    ['apbd-kabupaten', 16_800],
    ['apbd-provinsi', 16_800],
    ['apbn', 16_800],
    ['mandiri', 8_400],
    ['lainnya', 8_400],
  ])('in March 2026 a participant paid by %s costs Rp%i', (kind, total) => {
    expect(rateOf(kind, 2026, 3)?.rate.total).toBe(total)
  })

  it('halves each line for a self-paying participant, and names the regulation', () => {
    expect(rateOf('mandiri', 2026, 1)).toMatchObject({
      rate: { jkk: 5_000, jkm: 3_400, total: 8_400 },
      discount: { percent: 50, regulation: 'PP 50/2025' },
    })
    expect(rateOf('apbd-kabupaten', 2026, 1)?.discount).toBeNull()
  })

  it('starts in January 2026, not before', () => {
    expect(rateOf('mandiri', 2025, 12)?.rate.total).toBe(16_800)
    expect(rateOf('mandiri', 2026, 1)?.rate.total).toBe(8_400)
  })

  it("leaves the kabupaten's budget at the full rate, and would halve a self-payer's", () => {
    const person = [{ coverage: [{ year: 2026, from: '2026-01-01', batchId: 'B1' }] }]
    expect(spendForYear(person, 2026, tariffs, '2026-12-31').projectedYearEnd).toBe(201_600)
    expect(spendForYear(person, 2026, tariffs, '2026-12-31', 'mandiri').projectedYearEnd).toBe(
      100_800,
    )
  })
})
