import type { UserInfo } from '@shared/sync/sync-protocol'
import type { ServerSession, SessionEnd } from '@/core/server-session'
import { USER_INACTIVE } from '@/core/server-session'

/** Why the login screen is showing again, said once above the form. */
export type SignedOutNotice =
  | { kind: 'signed-out'; name: string; serverReached: boolean; pendingCount: number }
  | { kind: 'session-ended'; name: string }
  | { kind: 'user-inactive'; name: string }

/** The notice for a session the server ended (`ServerSession.onEnded`). */
export function noticeOfSessionEnd(end: SessionEnd, user: Pick<UserInfo, 'displayName'>) {
  const name = user.displayName
  return end.code === USER_INACTIVE
    ? ({ kind: 'user-inactive', name } as const)
    : ({ kind: 'session-ended', name } as const)
}

/**
 * Sessions signed out while the server could not be reached. Their refresh tokens stay in memory
 * (never on disk) so that the server can be told when the link returns; the app no longer uses
 * them for anything else. Closing the app forgets them: the server session then expires by itself.
 */
const unfinishedLogouts = new Set<ServerSession>()

/** Asks the server again to end every session signed out without a link. */
export async function retryUnfinishedLogouts(): Promise<void> {
  for (const session of [...unfinishedLogouts]) {
    if (retrying.has(session)) continue
    retrying.add(session)
    try {
      if ((await session.logout()) !== 'unreachable') unfinishedLogouts.delete(session)
    } finally {
      retrying.delete(session)
    }
  }
}

/** One logout request per session at a time (a refresh token renewed twice ends the family). */
const retrying = new Set<ServerSession>()

/**
 * After the `online` event: right away, then a few more times — the event can come before the
 * route to the server is back (Wi-Fi reassociating, a VPN reconnecting).
 */
const RETRY_AFTER_ONLINE_MS = [0, 2_000, 10_000, 30_000]

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    for (const delay of RETRY_AFTER_ONLINE_MS) {
      setTimeout(() => void retryUnfinishedLogouts(), delay)
    }
  })
}

/**
 * "Keluar": stop syncing as this user, end the session on the server (POST /api/session/logout)
 * and forget the password and tokens. Without a link the user is signed out here anyway.
 */
export async function signOut(sync: {
  session: ServerSession
  controller: { stop(): Promise<void> }
}): Promise<{ serverReached: boolean }> {
  // Nothing may go out under this user once they chose to leave.
  sync.session.onEnded = null
  await sync.controller.stop()
  const outcome = await sync.session.logout()
  if (outcome === 'unreachable') {
    unfinishedLogouts.add(sync.session)
    return { serverReached: false }
  }
  return { serverReached: true }
}
