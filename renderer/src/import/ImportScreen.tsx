/**
 * "Impor daftar dari instansi": choose a file and what kind of list it is, map its columns, run a
 * dry run (nothing written; every row's outcome with its reason), then apply all or nothing — and
 * undo a whole import in one step. Parsing and validation run in a Web Worker, NIK lookups in
 * slices, so a 100,000-row list keeps the window responsive; every long step has a progress bar
 * and Batalkan (or Esc).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { TableSummary } from '../../../shared/import/analyse'
import {
  IMPORT_KINDS,
  resolveMapping,
  TARGET_FIELD_LABELS,
  targetFieldsOf,
  type ColumnMapping,
  type ImportKind,
  type TargetField,
} from '../../../shared/import/import-fields'
import { describeMissingColumns } from '../../../shared/import/import-issues'
import {
  createRefusalOf,
  memberRefusalOf,
  type PlanContext,
  type RowOutcome,
} from '../../../shared/import/import-plan'
import { outcomeCsvHeader, outcomeCsvLine } from '../../../shared/import/import-report'
import type { FileWarning } from '../../../shared/import/import-table'
import { maskKk, maskNik } from '../../../shared/identity/masking'
import { useApp } from '../app/app-context'
import { district, localToday } from '../app/district'
import { formatDateTime, formatNumber, useI18n } from '../i18n/i18n'
import { ImportHistory } from './ImportHistory'
import { ImportOutcomes } from './ImportOutcomes'
import { getPlatform } from '../platform'
import type { NaunganStore } from '../store/database'
import { officeCodeOf, type OfficeProfile } from '../store/participant-repository'
import type { SyncContextValue } from '../sync/sync-context'
import { readInWorker, validateInWorker, type WorkerFailure } from './import-client'
import { runDryRun, type DryRunResult } from './import-dry-run'
import { importText, type ImportMessageKey } from './import-messages'
import { applyImport } from './apply-import'
import { listImportBatches, type ImportBatch } from './import-batches'
import type { ImportContext, ImportPhase } from './import-history'
import { loadSavedMappings, saveMapping, sourceKey, type SavedMapping } from './import-mappings'
import { undoImport, type ChangedRecord } from './undo-import'
import { yieldToUi } from './write-slicing'
import { currentTime } from '../../../shared/dates/clock'

type Step = 'choose' | 'mapping' | 'dry-run' | 'applied'
type Phase = 'reading' | 'validating' | 'lookup' | 'planning' | ImportPhase
type Notice = { tone: 'info' | 'success' | 'warning' | 'error'; text: string } | null

/** Who imports, and from where: the signed-in user, or the standalone PC's operator (a clerk). */
export function importContextOf(
  sync: SyncContextValue | null,
  office: OfficeProfile,
): ImportContext {
  if (!sync) {
    return {
      actor: { role: 'operator', agency: null, name: office.operatorName },
      officeCode: officeCodeOf(office),
      deviceId: '',
    }
  }
  const { role } = sync.user
  return {
    actor: {
      role,
      agency: role === 'verifier' ? (sync.enrolment.office.agencyCode ?? null) : null,
      name: sync.user.displayName,
    },
    officeCode: sync.enrolment.office.code,
    deviceId: sync.enrolment.deviceId,
  }
}

/** The agency a kind of list usually speaks for. */
function defaultAgencyFor(kind: ImportKind, ownAgency: string | null): string {
  if (ownAgency) return ownAgency
  const { agencies, alwaysRequired } = district.config.verification
  const has = (code: string) => agencies.some((agency) => agency.code === code)
  if (kind === 'dtks' && has('dinsos')) return 'dinsos'
  if (kind === 'agency-result' && has('disdukcapil')) return 'disdukcapil'
  const sector = agencies.find((agency) => !alwaysRequired.includes(agency.code))
  return sector?.code ?? agencies[0]?.code ?? ''
}

