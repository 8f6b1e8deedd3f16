import districtConfig from '@resources/district/district.json'
import regionCsv from '@resources/district/wilayah.csv?raw'
import { calendarDayAt, currentTime } from '@shared/dates/clock'
import { loadDistrict, type District } from '@shared/district/district-config'

/**
 * The district this build serves. It is data, not code: another kabupaten adopts Naungan by
 * replacing `resources/district/district.json` and its region CSV, then rebuilding.
 */
export const district: District = loadDistrict(districtConfig, regionCsv)

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
