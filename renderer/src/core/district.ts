import districtText from '@district/district.json?raw'
import regionCsv from '@district/wilayah.csv?raw'
import regionChangesCsv from '@district/wilayah-perubahan.csv?raw'
import { calendarDayAt, currentTime } from '@shared/dates/clock'
import { setDistrictKind } from '@shared/i18n/format'
import { loadDistrictFromText, type District } from '@shared/district/district-config'
import { parseRegionChanges, type RegionChange } from '@shared/region/region-changes'

/**
 * The district this build serves. It is data, not code: the folder `NAUNGAN_DISTRICT_DIR` names
 * at build time (resources/district, Kukar, by default), set up with `npm run district -- init`
 * (docs/district-config.md). The server reads the same folder (server/district.ts).
 */
export const district: District = loadDistrictFromText(districtText, regionCsv)
// The texts say "kota" and "Wali Kota" in a city's build.
setDistrictKind(district.config.region.kind)

/** Renamed and removed areas of the earlier Kemendagri editions (wilayah-perubahan.csv). */
export const regionChanges: readonly RegionChange[] = parseRegionChanges(regionChangesCsv)

/**
 * The district's calendar day of an instant, as YYYY-MM-DD: taken at the province's fixed offset
 * (Kutai Kartanegara: WITA, UTC+8), not the PC's time-zone setting, so a PC left on UTC still
 * dates a registration made at 07:00 in Tenggarong on the right day.
 */
export function districtDayOf(instant: Date): string {
  return calendarDayAt(instant, district.utcOffsetMinutes)
}

/** The district's calendar day of an ISO instant; '' when it is not one. */
export function districtDayOfIso(iso: string): string {
  const instant = new Date(iso)
  return Number.isNaN(instant.getTime()) ? '' : districtDayOf(instant)
}

/** Today in the district, from the app's one clock. */
export function localToday(): string {
  return districtDayOf(currentTime())
}
