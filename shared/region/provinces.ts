/**
 * The 38 provinces of Indonesia with their Kemendagri codes, the codes that open every NIK and KK
 * number. Source: Kepmendagri No. 300.2.2-2138 Tahun 2025 (as amended by 300.2.2-2430/2025), the
 * same decree as resources/district/wilayah.csv.
 *
 * These are Kemendagri (Dukcapil) codes, not BPS codes: BPS numbers Papua 94 and Papua Barat 91,
 * Kemendagri 91 and 92. The four Papua provinces created in 2022 took 93–96.
 */
export const PROVINCES: readonly { code: string; name: string }[] = [
  { code: '11', name: 'Aceh' },
  { code: '12', name: 'Sumatera Utara' },
  { code: '13', name: 'Sumatera Barat' },
  { code: '14', name: 'Riau' },
  { code: '15', name: 'Jambi' },
  { code: '16', name: 'Sumatera Selatan' },
  { code: '17', name: 'Bengkulu' },
  { code: '18', name: 'Lampung' },
  { code: '19', name: 'Kepulauan Bangka Belitung' },
  { code: '21', name: 'Kepulauan Riau' },
  { code: '31', name: 'Daerah Khusus Jakarta' },
  { code: '32', name: 'Jawa Barat' },
  { code: '33', name: 'Jawa Tengah' },
  { code: '34', name: 'Daerah Istimewa Yogyakarta' },
  { code: '35', name: 'Jawa Timur' },
  { code: '36', name: 'Banten' },
  { code: '51', name: 'Bali' },
  { code: '52', name: 'Nusa Tenggara Barat' },
  { code: '53', name: 'Nusa Tenggara Timur' },
  { code: '61', name: 'Kalimantan Barat' },
  { code: '62', name: 'Kalimantan Tengah' },
  { code: '63', name: 'Kalimantan Selatan' },
  { code: '64', name: 'Kalimantan Timur' },
  { code: '65', name: 'Kalimantan Utara' },
  { code: '71', name: 'Sulawesi Utara' },
  { code: '72', name: 'Sulawesi Tengah' },
  { code: '73', name: 'Sulawesi Selatan' },
  { code: '74', name: 'Sulawesi Tenggara' },
  { code: '75', name: 'Gorontalo' },
  { code: '76', name: 'Sulawesi Barat' },
  { code: '81', name: 'Maluku' },
  { code: '82', name: 'Maluku Utara' },
  { code: '91', name: 'Papua' },
  { code: '92', name: 'Papua Barat' },
  { code: '93', name: 'Papua Selatan' },
  { code: '94', name: 'Papua Tengah' },
  { code: '95', name: 'Papua Pegunungan' },
  { code: '96', name: 'Papua Barat Daya' },
]

const PROVINCE_NAME_BY_CODE: ReadonlyMap<string, string> = new Map(
  PROVINCES.map((province) => [province.code, province.name]),
)

export function isProvinceCode(code: unknown): code is string {
  return typeof code === 'string' && PROVINCE_NAME_BY_CODE.has(code)
}

export function provinceNameOf(code: string): string | undefined {
  return PROVINCE_NAME_BY_CODE.get(code)
}
