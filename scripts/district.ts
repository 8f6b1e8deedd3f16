/**
 * Setting a district up, for a regency's IT staff (docs/district-config.md):
 *
 *   npm run district -- init --code 64.72 --dir resources/districts/64.72
 *       a new district folder: its region table from the Kemendagri package, a district.json to
 *       fill in (names from the package, the rest copied from Kukar's as an example), neutral logos
 *   npm run district -- region --dir resources/district
 *       writes the folder's wilayah.csv again from the package, for the code its district.json
 *       names (after moving to a newer edition of the package)
 *   npm run district -- check --dir resources/districts/64.72
 *       reads the folder as the app and the server will, and says what it found or what is wrong
 *
 * The region table comes from `idn-area-data` (pinned in package.json), never typed by hand;
 * tests/unit/shared/region/kemendagri-extract.test.ts fails when a shipped wilayah.csv differs
 * from the package's.
 */
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { format } from 'prettier'
import { dirname, join, resolve } from 'node:path'
import { loadDistrictFromText } from '../shared/district/district-config'
import { extractRegency, type KemendagriTables } from '../shared/region/kemendagri-extract'
import {
  formatRegionChanges,
  parseRegionChanges,
  REGION_CHANGES_HEADER,
  regionChangesBetween,
  regionCodesAdded,
} from '../shared/region/region-changes'

const ROOT = resolve(import.meta.dirname, '..')

const say = (text: string) => process.stdout.write(`${text}\n`)
const DEFAULT_DIR = join(ROOT, 'resources/district')

