/**
 * The signed list of revoked office PCs that `GET /api/card-keys` publishes beside the district
 * keys (`shared/cards/card-revocations.ts`, docs/printing.md). Built from the devices table on
 * each request: revocation is permanent, so the list only grows and its length is its sequence.
 *
 * A device row remembers only its latest card key; a key it replaced earlier (a new key made from
 * the print screen) is not listed — the PC threw its secret half away when it saved the new one.
 */
import { signRevocationList, type SignedCardRevocationList } from '../shared/cards/card-revocations'
import { currentTime } from '../shared/dates/clock'
import type { CardSigningSettings } from './account-records'
import { toIso } from './account-records'
import type { Queryable } from './database'

export async function signedCardRevocations(
  db: Queryable,
  settings: CardSigningSettings,
): Promise<SignedCardRevocationList> {
  const { rows } = await db.query<{ card_public_key: string; revoked_at: unknown }>(
    `SELECT card_public_key, revoked_at FROM devices
     WHERE revoked_at IS NOT NULL AND card_public_key IS NOT NULL
     ORDER BY revoked_at, id`,
  )
  const revoked = rows.map((row) => ({
    devicePublicKey: row.card_public_key,
    revokedAt: toIso(row.revoked_at),
  }))
  return signRevocationList(settings.districtSecretKey, {
    sequence: revoked.length,
    issuedAt: currentTime().toISOString(),
    revoked,
  })
}
