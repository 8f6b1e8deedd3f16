import { useEffect, useMemo, useState } from 'react'
import {
  BILL_DIFFERENCE_KINDS,
  billInForce,
  guessBillMapping,
  newBillId,
  parseStoredBill,
  readBillSheet,
  reconcileBill,
  resolutionsByKey,
  type BillDifference,
  type BillMapping,
  type BillReconciliation,
  type BillRowProblem,
  type BillSheet,
  type ReconciledParticipant,
  type StoredBill,
} from '@shared/coverage/bills'
import { currentTime } from '@shared/dates/clock'
import { formatDateWords, formatNumber, formatRupiah } from '@shared/i18n/format'
import type { ActingUser } from '@/core/acting-user'
import { district, districtDayOfIso, localToday } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { readPickedSheet } from '@/coverage/coverage-files'
import { FileField } from '@/ui/FileField'
import { ColumnMapping } from '@/ui/ColumnMapping'
import { DataTable, type Column } from '@/ui/DataTable'
import { FormField } from '@/ui/FormField'
import { Notice } from '@/ui/Notice'
import { LoadingState } from '@/ui/States'
import {
  loadBill,
  readBillMembers,
  saveBill,
  saveResolutions,
  type BillingState,
} from './billing-repository'
import { formatMonth } from './billing-format'
import { previousMonth } from './billing-model'
import { saveBillReport } from './bill-report-save'
import { PayerField } from './PayerField'
import { useBillingText } from './use-billing'

const MAPPED = ['nik', 'kpj', 'name', 'amount'] as const
const REQUIRED_COLUMNS = new Set<(typeof MAPPED)[number]>(['amount'])
const MAX_PROBLEMS_SHOWN = 20

type NoticeText = { kind: 'success' | 'error' | 'warning'; text: string }