/** The package's tables, read from node_modules. */
export function kemendagriTables(): KemendagriTables & { provinces: string; version: string } {
  const packageJson = createRequire(import.meta.url).resolve('idn-area-data/package.json')
  const data = join(dirname(packageJson), 'data')
  const read = (name: string) => readFileSync(join(data, name), 'utf8')
  return {
    provinces: read('provinces.csv'),
    regencies: read('regencies.csv'),
    districts: read('districts.csv'),
    villages: read('villages.csv'),
    version: (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version,
  }
}

function argument(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? args[at + 1] : undefined
}

function provinceName(provinces: string, code: string): string {
  const line = provinces.split(/\r?\n/).find((row) => row.startsWith(`${code},`))
  return line ? line.slice(code.length + 1).replace(/^"|"$/g, '') : ''
}

function writeRegion(dir: string, code: string): string {
  const tables = kemendagriTables()
  const extract = extractRegency(tables, code)
  const path = join(dir, 'wilayah.csv')
  const changesPath = join(dir, 'wilayah-perubahan.csv')
  if (!existsSync(changesPath)) writeFileSync(changesPath, `${REGION_CHANGES_HEADER}\n`)
  if (existsSync(path)) {
    // What the new edition changes, kept beside the table: records keep their codes, and the
    // screens say what a renamed or removed area was called (docs/district-config.md).
    const before = readFileSync(path, 'utf8')
    const edition = `idn-area-data ${tables.version}`
    const changes = regionChangesBetween(before, extract.csv, edition)
    const added = regionCodesAdded(before, extract.csv)
    for (const change of changes) {
      say(
        change.name === ''
          ? `  dihapus: ${change.code} ${change.formerName} (data peserta dengan kode ini tetap memakainya)`
          : `  ganti nama: ${change.code} ${change.formerName} → ${change.name}`,
      )
    }
    for (const addedCode of added) say(`  baru: ${addedCode}`)
    if (changes.length > 0) appendFileSync(changesPath, formatRegionChanges(changes))
  }
  writeFileSync(path, extract.csv)
  return `${extract.kind === 'kota' ? 'Kota' : 'Kabupaten'} ${extract.name}: ${extract.kecamatanCount} kecamatan, ${extract.villageCount} desa/kelurahan (idn-area-data ${tables.version}).`
}

async function init(args: string[]): Promise<void> {
  const code = argument(args, 'code')
  const dir = argument(args, 'dir')
  if (!code || !dir) throw new Error('Pakai: npm run district -- init --code 64.72 --dir <folder>')
  const target = resolve(dir)
  if (existsSync(join(target, 'district.json'))) {
    throw new Error(`${join(target, 'district.json')} sudah ada; tidak ditimpa.`)
  }
  const tables = kemendagriTables()
  const extract = extractRegency(tables, code)
  mkdirSync(target, { recursive: true })
  writeFileSync(join(target, 'wilayah.csv'), extract.csv)
  writeFileSync(join(target, 'wilayah-perubahan.csv'), `${REGION_CHANGES_HEADER}\n`)
  const example = JSON.parse(readFileSync(join(DEFAULT_DIR, 'district.json'), 'utf8')) as Record<
    string,
    unknown
  >
  const config = {
    ...example,
    region: { code, name: extract.name, kind: extract.kind },
    provinceName: provinceName(tables.provinces, code.slice(0, 2)),
    // The baseline is the district's own figure: none until it sets it. The example's targets,
    // payers and texts stay to be replaced (docs/district-config.md says which).
    baselineCoveredParticipants: 0,
  }
  // As the repository formats it (npm test checks the format).
  writeFileSync(
    join(target, 'district.json'),
    await format(JSON.stringify(config, null, 2), { parser: 'json' }),
  )
  for (const logo of ['logo-kabupaten.png', 'logo-program.png']) {
    copyFileSync(join(DEFAULT_DIR, logo), join(target, logo))
  }
  say(`${target}: ${writeRegion(target, code)}`)
  say(
    'Isi district.json (sumber dana, tarif, instansi pemeriksa, teks kartu) lalu jalankan: npm run district -- check --dir ' +
      dir,
  )
}

function region(args: string[]): void {
  const dir = resolve(argument(args, 'dir') ?? DEFAULT_DIR)
  const config = JSON.parse(readFileSync(join(dir, 'district.json'), 'utf8')) as {
    region?: { code?: string }
  }
  const code = config.region?.code
  if (!code) throw new Error(`${join(dir, 'district.json')}: region.code belum diisi.`)
  say(`${dir}: ${writeRegion(dir, code)}`)
}

function check(args: string[]): void {
  const dir = resolve(argument(args, 'dir') ?? DEFAULT_DIR)
  const district = loadDistrictFromText(
    readFileSync(join(dir, 'district.json'), 'utf8'),
    readFileSync(join(dir, 'wilayah.csv'), 'utf8'),
  )

  const { config, regions } = district
  const expected = extractRegency(kemendagriTables(), config.region.code).csv
  if (readFileSync(join(dir, 'wilayah.csv'), 'utf8') !== expected) {
    throw new Error(
      `${join(dir, 'wilayah.csv')} berbeda dari tabel Kemendagri; jalankan: npm run district -- region --dir ${dir}`,
    )
  }
  parseRegionChanges(readFileSync(join(dir, 'wilayah-perubahan.csv'), 'utf8'))
  // `init` copies Kukar's file as an example: say where another district still names Kukar, or,
  // for a city, a kabupaten (the payer kind "apbd-kabupaten" is every local APBD's kind), and
  // refuse Kukar's own figures left in place.
  if (config.region.code !== '64.02') {
    const lines = readFileSync(join(dir, 'district.json'), 'utf8').split(/\r?\n/)
    const linesWith = (pattern: RegExp) =>
      lines.flatMap((line, index) =>
        pattern.test(line.replace(/apbd-kabupaten|[\w-]+\.(?:png|jpe?g)/gi, '')) ? [index + 1] : [],
      )
    const kukar = linesWith(/kutai kartanegara|kukar|tenggarong/i)
    if (kukar.length > 0) {
      throw new Error(
        `district.json masih menyebut Kutai Kartanegara di baris ${kukar.join(', ')}: ganti dengan nama daerah ini.`,
      )
    }
    const regencyWords = config.region.kind === 'kota' ? linesWith(/kabupaten|regency|bupati/i) : []
    if (regencyWords.length > 0) {
      throw new Error(
        `district.json sebuah kota masih menyebut kabupaten di baris ${regencyWords.join(', ')}: tulis "kota".`,
      )
    }
    const example = JSON.parse(readFileSync(join(DEFAULT_DIR, 'district.json'), 'utf8')) as {
      annualTargets?: unknown
      baselineCoveredParticipants?: unknown
    }
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
    if (same(config.annualTargets, example.annualTargets)) {
      throw new Error(
        'district.json masih memakai target tahunan contoh Kukar (annualTargets): isi target daerah ini.',
      )
    }
  }
  for (const logo of config.print.logos) {
    if (!existsSync(join(dir, logo))) throw new Error(`Logo ${logo} tidak ada di ${dir}.`)
  }
  say(
    [
      `${config.region.kind === 'kota' ? 'Kota' : 'Kabupaten'} ${config.region.name} (${config.region.code}), ${config.provinceName}`,
      `${regions.kecamatan.length} kecamatan, ${regions.villages.length} desa/kelurahan`,
      `Usia peserta ${config.ageRange.min}–${config.ageRange.max} tahun; ${config.occupations.length} pekerjaan`,
      `Sumber dana: ${config.payers.map((payer) => payer.name).join(', ')}`,
      `Instansi pemeriksa: ${config.verification.agencies.map((agency) => agency.code).join(', ')}`,
      'Konfigurasi dapat dipakai.',
    ].join('\n'),
  )
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2)
  if (command === 'init') await init(rest)
  else if (command === 'region') region(rest)
  else if (command === 'check') check(rest)
  else {
    throw new Error(
      'Pakai: npm run district -- init|region|check … (lihat docs/district-config.md)',
    )
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
