/**
 * The district the server validates against: the same folder the app is built from,
 * `NAUNGAN_DISTRICT_DIR` (relative to the repository, or absolute), else resources/district.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { loadDistrictFromText, type District } from '../shared/district/district-config'
import { setDistrictKind } from '../shared/i18n/format'
import { parseRegionChanges } from '../shared/region/region-changes'

const ROOT = resolve(import.meta.dirname, '..')

/** The district folder this process serves (scripts/path-aliases.mjs `districtDir` alike). */
export function serverDistrictDir(): string {
  return resolve(ROOT, process.env.NAUNGAN_DISTRICT_DIR || 'resources/district')
}

export function loadServerDistrict(
  configPath: string | URL = join(serverDistrictDir(), 'district.json'),
  regionCsvPath: string | URL = join(serverDistrictDir(), 'wilayah.csv'),
): District {
  // From the text, so a mistake is refused at start with its line and the reason in Indonesian.
  const district = loadDistrictFromText(
    readFileSync(configPath, 'utf8'),
    readFileSync(regionCsvPath, 'utf8'),
  )
  // The server's words say "kota" for a city (shared/i18n/format.ts).
  setDistrictKind(district.config.region.kind)
  // Codes gone from the current edition that records may still carry (wilayah-perubahan.csv).
  const changesPath = join(dirname(String(regionCsvPath)), 'wilayah-perubahan.csv')
  const removedAreaCodes = existsSync(changesPath)
    ? new Set(
        parseRegionChanges(readFileSync(changesPath, 'utf8'))
          .filter((change) => change.name === '')
          .map((change) => change.code),
      )
    : new Set<string>()
  return Object.freeze({ ...district, removedAreaCodes })
}
