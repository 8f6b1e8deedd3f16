/**
 * BPJS enrolment against the real store (RxDB on fake-indexeddb): a supervisor sends approved
 * participants in a batch, applies BPJS's answer (twice: nothing changes the second time), ends
 * coverage; a clerk's context is refused.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_BATCH_LAYOUT, validateLayout } from '@shared/coverage/batch-layout'
import { matchAnswer } from '@shared/coverage/bpjs-answer'
import { readXlsx } from '@shared/import/xlsx'
import { batchFile, readAnswerFile } from '@/coverage/coverage-files'
import {
  applyAnswer,
  endCoverageFor,
  listBatchCandidates,
  listBatches,
  loadLayout,
  newBatchId,
  recordBatch,
  recordRenewalBatch,
  saveLayout,
} from '@/coverage/coverage-repository'
import { recordDecision } from '@/reverification/reverification-repository'
import type { NaunganStore } from '@/core/store/database'
import {
  getParticipant,
  getParticipantHistory,
  registerParticipant,
} from '@/core/store/participant-repository'
import type { ActingUser } from '@/core/acting-user'
import {
  closeTestStores,
  OFFICE,
  openTestStore,
  person,
  uniqueStoreName,
} from '../../support/store-fixture'

const SECRET = 'd4'.repeat(32)
afterEach(closeTestStores)

const SUPERVISOR: ActingUser = {
  name: 'Bu Supervisor',
  role: 'supervisor',
  agency: null,
  officeCode: 'PUSAT',
  deviceId: 'device-1',
}
const OPERATOR: ActingUser = {
  name: 'Rina',
  role: 'operator',
  agency: null,
  officeCode: '06-01',
  deviceId: '',
}

async function seed(store: NaunganStore) {
  const siti = await registerParticipant(store, person(), { office: OFFICE, status: 'approved' })
  const budi = await registerParticipant(
    store,
    person({ nik: '6402061505900001', fullName: 'Budi Santoso', sex: 'L' }),
    { office: OFFICE, status: 'approved' },
  )
  const draft = await registerParticipant(
    store,
    person({ nik: '6402061505900002', fullName: 'Masih Draf', sex: 'L' }),
    { office: OFFICE },
  )
  return { siti, budi, draft }
}

const PERIOD = { year: 2026, fromMonth: 11 }

describe('enrolment batches in the store', () => {
  it('sends approved participants, applies the answer once, and ends coverage', async () => {
    const store = await openTestStore(uniqueStoreName('enrol'), SECRET)
    const { siti, budi } = await seed(store)

    const candidates = await listBatchCandidates(store, PERIOD)
    expect(candidates.map((entry) => entry.participant.id).sort()).toEqual(
      [siti.id, budi.id].sort(),
    )

    const id = newBatchId(new Date('2026-11-23T10:00:00Z'))
    const recorded = await recordBatch(
      store,
      {
        id,
        kodeIuran: 'KI-6402/2026',
        period: PERIOD,
        createdAt: '2026-11-23T10:00:00Z',
        createdBy: 'Bu Supervisor',
        memberIds: [siti.id, budi.id],
        // A batch for the province's budget: the periods BPJS's answer creates name that payer.
        payerCode: 'apbd-provinsi',
      },
      SUPERVISOR,
    )
    expect(recorded.ok).toBe(true)
    const sent = await getParticipant(store, siti.id)
    expect(sent?.status).toBe('approved')
    expect(sent?.enrolmentBatchId).toBe(id)
    expect((await listBatches(store)).map((batch) => [batch.id, batch.payerCode])).toEqual([
      [id, 'apbd-provinsi'],
    ])

    const answer = {
      header: ['NIK', 'No KPJ', 'Tgl Kepesertaan'],
      rows: [
        { rowNumber: 2, cells: [siti.nik, '0012345678', '01-11-2026'] },
        { rowNumber: 3, cells: ['6402069999990001', '0099', '01-11-2026'] },
      ],
    }
    const match = matchAnswer(
      answer,
      { nik: 0, kpj: 1, coverageStart: 2 },
      { period: PERIOD, members: [siti, budi] },
    )
    expect(match.counts).toMatchObject({ matched: 1, error: 1, unmatched: 1 })

    const [stored] = await listBatches(store)
    const applied = await applyAnswer(store, stored!, match.rows, '2026-11-23', SUPERVISOR)
    expect(applied).toMatchObject([{ id: siti.id, ok: true, changed: true }])
    const active = await getParticipant(store, siti.id)
    expect(active?.status).toBe('active')
    expect(active?.kpjNumber).toBe('0012345678')
    expect(active?.coverage).toEqual([
      { year: 2026, from: '2026-11-01', batchId: id, payerCode: 'apbd-provinsi' },
    ])

    // A clerk's context may not record KPJ numbers or end coverage.
    const byClerk = await applyAnswer(
      store,
      { id, period: PERIOD },
      match.rows,
      '2026-11-23',
      OPERATOR,
    )
    expect(byClerk).toMatchObject([{ id: siti.id, ok: false, reason: 'REFUSED' }])
    expect(
      await endCoverageFor(store, siti.id, { until: '2026-11-30', reason: 'pindah' }, OPERATOR),
    ).toMatchObject({ ok: false, reason: 'REFUSED' })

    const again = await applyAnswer(
      store,
      { id, period: PERIOD },
      match.rows,
      '2026-11-23',
      SUPERVISOR,
    )
    expect(again).toMatchObject([{ id: siti.id, ok: true, changed: false }])
    const history = await getParticipantHistory(store, siti.id)
    expect(
      history.filter((entry) => entry.changes.some((c) => c.field === 'kpjNumber')),
    ).toHaveLength(1)

    const ended = await endCoverageFor(
      store,
      siti.id,
      { until: '2026-10-20', reason: 'meninggal' },
      SUPERVISOR,
    )
    expect(ended).toMatchObject({ ok: false, reason: 'PROBLEM' })
    const endedLater = await endCoverageFor(
      store,
      siti.id,
      { until: '2026-11-30', reason: 'meninggal' },
      SUPERVISOR,
    )
    expect(endedLater.ok).toBe(true)
    const after = await getParticipant(store, siti.id)
    expect(after?.status).toBe('ended')
    expect(after?.coverage?.[0]).toMatchObject({ until: '2026-11-30', endReason: 'meninggal' })
  })

  it('refuses a clerk and records nothing', async () => {
    const store = await openTestStore(uniqueStoreName('enrol-clerk'), SECRET)
    const { siti, draft } = await seed(store)
    const result = await recordBatch(
      store,
      {
        id: 'B20261123-clerk',
        kodeIuran: 'KI-6402',
        period: PERIOD,
        createdAt: '2026-11-23T10:00:00Z',
        createdBy: 'Rina',
        memberIds: [siti.id],
      },
      OPERATOR,
    )
    expect(result.ok).toBe(false)
    expect(result.outcomes).toMatchObject([{ id: siti.id, ok: false, reason: 'REFUSED' }])
    expect((await getParticipant(store, siti.id))?.enrolmentBatchId).toBeUndefined()
    expect(await listBatches(store)).toEqual([])

    const draftRefused = await recordBatch(
      store,
      {
        id: 'B20261123-draft',
        kodeIuran: 'KI-6402',
        period: PERIOD,
        createdAt: '2026-11-23T10:00:00Z',
        createdBy: 'Bu',
        memberIds: [draft.id],
      },
      SUPERVISOR,
    )
    expect(draftRefused.outcomes).toMatchObject([{ ok: false, reason: 'REFUSED' }])
  })

  it("carries out the year's re-verification: ended people end on 31 December, pending ones wait, undecided ones are renewed", async () => {
    const store = await openTestStore(uniqueStoreName('enrol-reverified'), SECRET)
    const { siti, budi } = await seed(store)
    const ani = await registerParticipant(
      store,
      person({ nik: '6402065505900003', fullName: 'Ani Lestari' }),
      { office: OFFICE, status: 'approved' },
    )
    const id = 'B20261101-reverified'
    const members = [siti, budi, ani]
    await recordBatch(
      store,
      {
        id,
        kodeIuran: 'KI-6402',
        period: PERIOD,
        createdAt: '2026-11-01T10:00:00Z',
        createdBy: 'Bu',
        memberIds: members.map((doc) => doc.id),
      },
      SUPERVISOR,
    )
    const match = matchAnswer(
      {
        header: ['NIK', 'KPJ', 'Mulai'],
        rows: members.map((doc, index) => ({
          rowNumber: index + 2,
          cells: [doc.nik, `00${index + 1}`, '01-11-2026'],
        })),
      },
      { nik: 0, kpj: 1, coverageStart: 2 },
      { period: PERIOD, members },
    )
    await applyAnswer(store, { id, period: PERIOD }, match.rows, '2026-11-23', SUPERVISOR)
    const central = { kind: 'central' as const, kecamatanCode: null }
    const decided = await Promise.all([
      recordDecision(
        store,
        budi.id,
        { year: 2027, outcome: { kind: 'ended', reason: 'pindah' }, reasons: ['belum-dicetak'] },
        SUPERVISOR,
        central,
      ),
      recordDecision(
        store,
        ani.id,
        { year: 2027, outcome: { kind: 'pending' }, reasons: ['belum-dicetak'] },
        SUPERVISOR,
        central,
      ),
    ])
    expect(decided.map((outcome) => outcome.ok)).toEqual([true, true])

    const renewal = await recordRenewalBatch(
      store,
      {
        id: 'B20261215-reverified',
        kodeIuran: 'KI-6402',
        year: 2027,
        createdAt: '2026-12-15T00:00:00Z',
        createdBy: 'Bu',
      },
      SUPERVISOR,
    )
    expect(renewal.ok && renewal.batch.memberIds).toEqual([siti.id])
    expect(renewal.reverification).toEqual({
      ended: [budi.id],
      withdrawn: [],
      notRenewed: [ani.id],
    })
    const after = async (doc: { id: string }) => {
      const stored = await getParticipant(store, doc.id)
      return {
        status: stored?.status,
        coverage: stored?.coverage?.map((period) =>
          [period.year, period.until ?? '', period.endReason ?? ''].join('/'),
        ),
      }
    }
    expect(await after(siti)).toEqual({ status: 'active', coverage: ['2026//', '2027//'] })
    expect(await after(budi)).toEqual({ status: 'ended', coverage: ['2026/2026-12-31/pindah'] })
    expect(await after(ani)).toEqual({ status: 'active', coverage: ['2026//'] })
  })

  it('renews active participants for next year and keeps the column layout', async () => {
    const store = await openTestStore(uniqueStoreName('enrol-renew'), SECRET)
    const { siti, budi } = await seed(store)
    const id = 'B20261101-first'
    await recordBatch(
      store,
      {
        id,
        kodeIuran: 'KI-6402',
        period: PERIOD,
        createdAt: '2026-11-01T10:00:00Z',
        createdBy: 'Bu',
        memberIds: [siti.id, budi.id],
      },
      SUPERVISOR,
    )
    const match = matchAnswer(
      {
        header: ['NIK', 'KPJ', 'Mulai'],
        rows: [
          { rowNumber: 2, cells: [siti.nik, '001', '01-11-2026'] },
          { rowNumber: 3, cells: [budi.nik, '002', '01-11-2026'] },
        ],
      },
      { nik: 0, kpj: 1, coverageStart: 2 },
      { period: PERIOD, members: [siti, budi] },
    )
    await applyAnswer(store, { id, period: PERIOD }, match.rows, '2026-11-23', SUPERVISOR)
    await endCoverageFor(store, budi.id, { until: '2026-12-31', reason: 'pindah' }, SUPERVISOR)

    // The province's renewal batch renews only the province's people: Siti stays the regency's.
    const provinceRenewal = await recordRenewalBatch(
      store,
      {
        id: 'B20261215-prov',
        kodeIuran: 'KT-0042',
        year: 2027,
        createdAt: '2026-12-15T00:00:00Z',
        createdBy: 'Bu',
        payerCode: 'apbd-provinsi',
      },
      SUPERVISOR,
    )
    expect(provinceRenewal).toMatchObject({ ok: false, problems: [{ code: 'BATCH_EMPTY' }] })
    expect((await getParticipant(store, siti.id))?.coverage?.map((p) => p.year)).toEqual([2026])

    const renewal = await recordRenewalBatch(
      store,
      {
        id: 'B20261215-renew',
        kodeIuran: 'KI-6402',
        year: 2027,
        createdAt: '2026-12-15T00:00:00Z',
        createdBy: 'Bu',
      },
      SUPERVISOR,
    )
    expect(renewal.ok && renewal.batch.memberIds).toEqual([siti.id])
    expect((await getParticipant(store, siti.id))?.coverage?.map((p) => p.year)).toEqual([
      2026, 2027,
    ])
    expect((await getParticipant(store, siti.id))?.coverage?.at(-1)?.payerCode).toBe(
      'apbd-kabupaten',
    )

    expect((await loadLayout(store)).columns[0]?.value).toBe('nik')
    expect(await saveLayout(store, { columns: [] })).toMatchObject([{ code: 'LAYOUT_EMPTY' }])
    expect(
      await saveLayout(store, {
        columns: [
          { header: 'No KTP', value: 'nik' },
          { header: 'Program', value: 'fixed:BPU' },
        ],
        csvDelimiter: ';',
      }),
    ).toEqual([])
    expect((await loadLayout(store)).columns.map((c) => c.header)).toEqual(['No KTP', 'Program'])
    expect((await loadLayout(store)).csvDelimiter).toBe(';')
  })

  it('writes the batch sheet as text and reads an answer file back', async () => {
    const store = await openTestStore(uniqueStoreName('enrol-file'), SECRET)
    const { siti, budi } = await seed(store)
    const batch = {
      id: 'B20261123-file',
      kodeIuran: 'KI/6402',
      period: PERIOD,
      createdAt: '2026-11-23T10:00:00Z',
      createdBy: 'Bu',
      memberIds: [budi.id, siti.id],
    }
    const xlsx = batchFile(batch, [siti, budi], DEFAULT_BATCH_LAYOUT, 'xlsx')
    expect(xlsx.name).toBe('batch-KI_6402-11-2026.xlsx')
    const read = readXlsx(xlsx.data)
    if (!read.ok) throw new Error(read.reason)
    expect(read.rows.map((row) => row.cells[0])).toEqual(['NIK', budi.nik, siti.nik])
    expect(read.rows[1]?.cells.at(-2)).toBe('KI/6402')
    expect(read.rows[1]?.cells.at(-1)).toBe('11-2026')

    const csv = batchFile(batch, [siti, budi], DEFAULT_BATCH_LAYOUT, 'csv')
    expect(csv.name).toBe('batch-KI_6402-11-2026.csv')
    expect(new TextDecoder().decode(csv.data)).toContain(`\r\n${budi.nik},`)
    // Excel set to Indonesian splits on ';': the layout can say so, and the CSV follows it.
    const layout = validateLayout({ ...DEFAULT_BATCH_LAYOUT, csvDelimiter: ';' })
    if (!layout.ok) throw new Error('layout refused')
    const semicolon = new TextDecoder().decode(
      batchFile(batch, [siti, budi], layout.layout, 'csv').data,
    )
    expect(semicolon).toContain(`\r\n${budi.nik};`)
    expect(semicolon.split('\r\n')[0]).toBe(
      DEFAULT_BATCH_LAYOUT.columns.map((column) => column.header).join(';'),
    )
    expect(validateLayout({ ...DEFAULT_BATCH_LAYOUT, csvDelimiter: '|' })).toEqual({
      ok: true,
      layout: DEFAULT_BATCH_LAYOUT,
    })

    const answer = readAnswerFile(
      new TextEncoder().encode('NIK;No KPJ\r\n' + siti.nik + ';007\r\n'),
    )
    expect(answer).toMatchObject({ ok: true, sheet: { header: ['NIK', 'No KPJ'] } })
    expect(readAnswerFile(new TextEncoder().encode('NIK;KPJ\r\n'))).toEqual({
      ok: false,
      reason: 'EMPTY',
    })
  })
})
