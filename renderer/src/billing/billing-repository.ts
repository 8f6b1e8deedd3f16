/**
 * BPJS bills, their resolutions and the payments, as this PC keeps them: local documents of the
 * store (like the batch list, coverage-repository.ts), written before the screen says "tersimpan"
 * and sent to the server by billing-sync.ts whenever it can be reached. A bill holds masked NIKs
 * and record ids only (shared/coverage/bills.ts), so nothing here needs sealing.
 *
 * - `billing-bills`: ids of the bills known here; `billing-bill/<id>`: one bill whole.
 * - `billing-resolutions`, `billing-payments`, `billing-withdrawals`: every record, small (a few
 *   a month; a withdrawal takes back a payment recorded by mistake).
 * - `billing-on-server`: which of them the server is known to hold.
 */
import type { Observable } from 'rxjs'
import { combineLatest, map } from 'rxjs'
import { billTotal, type BillResolution, type StoredBill } from '@shared/coverage/bills'
import type { PaymentRecord, PaymentWithdrawal } from '@shared/coverage/payments'
import { maskNik } from '@shared/identity/masking'
import { isDeceased } from '@shared/participant/death'
import type { NaunganStore } from '@/core/store/database'
import type { ReconciledParticipant } from '@shared/coverage/bills'
import type { ParticipantStatus } from '@shared/participant/participant-status'

const BILL_INDEX_DOC = 'billing-bills'
const RESOLUTIONS_DOC = 'billing-resolutions'
const PAYMENTS_DOC = 'billing-payments'
const WITHDRAWALS_DOC = 'billing-withdrawals'
const ON_SERVER_DOC = 'billing-on-server'
const billDocId = (id: string) => `billing-bill/${id}`

/** A bill without its lines, for lists and the timeline. */
export interface BillHeader extends Omit<StoredBill, 'lines'> {
  lineCount: number
  billedTotal: number
}

interface BillIndex {
  bills: BillHeader[]
}

export interface OnServer {
  bills: string[]
  resolutions: string[]
  payments: string[]
  withdrawals: string[]
}

export function headerOf(bill: StoredBill): BillHeader {
  const { lines, ...rest } = bill
  return { ...rest, lineCount: lines.length, billedTotal: billTotal(bill) }
}

async function readLocal<T>(store: NaunganStore, id: string): Promise<T | null> {
  const doc = await store.db.getLocal<T & Record<string, unknown>>(id)
  return doc ? (doc.toJSON().data as T) : null
}

/** The bills known here, newest import first, without their lines. */
export async function listBills(store: NaunganStore): Promise<BillHeader[]> {
  const index = await readLocal<BillIndex>(store, BILL_INDEX_DOC)
  return [...(index?.bills ?? [])].sort((a, b) => b.importedAt.localeCompare(a.importedAt))
}

export async function loadBill(store: NaunganStore, id: string): Promise<StoredBill | null> {
  return readLocal<StoredBill>(store, billDocId(id))
}

/** Stores a bill (recorded here or fetched); the same id again replaces nothing but the header. */
export async function saveBill(store: NaunganStore, bill: StoredBill): Promise<void> {
  await store.db.upsertLocal(billDocId(bill.id), bill)
  const index = await readLocal<BillIndex>(store, BILL_INDEX_DOC)
  const bills = (index?.bills ?? []).filter((entry) => entry.id !== bill.id)
  await store.db.upsertLocal(BILL_INDEX_DOC, { bills: [headerOf(bill), ...bills] })
}

export async function listResolutions(store: NaunganStore): Promise<BillResolution[]> {
  return (
    (await readLocal<{ resolutions: BillResolution[] }>(store, RESOLUTIONS_DOC))?.resolutions ?? []
  )
}

export async function listPayments(store: NaunganStore): Promise<PaymentRecord[]> {
  return (await readLocal<{ payments: PaymentRecord[] }>(store, PAYMENTS_DOC))?.payments ?? []
}

/** Adds records to a list document, replacing any of the same id (the server's copy wins). */
async function putAll<T extends { id: string }>(
  store: NaunganStore,
  docId: string,
  key: 'resolutions' | 'payments' | 'withdrawals',
  records: readonly T[],
): Promise<void> {
  if (records.length === 0) return
  const current = (await readLocal<Record<string, T[]>>(store, docId))?.[key] ?? []
  const incoming = new Map(records.map((record) => [record.id, record]))
  const kept = current.filter((record) => !incoming.has(record.id))
  await store.db.upsertLocal(docId, { [key]: [...kept, ...incoming.values()] })
}

