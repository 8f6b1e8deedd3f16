import { ServerError } from '@/core/server-api'
import type { ServerSession } from '@/core/server-session'

export type ChangePasswordOutcome =
  | { ok: true }
  | { ok: false; reason: 'MISSING' | 'MISMATCH' | 'CURRENT_PASSWORD_WRONG' | 'OFFLINE' }
  /** The policy's reason, in Indonesian, from the server. */
  | { ok: false; reason: 'PASSWORD_REFUSED'; message: string }
  /** Anything else the server refused (a login lock: 423 with its own message). */
  | { ok: false; reason: 'REFUSED'; message: string }

/** A failed POST /api/session/password as something the dialog can say. */
export function changePasswordFailure(error: unknown): ChangePasswordOutcome {
  if (!(error instanceof ServerError) || error.failure.kind !== 'refused') {
    return { ok: false, reason: 'OFFLINE' }
  }
  const { code, message } = error.failure
  if (code === 'CURRENT_PASSWORD_WRONG') return { ok: false, reason: 'CURRENT_PASSWORD_WRONG' }
  if (code === 'PASSWORD_REFUSED') return { ok: false, reason: 'PASSWORD_REFUSED', message }
  return { ok: false, reason: 'REFUSED', message }
}

/**
 * Changes the signed-in user's password on the server, then fetches the office's users again so
 * this PC's offline verifier is the new password's at once (the old one must stop working here).
 */
export async function changeOwnPassword(
  sync: { session: ServerSession; controller: { refreshOfficeUsers(): Promise<void> } },
  currentPassword: string,
  newPassword: string,
): Promise<ChangePasswordOutcome> {
  try {
    await sync.session.changePassword(currentPassword, newPassword)
  } catch (error) {
    return changePasswordFailure(error)
  }
  await sync.controller.refreshOfficeUsers()
  return { ok: true }
}
