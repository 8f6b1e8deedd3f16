import { useCallback, useEffect, useMemo, useState } from 'react'
import { useHoldWork } from '@/core/work-in-progress'
import { maskNik } from '@shared/identity/masking'
import { useApp } from '@/core/app-context'
import { formatDateTime, useI18n } from '@/core/i18n/i18n'
import { useSync } from '@/sync/sync-context'
import { officeCodeOf } from '@/core/acting-user'
import { registerParticipant } from '@/core/store/participant-repository'
import { ParticipantForm } from './ParticipantForm'
import {
  clearRegistrationDraft,
  loadRegistrationDraft,
  saveRegistrationDraft,
  type DraftOwner,
} from './registration-draft'
import {
  createDraftWriter,
  isWorthKeeping,
  type RegistrationDraft,
} from './registration-draft-values'
import { emptyFormValues, type RegistrationFormValues } from './registration-form-values'
import { ConfirmDialog } from '@/ui/ConfirmDialog'
import './registration.css'
import { Notice } from '@/ui/Notice'
import { LoadingState } from '@/ui/States'

/** Long enough not to write on every key, short enough that a crash loses a word at most. */
const DRAFT_DELAY_MS = 400

type Phase =
  | { kind: 'loading' }
  | { kind: 'offer'; draft: RegistrationDraft }
  | { kind: 'confirm-discard'; draft: RegistrationDraft }
  | { kind: 'form'; initialValues: RegistrationFormValues }

/** A walk-in at the kecamatan office: type their KTP details, save, next person. */
export function RegistrationScreen() {
  const { t } = useI18n()
  const { office, registrationAllowed } = useApp()
  const sync = useSync()
  if (!registrationAllowed) {
    return (
      <section className="panel">
        <h1>{t('form.title')}</h1>
        <Notice kind="info">
          {t('register.notAllowed', { office: sync?.enrolment.office.name ?? '' })}
        </Notice>
      </section>
    )
  }
  const owner: DraftOwner = sync
    ? { officeCode: sync.enrolment.office.code, userKey: `user:${sync.user.id}` }
    : { officeCode: officeCodeOf(office), userKey: `operator:${office.operatorName}` }
  // A new owner (another user signed in) is another draft: start over from loading it.
  return (
    <RegistrationWithDraft
      key={`${owner.officeCode}\u0000${owner.userKey}`}
      officeCode={owner.officeCode}
      userKey={owner.userKey}
    />
  )
}

function RegistrationWithDraft({ officeCode, userKey }: DraftOwner) {
  const { t, language } = useI18n()
  const { store, office } = useApp()
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  // Whether a draft is on disk, and whether a newer change is still waiting to be written.
  const [draftKept, setDraftKept] = useState(false)
  const [draftPending, setDraftPending] = useState(false)
  // A half-typed form is kept on disk, but an update must not restart the app under the clerk.
  useHoldWork('form', draftKept || draftPending)
  const owner = useMemo<DraftOwner>(() => ({ officeCode, userKey }), [officeCode, userKey])
  const blank = useMemo(() => emptyFormValues(office.kecamatanCode), [office.kecamatanCode])

  useEffect(() => {
    let cancelled = false
    loadRegistrationDraft(store, owner)
      .catch((error: unknown) => {
        console.error('Reading the draft failed:', error instanceof Error ? error.name : 'unknown')
        return null
      })
      .then((draft) => {
        if (cancelled) return
        setPhase(
          draft && isWorthKeeping(draft.values, blank)
            ? { kind: 'offer', draft }
            : { kind: 'form', initialValues: blank },
        )
      })
    return () => {
      cancelled = true
    }
  }, [store, owner, blank])

  const writer = useMemo(
    () =>
      createDraftWriter({
        blank,
        delayMs: DRAFT_DELAY_MS,
        write: (values) => saveRegistrationDraft(store, owner, values),
        remove: () => clearRegistrationDraft(store, owner),
        onStored: (kept, settled) => {
          setDraftKept(kept)
          if (settled) setDraftPending(false)
        },
        onError: (error) =>
          console.error(
            'Keeping the draft failed:',
            error instanceof Error ? error.name : 'unknown',
          ),
      }),
    [store, owner, blank],
  )

  // Leaving the screen (Alt+2) or the window (reload, close) writes what is still pending.
  useEffect(() => {
    const flush = () => void writer.flush()
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [writer])

  const onValuesChange = useCallback(
    (values: RegistrationFormValues) => {
      setDraftPending(true)
      writer.changed(values)
    },
    [writer],
  )

  if (phase.kind === 'loading') {
    return (
      <section className="panel">
        <h1>{t('form.title')}</h1>
        <LoadingState>{t('app.loading')}</LoadingState>
      </section>
    )
  }

  if (phase.kind === 'offer' || phase.kind === 'confirm-discard') {
    const { values, savedAt } = phase.draft
    const summary = t('draft.summary', {
      name: values.fullName.trim() || t('draft.noName'),
      nik: values.nik.trim() ? maskNik(values.nik.replace(/\D/g, '')) : t('draft.noNik'),
      at: formatDateTime(language, savedAt),
    })
    return (
      <section className="panel">
        <h1>{t('form.title')}</h1>
        {/* The offer stays under the question, so Esc or "keep" lands back on it. */}
        <div className="notice draft-offer" role="group" aria-labelledby="draft-offer-title">
          <h2 id="draft-offer-title">{t('draft.offerTitle')}</h2>
          <p>{summary}</p>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              autoFocus
              onClick={() => {
                setDraftKept(true)
                setPhase({ kind: 'form', initialValues: values })
              }}
            >
              {t('draft.continue')}
            </button>
            <button
              type="button"
              onClick={() => setPhase({ kind: 'confirm-discard', draft: phase.draft })}
            >
              {t('draft.startOver')}
            </button>
          </div>
        </div>
        <ConfirmDialog
          open={phase.kind === 'confirm-discard'}
          tone="danger"
          title={t('draft.discardTitle')}
          cancelLabel={t('draft.keep')}
          confirmLabel={t('draft.discard')}
          onCancel={() => setPhase({ kind: 'offer', draft: phase.draft })}
          onConfirm={() => {
            void writer.erase()
            setDraftKept(false)
            setPhase({ kind: 'form', initialValues: blank })
          }}
        >
          <p>
            {summary} {t('draft.discardBody')}
          </p>
        </ConfirmDialog>
      </section>
    )
  }

  return (
    <section className="panel">
      <h1>{t('form.title')}</h1>
      <p
        className="hint draft-state"
        data-testid="draft-state"
        data-state={draftPending ? 'pending' : draftKept ? 'kept' : 'none'}
      >
        {draftKept ? t('draft.kept') : '\u00a0'}
      </p>
      <ParticipantForm
        initialValues={phase.initialValues}
        submitLabel="form.save"
        resetAfterSave
        resetValues={blank}
        onValuesChange={onValuesChange}
        // A central PC's kecamatan fields are placeholders: it serves the whole district.
        officeKecamatanCode={office.actor?.officeCode === 'PUSAT' ? null : office.kecamatanCode}
        onSave={async (valid) => ({
          kind: 'saved',
          participant: await registerParticipant(store, valid, { office }),
        })}
        onSaved={() => {
          // Registered: the draft has done its job and must not be offered again.
          void writer.erase()
          setDraftKept(false)
        }}
      />
    </section>
  )
}