/** Import BPJS's bill for a month and payer, then reconcile it and resolve each difference. */
export function BillTab({
  store,
  actor,
  state,
  onRecorded,
}: {
  store: NaunganStore
  actor: ActingUser
  state: BillingState
  onRecorded(): void
}) {
  const { t, language } = useBillingText()
  const [payerCode, setPayerCode] = useState(district.defaultPayer.code)
  const [month, setMonth] = useState(() => previousMonth(localToday()))
  const [file, setFile] = useState<{ name: string; sheet: BillSheet } | null>(null)
  const [mapping, setMapping] = useState<Partial<BillMapping>>({})
  const [problems, setProblems] = useState<BillRowProblem[]>([])
  const [notices, setNotices] = useState<NoticeText[]>([])
  const [busy, setBusy] = useState(false)
  const [chosenBillId, setChosenBillId] = useState('')
  const billId = chosenBillId || (state.bills[0]?.id ?? '')
  const [loaded, setLoaded] = useState<{ id: string; bill: StoredBill | null } | null>(null)
  const bill = loaded?.id === billId ? loaded.bill : null
  const [people, setPeople] = useState<ReconciledParticipant[] | null>(null)

  useEffect(() => {
    let isCurrent = true
    if (!billId) return
    void loadBill(store, billId).then((read) => {
      if (isCurrent) setLoaded({ id: billId, bill: read })
    })
    return () => {
      isCurrent = false
    }
  }, [store, billId])

  useEffect(() => {
    let isCurrent = true
    if (!bill || people) return
    void readBillMembers(store).then((read) => {
      if (isCurrent) setPeople(read.people)
    })
    return () => {
      isCurrent = false
    }
  }, [store, bill, people])

  const payerName = (code: string) => district.payerByCode(code)?.name ?? code
  const reconciliation = useMemo<BillReconciliation | null>(() => {
    if (!bill || !people) return null
    const payer = district.payerByCode(bill.payerCode) ?? district.defaultPayer
    return reconcileBill({
      bill,
      participants: people,
      tariffs: district.config.tariffs,
      payerKind: payer.kind,
      defaultPayerCode: district.defaultPayer.code,
    })
  }, [bill, people])
  const resolutions = useMemo(
    () => (bill ? resolutionsByKey(state.resolutions, bill.id) : new Map()),
    [state.resolutions, bill],
  )

  const readFile = async (picked: File | undefined) => {
    setFile(null)
    setProblems([])
    setNotices([])
    const read = await readPickedSheet(picked)
    if (!read) return
    if (!read.ok) {
      setNotices([
        { kind: 'error', text: t(read.reason === 'EMPTY' ? 'fileEmpty' : 'fileUnreadable') },
      ])
      return
    }
    setFile({ name: read.name, sheet: read.sheet })
    setMapping(guessBillMapping(read.sheet.header))
  }

  const record = async () => {
    if (!file) return
    if (!/^\d{4}-\d{2}$/.test(month)) {
      setNotices([{ kind: 'error', text: t('monthMissing') }])
      return
    }
    if (mapping.amount === undefined || (mapping.nik === undefined && mapping.kpj === undefined)) {
      setNotices([{ kind: 'error', text: t('mappingIncomplete') }])
      return
    }
    setBusy(true)
    setNotices([])
    setProblems([])
    try {
      const read = await readBillMembers(store)
      setPeople(read.people)
      const lines = readBillSheet(file.sheet, { ...mapping, amount: mapping.amount }, read.members)
      if (!lines.ok) {
        setProblems(lines.problems)
        return
      }
      const now = currentTime()
      const checked = parseStoredBill({
        id: newBillId(now),
        payerCode,
        month,
        fileName: file.name.slice(0, 200),
        importedAt: now.toISOString(),
        importedBy: actor.name.slice(0, 120),
        lines: lines.lines,
      })
      if (!checked.ok) {
        setNotices([{ kind: 'error', text: t('fileUnreadable') }])
        return
      }
      await saveBill(store, checked.bill)
      setChosenBillId(checked.bill.id)
      setFile(null)
      setNotices([
        {
          kind: 'success',
          text: t('billRecorded', {
            month: formatMonth(language, month),
            lines: formatNumber(language, checked.bill.lines.length),
            total: formatRupiah(checked.bill.lines.reduce((sum, line) => sum + line.amount, 0)),
          }),
        },
      ])
      onRecorded()
    } finally {
      setBusy(false)
    }
  }

  const problemText = (problem: BillRowProblem) =>
    t(`problem.${problem.code}`, problem as unknown as Record<string, string | number>)

  const download = async (format: 'pdf' | 'xlsx') => {
    if (!bill || !reconciliation) return
    setBusy(true)
    try {
      const saved = await saveBillReport({
        bill,
        reconciliation,
        resolutions,
        language,
        format,
        payerName: payerName(bill.payerCode),
      })
      setNotices([
        saved.saved
          ? { kind: 'success', text: t('reportSaved', { name: saved.name }) }
          : saved.reason === 'CANCELLED'
            ? { kind: 'warning', text: t('reportFailed') }
            : { kind: 'error', text: t('reportFailed') },
      ])
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="billing-tab">
      <section aria-labelledby="billing-import">
        <h2 id="billing-import">{t('tab.bill')}</h2>
        <fieldset disabled={busy} className="field-row">
          <PayerField payerCode={payerCode} onChange={setPayerCode} />
          <FormField label={t('month')} required>
            {(control) => (
              <input
                {...control}
                type="month"
                value={month}
                onChange={(event) => setMonth(event.target.value)}
              />
            )}
          </FormField>
          <FileField label={t('billFile')} onPick={(picked) => void readFile(picked)} />
        </fieldset>
        {file ? (
          <fieldset disabled={busy} className="field-row">
            <ColumnMapping
              fields={MAPPED}
              header={file.sheet.header}
              mapping={mapping}
              required={REQUIRED_COLUMNS}
              labelOf={(field) => t(`map.${field}`)}
              chooseLabel={t('map.choose')}
              noneLabel={t('map.none')}
              onChange={setMapping}
            />
            <div className="actions">
              <button type="button" className="primary" onClick={() => void record()}>
                {t('recordBill')}
              </button>
            </div>
          </fieldset>
        ) : null}
        {busy ? <LoadingState>{t('busy')}</LoadingState> : null}
        {problems.length > 0 ? (
          <Notice kind="error" title={t('problemsIntro')} data-testid="bill-problems">
            <ul>
              {problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem, index) => (
                <li key={index}>{problemText(problem)}</li>
              ))}
            </ul>
            {problems.length > MAX_PROBLEMS_SHOWN ? (
              <p>{t('moreProblems', { count: problems.length - MAX_PROBLEMS_SHOWN })}</p>
            ) : null}
          </Notice>
        ) : null}
        {notices.map((notice) => (
          <Notice key={notice.text} kind={notice.kind}>
            {notice.text}
          </Notice>
        ))}
      </section>

      <section aria-labelledby="billing-bills">
        <h2 id="billing-bills">{t('bills')}</h2>
        {state.bills.length === 0 ? (
          <p className="hint">{t('noBills')}</p>
        ) : (
          <FormField label={t('bills')}>
            {(control) => (
              <select
                {...control}
                value={billId}
                onChange={(event) => setChosenBillId(event.target.value)}
              >
                {state.bills.map((entry) => {
                  const inForce = billInForce(state.bills, entry.payerCode, entry.month)
                  return (
                    <option key={entry.id} value={entry.id}>
                      {t('billOption', {
                        month: formatMonth(language, entry.month),
                        payer: payerName(entry.payerCode),
                        lines: formatNumber(language, entry.lineCount),
                        total: formatRupiah(entry.billedTotal),
                        file: entry.fileName,
                      })}
                      {inForce && inForce.id !== entry.id ? ` (${t('replaced')})` : ''}
                      {state.onServer.bills.includes(entry.id) ? '' : ` · ${t('notSent')}`}
                    </option>
                  )
                })}
              </select>
            )}
          </FormField>
        )}
        {bill && !reconciliation ? <LoadingState>{t('reading')}</LoadingState> : null}
        {bill && reconciliation ? (
          <Reconciliation
            store={store}
            actor={actor}
            bill={bill}
            reconciliation={reconciliation}
            resolutions={resolutions}
            busy={busy}
            onDownload={(format) => void download(format)}
            onResolved={onRecorded}
          />
        ) : null}
      </section>
    </div>
  )
}

