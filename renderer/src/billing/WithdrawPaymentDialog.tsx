import { useState } from 'react'
import {
  MIN_WITHDRAWAL_REASON,
  parsePaymentWithdrawal,
  type PaymentRecord,
} from '@shared/coverage/payments'
import { currentTime } from '@shared/dates/clock'
import { formatRupiah } from '@shared/i18n/format'
import type { ActingUser } from '@/core/acting-user'
import type { NaunganStore } from '@/core/store/database'
import { ConfirmDialog } from '@/ui/ConfirmDialog'
import { FormField } from '@/ui/FormField'
import { saveWithdrawals } from './billing-repository'
import { formatMonth } from './billing-format'
import { useBillingText } from './use-billing'

/**
 * Asks why before a payment recorded by mistake is withdrawn; the withdrawal is stored on this PC
 * (and sent with the other billing records) before the screen says it is saved.
 */
export function WithdrawPaymentDialog({
  store,
  actor,
  payment,
  onDone,
  onCancel,
}: {
  store: NaunganStore
  actor: ActingUser
  payment: PaymentRecord
  onDone(message: string): void
  onCancel(): void
}) {
  const { t, language } = useBillingText()
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const month = formatMonth(language, payment.month)
  const amount = formatRupiah(payment.amount)

  const confirm = async () => {
    if (busy) return
    const checked = parsePaymentWithdrawal({
      id: globalThis.crypto.randomUUID(),
      paymentId: payment.id,
      reason: reason.trim().slice(0, 300),
      withdrawnAt: currentTime().toISOString(),
      withdrawnBy: actor.name.slice(0, 120),
    })
    if (!checked.ok || reason.trim().length < MIN_WITHDRAWAL_REASON) {
      setError(t('withdrawReasonMissing'))
      return
    }
    setBusy(true)
    try {
      await saveWithdrawals(store, [checked.withdrawal])
      onDone(t('withdrawSaved', { month, amount }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <ConfirmDialog
      open
      tone="danger"
      title={t('withdrawTitle', { month, amount })}
      confirmLabel={t('withdrawConfirm')}
      cancelLabel={t('withdrawKeep')}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>{t('withdrawBody', { month })}</p>
      <FormField
        label={t('withdrawReason')}
        required
        help={t('withdrawReasonHelp')}
        error={error || undefined}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={300}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value)
              setError('')
            }}
          />
        )}
      </FormField>
    </ConfirmDialog>
  )
}
