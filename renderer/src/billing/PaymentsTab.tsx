import { useState } from 'react'
import { billInForce, readRupiah } from '@shared/coverage/bills'
import { parsePaymentRecord, type PaymentRecord } from '@shared/coverage/payments'
import { currentTime } from '@shared/dates/clock'
import { formatDateWords, formatRupiah } from '@shared/i18n/format'
import type { ActingUser } from '@/core/acting-user'
import { district, localToday } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { DataTable, type Column } from '@/ui/DataTable'
import { FormField } from '@/ui/FormField'
import { Notice } from '@/ui/Notice'
import { savePayments, type BillingState } from './billing-repository'
import { formatMonth } from './billing-format'
import { paymentsOf, previousMonth } from './billing-model'
import { PayerField } from './PayerField'
import { useBillingText } from './use-billing'

type Field = 'month' | 'amount' | 'paidOn' | 'reference'

/** Record a payment (month, payer, amount, date, SP2D) and list the payments recorded. */
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
  const bill = billInForce(state.bills, payerCode, month)

  const record = async () => {
    const problems: Partial<Record<Field, string>> = {}
    const rupiah = readRupiah(amount)
    if (!/^\d{4}-\d{2}$/.test(month)) problems.month = t('paymentProblem.month')
    if (rupiah === null || rupiah <= 0) problems.amount = t('paymentProblem.amount')
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn)) problems.paidOn = t('paymentProblem.paidOn')
    if (reference.trim() === '') problems.reference = t('paymentProblem.reference')
    setErrors(problems)
    setSaved('')
    if (Object.keys(problems).length > 0 || rupiah === null) return
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
    setBusy(true)
    try {
      await savePayments(store, [checked.payment])
      setSaved(
        t('paymentSaved', {
          month: formatMonth(language, month),
          amount: formatRupiah(checked.payment.amount),
        }),
      )
      setAmount('')
      setReference('')
      setNote('')
      onRecorded()
    } finally {
      setBusy(false)
    }
  }

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
  ]

  return (
    <div className="billing-tab">
      <section aria-labelledby="billing-record-payment">
        <h2 id="billing-record-payment">{t('recordPayment')}</h2>
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
          <div className="actions">
            <button type="button" className="primary" onClick={() => void record()}>
              {t('recordPayment')}
            </button>
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
    </div>
  )
}
