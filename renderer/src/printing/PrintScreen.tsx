import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CardKind } from '@shared/cards/card-token'
import { REPRINT_REASONS, type ReprintReason } from '@shared/cards/print-log'
import {
  PARTICIPANT_STATUSES,
  type ParticipantStatus,
} from '@shared/participant/participant-document'
import type { PrintWarning, StickerTemplate } from '@shared/printing/print-model'
import { BUILT_IN_STICKER_TEMPLATES } from '@shared/printing/sticker-templates'
import { useApp } from '@/core/app-context'
import { district, localToday } from '@/core/district'
import { formatDate, formatNumber, useI18n, type Language } from '@/core/i18n/i18n'
import { getPlatform } from '@/core/platform'
import type { NaunganStore } from '@/core/store/database'
import { officeCodeOf, type OfficeProfile } from '@/core/store/participant-repository'
import type { SyncContextValue } from '@/sync/sync-context'
import { ServerError } from '@/core/server-api'
import {
  certificateNeedsRenewal,
  loadCardSigner,
  requestCardCertificate,
  type SignerState,
} from './card-keys'
import {
  brandingFor,
  prepareBatch,
  renderInWorker,
  warmUpPrintWorker,
  type RenderOutcome,
} from './print-client'
import { printText, type PrintMessageKey } from './print-messages'
import {
  findPrintCandidates,
  loadParticipantsForPrint,
  recordPrints,
  type PrintCandidate,
  type PrintLogEntry,
  type PrintedFilter,
} from './print-records'
import { loadPrintSettings, type PrintSettings } from './print-settings'
import { PrinterSettingsPanel } from './PrinterSettingsPanel'
import type { WorkerJob } from './print-worker-protocol'
import { currentTime } from '@shared/dates/clock'
import './printing.css'

type WhatToPrint = 'card-id1' | 'card-a4' | 'sticker'

const kindOf = (what: WhatToPrint): CardKind => (what === 'sticker' ? 'sticker' : 'card')

interface Progress {
  phase: 'loading' | 'signing' | 'drawing' | 'logging'
  done: number
  total: number
}

/** A generated PDF waiting to be printed or saved, with the log entries it stands for. */
interface ReadyPdf {
  url: string
  data: Uint8Array
  pageCount: number
  fileName: string
  warnings: PrintWarning[]
  /** Null for the calibration test page, which is never logged. */
  logEntries: PrintLogEntry[] | null
  logged: boolean
}

type Notice = { tone: 'info' | 'error' | 'success'; text: string } | null