function Reconciliation({
  store,
  actor,
  bill,
  reconciliation,
  resolutions,
  busy,
  onDownload,
  onResolved,
}: {
  store: NaunganStore
  actor: ActingUser
  bill: StoredBill
  reconciliation: BillReconciliation
  resolutions: ReadonlyMap<string, { note: string; resolvedBy: string; resolvedAt: string }>
  busy: boolean
  onDownload(format: 'pdf' | 'xlsx'): void
  onResolved(): void
}) {
  const { t, language } = useBillingText()
  const [editing, setEditing] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [noteError, setNoteError] = useState('')
  const [saved, setSaved] = useState('')
  const payerName = (code: string) => district.payerByCode(code)?.name ?? code
  const r = reconciliation
  const resolvedCount = r.differences.filter((entry) => resolutions.has(entry.key)).length

  const saveResolution = async (difference: BillDifference) => {
    if (note.trim() === '') {
      setNoteError(t('resolveNoteMissing'))
      return
    }
    await saveResolutions(store, [
      {
        id: globalThis.crypto.randomUUID(),
        billId: bill.id,
        key: difference.key,
        note: note.trim().slice(0, 500),
        resolvedAt: currentTime().toISOString(),
        resolvedBy: actor.name.slice(0, 120),
      },
    ])
    setEditing(null)
    setNote('')
    setNoteError('')
    setSaved(t('resolutionSaved'))
    onResolved()
  }

  const detailOf = (entry: BillDifference) => {
    if (entry.kind === 'other-payer') {
      return t('detail.otherPayer', {
        payers: (entry.otherPayerCodes ?? []).map(payerName).join(', '),
      })
    }
    if (entry.kind === 'deceased' && entry.diedOn) {
      return t('detail.diedOn', { date: formatDateWords(language, entry.diedOn) })
    }
    if (entry.kind === 'ended' || entry.kind === 'deceased') {
      return entry.endedOn
        ? t('detail.endedOn', { date: formatDateWords(language, entry.endedOn) })
        : t('detail.neverCovered')
    }
    if (entry.kind === 'not-ours') return t('detail.notFound')
    return ''
  }

  const columns: Column<BillDifference>[] = [
    {
      key: 'kind',
      header: t('col.kind'),
      cell: (entry) => t(`kind.${entry.kind}`),
      sortValue: (entry) => BILL_DIFFERENCE_KINDS.indexOf(entry.kind),
    },
    {
      key: 'name',
      header: t('col.name'),
      isRowHeader: true,
      cell: (entry) =>
        entry.participantId ? (
          <a href={`#/peserta/${entry.participantId}`}>{entry.name}</a>
        ) : (
          entry.name
        ),
      sortValue: (entry) => entry.name,
    },
    { key: 'row', header: t('col.row'), isNumeric: true, cell: (entry) => entry.row ?? '' },
    { key: 'nik', header: t('col.nik'), cell: (entry) => entry.maskedNik },
    { key: 'kpj', header: t('col.kpj'), cell: (entry) => entry.kpj ?? '' },
    {
      key: 'billed',
      header: t('col.billed'),
      isNumeric: true,
      cell: (entry) => formatRupiah(entry.billed),
      sortValue: (entry) => entry.billed,
    },
    {
      key: 'expected',
      header: t('col.expected'),
      isNumeric: true,
      cell: (entry) => formatRupiah(entry.expected),
    },
    { key: 'detail', header: t('col.detail'), cell: detailOf },
    {
      key: 'resolution',
      header: t('col.resolution'),
      cell: (entry) => {
        const resolution = resolutions.get(entry.key)
        if (resolution) {
          return t('resolvedBy', {
            note: resolution.note,
            by: resolution.resolvedBy,
            date: formatDateWords(language, districtDayOfIso(resolution.resolvedAt)),
          })
        }
        if (editing === entry.key) {
          return (
            <div className="billing-resolve">
              <FormField label={t('resolveNote')} help={t('resolveNoteHelp')} error={noteError}>
                {(control) => (
                  <textarea
                    {...control}
                    rows={2}
                    maxLength={500}
                    value={note}
                    autoFocus
                    onChange={(event) => setNote(event.target.value)}
                  />
                )}
              </FormField>
              <button type="button" className="primary" onClick={() => void saveResolution(entry)}>
                {t('resolveSave')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setEditing(null)
                  setNoteError('')
                }}
              >
                {t('resolveCancel')}
              </button>
            </div>
          )
        }
        return (
          <button
            type="button"
            onClick={() => {
              setEditing(entry.key)
              setNote('')
              setNoteError('')
              setSaved('')
            }}
          >
            {t('resolve')}
          </button>
        )
      },
    },
  ]

  return (
    <div className="billing-reconciliation" data-testid="bill-reconciliation">
      <h3>{t('summaryTitle', { month: formatMonth(language, bill.month) })}</h3>
      <ul className="billing-summary">
        <li>
          {t('billedSummary', {
            lines: formatNumber(language, r.billedLines),
            total: formatRupiah(r.billedTotal),
          })}
        </li>
        <li>
          {r.rate
            ? t('expectedSummary', {
                people: formatNumber(language, r.expectedPeople),
                payer: payerName(bill.payerCode),
                total: formatRupiah(r.expectedTotal),
                rate: formatRupiah(r.rate.total),
              })
            : t('noTariff')}
        </li>
        <li>{t('agreed', { count: formatNumber(language, r.agreedLines) })}</li>
        {BILL_DIFFERENCE_KINDS.filter((kind) => r.counts[kind] > 0).map((kind) => (
          <li key={kind} data-kind={kind}>
            {t(`kind.${kind}`)}: {formatNumber(language, r.counts[kind])}
          </li>
        ))}
      </ul>
      {r.differences.length === 0 ? (
        <Notice kind="success">{t('noDifferences')}</Notice>
      ) : (
        <Notice
          kind={resolvedCount === r.differences.length ? 'success' : 'info'}
          data-testid="bill-resolved-count"
        >
          {resolvedCount === r.differences.length
            ? t('allResolved')
            : t('resolvedCount', {
                resolved: formatNumber(language, resolvedCount),
                total: formatNumber(language, r.differences.length),
              })}
        </Notice>
      )}
      {saved ? <Notice kind="success">{saved}</Notice> : null}
      {r.differences.length > 0 ? (
        <DataTable
          caption={t('differences')}
          columns={columns}
          rows={r.differences}
          rowKey={(entry) => entry.key}
          rowData={(entry) => ({ 'data-kind': entry.kind, 'data-key': entry.key })}
          testId="bill-differences"
        />
      ) : null}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => onDownload('pdf')}>
          {t('downloadPdf')}
        </button>
        <button type="button" disabled={busy} onClick={() => onDownload('xlsx')}>
          {t('downloadXlsx')}
        </button>
      </div>
    </div>
  )
}
