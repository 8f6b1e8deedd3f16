import { useApp } from '../app/app-context'
import { useI18n } from '../i18n/i18n'
import { useSync } from '../sync/sync-context'
import { registerParticipant } from '../store/participant-repository'
import { ParticipantForm } from './ParticipantForm'
import { emptyFormValues } from './registration-form-values'

/** A walk-in at the kecamatan office: type their KTP details, save, next person. */
export function RegistrationScreen() {
  const { t } = useI18n()
  const { store, office, registrationAllowed } = useApp()
  const sync = useSync()
  if (!registrationAllowed) {
    return (
      <section className="panel">
        <h1>{t('form.title')}</h1>
        <p role="status">
          {t('register.notAllowed', { office: sync?.enrolment.office.name ?? '' })}
        </p>
      </section>
    )
  }
  return (
    <section className="panel">
      <h1>{t('form.title')}</h1>
      <ParticipantForm
        initialValues={emptyFormValues(office.kecamatanCode)}
        submitLabel="form.save"
        resetAfterSave
        onSave={async (valid) => ({
          kind: 'saved',
          participant: await registerParticipant(store, valid, { office }),
        })}
      />
    </section>
  )
}
