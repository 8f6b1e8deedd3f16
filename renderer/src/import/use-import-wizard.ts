/**
 * The import wizard's state and steps: choose a file and what kind of list it is, map its
 * columns, run a dry run (nothing written), apply all or nothing, undo a whole import. Long steps
 * report progress and stop on Batalkan (or Esc); the screen's components only draw it.
 */
import { payerOverlapCsv } from './payer-overlap-csv'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useHoldWork } from '@/core/work-in-progress'
import type { TableSummary } from '@shared/import/analyse'
import { resolveMapping, type ColumnMapping, type ImportKind } from '@shared/import/import-fields'
import { describeMissingColumns } from '@shared/import/import-issues'
import {
  createRefusalOf,
  memberRefusalOf,
  isDraftingKind,
  type PlanContext,
  type RowOutcome,
} from '@shared/import/import-plan'
import { outcomeCsvHeader, outcomeCsvLine } from '@shared/import/import-report'
import type { FileWarning } from '@shared/import/import-table'
import { currentTime } from '@shared/dates/clock'
import { actingUserOf } from '@/core/acting-user'
import { useApp } from '@/core/app-context'
import { district, localToday } from '@/core/district'
import { formatNumber, useI18n } from '@/core/i18n/i18n'
import { getPlatform } from '@/core/platform'
import type { NaunganStore } from '@/core/store/database'
import type { SyncContextValue } from '@/sync/sync-context'
import { applyImport } from './apply-import'
import { readInWorker, validateInWorker, type WorkerFailure } from './import-client'
import { applyDtsenComparison, reviewCounts } from './dtsen-extracts'
import { listImportBatches, type ImportBatch } from './import-batches'
import { runDryRun, type DryRunResult } from './import-dry-run'
import type { ImportPhase } from './import-history'
import { loadSavedMappings, saveMapping, sourceKey, type SavedMapping } from './import-mappings'
import { importText, type ImportMessageKey } from './import-messages'
import { undoImport, type ChangedRecord } from './undo-import'
import { yieldToUi } from './write-slicing'

export type ImportStep = 'choose' | 'mapping' | 'dry-run' | 'applied'
export type ImportProgressPhase = 'reading' | 'validating' | 'lookup' | 'planning' | ImportPhase
export type ImportNotice = {
  tone: 'info' | 'success' | 'warning' | 'error'
  text: string
} | null
/** The import's message lookup, as the step components receive it. */
export type ImportText = (key: ImportMessageKey, params?: Record<string, string | number>) => string

/** The agency a kind of list usually speaks for. */
function defaultAgencyFor(kind: ImportKind, ownAgency: string | null): string {
  if (ownAgency) return ownAgency
  const { agencies, alwaysRequired } = district.config.verification
  const has = (code: string) => agencies.some((agency) => agency.code === code)
  if ((kind === 'dtks' || kind === 'dtsen') && has('dinsos')) return 'dinsos'
  if (kind === 'agency-result' && has('disdukcapil')) return 'disdukcapil'
  const sector = agencies.find((agency) => !alwaysRequired.includes(agency.code))
  return sector?.code ?? agencies[0]?.code ?? ''
}

