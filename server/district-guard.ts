/**
 * The district a server's data belongs to, recorded at its first start and checked at every
 * later one: a server restarted without its NAUNGAN_DISTRICT_DIR (so with Kukar's configuration)
 * on Samarinda's data would judge Samarinda's records by Kukar's rules and hand them to Kukar's
 * PCs. It refuses to start instead, saying which folder it expects.
 */
import { currentTime } from '../shared/dates/clock'
import type { District } from '../shared/district/district-config'
import type { Queryable } from './database'

const nameOf = (district: District) =>
  `${district.config.region.kind === 'kota' ? 'Kota' : 'Kabupaten'} ${district.config.region.name}`

export class DistrictMismatchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DistrictMismatchError'
  }
}

/** Records `district` on a new database; throws DistrictMismatchError on another district's. */
export async function guardServerDistrict(db: Queryable, district: District): Promise<void> {
  const { code } = district.config.region
  await db.query(
    `INSERT INTO server_district (only_row, code, name, recorded_at)
     VALUES (true, $1, $2, $3::timestamptz) ON CONFLICT (only_row) DO NOTHING`,
    [code, nameOf(district), currentTime().toISOString()],
  )
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM server_district',
  )
  const recorded = rows[0]
  if (recorded && recorded.code !== code) {
    throw new DistrictMismatchError(
      `Data server ini milik ${recorded.name} (${recorded.code}), tetapi server dijalankan dengan konfigurasi ${nameOf(district)} (${code}). Jalankan server dengan NAUNGAN_DISTRICT_DIR yang menunjuk folder daerah ${recorded.code}; data tidak diubah.`,
    )
  }
}
