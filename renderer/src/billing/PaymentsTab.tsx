import { useState } from 'react'
import { billInForce, readRupiah } from '@shared/coverage/bills'
import {
  MIN_WITHDRAWAL_REASON,
  parsePaymentRecord,
  parsePaymentWithdrawal,
  type PaymentRecord,
  type PaymentWithdrawal,
} from '@shared/coverage/payments'
import { currentTime } from '@shared/dates/clock'
import { formatDateWords, formatRupiah } from '@shared/i18n/format'
import type { ActingUser } from '@/core/acting-user'
import { district, districtDayOfIso, localToday } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { DataTable, type Column } from '@/ui/DataTable'
import { FormField } from '@/ui/FormField'
import { Notice } from '@/ui/Notice'
import { savePayments, saveWithdrawals, type BillingState } from './billing-repository'
import { formatMonth } from './billing-format'
import { paymentsOf, previousMonth } from './billing-model'
import { PayerField } from './PayerField'
import { useBillingText } from './use-billing'
import { WithdrawPaymentDialog } from './WithdrawPaymentDialog'

type Field = 'month' | 'amount' | 'paidOn' | 'reference' | 'reason'

/**
 * Record a payment (month, payer, amount, date, SP2D) and list the payments recorded. A payment
 * recorded by mistake is withdrawn with a reason, or corrected: the form is filled with it, and
 * saving records the fixed payment and withdraws the old one in its favour. Nothing is edited or
 * deleted; the guard and the timeline recount without what was withdrawn.
 */
