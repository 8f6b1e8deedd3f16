/**
 * The print screen's state and actions: what to print and how (card layout or sticker sheet,
 * coverage year), who (usePrintCandidates), why a reprint, then making the PDF in the worker with
 * progress and Batalkan, and printing or saving it, which logs the batch once. The screen's panels
 * only draw what this holds.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useHoldWork } from '@/core/work-in-progress'
import type { CardKind } from '@shared/cards/card-token'
import type { ReprintReason } from '@shared/cards/print-log'
import { currentTime } from '@shared/dates/clock'
import type { PrintWarning, StickerTemplate } from '@shared/printing/print-model'
import { BUILT_IN_STICKER_TEMPLATES } from '@shared/printing/sticker-templates'
import { useApp } from '@/core/app-context'
import { localToday } from '@/core/district'
import { useI18n } from '@/core/i18n/i18n'
import { getPlatform } from '@/core/platform'
import type { NaunganStore } from '@/core/store/database'
import type { OfficeProfile } from '@/core/store/participant-repository'
import type { SyncContextValue } from '@/sync/sync-context'
import { actingUserOf, officeCodeOf } from '@/core/acting-user'
import {
  brandingFor,
  prepareBatch,
  renderInWorker,
  warmUpPrintWorker,
  type RenderOutcome,
} from './print-client'
import { printText, type PrintMessageKey, type PrintText } from './print-messages'
import { loadParticipantsForPrint, recordPrints, type PrintLogEntry } from './print-records'
import { loadPrintSettings, type PrintSettings } from './print-settings'
import type { WorkerJob } from './print-worker-protocol'
import { useCardSigner } from './use-card-signer'
import { usePrintCandidates } from './use-print-candidates'

export type WhatToPrint = 'card-id1' | 'card-a4' | 'sticker'

export const WHAT_TO_PRINT: readonly WhatToPrint[] = ['card-a4', 'card-id1', 'sticker']

const kindOf = (what: WhatToPrint): CardKind => (what === 'sticker' ? 'sticker' : 'card')

export interface PrintProgress {
  phase: 'loading' | 'signing' | 'drawing' | 'logging'
  done: number
  total: number
}

/** A generated PDF waiting to be printed or saved, with the log entries it stands for. */
export interface ReadyPdf {
  url: string
  data: Uint8Array
  pageCount: number
  fileName: string
  warnings: PrintWarning[]
  /** Null for the calibration test page, which is never logged. */
  logEntries: PrintLogEntry[] | null
  logged: boolean
}

export type PrintNotice = { kind: 'info' | 'error' | 'success'; text: string } | null

