import { useState } from 'react'
import { expectedBenefit } from '@shared/claims/benefits'
import {
  allowedNextStatuses,
  claimStatusOf,
  daysInStatus,
  daysOpen,
  isStalled,
  moveClaim,
  openClaimCase,
  withDocument,
  type ClaimActor,
  type ClaimCase,
  type ClaimStatus,
  type ClaimStep,
} from '@shared/claims/claim-case'
import { describeClaimProblem } from '@shared/claims/claim-messages'
import { readRupiah } from '@shared/coverage/bills'
import { isDeceased } from '@shared/participant/death'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { formatDateWords, formatRupiah } from '@shared/i18n/format'
import type { ActingUser } from '@/core/acting-user'
import { district, localToday } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { heirRelationshipLabel } from '@/participants/participant-labels'
import { FormField } from '@/ui/FormField'
import { Notice } from '@/ui/Notice'
import { changeClaim, type ClaimOutcome } from './claims-repository'
import { saveClaimLetter } from './claim-letter-save'
import { useClaimsText } from './use-claims-text'
import './claims.css'

/**
 * Claim assistance on a participant's page: open a JKM claim once the death is recorded (or a
 * JKK claim after a work accident), tick the documents the family brings, move the case along
 * (berkas lengkap → diajukan → dibayar / ditolak), see the benefit they should expect, and print
 * the cover letter and checklist for the heir. Saved on the PC first, synced like the record.
 */
export function ClaimPanel({
  store,
  participant,
  actor,
  claimActor,
  officeName,
  onChanged,
}: {
  store: NaunganStore
  participant: ParticipantDocument
  actor: ActingUser
  claimActor: ClaimActor
  officeName: string
  onChanged(): void
}) {
  const { t, language } = useClaimsText()
  const [opening, setOpening] = useState<'jkm' | 'jkk' | null>(null)
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const claims = [...(participant.claims ?? [])].sort((a, b) =>
    b.openedOn.localeCompare(a.openedOn),
  )
  const deceased = participant.death && isDeceased(participant) ? participant.death : null
  const hasOpenJkm = claims.some((claim) => claim.kind === 'jkm')
  if (claimActor.role === 'verifier') return null

  const settle = (outcome: ClaimOutcome, success: string) => {
    if (outcome.ok) {
      setNotice({ kind: 'success', text: success })
      onChanged()
      return true
    }
    setNotice({
      kind: 'error',
      text:
        outcome.reason === 'PROBLEM'
          ? describeClaimProblem(outcome.problem, language)
          : outcome.reason === 'REFUSED'
            ? outcome.verdict.message[language]
            : t('notFound'),
    })
    return false
  }

  return (
    <section className="claim-panel" aria-labelledby="claims-title" data-testid="claim-panel">
      <h2 id="claims-title">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {claims.map((claim) => (
        <ClaimCaseView
          key={claim.id}
          store={store}
          participant={participant}
          claim={claim}
          actor={actor}
          claimActor={claimActor}
          officeName={officeName}
          onSettled={settle}
        />
      ))}
      {opening ? (
        <OpenClaimForm
          kind={opening}
          participant={participant}
          defaultEventOn={opening === 'jkm' ? (deceased?.date ?? '') : ''}
          onCancel={() => setOpening(null)}
          onOpen={async (input) => {
            const today = localToday()
            const outcome = await changeClaim(store, participant.id, null, actor, claimActor, () =>
              openClaimCase(
                {
                  id: globalThis.crypto.randomUUID(),
                  participantId: participant.id,
                  kecamatanCode: participant.kecamatanCode,
                  kind: opening,
                  eventOn: input.eventOn,
                  died: opening === 'jkm' ? true : input.died,
                  openedOn: today,
                  by: actor.name,
                  ...(input.heir ? { heir: input.heir } : {}),
                  ...(input.note ? { note: input.note } : {}),
                },
                today,
              ),
            )
            if (settle(outcome, t('opened'))) setOpening(null)
          }}
        />
      ) : (
        <div className="actions">
          {deceased && !hasOpenJkm ? (
            <button type="button" onClick={() => setOpening('jkm')}>
              {t('openJkm')}
            </button>
          ) : null}
          <button type="button" onClick={() => setOpening('jkk')}>
            {t('openJkk')}
          </button>
        </div>
      )}
    </section>
  )
}