export function PaymentsTab({
  store,
  actor,
  state,
  onRecorded,
}: {
  store: NaunganStore
  actor: ActingUser
  state: BillingState
  onRecorded(): void
}) {
  const { t, language } = useBillingText()
  const [payerCode, setPayerCode] = useState(district.defaultPayer.code)
  const [month, setMonth] = useState(() => previousMonth(localToday()))
  const [amount, setAmount] = useState('')
  const [paidOn, setPaidOn] = useState(() => localToday())
  const [reference, setReference] = useState('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)
  const [correcting, setCorrecting] = useState<PaymentRecord | null>(null)
  const [reason, setReason] = useState('')
  const [withdrawing, setWithdrawing] = useState<PaymentRecord | null>(null)
  const bill = billInForce(state.bills, payerCode, month)
  const withdrawals = new Map(state.withdrawals.map((entry) => [entry.paymentId, entry]))
  const paymentById = new Map(state.payments.map((entry) => [entry.id, entry]))

  const clearForm = () => {
    setAmount('')
    setReference('')
    setNote('')
    setReason('')
    setCorrecting(null)
  }

  const startCorrection = (payment: PaymentRecord) => {
    setCorrecting(payment)
    setPayerCode(payment.payerCode)
    setMonth(payment.month)
    setAmount(String(payment.amount))
    setPaidOn(payment.paidOn)
    setReference(payment.reference)
    setNote(payment.note ?? '')
    setReason('')
    setErrors({})
    setSaved('')
  }

  const record = async () => {
    const problems: Partial<Record<Field, string>> = {}
    const rupiah = readRupiah(amount)
    if (!/^\d{4}-\d{2}$/.test(month)) problems.month = t('paymentProblem.month')
    if (rupiah === null || rupiah <= 0) problems.amount = t('paymentProblem.amount')
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn)) problems.paidOn = t('paymentProblem.paidOn')
    if (reference.trim() === '') problems.reference = t('paymentProblem.reference')
    if (correcting && reason.trim().length < MIN_WITHDRAWAL_REASON) {
      problems.reason = t('withdrawReasonMissing')
    }
    setErrors(problems)
    setSaved('')
    if (Object.keys(problems).length > 0 || rupiah === null) return
    if (
      correcting &&
      correcting.payerCode === payerCode &&
      correcting.month === month &&
      correcting.amount === rupiah &&
      correcting.paidOn === paidOn &&
      correcting.reference === reference.trim() &&
      (correcting.note ?? '') === note.trim()
    ) {
      setErrors({ amount: t('correctUnchanged') })
      return
    }
    const checked = parsePaymentRecord({
      id: globalThis.crypto.randomUUID(),
      payerCode,
      month,
      amount: rupiah,
      paidOn,
      reference: reference.trim().slice(0, 60),
      ...(note.trim() ? { note: note.trim().slice(0, 300) } : {}),
      recordedAt: currentTime().toISOString(),
      recordedBy: actor.name.slice(0, 120),
    })
    if (!checked.ok) {
      setErrors({ amount: t('paymentProblem.amount') })
      return
    }
    const withdrawal = correcting
      ? parsePaymentWithdrawal({
          id: globalThis.crypto.randomUUID(),
          paymentId: correcting.id,
          reason: reason.trim().slice(0, 300),
          replacedBy: checked.payment.id,
          withdrawnAt: checked.payment.recordedAt,
          withdrawnBy: checked.payment.recordedBy,
        })
      : null
    if (withdrawal && !withdrawal.ok) {
      setErrors({ reason: t('withdrawReasonMissing') })
      return
    }
    setBusy(true)
    try {
      // The new payment first: a withdrawal is only ever sent after the payment replacing it.
      await savePayments(store, [checked.payment])
      const monthText = formatMonth(language, month)
      const amountText = formatRupiah(checked.payment.amount)
      if (withdrawal && correcting) {
        await saveWithdrawals(store, [withdrawal.withdrawal])
        setSaved(
          t('correctSaved', {
            oldMonth: formatMonth(language, correcting.month),
            oldAmount: formatRupiah(correcting.amount),
            month: monthText,
            amount: amountText,
          }),
        )
      } else {
        setSaved(t('paymentSaved', { month: monthText, amount: amountText }))
      }
      clearForm()
      onRecorded()
    } finally {
      setBusy(false)
    }
  }

  const statusOf = (withdrawal: PaymentWithdrawal | undefined) => {
    if (!withdrawal) return t('paymentInForce')
    const replacement = withdrawal.replacedBy ? paymentById.get(withdrawal.replacedBy) : undefined
    const withdrawn = t('paymentWithdrawn', {
      reason: withdrawal.reason,
      by: withdrawal.withdrawnBy,
      date: formatDateWords(language, districtDayOfIso(withdrawal.withdrawnAt)),
    })
    const sent = state.onServer.withdrawals.includes(withdrawal.id) ? '' : ` · ${t('notSent')}`
    return replacement
      ? `${withdrawn} ${t('paymentReplacedBy', {
          amount: formatRupiah(replacement.amount),
          month: formatMonth(language, replacement.month),
        })}${sent}`
      : `${withdrawn}${sent}`
  }

  const labelsOf = (payment: PaymentRecord) => ({
    month: formatMonth(language, payment.month),
    amount: formatRupiah(payment.amount),
    reference: payment.reference,
  })

  const payerName = (code: string) => district.payerByCode(code)?.name ?? code
  const columns: Column<PaymentRecord>[] = [
    {
      key: 'month',
      header: t('col.month'),
      isRowHeader: true,
      cell: (payment) => formatMonth(language, payment.month),
      sortValue: (payment) => payment.month,
    },
    { key: 'payer', header: t('payer'), cell: (payment) => payerName(payment.payerCode) },
    {
      key: 'amount',
      header: t('col.amount'),
      isNumeric: true,
      cell: (payment) => formatRupiah(payment.amount),
      sortValue: (payment) => payment.amount,
    },
    {
      key: 'paidOn',
      header: t('col.paidOn'),
      cell: (payment) => formatDateWords(language, payment.paidOn),
      sortValue: (payment) => payment.paidOn,
    },
    { key: 'reference', header: t('col.reference'), cell: (payment) => payment.reference },
    {
      key: 'recordedBy',
      header: t('col.recordedBy'),
      cell: (payment) =>
        `${payment.recordedBy}${state.onServer.payments.includes(payment.id) ? '' : ` · ${t('notSent')}`}`,
    },
    {
      key: 'status',
      header: t('col.status'),
      cell: (payment) => statusOf(withdrawals.get(payment.id)),
    },
    {
      key: 'actions',
      header: t('col.actions'),
      cell: (payment) =>
        withdrawals.has(payment.id) ? null : (
          <span className="billing-payment-actions">
            <button
              type="button"
              aria-label={t('correctPaymentLabel', labelsOf(payment))}
              onClick={() => startCorrection(payment)}
            >
              {t('correctPayment')}
            </button>
            <button
              type="button"
              className="danger"
              aria-label={t('withdrawPaymentLabel', labelsOf(payment))}
              onClick={() => {
                setSaved('')
                setWithdrawing(payment)
              }}
            >
              {t('withdrawPayment')}
            </button>
          </span>
        ),
    },
  ]

  return (
    <div className="billing-tab">
      <section aria-labelledby="billing-record-payment">
        <h2 id="billing-record-payment">
          {correcting ? t('correctingTitle', labelsOf(correcting)) : t('recordPayment')}
        </h2>
        {correcting ? <Notice kind="warning">{t('correctingHelp')}</Notice> : null}
        <fieldset disabled={busy} className="field-row">
          <PayerField payerCode={payerCode} onChange={setPayerCode} />
          <FormField
            label={t('month')}
            required
            error={errors.month}
            help={
              bill
                ? t('billedForMonth', { total: formatRupiah(bill.billedTotal) })
                : t('noBillForMonth')
            }
          >
            {(control) => (
              <input
                {...control}
                type="month"
                value={month}
                onChange={(event) => setMonth(event.target.value)}
              />
            )}
          </FormField>
          <FormField label={t('amount')} required error={errors.amount}>
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                autoComplete="off"
                value={amount}
                placeholder={bill ? String(bill.billedTotal) : ''}
                onChange={(event) => setAmount(event.target.value)}
              />
            )}
          </FormField>
          <FormField label={t('paidOn')} required error={errors.paidOn}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={paidOn}
                onChange={(event) => setPaidOn(event.target.value)}
              />
            )}
          </FormField>
          <FormField label={t('reference')} required error={errors.reference}>
            {(control) => (
              <input
                {...control}
                maxLength={60}
                autoComplete="off"
                value={reference}
                onChange={(event) => setReference(event.target.value)}
              />
            )}
          </FormField>
          <FormField label={t('note')}>
            {(control) => (
              <input
                {...control}
                maxLength={300}
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            )}
          </FormField>
          {correcting ? (
            <FormField label={t('correctReason')} required error={errors.reason}>
              {(control) => (
                <input
                  {...control}
                  maxLength={300}
                  autoComplete="off"
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              )}
            </FormField>
          ) : null}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void record()}>
              {correcting ? t('correctSave') : t('recordPayment')}
            </button>
            {correcting ? (
              <button type="button" onClick={clearForm}>
                {t('correctCancel')}
              </button>
            ) : null}
          </div>
        </fieldset>
        {saved ? <Notice kind="success">{saved}</Notice> : null}
      </section>
      <section aria-labelledby="billing-payments">
        <h2 id="billing-payments">{t('payments')}</h2>
        <DataTable
          caption={t('payments')}
          isCaptionHidden
          columns={columns}
          rows={paymentsOf(state.payments, null)}
          rowKey={(payment) => payment.id}
          testId="billing-payments"
          empty={t('noPayments')}
        />
      </section>
      {withdrawing ? (
        <WithdrawPaymentDialog
          store={store}
          actor={actor}
          payment={withdrawing}
          onCancel={() => setWithdrawing(null)}
          onDone={(message) => {
            setWithdrawing(null)
            setSaved(message)
            onRecorded()
          }}
        />
      ) : null}
    </div>
  )
}
