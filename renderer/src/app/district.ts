import districtConfig from '../../../resources/district/district.json'
import regionCsv from '../../../resources/district/wilayah.csv?raw'
import { loadDistrict, type District } from '../../../shared/district/district-config'

/**
 * The district this build serves. It is data, not code: another kabupaten adopts Naungan by
 * replacing `resources/district/district.json` and its region CSV, then rebuilding.
 */
export const district: District = loadDistrict(districtConfig, regionCsv)

/** Today's date where the clerk sits (the PC's local calendar day), as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
