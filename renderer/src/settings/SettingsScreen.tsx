import { useMemo, useRef, useState, type FormEvent } from 'react'
import type { AppInfo } from '@shared/platform/platform-contract'
import { district } from '@/core/district'
import { formatNumber, useI18n } from '@/core/i18n/i18n'
import type { OfficeProfile } from '@/core/store/participant-repository'
import type { MessageKey } from '@/core/i18n/messages-id'
import { kecamatanByName } from '@/registration/kecamatan-options'
import { Notice } from '@/ui/Notice'

interface Props {
  appInfo: AppInfo
  office: OfficeProfile | null
  onSave(office: OfficeProfile): Promise<void>
}

type SetupField = 'kecamatan' | 'officeNumber' | 'operatorName'
type Errors = Partial<Record<SetupField, MessageKey>>

/** On-screen order: after an error the cursor goes to the first of these that is wrong. */
const FIELD_ORDER: readonly SetupField[] = ['kecamatan', 'officeNumber', 'operatorName']
const MAX_LENGTH = { officeNumber: 2, operatorName: 100 } as const

/** The office this PC registers for. Until device enrolment exists, the clerk sets it once. */
export function SettingsScreen({ appInfo, office, onSave }: Props) {
  const { t, language } = useI18n()
  const [kecamatanCode, setKecamatanCode] = useState(office?.kecamatanCode ?? '')
  // Empty on first start: the number comes from Distransnaker, and a guessed 1 would give two
  // offices the same registration numbers.
  const [officeNumber, setOfficeNumber] = useState(office ? String(office.officeNumber) : '')
  const [operatorName, setOperatorName] = useState(office?.operatorName ?? '')
  const [errors, setErrors] = useState<Errors>({})
  const [saved, setSaved] = useState(false)
  // Text refused for being longer than the box allows (never cut silently).
  const [refusedLength, setRefusedLength] = useState<Partial<Record<SetupField, number>>>({})
  const kecamatanRef = useRef<HTMLSelectElement>(null)
  const officeNumberRef = useRef<HTMLInputElement>(null)
  const operatorNameRef = useRef<HTMLInputElement>(null)
  const kecamatanOptions = useMemo(() => kecamatanByName(district.regions.kecamatan), [])

  const acceptText =
    (field: 'officeNumber' | 'operatorName', set: (value: string) => void) => (value: string) => {
      if (value.length > MAX_LENGTH[field]) {
        setRefusedLength((current) => ({ ...current, [field]: value.length }))
        return
      }
      setRefusedLength((current) => ({ ...current, [field]: undefined }))
      set(value)
    }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    const next: Errors = {}
    const kecamatan = district.regions.kecamatanByCode(kecamatanCode)
    if (!kecamatan) next.kecamatan = 'setup.errorKecamatan'
    const number = Number(officeNumber.trim())
    if (!/^\d{1,2}$/.test(officeNumber.trim()) || number < 1 || number > 99) {
      next.officeNumber = 'setup.errorOfficeNumber'
    }
    const name = operatorName.trim().replace(/\s+/g, ' ')
    if (name.length < 2 || name.length > 100 || /[<>\p{Cc}]/u.test(name)) {
      next.operatorName = 'setup.errorOperator'
    }
    setErrors(next)
    const firstBad = FIELD_ORDER.find((field) => next[field])
    const refs = {
      kecamatan: kecamatanRef,
      officeNumber: officeNumberRef,
      operatorName: operatorNameRef,
    }
    if (firstBad) refs[firstBad].current?.focus()
    if (Object.keys(next).length > 0 || !kecamatan) return
    await onSave({
      kecamatanCode: kecamatan.code,
      kecamatanShortCode: kecamatan.shortCode,
      officeNumber: number,
      operatorName: name,
    })
    setSaved(true)
  }

  const hasError = (field: SetupField) =>
    Boolean(errors[field]) || refusedLength[field] !== undefined
  const errorOf = (field: SetupField) => {
    const refused = refusedLength[field]
    const message = errors[field]
    if (refused === undefined && !message) return null
    return (
      <div id={`setup-${field}-error`}>
        {refused !== undefined ? (
          <p className="field-error" role="alert">
            {t('form.tooLong', {
              length: formatNumber(language, refused),
              max: formatNumber(language, MAX_LENGTH[field as keyof typeof MAX_LENGTH]),
            })}
          </p>
        ) : null}
        {message ? (
          <p className="field-error" role="alert">
            {t(message)}
          </p>
        ) : null}
      </div>
    )
  }

  return (
    <section className="panel narrow">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="setup-kecamatan">{t('setup.kecamatan')}</label>
          <select
            id="setup-kecamatan"
            ref={kecamatanRef}
            value={kecamatanCode}
            onChange={(event) => setKecamatanCode(event.target.value)}
            aria-invalid={hasError('kecamatan') ? true : undefined}
            aria-describedby={hasError('kecamatan') ? 'setup-kecamatan-error' : undefined}
            autoFocus
          >
            <option value="">{t('form.choose')}</option>
            {kecamatanOptions.map((kecamatan) => (
              <option key={kecamatan.code} value={kecamatan.code}>
                {kecamatan.name}
              </option>
            ))}
          </select>
          {errorOf('kecamatan')}
        </div>
        <div className="field">
          <label htmlFor="setup-office-number">{t('setup.officeNumber')}</label>
          <input
            id="setup-office-number"
            ref={officeNumberRef}
            inputMode="numeric"
            value={officeNumber}
            onChange={(event) => acceptText('officeNumber', setOfficeNumber)(event.target.value)}
            aria-invalid={hasError('officeNumber') ? true : undefined}
            aria-describedby={hasError('officeNumber') ? 'setup-officeNumber-error' : undefined}
          />
          {errorOf('officeNumber')}
        </div>
        <div className="field">
          <label htmlFor="setup-operator">{t('setup.operatorName')}</label>
          <input
            id="setup-operator"
            ref={operatorNameRef}
            value={operatorName}
            onChange={(event) => acceptText('operatorName', setOperatorName)(event.target.value)}
            aria-invalid={hasError('operatorName') ? true : undefined}
            aria-describedby={hasError('operatorName') ? 'setup-operatorName-error' : undefined}
          />
          {errorOf('operatorName')}
        </div>
        <button type="submit" className="primary">
          {t('setup.save')}
        </button>
        {saved ? (
          <Notice kind="success" inline className="saved">
            {t('setup.saved')}
          </Notice>
        ) : null}
      </form>
      <dl className="about">
        <dt>{t('setup.host')}</dt>
        <dd>{t(`setup.host.${appInfo.secretProtection}`)}</dd>
        <dt>{t('setup.version')}</dt>
        <dd>{appInfo.version}</dd>
        <dt>{t('setup.regionData')}</dt>
        <dd data-testid="region-data-source">
          {t('setup.regionDataSource', {
            edition: import.meta.env.VITE_REGION_EDITION ?? 'idn-area-data',
          })}
        </dd>
      </dl>
    </section>
  )
}