export function PrintScreen({
  store,
  office,
  sync,
}: {
  store: NaunganStore
  office: OfficeProfile
  sync: SyncContextValue | null
}) {
  const { language, t: appText } = useI18n()
  const app = useApp()
  const t = useCallback(
    (key: PrintMessageKey, params?: Record<string, string | number>) =>
      printText(language, key, params),
    [language],
  )
  const today = localToday()
  const officeCode = sync?.enrolment.office.code ?? officeCodeOf(office)
  const operator = sync?.user.displayName ?? office.operatorName

  // ---- signing key
  const [signer, setSigner] = useState<SignerState | null>(null)
  const [signerBusy, setSignerBusy] = useState(false)
  const [signerError, setSignerError] = useState<string | null>(null)
  const refreshSigner = useCallback(async () => {
    const state = await loadCardSigner(store, today)
    setSigner(state)
    return state
  }, [store, today])
  const askCertificate = useCallback(async () => {
    if (!sync) return
    setSignerBusy(true)
    setSignerError(null)
    try {
      await requestCardCertificate(store, (path, init) => sync.session.json(path, init))
      await refreshSigner()
    } catch (error) {
      setSignerError(
        error instanceof ServerError && error.failure.kind === 'refused'
          ? error.failure.message
          : t('signer.unreachable'),
      )
    } finally {
      setSignerBusy(false)
    }
  }, [store, sync, refreshSigner, t])
  useEffect(() => {
    void loadCardSigner(store, today).then((state) => {
      setSigner(state)
      // An enrolled PC fetches (or renews) its certificate by itself when it can.
      const renew = state.ready && certificateNeedsRenewal(state.certificate, today)
      if (sync && (!state.ready || renew)) void askCertificate()
    })
    // Once per visit of the screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // ---- printer settings
  const [settings, setSettings] = useState<PrintSettings | null>(null)
  useEffect(() => warmUpPrintWorker(), [])
  useEffect(() => {
    void loadPrintSettings(store).then(setSettings)
  }, [store])

  // ---- what to print
  const [what, setWhat] = useState<WhatToPrint>('card-a4')
  const [withBack, setWithBack] = useState(false)
  const [templateId, setTemplateId] = useState<string>(BUILT_IN_STICKER_TEMPLATES[2]!.id)
  const [startPosition, setStartPosition] = useState('1')
  const [coverageYear, setCoverageYear] = useState(today.slice(0, 4))
  const templates: StickerTemplate[] = useMemo(
    () => [
      ...BUILT_IN_STICKER_TEMPLATES,
      ...(settings?.customTemplate ? [settings.customTemplate] : []),
    ],
    [settings],
  )
  const template = templates.find((entry) => entry.id === templateId) ?? templates[0]!

  // ---- selection
  const [kecamatanCode, setKecamatanCode] = useState(office.kecamatanCode)
  const [villageCode, setVillageCode] = useState('')
  const [status, setStatus] = useState<ParticipantStatus | ''>('')
  const [printedKind, setPrintedKind] = useState<PrintedFilter['kind']>('never')
  const [printedBefore, setPrintedBefore] = useState(`${today.slice(0, 4)}-01-01`)
  const [found, setFound] = useState<{
    key: string
    candidates: PrintCandidate[]
    truncated: boolean
    notCovered: number
  } | null>(null)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [refreshTick, setRefreshTick] = useState(0)
  const villages = kecamatanCode ? district.regions.villagesOf(kecamatanCode) : []

  const filtersKey = JSON.stringify([
    kecamatanCode,
    villageCode,
    status,
    printedKind,
    printedBefore,
    kindOf(what),
    coverageYear,
    refreshTick,
  ])
  useEffect(() => {
    let live = true
    const printed: PrintedFilter =
      printedKind === 'before' ? { kind: 'before', date: printedBefore } : { kind: printedKind }
    void findPrintCandidates(store, {
      ...(kecamatanCode ? { kecamatanCode } : {}),
      ...(villageCode ? { villageCode } : {}),
      ...(status ? { status } : {}),
      printed,
      printKind: kindOf(what),
      coverageYear: Number(coverageYear),
    }).then((result) => {
      if (!live) return
      setFound({ key: filtersKey, ...result })
      // Keep only the chosen rows that are still listed.
      const listed = new Set(result.candidates.map((candidate) => candidate.id))
      setSelected((current) => new Set([...current].filter((id) => listed.has(id))))
    })
    return () => {
      live = false
    }
  }, [
    store,
    kecamatanCode,
    villageCode,
    status,
    printedKind,
    printedBefore,
    what,
    coverageYear,
    filtersKey,
  ])
  // While the filters' answer is on its way, nothing is listed (and nothing can be chosen).
  const candidates = found?.key === filtersKey ? found.candidates : null
  const truncated = found?.key === filtersKey && found.truncated
  const notCovered = found?.key === filtersKey ? found.notCovered : 0

  const chosen = useMemo(
    () => (candidates ?? []).filter((candidate) => selected.has(candidate.id)),
    [candidates, selected],
  )
  const reprintCount = chosen.filter((candidate) => candidate.lastPrint !== undefined).length
  const [reprintReason, setReprintReason] = useState<ReprintReason | ''>('')
  const [reprintNote, setReprintNote] = useState('')

  // ---- generating
  const [progress, setProgress] = useState<Progress | null>(null)
  const abortRef = useRef<AbortController | null>(null)
  const [notice, setNotice] = useState<Notice>(null)
  const [pdf, setPdf] = useState<ReadyPdf | null>(null)
  useEffect(() => () => (pdf ? URL.revokeObjectURL(pdf.url) : undefined), [pdf])

  const warningText = useCallback(
    (warning: PrintWarning) => {
      const name =
        (candidates ?? []).find((candidate) => candidate.id === warning.participantId)?.fullName ??
        ''
      return t(`warning.${warning.code}`, { detail: warning.detail ?? '', name })
    },
    [candidates, t],
  )

  const finish = (outcome: RenderOutcome, fileName: string, logEntries: PrintLogEntry[] | null) => {
    setProgress(null)
    abortRef.current = null
    if (outcome.ok) {
      const blob = new Blob([outcome.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })
      setPdf({
        url: URL.createObjectURL(blob),
        data: outcome.pdf,
        pageCount: outcome.pageCount,
        fileName,
        warnings: outcome.warnings,
        logEntries,
        logged: false,
      })
      setNotice({
        tone: 'info',
        text: t('ready', { pages: formatNumber(language, outcome.pageCount) }),
      })
    } else if (outcome.reason === 'CANCELLED') {
      setNotice({ tone: 'info', text: t('cancelled') })
    } else if (outcome.reason === 'TEMPLATE_INVALID') {
      setNotice({
        tone: 'error',
        text:
          outcome.warnings.map(warningText).join(' ') ||
          t('warning.TEMPLATE_INVALID', { detail: '' }),
      })
    } else {
      setNotice({ tone: 'error', text: t('failed', { detail: outcome.message }) })
    }
  }

  const generate = async () => {
    setNotice(null)
    if (pdf) setPdf(null)
    if (chosen.length === 0) {
      setNotice({ tone: 'error', text: t('nothingSelected') })
      return
    }
    if (reprintCount > 0 && !reprintReason) {
      setNotice({ tone: 'error', text: t('reprint.missing') })
      return
    }
    if (reprintCount > 0 && reprintReason === 'lainnya' && reprintNote.trim() === '') {
      setNotice({ tone: 'error', text: t('reprint.noteMissing') })
      return
    }
    const state = await refreshSigner()
    if (!state.ready) return
    const year = Number(coverageYear)
    const controller = new AbortController()
    abortRef.current = controller
    setProgress({ phase: 'loading', done: 0, total: chosen.length })
    const participants = await loadParticipantsForPrint(
      store,
      chosen.map((candidate) => candidate.id),
      (done) => setProgress({ phase: 'loading', done, total: chosen.length }),
    )
    if (controller.signal.aborted) {
      finish({ ok: false, reason: 'CANCELLED' }, '', null)
      return
    }
    const kind = kindOf(what)
    const { people, logEntries } = prepareBatch({
      kind,
      participants,
      coverageYear: year,
      today,
      reprint: reprintReason ? { reason: reprintReason, note: reprintNote } : null,
      by: operator,
      officeCode,
      now: currentTime(),
    })
    const job: WorkerJob =
      what === 'sticker'
        ? {
            kind: 'sticker',
            template,
            startPosition: Number.parseInt(startPosition, 10) || 1,
            people,
          }
        : {
            kind: 'card',
            layout: what === 'card-id1' ? 'id1-single' : 'a4-sheet-10',
            withBack,
            people,
          }
    const outcome = await renderInWorker({
      job,
      signer: state.signer,
      branding: brandingFor(year, language),
      calibration: settings?.calibration ?? { offsetXMm: 0, offsetYMm: 0, scale: 1 },
      onProgress: (message) => setProgress(message),
      signal: controller.signal,
    })
    const stamp = today.replaceAll('-', '')
    const fileName = `${kind === 'card' ? 'kartu' : 'stiker'}-${officeCode}-${stamp}-${people.length}.pdf`
    finish(outcome, fileName, logEntries)
  }

  const makeTestPage = async () => {
    setNotice(null)
    const controller = new AbortController()
    abortRef.current = controller
    setProgress({ phase: 'drawing', done: 0, total: 1 })
    const outcome = await renderInWorker({
      job: { kind: 'calibration-test', pageWidthMm: 210, pageHeightMm: 297 },
      signer: null,
      branding: brandingFor(Number(coverageYear), language),
      calibration: (await loadPrintSettings(store)).calibration,
      onProgress: (message) => setProgress(message),
      signal: controller.signal,
    })
    finish(outcome, 'halaman-uji-printer.pdf', null)
  }

  /** Logs the batch once, the first time it is printed or saved. */
  const logOnce = async (current: ReadyPdf) => {
    if (!current.logEntries || current.logged) return
    setProgress({ phase: 'logging', done: 0, total: current.logEntries.length })
    await recordPrints(store, current.logEntries, {
      by: operator,
      officeCode,
      role: sync?.user.role ?? 'operator',
      deviceId: sync?.enrolment.deviceId ?? '',
      onProgress: (done) =>
        setProgress({ phase: 'logging', done, total: current.logEntries?.length ?? 0 }),
    })
    setProgress(null)
    setPdf({ ...current, logged: true })
    setNotice({
      tone: 'success',
      text: t('logged', { count: formatNumber(language, current.logEntries.length) }),
    })
    setSelected(new Set())
    setReprintReason('')
    setReprintNote('')
    setRefreshTick((tick) => tick + 1)
  }

  const printIt = async () => {
    if (!pdf) return
    const result = await getPlatform().printPdf({ title: pdf.fileName, data: pdf.data })
    if (result.printed) await logOnce(pdf)
    else if (result.reason === 'CANCELLED') setNotice({ tone: 'info', text: t('printCancelled') })
    else setNotice({ tone: 'error', text: t('printFailed') })
  }

  const saveIt = async () => {
    if (!pdf) return
    const result = await getPlatform().saveFile({
      suggestedName: pdf.fileName,
      mimeType: 'application/pdf',
      data: pdf.data,
    })
    if (result.saved) await logOnce(pdf)
    else if (result.reason === 'WRITE_FAILED') setNotice({ tone: 'error', text: t('saveFailed') })
  }

  const busy = progress !== null
  const allSelected =
    candidates !== null && candidates.length > 0 && chosen.length === candidates.length

  return (
    <section className="print-screen" aria-labelledby="print-title">
      <h1 id="print-title">{t('title')}</h1>
      <p>{t('intro')}</p>

      <SignerPanel
        state={signer}
        busy={signerBusy}
        error={signerError}
        canAsk={sync !== null}
        onAsk={() => void askCertificate()}
        t={t}
        language={language}
      />

      <fieldset disabled={busy}>
        <legend>{t('what.legend')}</legend>
        {(['card-a4', 'card-id1', 'sticker'] as const).map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name="what-to-print"
              value={option}
              checked={what === option}
              onChange={() => setWhat(option)}
            />{' '}
            {t(`what.${option}`)}
          </label>
        ))}
        {what !== 'sticker' ? (
          <label className="choice">
            <input
              type="checkbox"
              checked={withBack}
              onChange={(event) => setWithBack(event.target.checked)}
            />{' '}
            {t('withBack')}
          </label>
        ) : (
          <div className="field-row">
            <label>
              {t('template')}
              <select value={template.id} onChange={(event) => setTemplateId(event.target.value)}>
                {templates.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('startPosition')}
              <input
                type="number"
                min={1}
                max={template.rows * template.columns}
                value={startPosition}
                onChange={(event) => setStartPosition(event.target.value)}
                aria-describedby="start-position-help"
              />
            </label>
            <small id="start-position-help">{t('startPositionHelp')}</small>
          </div>
        )}
        <label>
          {t('coverageYear')}
          <input
            type="number"
            min={2020}
            max={2100}
            value={coverageYear}
            onChange={(event) => setCoverageYear(event.target.value)}
            aria-describedby="coverage-year-help"
          />
        </label>
        <small id="coverage-year-help">{t('coverageYearHelp')}</small>
      </fieldset>

      <fieldset disabled={busy}>
        <legend>{t('filters.legend')}</legend>
        <div className="field-row">
          <label>
            {t('kecamatan')}
            <select
              value={kecamatanCode}
              onChange={(event) => {
                setKecamatanCode(event.target.value)
                setVillageCode('')
              }}
            >
              <option value="">{t('all')}</option>
              {district.regions.kecamatan.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('village')}
            <select value={villageCode} onChange={(event) => setVillageCode(event.target.value)}>
              <option value="">{t('all')}</option>
              {villages.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('status')}
            <select
              value={status}
              onChange={(event) => setStatus(event.target.value as ParticipantStatus | '')}
            >
              <option value="">{t('all')}</option>
              {PARTICIPANT_STATUSES.map((entry) => (
                <option key={entry} value={entry}>
                  {appText(`status.${entry}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('printed')}
            <select
              value={printedKind}
              onChange={(event) => setPrintedKind(event.target.value as PrintedFilter['kind'])}
            >
              <option value="never">{t('printed.never')}</option>
              <option value="before">{t('printed.before')}</option>
              <option value="any">{t('printed.any')}</option>
            </select>
          </label>
          {printedKind === 'before' ? (
            <label>
              {t('printedBefore')}
              <input
                type="date"
                value={printedBefore}
                onChange={(event) => setPrintedBefore(event.target.value)}
              />
            </label>
          ) : null}
        </div>
      </fieldset>

      {notCovered > 0 ? (
        <p className="notice notice-warning" data-testid="print-not-covered">
          {t('notCovered', { count: formatNumber(language, notCovered), year: coverageYear })}
        </p>
      ) : null}
      {candidates === null ? (
        <p role="status">{t('loading')}</p>
      ) : candidates.length === 0 ? (
        <p role="status">{t('none')}</p>
      ) : (
        <>
          <p role="status">
            {t('found', { count: formatNumber(language, candidates.length) })} ·{' '}
            {t('selected', { count: formatNumber(language, chosen.length) })}
          </p>
          {truncated ? (
            <p className="notice notice-warning">
              {t('truncated', { count: formatNumber(language, candidates.length) })}
            </p>
          ) : null}
          <div className="print-candidates">
            <table>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('selectAll')}
                      checked={allSelected}
                      disabled={busy}
                      onChange={(event) =>
                        setSelected(
                          event.target.checked
                            ? new Set(candidates.map((candidate) => candidate.id))
                            : new Set(),
                        )
                      }
                    />
                  </th>
                  <th scope="col">{t('column.name')}</th>
                  <th scope="col">{t('column.number')}</th>
                  <th scope="col">{t('column.village')}</th>
                  <th scope="col">{t('column.lastPrint')}</th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((candidate) => (
                  <tr key={candidate.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('select', { name: candidate.fullName })}
                        checked={selected.has(candidate.id)}
                        disabled={busy}
                        onChange={(event) =>
                          setSelected((current) => {
                            const next = new Set(current)
                            if (event.target.checked) next.add(candidate.id)
                            else next.delete(candidate.id)
                            return next
                          })
                        }
                      />
                    </td>
                    <td>{candidate.fullName}</td>
                    <td>{candidate.registrationNumber}</td>
                    <td>{district.regions.villageByCode(candidate.villageCode)?.name ?? '—'}</td>
                    <td>
                      {candidate.lastPrint
                        ? `${formatDate(language, candidate.lastPrint.printedAt)} · ${candidate.lastPrint.serial}`
                        : t('neverPrinted')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {reprintCount > 0 ? (
        <fieldset disabled={busy} className="reprint">
          <legend>{t('reprint.legend', { count: formatNumber(language, reprintCount) })}</legend>
          <p>{t('reprint.help')}</p>
          <div className="field-row">
            <label>
              {t('reprint.reason')}
              <select
                value={reprintReason}
                onChange={(event) => setReprintReason(event.target.value as ReprintReason | '')}
              >
                <option value="">{t('reprint.choose')}</option>
                {REPRINT_REASONS.map((reason) => (
                  <option key={reason} value={reason}>
                    {t(`reprint.${reason}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('reprint.note')}
              <input
                value={reprintNote}
                maxLength={200}
                onChange={(event) => setReprintNote(event.target.value)}
              />
            </label>
          </div>
        </fieldset>
      ) : null}

      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || !signer?.ready}
          onClick={() => void generate()}
        >
          {t('generate', { count: formatNumber(language, chosen.length) })}
        </button>
      </div>

      {progress ? (
        <div className="print-progress" role="status" aria-live="polite">
          <p>
            {t(`phase.${progress.phase}`)}{' '}
            {t('progress', {
              done: formatNumber(language, progress.done),
              total: formatNumber(language, progress.total),
            })}
          </p>
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          {progress.phase !== 'logging' ? (
            <button type="button" onClick={() => abortRef.current?.abort()}>
              {t('cancel')}
            </button>
          ) : null}
        </div>
      ) : null}

      {notice ? (
        <p
          className={`notice notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </p>
      ) : null}

      {pdf ? (
        <section className="print-result" aria-label={t('preview')}>
          {pdf.warnings.length > 0 ? (
            <ul className="print-warnings">
              {pdf.warnings.map((warning, index) => (
                <li key={index}>{warningText(warning)}</li>
              ))}
            </ul>
          ) : null}
          <div className="actions">
            {app.appInfo.canPrintPdf ? (
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void printIt()}
              >
                {t('print')}
              </button>
            ) : null}
            <button type="button" disabled={busy} onClick={() => void saveIt()}>
              {app.appInfo.host === 'electron' ? t('save') : t('download')}
            </button>
            <button type="button" disabled={busy} onClick={() => setPdf(null)}>
              {t('discard')}
            </button>
          </div>
          {!app.appInfo.canPrintPdf ? <p className="help">{t('webPrintHelp')}</p> : null}
          <iframe className="print-preview" title={t('preview')} src={pdf.url} />
        </section>
      ) : null}

      {settings ? (
        <PrinterSettingsPanel
          store={store}
          settings={settings}
          onSaved={setSettings}
          onTestPage={() => void makeTestPage()}
          busy={busy}
        />
      ) : null}
    </section>
  )
}

function SignerPanel({
  state,
  busy,
  error,
  canAsk,
  onAsk,
  t,
  language,
}: {
  state: SignerState | null
  busy: boolean
  error: string | null
  canAsk: boolean
  onAsk(): void
  t(key: PrintMessageKey, params?: Record<string, string | number>): string
  language: Language
}) {
  if (state === null) return null
  if (state.ready) {
    return (
      <p className="signer-status" role="status">
        {t('signer.ready', {
          office: state.certificate.officeCode,
          date: formatDate(language, state.certificate.expiresOn),
        })}
      </p>
    )
  }
  return (
    <div className="notice notice-warning" role="status">
      <p>
        {state.reason === 'CERTIFICATE_EXPIRED'
          ? t('signer.expired', { date: formatDate(language, state.certificate.expiresOn) })
          : t('signer.notCertified')}
      </p>
      {canAsk ? (
        <button type="button" disabled={busy} onClick={onAsk}>
          {busy ? t('signer.requesting') : t('signer.request')}
        </button>
      ) : (
        <p>{t('signer.needsServer')}</p>
      )}
      {error ? <p role="alert">{t('signer.failed', { detail: error })}</p> : null}
    </div>
  )
}
