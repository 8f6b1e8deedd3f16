import { useCallback, useEffect, useMemo, useState } from 'react'
import type { BillingRules } from '@shared/coverage/payments'
import type { CoveredParticipant } from '@shared/coverage/budget'
import { district, localToday } from '@/core/district'
import { useI18n } from '@/core/i18n/i18n'
import type { NaunganStore } from '@/core/store/database'
import { watchParticipants } from '@/core/store/participant-changes'
import { watchBilling, type BillingState } from './billing-repository'
import { billingText, type BillingMessageKey } from './billing-messages'
import { continuityOf, coveredRecords, type PayerContinuity } from './billing-model'

const EMPTY: BillingState = {
  bills: [],
  resolutions: [],
  payments: [],
  withdrawals: [],
  onServer: { bills: [], resolutions: [], payments: [], withdrawals: [] },
}

/** The screen's strings in the chosen language. */
export function useBillingText() {
  const { language } = useI18n()
  const t = useCallback(
    (key: BillingMessageKey, params?: Record<string, string | number>) =>
      billingText(language, key, params),
    [language],
  )
  return { t, language }
}

/** The bills, resolutions and payments on this PC, live. */
export function useBillingState(store: NaunganStore): BillingState {
  const [state, setState] = useState<BillingState>(EMPTY)
  useEffect(() => {
    const subscription = watchBilling(store).subscribe((next) => setState(next))
    return () => subscription.unsubscribe()
  }, [store])
  return state
}

/** Pause after a burst of record changes (a sync page) before counting people again. */
const RECOUNT_DELAY_MS = 2_000

/** The coverage of every record, recounted a little after records change. */
export function useCoveredRecords(store: NaunganStore): readonly CoveredParticipant[] | null {
  const [records, setRecords] = useState<readonly CoveredParticipant[] | null>(null)
  useEffect(() => {
    let isCurrent = true
    let timer: ReturnType<typeof setTimeout> | null = null
    const load = () => {
      void coveredRecords(store).then(
        (next) => {
          if (isCurrent) setRecords(next)
        },
        () => undefined,
      )
    }
    load()
    const stop = watchParticipants(store, () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(load, RECOUNT_DELAY_MS)
    })
    return () => {
      isCurrent = false
      if (timer !== null) clearTimeout(timer)
      stop()
    }
  }, [store])
  return records
}

export const billingRules = (): BillingRules => district.config.billing

/** The continuity guard of every payer, from this PC's records (null while counting). */
export function useContinuity(store: NaunganStore): PayerContinuity[] | null {
  const state = useBillingState(store)
  const records = useCoveredRecords(store)
  const today = localToday()
  return useMemo(
    () =>
      records === null
        ? null
        : continuityOf(
            state,
            records,
            district.config.payers,
            district.defaultPayer.code,
            billingRules(),
            today,
          ),
    [state, records, today],
  )
}
