import { useState, type FormEvent } from 'react'
import type { AppInfo } from '../../../shared/platform/platform-contract'
import { district } from '../app/district'
import { useI18n } from '../i18n/i18n'
import type { OfficeProfile } from '../store/participant-repository'
import type { MessageKey } from '../i18n/messages-id'

interface Props {
  appInfo: AppInfo
  office: OfficeProfile | null
  onSave(office: OfficeProfile): Promise<void>
}

type Errors = Partial<Record<'kecamatan' | 'officeNumber' | 'operatorName', MessageKey>>

/** The office this PC registers for. Until device enrolment exists, the clerk sets it once. */
export function SettingsScreen({ appInfo, office, onSave }: Props) {
  const { t } = useI18n()
  const [kecamatanCode, setKecamatanCode] = useState(office?.kecamatanCode ?? '')
  const [officeNumber, setOfficeNumber] = useState(office ? String(office.officeNumber) : '1')
  const [operatorName, setOperatorName] = useState(office?.operatorName ?? '')
  const [errors, setErrors] = useState<Errors>({})
  const [saved, setSaved] = useState(false)

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
    if (Object.keys(next).length > 0 || !kecamatan) return
    await onSave({
      kecamatanCode: kecamatan.code,
      kecamatanShortCode: kecamatan.shortCode,
      officeNumber: number,
      operatorName: name,
    })
    setSaved(true)
  }

  const errorOf = (field: keyof Errors) =>
    errors[field] ? (
      <p className="field-error" id={`setup-${field}-error`} role="alert">
        {t(errors[field])}
      </p>
    ) : null

  return (
    <section className="panel narrow">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="setup-kecamatan">{t('setup.kecamatan')}</label>
          <select
            id="setup-kecamatan"
            value={kecamatanCode}
            onChange={(event) => setKecamatanCode(event.target.value)}
            aria-invalid={errors.kecamatan ? true : undefined}
            aria-describedby={errors.kecamatan ? 'setup-kecamatan-error' : undefined}
            autoFocus
          >
            <option value="">{t('form.choose')}</option>
            {district.regions.kecamatan.map((kecamatan) => (
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
            inputMode="numeric"
            maxLength={2}
            value={officeNumber}
            onChange={(event) => setOfficeNumber(event.target.value)}
            aria-invalid={errors.officeNumber ? true : undefined}
            aria-describedby={errors.officeNumber ? 'setup-officeNumber-error' : undefined}
          />
          {errorOf('officeNumber')}
        </div>
        <div className="field">
          <label htmlFor="setup-operator">{t('setup.operatorName')}</label>
          <input
            id="setup-operator"
            maxLength={100}
            value={operatorName}
            onChange={(event) => setOperatorName(event.target.value)}
            aria-invalid={errors.operatorName ? true : undefined}
            aria-describedby={errors.operatorName ? 'setup-operatorName-error' : undefined}
          />
          {errorOf('operatorName')}
        </div>
        <button type="submit" className="primary">
          {t('setup.save')}
        </button>
        {saved ? (
          <p role="status" className="saved">
            {t('setup.saved')}
          </p>
        ) : null}
      </form>
      <dl className="about">
        <dt>{t('setup.host')}</dt>
        <dd>{t(`setup.host.${appInfo.secretProtection}`)}</dd>
        <dt>{t('setup.version')}</dt>
        <dd>{appInfo.version}</dd>
      </dl>
    </section>
  )
}