function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function ImportScreen({
  store,
  sync,
}: {
  store: NaunganStore
  sync: SyncContextValue | null
}) {
  const { language } = useI18n()
  const app = useApp()
  const t = useCallback(
    (key: ImportMessageKey, params?: Record<string, string | number>) =>
      importText(language, key, params),
    [language],
  )
  const number = useCallback((value: number) => formatNumber(language, value), [language])
  const context = useMemo(() => importContextOf(sync, app.office), [sync, app.office])
  const config = district.config.verification
  const ownAgency = context.actor.role === 'verifier' ? context.actor.agency : null
  const createRefusal =
    createRefusalOf({ actor: context.actor, registrationAllowed: app.registrationAllowed })?.[
      language
    ] ?? null

  // The central office files existing members in its own series of each kecamatan.
  const centralSeries = sync?.enrolment.office.kind === 'central'
  const memberRefusal =
    memberRefusalOf({
      actor: context.actor,
      registrationAllowed: app.registrationAllowed,
      centralSeries,
    })?.[language] ?? null

  const [step, setStep] = useState<Step>('choose')
  const [file, setFile] = useState<File | null>(null)
  const [kind, setKind] = useState<ImportKind>('dtks')
  const [agency, setAgency] = useState(() => defaultAgencyFor('dtks', ownAgency))
  const [source, setSource] = useState('')
  const [createDrafts, setCreateDrafts] = useState(true)
  const [sheetName, setSheetName] = useState<string | undefined>(undefined)
  const [saved, setSaved] = useState<SavedMapping[]>([])
  const [summary, setSummary] = useState<TableSummary | null>(null)
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [progress, setProgress] = useState<{ phase: Phase; done: number; total: number } | null>(
    null,
  )
  const abortRef = useRef<AbortController | null>(null)
  const [dryRun, setDryRun] = useState<{
    result: DryRunResult
    warnings: FileWarning[]
    ctx: PlanContext
  } | null>(null)
  /** A new dry run starts its table afresh (filter, page). */
  const [dryRunKey, setDryRunKey] = useState(0)
  const [notice, setNotice] = useState<Notice>(null)
  const [changedRecords, setChangedRecords] = useState<ChangedRecord[]>([])
  const [batches, setBatches] = useState<ImportBatch[]>([])
  const headingRef = useRef<HTMLHeadingElement | null>(null)

  const refreshBatches = useCallback(
    async () => setBatches(await listImportBatches(store, 10)),
    [store],
  )
  useEffect(() => {
    void Promise.all([loadSavedMappings(store), listImportBatches(store, 10)]).then(
      ([mappings, latest]) => {
        setSaved(mappings)
        setBatches(latest)
      },
    )
  }, [store])
  // Each step starts with its heading focused, so the keyboard user hears where they are.
  useEffect(() => headingRef.current?.focus(), [step])

  const busy = progress !== null
  const startJob = () => {
    const controller = new AbortController()
    abortRef.current = controller
    setNotice(null)
    setChangedRecords([])
    return controller.signal
  }
  const endJob = () => {
    abortRef.current = null
    setProgress(null)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && abortRef.current) {
      event.preventDefault()
      abortRef.current.abort()
    }
  }

  const explainWorkerFailure = (failure: WorkerFailure): Notice => {
    switch (failure.reason) {
      case 'CANCELLED':
        return { tone: 'info', text: t('cancelled') }
      case 'UNREADABLE':
        return { tone: 'error', text: t(`problem.${failure.problem}`) }
      case 'MISSING_COLUMNS':
        return { tone: 'error', text: describeMissingColumns(failure.missing, language) }
      case 'FAILED':
        return { tone: 'error', text: t('workerFailed', { detail: failure.message }) }
    }
  }

  const savedFor = (name: string, forKind: ImportKind) =>
    saved.find((entry) => sourceKey(entry.name) === sourceKey(name) && entry.kind === forKind)

  const chooseKind = (next: ImportKind) => {
    setKind(next)
    setAgency(defaultAgencyFor(next, ownAgency))
  }

  const chooseSource = (name: string) => {
    setSource(name)
    const entry = saved.find((candidate) => sourceKey(candidate.name) === sourceKey(name))
    if (entry) {
      setKind(entry.kind)
      setAgency(ownAgency ?? entry.agency)
      setCreateDrafts(entry.createDrafts)
    }
  }

  const readFile = async (sheet = sheetName) => {
    if (!file) {
      setNotice({ tone: 'error', text: t('chooseFile') })
      return
    }
    const signal = startJob()
    setProgress({ phase: 'reading', done: 0, total: 1 })
    const savedMapping = savedFor(source, kind)?.mapping
    const outcome = await readInWorker(
      {
        bytes: await file.arrayBuffer(),
        kind,
        ...(sheet ? { sheetName: sheet } : {}),
        ...(savedMapping ? { savedMapping } : {}),
      },
      { signal },
    )
    endJob()
    if (!outcome.ok) {
      setNotice(explainWorkerFailure(outcome))
      return
    }
    setSummary(outcome.summary)
    setSheetName(outcome.summary.sheetName)
    setMapping(outcome.summary.mapping)
    setStep('mapping')
  }

  const mappingCheck = summary ? resolveMapping(summary.headers, mapping, kind) : null

  const startDryRun = async () => {
    if (!file || !summary || !mappingCheck?.ok) return
    const signal = startJob()
    setProgress({ phase: 'reading', done: 0, total: 1 })
    try {
      if (source.trim() !== '') {
        await saveMapping(store, {
          name: source,
          kind,
          agency,
          mapping,
          createDrafts,
          updatedAt: currentTime().toISOString(),
        })
        setSaved(await loadSavedMappings(store))
      }
      const validated = await validateInWorker(
        {
          bytes: await file.arrayBuffer(),
          kind,
          ...(sheetName ? { sheetName } : {}),
          mapping,
          today: localToday(),
          blindIndexKey: store.keys.blindIndexKey,
        },
        { signal, onProgress: (next) => setProgress(next) },
      )
      if (!validated.ok) {
        setNotice(explainWorkerFailure(validated))
        return
      }
      const ctx: PlanContext = {
        kind,
        agency,
        actor: context.actor,
        createDrafts: kind === 'dtks' && createDrafts,
        registrationAllowed: app.registrationAllowed,
        officeKecamatanCode: app.registrationAllowed ? app.office.kecamatanCode : null,
        centralSeries,
      }
      const result = await runDryRun(store, validated.rows, ctx, {
        signal,
        onProgress: (phase, done, total) => setProgress({ phase, done, total }),
      })
      setDryRun({ result, warnings: validated.warnings, ctx })
      setDryRunKey((key) => key + 1)
      setStep('dry-run')
    } catch (error) {
      setNotice(
        signal.aborted
          ? { tone: 'info', text: t('cancelled') }
          : { tone: 'error', text: t('workerFailed', { detail: String(error) }) },
      )
    } finally {
      endJob()
    }
  }

  const download = async (rows: readonly RowOutcome[], what: string) => {
    // Line by line with pauses: describing 100,000 outcomes at once would hold the window.
    let csv = outcomeCsvHeader(language)
    for (let start = 0; start < rows.length; start += 5_000) {
      for (const outcome of rows.slice(start, start + 5_000)) {
        csv += outcomeCsvLine(outcome, config, language)
      }
      await yieldToUi()
    }
    const base = (source.trim() || file?.name || 'impor').replace(/[^\p{L}\p{N}._-]+/gu, '-')
    const result = await getPlatform().saveFile({
      suggestedName: `${base}-${what}.csv`,
      mimeType: 'text/csv',
      data: new TextEncoder().encode(csv),
    })
    if (!result.saved && result.reason === 'WRITE_FAILED') {
      setNotice({ tone: 'error', text: t('saveFailed') })
    }
  }

  const counts = dryRun?.result.summary
  const applyCounts = counts ? { creates: counts.create, changes: counts.recordsChanged } : null

  const apply = async () => {
    if (!dryRun || !file || !applyCounts) return
    const confirmText = t('confirmApply', {
      creates: number(applyCounts.creates),
      changes: number(applyCounts.changes),
    })
    if (!window.confirm(confirmText)) return
    const signal = startJob()
    setProgress({ phase: 'checking', done: 0, total: applyCounts.creates + applyCounts.changes })
    let result: Awaited<ReturnType<typeof applyImport>>
    try {
      result = await applyImport(store, dryRun.result.outcomes, {
        context,
        office: app.registrationAllowed ? app.office : null,
        centralSeries,
        source: source.trim() || file.name,
        kind,
        agency,
        fileName: file.name,
        signal,
        onProgress: (phase, done, total) => setProgress({ phase, done, total }),
      })
    } catch (error) {
      result = {
        ok: false,
        reason: 'FAILED',
        rolledBack: false,
        batch: null,
        message: String(error),
      }
    } finally {
      endJob()
    }
    await refreshBatches()
    if (result.ok) {
      setNotice({
        tone: 'success',
        text: t('applied', {
          created: number(result.batch.created),
          updated: number(result.batch.updated),
        }),
      })
      setStep('applied')
      return
    }
    switch (result.reason) {
      case 'NOTHING_TO_APPLY':
        setNotice({ tone: 'info', text: t('nothingToApply') })
        return
      case 'STALE':
        setNotice({
          tone: 'warning',
          text: t('stale', {
            rows: result.rows
              .slice(0, 20)
              .map((row) => row.rowNumber)
              .join(', ')
              .concat(result.rows.length > 20 ? ', …' : ''),
          }),
        })
        return
      case 'NOT_ALLOWED':
        setNotice({ tone: 'error', text: result.message[language] })
        return
      case 'CANCELLED':
        setNotice({ tone: 'info', text: t('applyCancelled') })
        return
      case 'FAILED':
        setNotice({
          tone: 'error',
          text: t(result.rolledBack ? 'applyFailed' : 'applyFailedNotRolledBack', {
            detail: result.message,
          }),
        })
    }
  }

  const undo = async (batch: ImportBatch) => {
    if (!window.confirm(t('confirmUndo', { source: batch.source, file: batch.fileName }))) return
    startJob()
    setProgress({ phase: 'undoing', done: 0, total: batch.created + batch.updated })
    let result: Awaited<ReturnType<typeof undoImport>>
    try {
      result = await undoImport(store, batch.id, {
        context,
        onProgress: (phase, done, total) => setProgress({ phase, done, total }),
      })
    } catch (error) {
      result = { ok: false, reason: 'FAILED', message: String(error) }
    } finally {
      endJob()
    }
    await refreshBatches()
    if (result.ok) {
      setNotice({
        tone: 'success',
        text: t('undone', { restored: number(result.restored), removed: number(result.removed) }),
      })
      return
    }
    switch (result.reason) {
      case 'NOT_FOUND':
      case 'ALREADY_UNDONE':
        setNotice({ tone: 'info', text: t('alreadyUndone') })
        return
      case 'CHANGED_SINCE':
        setNotice({ tone: 'warning', text: t('undoChangedSince') })
        setChangedRecords(result.records)
        return
      case 'NOT_ALLOWED':
        setNotice({
          tone: 'error',
          text: t('undoNotAllowed', { reason: result.message[language] }),
        })
        return
      case 'FAILED':
        setNotice({ tone: 'error', text: t('undoFailed', { detail: result.message }) })
    }
  }

  const restart = () => {
    setStep('choose')
    setSummary(null)
    setDryRun(null)
    setFile(null)
    setNotice(null)
    setChangedRecords([])
  }

  const previewValue = (field: TargetField, text: string) =>
    field === 'nik' ? maskNik(text) : field === 'kk' ? maskKk(text) : text

  return (
    <section
      className="panel wide import-screen"
      aria-labelledby="import-title"
      onKeyDown={onKeyDown}
    >
      <h1 id="import-title">{t('title')}</h1>
      <p>{t('intro')}</p>

      {step === 'choose' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void readFile()
          }}
        >
          <h2 ref={headingRef} tabIndex={-1}>
            {t('step.choose')}
          </h2>
          <fieldset disabled={busy}>
            <label className="field">
              {t('file')}
              <input
                type="file"
                accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null)
                  setSheetName(undefined)
                }}
              />
            </label>
            {file ? (
              <p className="hint">
                {t('fileChosen', { name: file.name, size: fileSize(file.size) })}
              </p>
            ) : null}
            <label className="field">
              {t('source')}
              <input
                type="text"
                list="import-saved-sources"
                maxLength={80}
                value={source}
                onChange={(event) => chooseSource(event.target.value)}
                aria-describedby="import-source-help"
              />
              <datalist id="import-saved-sources">
                {saved.map((entry) => (
                  <option key={entry.name} value={entry.name} />
                ))}
              </datalist>
            </label>
            <small id="import-source-help" className="hint">
              {t('sourceHelp')}
            </small>
            <fieldset>
              <legend>{t('kind')}</legend>
              {IMPORT_KINDS.map((option) => (
                <label key={option} className="choice">
                  <input
                    type="radio"
                    name="import-kind"
                    value={option}
                    checked={kind === option}
                    onChange={() => chooseKind(option)}
                  />{' '}
                  {t(`kind.${option}`)}
                </label>
              ))}
              <p className="hint">{t(`kindHelp.${kind}`)}</p>
            </fieldset>
            {kind === 'existing-members' ? (
              memberRefusal ? (
                <p id="import-member-refusal" className="notice notice-warning">
                  {memberRefusal}
                </p>
              ) : null
            ) : (
              <label className="field">
                {t('agency')}
                <select
                  value={agency}
                  disabled={ownAgency !== null}
                  onChange={(event) => setAgency(event.target.value)}
                >
                  {config.agencies.map((entry) => (
                    <option key={entry.code} value={entry.code}>
                      {language === 'en' ? entry.labelEn : entry.labelId}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {kind === 'dtks' ? (
              <>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={createDrafts}
                    onChange={(event) => setCreateDrafts(event.target.checked)}
                    aria-describedby={createRefusal ? 'import-create-refusal' : undefined}
                  />{' '}
                  {t('createDrafts')}
                </label>
                {createRefusal && createDrafts ? (
                  <p id="import-create-refusal" className="notice notice-warning">
                    {createRefusal}
                  </p>
                ) : null}
              </>
            ) : null}
          </fieldset>
          <div className="actions">
            <button type="submit" disabled={busy || !file}>
              {t('read')}
            </button>
          </div>
        </form>
      ) : null}

      {step === 'mapping' && summary ? (
        <div>
          <h2 ref={headingRef} tabIndex={-1}>
            {t('step.mapping')}
          </h2>
          <p>
            {file ? `${file.name} — ` : ''}
            {t('fileFacts', {
              rows: number(summary.rowCount),
              headerRow: summary.headerRowNumber,
            })}
          </p>
          <FileWarnings warnings={summary.warnings} t={t} />
          {summary.sheetNames && summary.sheetNames.length > 1 ? (
            <label className="field">
              {t('sheet')}
              <select
                value={sheetName ?? ''}
                disabled={busy}
                onChange={(event) => {
                  setSheetName(event.target.value)
                  void readFile(event.target.value)
                }}
              >
                {summary.sheetNames.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <p>{t('mappingIntro')}</p>
          <fieldset disabled={busy} className="field-row">
            {targetFieldsOf(kind).map(({ field, required }) => (
              <label key={field} className="field">
                {TARGET_FIELD_LABELS[field][language]}
                {required ? ` ${t('required')}` : ''}
                <select
                  value={mapping[field] ?? ''}
                  aria-required={required}
                  onChange={(event) => {
                    const next = { ...mapping }
                    if (event.target.value === '') delete next[field]
                    else next[field] = event.target.value
                    setMapping(next)
                  }}
                >
                  <option value="">{t('notMapped')}</option>
                  {summary.headers.map((header) => (
                    <option key={header} value={header}>
                      {header}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
          {mappingCheck && !mappingCheck.ok ? (
            <p className="notice notice-error" role="alert">
              {describeMissingColumns(mappingCheck.missing, language)}
            </p>
          ) : null}
          <h3>{t('preview')}</h3>
          <div className="table-scroll">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('row')}</th>
                  {targetFieldsOf(kind)
                    .filter(({ field }) => mappingCheck?.columns[field] !== undefined)
                    .map(({ field }) => (
                      <th key={field} scope="col">
                        {TARGET_FIELD_LABELS[field][language]}
                      </th>
                    ))}
                </tr>
              </thead>
              <tbody>
                {summary.preview.map((row) => (
                  <tr key={row.rowNumber}>
                    <td>{row.rowNumber}</td>
                    {targetFieldsOf(kind)
                      .filter(({ field }) => mappingCheck?.columns[field] !== undefined)
                      .map(({ field }) => {
                        const index = mappingCheck?.columns[field] as number
                        return <td key={field}>{previewValue(field, row.cells[index] ?? '')}</td>
                      })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => setStep('choose')}>
              {t('back')}
            </button>
            <button
              type="button"
              disabled={busy || !mappingCheck?.ok}
              onClick={() => void startDryRun()}
            >
              {t('startDryRun')}
            </button>
          </div>
        </div>
      ) : null}

      {(step === 'dry-run' || step === 'applied') && dryRun && counts ? (
        <div>
          <h2 ref={headingRef} tabIndex={-1}>
            {step === 'applied' ? t('step.applied') : t('step.dryRun')}
          </h2>
          <FileWarnings warnings={dryRun.warnings} t={t} />
          {dryRun.result.notices.map((text) => (
            <p key={text.id} className="notice notice-warning">
              {text[language]}
            </p>
          ))}
          <h3>{t('summary')}</h3>
          <table className="admin-table">
            <tbody>
              {(
                [
                  ['count.rows', counts.rows],
                  ['count.match', counts.match],
                  ['count.create', counts.create],
                  ['count.notFound', counts.notFound],
                  ['count.skip', counts.skip],
                  ['count.error', counts.error],
                  ['count.withWarnings', counts.withWarnings],
                ] as const
              ).map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{t(key)}</th>
                  <td>{number(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {step === 'dry-run' ? <p className="hint">{t('nothingChangedYet')}</p> : null}

          <ImportOutcomes
            key={dryRunKey}
            outcomes={dryRun.result.outcomes}
            summary={counts}
            initialFilter={counts.error > 0 ? 'error' : 'all'}
            onDownload={(rows, what) => void download(rows, what)}
          />

          <div className="actions">
            {step === 'dry-run' ? (
              <>
                <button type="button" disabled={busy} onClick={() => setStep('mapping')}>
                  {t('back')}
                </button>
                <button
                  type="button"
                  disabled={busy || !applyCounts || applyCounts.creates + applyCounts.changes === 0}
                  onClick={() => void apply()}
                >
                  {t('apply', {
                    creates: number(applyCounts?.creates ?? 0),
                    changes: number(applyCounts?.changes ?? 0),
                  })}
                </button>
              </>
            ) : (
              <>
                {batches[0] && batches[0].state === 'applied' ? (
                  <button type="button" disabled={busy} onClick={() => void undo(batches[0]!)}>
                    {t('undo')}
                  </button>
                ) : null}
                <button type="button" disabled={busy} onClick={restart}>
                  {t('newImport')}
                </button>
              </>
            )}
          </div>
        </div>
      ) : null}

      {progress ? (
        <div className="print-progress" role="status" aria-live="polite">
          <p>
            {t(`phase.${progress.phase}`)}{' '}
            {t('progress', { done: number(progress.done), total: number(progress.total) })}
          </p>
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          {progress.phase !== 'rolling-back' && progress.phase !== 'undoing' ? (
            <button type="button" onClick={() => abortRef.current?.abort()}>
              {t('cancel')} <kbd>Esc</kbd>
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
      {changedRecords.length > 0 ? (
        <ul>
          {changedRecords.map((record) => (
            <li key={record.id}>
              <a href={`#/peserta/${record.id}`}>
                {t('changedBy', {
                  number: record.registrationNumber,
                  name: record.fullName,
                  by: record.updatedBy,
                  at: formatDateTime(language, record.updatedAt),
                })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}

      <ImportHistory batches={batches} busy={busy} onUndo={(batch) => void undo(batch)} />
    </section>
  )
}

function FileWarnings({
  warnings,
  t,
}: {
  warnings: readonly FileWarning[]
  t: (key: ImportMessageKey, params?: Record<string, string | number>) => string
}) {
  return (
    <>
      {warnings.map((warning) => (
        <p key={warning.code} className="notice notice-warning" role="status">
          {warning.code === 'CSV_UNCLOSED_QUOTE'
            ? t('warning.CSV_UNCLOSED_QUOTE', { row: warning.row })
            : t('warning.ENCODING_FALLBACK')}
        </p>
      ))}
    </>
  )
}
