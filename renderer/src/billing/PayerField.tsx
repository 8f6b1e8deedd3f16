import { district } from '@/core/district'
import { FormField } from '@/ui/FormField'
import { useBillingText } from './use-billing'

/** The payer (funding source) a bill or payment is for, with its BPJS group as the help text. */
export function PayerField({
  payerCode,
  onChange,
}: {
  payerCode: string
  onChange(payerCode: string): void
}) {
  const { t } = useBillingText()
  const payer = district.payerByCode(payerCode) ?? district.defaultPayer
  return (
    <FormField
      label={t('payer')}
      help={payer.bpjsGroup ? t('payerGroup', { group: payer.bpjsGroup.name }) : undefined}
    >
      {(control) => (
        <select {...control} value={payerCode} onChange={(event) => onChange(event.target.value)}>
          {district.config.payers.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {entry.name}
            </option>
          ))}
        </select>
      )}
    </FormField>
  )
}
