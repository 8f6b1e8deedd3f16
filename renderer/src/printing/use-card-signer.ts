/**
 * This PC's card-signing key: whether it is certified and until when, and the request for a
 * certificate from the central server. A card's QR code is valid only when signed by an office PC
 * the district certified, so nothing is printed without a ready signer.
 */
import { useCallback, useEffect, useState } from 'react'
import type { NaunganStore } from '@/core/store/database'
import { ServerError } from '@/core/server-api'
import type { SyncContextValue } from '@/sync/sync-context'
import {
  certificateNeedsRenewal,
  loadCardSigner,
  requestCardCertificate,
  type SignerState,
} from './card-keys'
import type { PrintText } from './print-messages'

export interface CardSigner {
  /** Null until the key has been read from the store. */
  state: SignerState | null
  isAsking: boolean
  /** Why the last request failed, in the server's words or ours. */
  error: string | null
  /** Only a PC enrolled with the central server can ask for a certificate. */
  canAsk: boolean
  ask(): Promise<void>
  /** Reads the key again (a certificate may have arrived or run out since). */
  refresh(): Promise<SignerState>
}

export function useCardSigner({
  store,
  sync,
  today,
  t,
}: {
  store: NaunganStore
  sync: SyncContextValue | null
  today: string
  t: PrintText
}): CardSigner {
  const [state, setState] = useState<SignerState | null>(null)
  const [isAsking, setIsAsking] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const refresh = useCallback(async () => {
    const next = await loadCardSigner(store, today)
    setState(next)
    return next
  }, [store, today])

  const ask = useCallback(async () => {
    if (!sync) return
    setIsAsking(true)
    setError(null)
    try {
      await requestCardCertificate(store, (path, init) => sync.session.json(path, init))
      await refresh()
    } catch (failure) {
      setError(
        failure instanceof ServerError && failure.failure.kind === 'refused'
          ? failure.failure.message
          : t('signer.unreachable'),
      )
    } finally {
      setIsAsking(false)
    }
  }, [store, sync, refresh, t])

  useEffect(() => {
    void loadCardSigner(store, today).then((loaded) => {
      setState(loaded)
      // An enrolled PC fetches (or renews) its certificate by itself when it can.
      const renew = loaded.ready && certificateNeedsRenewal(loaded.certificate, today)
      if (sync && (!loaded.ready || renew)) void ask()
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per visit of the screen
  }, [])

  return { state, isAsking, error, canAsk: sync !== null, ask, refresh }
}