export function useImportWizard({
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
  // Who imports, and from where: the signed-in user, or the standalone PC's operator (a clerk).
  const actor = useMemo(() => actingUserOf(app.office, sync), [sync, app.office])
  const config = district.config.verification
  const ownAgency = actor.role === 'verifier' ? actor.agency : null
  const createRefusal =
    createRefusalOf({ actor, registrationAllowed: app.registrationAllowed })?.[language] ?? null

  // The central office files existing members in its own series of each kecamatan.
  const centralSeries = sync?.enrolment.office.kind === 'central'
  const memberRefusal =
    memberRefusalOf({
      actor,
      registrationAllowed: app.registrationAllowed,
      centralSeries,
    })?.[language] ?? null

  const [step, setStep] = useState<ImportStep>('choose')
  const [file, setFile] = useState<File | null>(null)
  const [kind, setKind] = useState<ImportKind>('dtks')
  const [agency, setAgency] = useState(() => defaultAgencyFor('dtks', ownAgency))
  const [source, setSource] = useState('')
  const [createDrafts, setCreateDrafts] = useState(true)
  /** DTSEN: the extract's data date, asked once per file ('' until given). */
  const [snapshotDate, setSnapshotDate] = useState('')
  // Existing members: whose list (the regency's by default; the province's, a village's…).
  const [payerCode, setPayerCode] = useState(district.defaultPayer.code)
  const [sheetName, setSheetName] = useState<string | undefined>(undefined)
  const [saved, setSaved] = useState<SavedMapping[]>([])
  const [summary, setSummary] = useState<TableSummary | null>(null)
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [progress, setProgress] = useState<{
    phase: ImportProgressPhase
    done: number
    total: number
  } | null>(null)
  useHoldWork('import', progress !== null)
  const abortRef = useRef<AbortController | null>(null)
  const [dryRun, setDryRun] = useState<{
    result: DryRunResult
    warnings: FileWarning[]
    ctx: PlanContext
  } | null>(null)
  /** A new dry run starts its table afresh (filter, page). */
  const [dryRunKey, setDryRunKey] = useState(0)
  const [notice, setNotice] = useState<ImportNotice>(null)
  const [changedRecords, setChangedRecords] = useState<ChangedRecord[]>([])
  const [batches, setBatches] = useState<ImportBatch[]>([])

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
  // Each step starts with its heading focused, so the keyboard user hears where they are: a new
  // step makes a new callback, which React calls again with the heading.
  const focusHeading = useCallback(
    (heading: HTMLHeadingElement | null) => {
      if (step) heading?.focus()
    },
    [step],
  )

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

  const explainWorkerFailure = (failure: WorkerFailure): ImportNotice => {
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
    if (kind === 'dtsen') {
      if (snapshotDate === '' && mapping.snapshotDate === undefined) {
        setNotice({ tone: 'error', text: t('snapshotDateRequired') })
        return
      }
      // ISO dates compare as text; DTSEN cannot have published data from the future.
      if (snapshotDate > localToday()) {
        setNotice({ tone: 'error', text: t('snapshotDateInFuture', { date: snapshotDate }) })
        return
      }
    }
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
          ...(kind === 'dtsen' && snapshotDate !== '' ? { snapshotDate } : {}),
          ...(kind === 'existing-members' ? { payerCode } : {}),
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
        actor,
        createDrafts: isDraftingKind(kind) && createDrafts,
        registrationAllowed: app.registrationAllowed,
        officeKecamatanCode: app.registrationAllowed ? app.office.kecamatanCode : null,
        centralSeries,
        ...(district.config.eligibility
          ? { maxDecile: district.config.eligibility.maxDecile }
          : {}),
      }
      const result = await runDryRun(store, validated.rows, ctx, {
        signal,
        ...(kind === 'dtsen'
          ? {
              dtsen: {
                ...(snapshotDate !== '' ? { snapshotDate } : {}),
                today: localToday(),
              },
            }
          : {}),
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

  /** The people two payers pay for in one month, as a CSV a supervisor can settle from. */
  const downloadOverlaps = async () => {
    if (!dryRun) return
    const csv = payerOverlapCsv(dryRun.result.payerOverlaps, (key) => t(key))
    const base = (source.trim() || file?.name || 'impor').replace(/[^\p{L}\p{N}._-]+/gu, '-')
    const result = await getPlatform().saveFile({
      suggestedName: `${base}-dibayar-ganda.csv`,
      mimeType: 'text/csv',
      data: new TextEncoder().encode(csv),
    })
    if (!result.saved && result.reason === 'WRITE_FAILED') {
      setNotice({ tone: 'error', text: t('saveFailed') })
    }
  }

  const counts = dryRun?.result.summary
  const dtsenComparison = dryRun?.result.dtsen
  const dtsenReviews = dtsenComparison ? reviewCounts(dtsenComparison) : null
  const applyCounts = counts
    ? {
        creates: counts.create,
        changes: counts.recordsChanged,
        reviews: dtsenReviews
          ? dtsenReviews.gone + dtsenReviews.crossedUp + dtsenReviews.crossedDown
          : 0,
        /** A DTSEN extract is applied even with nothing else to do: it becomes the comparison. */
        remembers: dtsenComparison?.diff.ok === true,
        blocked: dryRun?.result.blocked === true,
      }
    : null

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
        actor,
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
    const comparison = dryRun.result.dtsen
    if (comparison?.diff.ok && (result.ok || result.reason === 'NOTHING_TO_APPLY')) {
      const maxDecile = district.config.eligibility?.maxDecile
      let reviews: number
      try {
        if (maxDecile === undefined) throw new Error('eligibility.maxDecile')
        reviews = await applyDtsenComparison(store, comparison, {
          actor,
          at: result.ok ? result.batch.at : currentTime().toISOString(),
          maxDecile,
        })
      } catch (error) {
        setNotice({ tone: 'error', text: t('workerFailed', { detail: String(error) }) })
        return
      }
      setNotice({
        tone: 'success',
        text: t('appliedDtsen', {
          date: comparison.diff.next.snapshotDate,
          created: number(result.ok ? result.batch.created : 0),
          updated: number(result.ok ? result.batch.updated : 0),
          reviews: number(reviews),
        }),
      })
      setStep('applied')
      return
    }
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
        actor,
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
    setSnapshotDate('')
    setNotice(null)
    setChangedRecords([])
  }

  const chooseFile = (next: File | null) => {
    setFile(next)
    setSheetName(undefined)
    // A DTSEN data date belongs to one file: the next file is asked again.
    setSnapshotDate('')
  }
  const chooseSheet = (name: string) => {
    setSheetName(name)
    void readFile(name)
  }
  const cancel = () => abortRef.current?.abort()

  return {
    t,
    number,
    language,
    ownAgency,
    createRefusal,
    memberRefusal,
    step,
    setStep,
    file,
    chooseFile,
    kind,
    chooseKind,
    agency,
    setAgency,
    source,
    chooseSource,
    createDrafts,
    setCreateDrafts,
    snapshotDate,
    setSnapshotDate,
    payerCode,
    setPayerCode,
    downloadOverlaps,
    sheetName,
    chooseSheet,
    saved,
    summary,
    mapping,
    setMapping,
    mappingCheck,
    progress,
    busy,
    cancel,
    onKeyDown,
    dryRun,
    dryRunKey,
    counts,
    applyCounts,
    notice,
    changedRecords,
    batches,
    focusHeading,
    readFile,
    startDryRun,
    download,
    apply,
    undo,
    restart,
  }
}

/** Everything a step of the import screen reads and does. */
export type ImportWizard = ReturnType<typeof useImportWizard>