interface OpenInput {
  eventOn: string
  died: boolean
  heir?: { name: string; relationshipCode: string; recordIndex?: number }
  note?: string
}

function OpenClaimForm({
  kind,
  participant,
  defaultEventOn,
  onOpen,
  onCancel,
}: {
  kind: 'jkm' | 'jkk'
  participant: ParticipantDocument
  defaultEventOn: string
  onOpen(input: OpenInput): Promise<void>
  onCancel(): void
}) {
  const { t, language } = useClaimsText()
  const [eventOn, setEventOn] = useState(defaultEventOn)
  const [died, setDied] = useState(kind === 'jkm')
  const [heirChoice, setHeirChoice] = useState<'record' | 'other'>('record')
  const [heirName, setHeirName] = useState('')
  const [relationship, setRelationship] = useState(district.config.heirRelationships[0]?.code ?? '')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const needsHeir = kind === 'jkm' || died
  const submit = async () => {
    setBusy(true)
    try {
      await onOpen({
        eventOn,
        died,
        ...(needsHeir
          ? {
              heir:
                heirChoice === 'record'
                  ? {
                      name: participant.heirName,
                      relationshipCode: participant.heirRelationship,
                      recordIndex: 0,
                    }
                  : { name: heirName.trim(), relationshipCode: relationship },
            }
          : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
    } finally {
      setBusy(false)
    }
  }
  return (
    <fieldset disabled={busy} className="claim-open">
      <legend>{kind === 'jkm' ? t('openJkm') : t('openJkk')}</legend>
      <FormField label={kind === 'jkm' ? t('eventOnJkm') : t('eventOnJkk')} required>
        {(control) => (
          <input
            {...control}
            type="date"
            max={localToday()}
            value={eventOn}
            onChange={(event) => setEventOn(event.target.value)}
          />
        )}
      </FormField>
      {kind === 'jkk' ? (
        <label className="check">
          <input
            type="checkbox"
            checked={died}
            onChange={(event) => setDied(event.target.checked)}
          />{' '}
          {t('diedInAccident')}
        </label>
      ) : null}
      {needsHeir ? (
        <fieldset className="claim-heir">
          <legend>{t('heir')}</legend>
          <label className="check">
            <input
              type="radio"
              name="claim-heir"
              checked={heirChoice === 'record'}
              onChange={() => setHeirChoice('record')}
            />{' '}
            {t('heirOnRecord', {
              name: participant.heirName,
              relationship: heirRelationshipLabel(participant.heirRelationship, language),
            })}
          </label>
          <label className="check">
            <input
              type="radio"
              name="claim-heir"
              checked={heirChoice === 'other'}
              onChange={() => setHeirChoice('other')}
            />{' '}
            {t('heirOther')}
          </label>
          {heirChoice === 'other' ? (
            <>
              <FormField label={t('heirName')} required>
                {(control) => (
                  <input
                    {...control}
                    maxLength={100}
                    value={heirName}
                    onChange={(event) => setHeirName(event.target.value)}
                  />
                )}
              </FormField>
              <FormField label={t('heirRelationship')} required>
                {(control) => (
                  <select
                    {...control}
                    value={relationship}
                    onChange={(event) => setRelationship(event.target.value)}
                  >
                    {district.config.heirRelationships.map((option) => (
                      <option key={option.code} value={option.code}>
                        {heirRelationshipLabel(option.code, language)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            </>
          ) : null}
        </fieldset>
      ) : null}
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
        <button type="button" className="primary" onClick={() => void submit()}>
          {t('openSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </fieldset>
  )
}

function ClaimCaseView({
  store,
  participant,
  claim,
  actor,
  claimActor,
  officeName,
  onSettled,
}: {
  store: NaunganStore
  participant: ParticipantDocument
  claim: ClaimCase
  actor: ActingUser
  claimActor: ClaimActor
  officeName: string
  onSettled(outcome: ClaimOutcome, success: string): boolean
}) {
  const { t, language, status, documentLabel, benefitLabel } = useClaimsText()
  const [children, setChildren] = useState(0)
  const [moving, setMoving] = useState<ClaimStatus | null>(null)
  const [amount, setAmount] = useState('')
  const [text, setText] = useState('')
  const [fieldError, setFieldError] = useState('')
  const [busy, setBusy] = useState(false)
  const [letterNotice, setLetterNotice] = useState('')
  const today = localToday()
  const current = claimStatusOf(claim)
  const date = (iso: string) => formatDateWords(language, iso)
  const benefit = expectedBenefit({
    kind: claim.kind,
    coverage: participant.coverage ?? [],
    eventOn: claim.eventOn,
    childrenInSchool: children,
  })

  const change = async (
    run: (latest: ClaimCase) => ReturnType<typeof withDocument>,
    success: string,
  ) => {
    setBusy(true)
    try {
      const outcome = await changeClaim(
        store,
        participant.id,
        claim.id,
        actor,
        claimActor,
        (latest) =>
          latest
            ? run(latest)
            : { ok: false, problem: { code: 'CASE_INPUT_INVALID', params: { field: 'id' } } },
      )
      return onSettled(outcome, success)
    } finally {
      setBusy(false)
    }
  }

  const saveMove = async () => {
    if (!moving) return
    let step: ClaimStep
    const base = { on: today, by: actor.name }
    const rupiah = amount.trim() === '' ? null : readRupiah(amount)
    if (amount.trim() !== '' && rupiah === null) {
      setFieldError(t('amountInvalid'))
      return
    }
    if (moving === 'dibayar') {
      if (rupiah === null) {
        setFieldError(t('amountInvalid'))
        return
      }
      step = { ...base, status: 'dibayar', amountPaid: rupiah }
    } else if (moving === 'diajukan') {
      step = { ...base, status: 'diajukan', ...(rupiah !== null ? { amountClaimed: rupiah } : {}) }
    } else if (moving === 'ditolak') step = { ...base, status: 'ditolak', reason: text.trim() }
    else if (moving === 'dilaporkan') step = { ...base, status: 'dilaporkan', note: text.trim() }
    else step = { ...base, status: 'berkas-lengkap', ...(text.trim() ? { note: text.trim() } : {}) }
    setFieldError('')
    const done = await change(
      (latest) => moveClaim(latest, step, today),
      t('moved', { status: status(moving) }),
    )
    if (done) {
      setMoving(null)
      setAmount('')
      setText('')
    }
  }

  const stalled = isStalled(claim, today)
  return (
    <article className="claim-case" data-testid="claim-case" data-status={current}>
      <h3>{t('caseTitle', { kind: t(`kind.${claim.kind}`), status: status(current) })}</h3>
      <p className="hint">
        {t('since', {
          date: date(claim.history.at(-1)?.on ?? claim.openedOn),
          days: daysInStatus(claim, today),
          opened: date(claim.openedOn),
          open: daysOpen(claim, today),
        })}
      </p>
      {stalled ? (
        <Notice kind="warning" announce="none">
          {t('stalled', { days: daysInStatus(claim, today) })}
        </Notice>
      ) : null}

      <h4>{t('expected')}</h4>
      {!benefit.ok ? (
        <p>{t('noBenefit', { reason: describeClaimProblem(benefit.problem, language) })}</p>
      ) : benefit.expected.kind === 'jkk' ? (
        <p>{t('jkkAmount')}</p>
      ) : (
        <div data-testid="claim-benefit">
          <ul>
            {benefit.expected.benefit.lines.map((line) => (
              <li key={line.code}>
                {benefitLabel(line.code)}: {formatRupiah(line.amount)}
              </li>
            ))}
          </ul>
          <p>
            <strong>
              {t('expectedTotal', { total: formatRupiah(benefit.expected.benefit.total) })}
            </strong>
          </p>
          {benefit.expected.benefit.isEarlyDeath ? (
            <p>{t('earlyDeath', { date: date(benefit.expected.benefit.fullBenefitFrom) })}</p>
          ) : null}
          <p>
            {!benefit.expected.benefit.scholarship.hasEnoughMembership
              ? t('scholarshipNotYet', {
                  date: date(benefit.expected.benefit.scholarship.eligibleFrom),
                })
              : benefit.expected.benefit.scholarship.eligible
                ? t('scholarshipEligible', {
                    children: benefit.expected.benefit.scholarship.children,
                  })
                : t('scholarshipNoChildren')}
          </p>
          <label className="field">
            {t('childrenInSchool')}
            <input
              type="number"
              min={0}
              max={20}
              value={children}
              onChange={(event) =>
                setChildren(Math.max(0, Math.min(20, Number(event.target.value) || 0)))
              }
            />
          </label>
        </div>
      )}

      <h4>{t('checklist')}</h4>
      {current !== 'dilaporkan' ? <p className="hint">{t('documentsLocked')}</p> : null}
      <ul className="claim-checklist">
        {claim.documents.map((entry) => (
          <li key={entry.code} data-document={entry.code} data-state={entry.state}>
            <label className="check">
              <input
                type="checkbox"
                checked={entry.state === 'received'}
                disabled={busy || current !== 'dilaporkan'}
                onChange={(event) => {
                  // Read now: the controlled box is drawn back before the write below resolves.
                  const state = event.target.checked ? 'received' : 'missing'
                  void change(
                    (latest) => withDocument(latest, { code: entry.code, state, on: today }, today),
                    documentLabel(entry.code),
                  )
                }}
              />{' '}
              {documentLabel(entry.code)}
            </label>{' '}
            <span className="hint">
              {entry.state === 'received' ? t('received', { date: date(entry.on) }) : t('missing')}
            </span>
          </li>
        ))}
      </ul>

      {allowedNextStatuses(claim).length > 0 ? (
        <fieldset disabled={busy} className="claim-move">
          <legend>{t('move')}</legend>
          <div className="actions">
            {allowedNextStatuses(claim).map((next) => (
              <button
                key={next}
                type="button"
                aria-pressed={moving === next}
                onClick={() => {
                  setMoving(next)
                  setFieldError('')
                }}
              >
                {t(`moveTo.${next}`)}
              </button>
            ))}
          </div>
          {moving ? (
            <div className="claim-move-form">
              {moving === 'diajukan' || moving === 'dibayar' ? (
                <FormField
                  label={moving === 'dibayar' ? t('amountPaid') : t('amountClaimed')}
                  required={moving === 'dibayar'}
                  error={fieldError || undefined}
                >
                  {(control) => (
                    <input
                      {...control}
                      inputMode="numeric"
                      value={amount}
                      placeholder={
                        benefit.ok && benefit.expected.kind === 'jkm'
                          ? String(benefit.expected.benefit.total)
                          : ''
                      }
                      onChange={(event) => setAmount(event.target.value)}
                    />
                  )}
                </FormField>
              ) : null}
              {moving === 'ditolak' || moving === 'dilaporkan' || moving === 'berkas-lengkap' ? (
                <FormField
                  label={
                    moving === 'ditolak'
                      ? t('rejectionReason')
                      : moving === 'dilaporkan'
                        ? t('backNote')
                        : t('note')
                  }
                  required={moving !== 'berkas-lengkap'}
                >
                  {(control) => (
                    <input
                      {...control}
                      maxLength={300}
                      value={text}
                      onChange={(event) => setText(event.target.value)}
                    />
                  )}
                </FormField>
              ) : null}
              <button type="button" className="primary" onClick={() => void saveMove()}>
                {t('moveSave')}
              </button>
            </div>
          ) : null}
        </fieldset>
      ) : null}

      <h4>{t('history')}</h4>
      <ol className="claim-history">
        {claim.history.map((step, index) => (
          <li key={index}>
            {t('step', { date: date(step.on), status: status(step.status), by: step.by })}
            {step.status === 'dibayar'
              ? ` — ${t('amountPaidStep', { amount: formatRupiah(step.amountPaid) })}`
              : ''}
            {step.status === 'diajukan' && step.amountClaimed !== undefined
              ? ` — ${t('amountClaimedStep', { amount: formatRupiah(step.amountClaimed) })}`
              : ''}
            {step.status === 'ditolak' ? ` — ${step.reason}` : ''}
            {'note' in step && step.note ? ` — ${step.note}` : ''}
          </li>
        ))}
      </ol>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            void saveClaimLetter({
              claim,
              participant,
              benefit: benefit.ok ? benefit : null,
              language,
              officeName,
            }).then((saved) =>
              setLetterNotice(
                saved.saved ? t('letterSaved', { name: saved.name }) : t('letterFailed'),
              ),
            )
          }
        >
          {t('letter')}
        </button>
      </div>
      {letterNotice ? <Notice kind="info">{letterNotice}</Notice> : null}
    </article>
  )
}