export function saveResolutions(store: NaunganStore, resolutions: readonly BillResolution[]) {
  return putAll(store, RESOLUTIONS_DOC, 'resolutions', resolutions)
}

export function savePayments(store: NaunganStore, payments: readonly PaymentRecord[]) {
  return putAll(store, PAYMENTS_DOC, 'payments', payments)
}

export async function listWithdrawals(store: NaunganStore): Promise<PaymentWithdrawal[]> {
  return (
    (await readLocal<{ withdrawals: PaymentWithdrawal[] }>(store, WITHDRAWALS_DOC))?.withdrawals ??
    []
  )
}

export function saveWithdrawals(store: NaunganStore, withdrawals: readonly PaymentWithdrawal[]) {
  return putAll(store, WITHDRAWALS_DOC, 'withdrawals', withdrawals)
}

/** Forgets withdrawals the server refused because another one took the payment back first. */
export async function dropWithdrawals(store: NaunganStore, ids: readonly string[]): Promise<void> {
  const drop = new Set(ids)
  const kept = (await listWithdrawals(store)).filter((entry) => !drop.has(entry.id))
  await store.db.upsertLocal(WITHDRAWALS_DOC, { withdrawals: kept })
}

export async function loadOnServer(store: NaunganStore): Promise<OnServer> {
  const known = await readLocal<OnServer>(store, ON_SERVER_DOC)
  return {
    bills: known?.bills ?? [],
    resolutions: known?.resolutions ?? [],
    payments: known?.payments ?? [],
    withdrawals: known?.withdrawals ?? [],
  }
}

export async function saveOnServer(store: NaunganStore, known: OnServer): Promise<void> {
  await store.db.upsertLocal(ON_SERVER_DOC, { ...known })
}

/** Bills, resolutions, payments and what the server holds, whenever any of them changes. */
export interface BillingState {
  bills: BillHeader[]
  resolutions: BillResolution[]
  payments: PaymentRecord[]
  withdrawals: PaymentWithdrawal[]
  onServer: OnServer
}

export function watchBilling(store: NaunganStore): Observable<BillingState> {
  const watch = <T>(id: string) =>
    store.db
      .getLocal$<T & Record<string, unknown>>(id)
      .pipe(map((doc) => (doc ? (doc.toJSON().data as T) : null)))
  return combineLatest([
    watch<BillIndex>(BILL_INDEX_DOC),
    watch<{ resolutions: BillResolution[] }>(RESOLUTIONS_DOC),
    watch<{ payments: PaymentRecord[] }>(PAYMENTS_DOC),
    watch<{ withdrawals: PaymentWithdrawal[] }>(WITHDRAWALS_DOC),
    watch<OnServer>(ON_SERVER_DOC),
  ]).pipe(
    map(([index, resolutions, payments, withdrawals, onServer]) => ({
      bills: [...(index?.bills ?? [])].sort((a, b) => b.importedAt.localeCompare(a.importedAt)),
      resolutions: resolutions?.resolutions ?? [],
      payments: payments?.payments ?? [],
      withdrawals: withdrawals?.withdrawals ?? [],
      onServer: {
        bills: onServer?.bills ?? [],
        resolutions: onServer?.resolutions ?? [],
        payments: onServer?.payments ?? [],
        withdrawals: onServer?.withdrawals ?? [],
      },
    })),
  )
}

/** A record as the bills screen reads it: what reconciliation needs, its status and kecamatan. */
export interface BillingPerson extends ReconciledParticipant {
  status: ParticipantStatus
  kecamatanCode: string
}

/**
 * Every record with what a bill is matched and reconciled against: the NIK in the clear for
 * matching (kept in memory only, on a supervisor's PC), masked for the screen.
 */
export async function readBillMembers(store: NaunganStore): Promise<{
  members: { id: string; nik: string; kpjNumber?: string }[]
  people: BillingPerson[]
}> {
  const docs = await store.db.participants.find().exec()
  const members: { id: string; nik: string; kpjNumber?: string }[] = []
  const people: BillingPerson[] = []
  for (const doc of docs) {
    const d = doc.toJSON()
    members.push({ id: d.id, nik: d.nik, ...(d.kpjNumber ? { kpjNumber: d.kpjNumber } : {}) })
    people.push({
      id: d.id,
      status: d.status,
      kecamatanCode: d.kecamatanCode,
      fullName: d.fullName,
      maskedNik: maskNik(d.nik),
      ...(d.kpjNumber ? { kpjNumber: d.kpjNumber } : {}),
      ...(d.coverage ? { coverage: d.coverage } : {}),
      ...(d.death && isDeceased(d) ? { diedOn: d.death.date } : {}),
    })
  }
  return { members, people }
}