export function usePrintJob({
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
  const t: PrintText = useCallback(
    (key: PrintMessageKey, values) => printText(language, key, values),
    [language],
  )
  const today = localToday()
  const officeCode = sync?.enrolment.office.code ?? officeCodeOf(office)
  const operator = sync?.user.displayName ?? office.operatorName

  const signer = useCardSigner({ store, sync, today, t })

  // ---- printer settings (calibration, the office's own sticker sheet)
  const [settings, setSettings] = useState<PrintSettings | null>(null)
  useEffect(() => void warmUpPrintWorker(language), [language])
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

  // ---- who
  const candidates = usePrintCandidates({
    store,
    initialKecamatanCode: office.kecamatanCode,
    today,
    printKind: kindOf(what),
    coverageYear,
  })
  const { chosen } = candidates
  const reprintCount = chosen.filter((candidate) => candidate.lastPrint !== undefined).length
  const [reprintReason, setReprintReason] = useState<ReprintReason | ''>('')
  const [reprintNote, setReprintNote] = useState('')

  // ---- the job
  const [progress, setProgress] = useState<PrintProgress | null>(null)
  useHoldWork('print', progress !== null)
  const abortRef = useRef<AbortController | null>(null)
  const [notice, setNotice] = useState<PrintNotice>(null)
  const [pdf, setPdf] = useState<ReadyPdf | null>(null)
  useEffect(() => () => (pdf ? URL.revokeObjectURL(pdf.url) : undefined), [pdf])

  const listed = candidates.candidates
  const warningText = useCallback(
    (warning: PrintWarning) => {
      const name =
        (listed ?? []).find((candidate) => candidate.id === warning.participantId)?.fullName ?? ''
      return t(`warning.${warning.code}`, { detail: warning.detail ?? '', name })
    },
    [listed, t],
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
      setNotice({ kind: 'info', text: t('ready', { pages: outcome.pageCount }) })
    } else if (outcome.reason === 'CANCELLED') {
      setNotice({ kind: 'info', text: t('cancelled') })
    } else if (outcome.reason === 'TEMPLATE_INVALID') {
      setNotice({
        kind: 'error',
        // Each warning is a sentence of its own.
        text:
          outcome.warnings.map(warningText).join(' ') ||
          t('warning.TEMPLATE_INVALID', { detail: '' }),
      })
    } else {
      setNotice({ kind: 'error', text: t('failed', { detail: outcome.message }) })
    }
  }

  /** Why the chosen batch cannot be made yet, or null. */
  const refusal = (): PrintMessageKey | null => {
    if (chosen.length === 0) return 'nothingSelected'
    if (reprintCount > 0 && !reprintReason) return 'reprint.missing'
    if (reprintCount > 0 && reprintReason === 'lainnya' && reprintNote.trim() === '')
      return 'reprint.noteMissing'
    return null
  }

  const generate = async () => {
    setNotice(null)
    if (pdf) setPdf(null)
    const refused = refusal()
    if (refused) {
      setNotice({ kind: 'error', text: t(refused) })
      return
    }
    const state = await signer.refresh()
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
    const total = current.logEntries.length
    setProgress({ phase: 'logging', done: 0, total })
    await recordPrints(store, current.logEntries, {
      actor: actingUserOf(office, sync),
      onProgress: (done) => setProgress({ phase: 'logging', done, total }),
    })
    setProgress(null)
    setPdf({ ...current, logged: true })
    setNotice({ kind: 'success', text: t('logged', { count: total }) })
    candidates.startOver()
    setReprintReason('')
    setReprintNote('')
  }

  const printPdf = async () => {
    if (!pdf) return
    const result = await getPlatform().printPdf({ title: pdf.fileName, data: pdf.data })
    if (result.printed) await logOnce(pdf)
    else if (result.reason === 'CANCELLED') setNotice({ kind: 'info', text: t('printCancelled') })
    else setNotice({ kind: 'error', text: t('printFailed') })
  }

  const savePdf = async () => {
    if (!pdf) return
    const result = await getPlatform().saveFile({
      suggestedName: pdf.fileName,
      mimeType: 'application/pdf',
      data: pdf.data,
    })
    if (result.saved) await logOnce(pdf)
    else if (result.reason === 'WRITE_FAILED') setNotice({ kind: 'error', text: t('saveFailed') })
  }

  return {
    t,
    appText,
    language,
    appInfo: app.appInfo,
    store,
    signer,
    settings,
    setSettings,
    options: {
      what,
      setWhat,
      withBack,
      setWithBack,
      templates,
      template,
      setTemplateId,
      startPosition,
      setStartPosition,
      coverageYear,
      setCoverageYear,
    },
    candidates,
    reprint: {
      count: reprintCount,
      reason: reprintReason,
      setReason: setReprintReason,
      note: reprintNote,
      setNote: setReprintNote,
    },
    /** Something runs (making, logging): choices wait until it is done. */
    isBusy: progress !== null,
    progress,
    cancel: () => abortRef.current?.abort(),
    notice,
    pdf,
    warningText,
    generate: () => void generate(),
    makeTestPage: () => void makeTestPage(),
    printPdf: () => void printPdf(),
    savePdf: () => void savePdf(),
    discardPdf: () => setPdf(null),
  }
}

export type PrintJob = ReturnType<typeof usePrintJob>
