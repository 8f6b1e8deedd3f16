/**
 * The people the regency already paid for before Naungan, imported from BPJS's list: the coverage
 * rule, the dry run (errors by row, other kecamatan, NIKs already here, who may do it), apply →
 * active records the dashboard counts once, and undo. Real store (RxDB on fake-indexeddb).
 */
import type { CoveragePeriod } from '@shared/participant/participant-document'
import { afterEach, describe, expect, it } from 'vitest'
import { openEndedTariff } from '@shared/coverage/tariffs'
import { existingMemberCoverage } from '@shared/coverage/existing-members'
import { aggregateDashboard, type DashboardConfig } from '@shared/dashboard/aggregate'
import { validateTable } from '@shared/import/analyse'
import { suggestMapping } from '@shared/import/import-fields'
import { describeRowIssue } from '@shared/import/import-issues'
import {
  describeOutcome,
  planNotices,
  type PlanContext,
  type RowOutcome,
} from '@shared/import/import-plan'
import { readImportTable } from '@shared/import/import-table'
import { createNikIndexEncoder } from '@shared/import/nik-index-encoder'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { runDryRun } from '@/import/import-dry-run'
import { applyImport } from '@/import/apply-import'
import type { ActingUser } from '@/core/acting-user'
import { undoImport } from '@/import/undo-import'
import type { NaunganStore } from '@/core/store/database'
import {
  getParticipantHistory,
  registerParticipant,
  reserveRegistrationNumbers,
} from '@/core/store/participant-repository'
import {
  closeTestStores,
  district,
  OFFICE,
  openTestStore,
  person,
  uniqueStoreName,
} from '../../support/store-fixture'
import { useAppClockFrom } from '../../../support/app-clock'

const SECRET = 'd4'.repeat(32)
const TODAY = '2026-11-24'

afterEach(closeTestStores)
// 10:00 in Tenggarong on TODAY: the registrations below fall in the dashboard's current week.
useAppClockFrom('2026-11-24T02:00:00.000Z')

describe('existingMemberCoverage', () => {
  const context = { budgetYear: 2026, today: TODAY, birthDate: '1980-05-01' }

  it('keeps the year they joined and this budget year, so they are neither new nor unpaid', () => {
    expect(
      existingMemberCoverage(
        { kpjNumber: ' 000 1234 5678 ', coverageStart: '2019-04-15' },
        context,
      ),
    ).toEqual({
      ok: true,
      status: 'active',
      kpjNumber: '00012345678',
      coverage: [
        { year: 2019, from: '2019-04-15', batchId: 'peserta-lama' },
        { year: 2026, from: '2026-01-01', batchId: 'peserta-lama' },
      ],
    })
  })

  it('joined this year: one period from the TMT; a TMT still ahead means enrolled, not active', () => {
    expect(
      existingMemberCoverage({ kpjNumber: '1', coverageStart: '2026-03-10' }, context),
    ).toEqual({
      ok: true,
      status: 'active',
      kpjNumber: '1',
      coverage: [{ year: 2026, from: '2026-03-10', batchId: 'peserta-lama' }],
    })
    const ahead = existingMemberCoverage({ kpjNumber: '2', coverageStart: '2026-12-01' }, context)
    expect(ahead).toMatchObject({ ok: true, status: 'enrolled' })
    // 29 February of a leap year is a real start.
    expect(
      existingMemberCoverage({ kpjNumber: '3', coverageStart: '2024-02-29' }, context),
    ).toMatchObject({ ok: true, status: 'active' })
  })

  it('refuses a start after the budget year or before birth, and KPJs that are not numbers', () => {
    const problem = (kpjNumber: string, coverageStart: string) => {
      const result = existingMemberCoverage({ kpjNumber, coverageStart }, context)
      return result.ok ? null : result.problem
    }
    expect(problem('1', '2027-01-01')).toEqual({
      code: 'START_AFTER_BUDGET_YEAR',
      params: { year: 2026 },
    })
    expect(problem('1', '1979-12-31')).toEqual({ code: 'START_BEFORE_BIRTH' })
    expect(problem('1', '2026-02-30')).toEqual({ code: 'START_INVALID' })
    expect(problem('KPJ-12', '2020-01-01')).toEqual({ code: 'KPJ_INVALID' })
    expect(problem('1,23457E+10', '2020-01-01')).toEqual({ code: 'KPJ_EXCEL_NUMBER' })
    expect(problem('  ', '2020-01-01')).toEqual({ code: 'KPJ_EMPTY' })
  })
})

// ---------------------------------------------------------------------------------------------

const SUPERVISOR: ActingUser = {
  name: 'Bu Supervisor',
  role: 'supervisor',
  agency: null,
  officeCode: '06-01',
  deviceId: 'device-1',
}
const OPERATOR: ActingUser = {
  name: 'Rina',
  role: 'operator',
  agency: null,
  officeCode: '06-01',
  deviceId: 'device-2',
}

/** NIKs of Tenggarong men born on the 1st–9th of May 1980, serial 1 (valid, agreeing with sex). */
const nikOf = (day: number) => `6402060${day}0580000${day}`
const birthOf = (day: number) => `1980-05-0${day}`

const HEADER = 'NO;NIK;NAMA;TGL LAHIR;DESA/KELURAHAN;KECAMATAN;NO KPJ;TMT;PEKERJAAN'
const line = (
  day: number,
  name: string,
  village: string,
  kecamatan: string,
  kpj: string,
  tmt: string,
  occupation: string,
) =>
  [
    day,
    nikOf(day),
    name,
    birthOf(day).split('-').reverse().join('-'),
    village,
    kecamatan,
    kpj,
    tmt,
    occupation,
  ].join(';')

/** BPJS's list as the regency holds it, with one mistake of each kind. */
const FILE = [
  'DAFTAR PESERTA BPJS KETENAGAKERJAAN APBD KUKAR',
  HEADER,
  line(1, 'Ahmad Nelayan', 'Loa Ipuh', 'Tenggarong', '00012345601', '15-04-2019', 'Nelayan'),
  line(2, 'Budi Petani', 'Jahab', 'Tenggarong', '00012345602', '01-03-2026', 'Petani'),
  line(3, 'Candra Serabutan', 'Jahab', 'Tenggarong', '00012345603', '02-01-2020', 'Astronot'),
  line(4, 'Dedi Tanpa KPJ', 'Jahab', 'Tenggarong', '', '02-01-2020', 'Nelayan'),
  line(5, 'Eko Tanggal', 'Jahab', 'Tenggarong', '00012345605', 'kemarin', 'Nelayan'),
  line(6, 'Fajar Hulu', 'Perian', 'Muara Muntai', '00012345606', '02-01-2020', 'Nelayan'),
  line(7, 'Gani Terdaftar', 'Jahab', 'Tenggarong', '00012345607', '02-01-2020', 'Nelayan'),
  line(8, 'Hadi Kelak', 'Jahab', 'Tenggarong', '00012345608', '01-02-2027', 'Nelayan'),
  line(9, 'Iwan Huruf', 'Jahab', 'Tenggarong', 'A12', '02-01-2020', 'Nelayan'),
].join('\r\n')

async function dryRun(store: NaunganStore, actor: ActingUser) {
  const read = readImportTable(new TextEncoder().encode(FILE), 'existing-members')
  if (!read.ok) throw new Error(read.problem)
  const encoder = createNikIndexEncoder(store.keys.blindIndexKey)
  const mapping = suggestMapping(read.table.headers, 'existing-members')
  const validated = validateTable(read.table, mapping, 'existing-members', {
    district,
    today: TODAY,
    encodeNikIndex: (nik) => encoder.encode(nik),
  })
  if (!validated.ok) throw new Error(`missing ${validated.missing.join()}`)
  const ctx: PlanContext = {
    kind: 'existing-members',
    agency: '',
    actor,
    createDrafts: false,
    registrationAllowed: true,
    officeKecamatanCode: OFFICE.kecamatanCode,
  }
  return { ...(await runDryRun(store, validated.rows, ctx)), ctx, mapping }
}

const byRow = (outcomes: readonly RowOutcome[], rowNumber: number) =>
  outcomes.find((outcome) => outcome.rowNumber === rowNumber) as RowOutcome

async function allDocs(store: NaunganStore) {
  const docs = await store.db.participants.find().exec()
  return docs.map((doc) => doc.toJSON() as ParticipantDocument)
}

const DASHBOARD_CONFIG: DashboardConfig = {
  tariffs: [openEndedTariff({ jkk: 10_000, jkm: 6_800 }, 'PP 44/2015 jo. PP 82/2019')],
  baselineCoveredParticipants: 35_440,
  utcOffsetMinutes: 480,
  configuredTargetFor: () => 13_000,
  kecamatan: district.regions.kecamatan.map((k) => ({ code: k.code, name: k.name })),
  villages: [],
  occupations: district.config.occupations,
}

describe('importing existing BPJS members', () => {
  it('dry-runs row by row, applies active records counted once on the dashboard, and undoes', async () => {
    const store = await openTestStore(uniqueStoreName('import-members'), SECRET)
    // Gani registered at the counter this year: his NIK is already here.
    const gani = await registerParticipant(
      store,
      person({
        nik: nikOf(7),
        fullName: 'Gani Terdaftar',
        birthDate: birthOf(7),
        sex: 'L',
        occupationCode: 'nelayan',
      }),
      { office: OFFICE, status: 'draft' },
    )
    const before = await allDocs(store)

    const run = await dryRun(store, SUPERVISOR)
    expect(run.mapping).toMatchObject({
      kpj: 'NO KPJ',
      coverageStart: 'TMT',
      occupation: 'PEKERJAAN',
    })
    // The title line above the header counts: data starts on spreadsheet row 3.
    expect(run.outcomes.map((outcome) => [outcome.rowNumber, outcome.outcome])).toEqual([
      [3, 'create'],
      [4, 'create'],
      [5, 'create'],
      [6, 'error'],
      [7, 'error'],
      [8, 'not-found'],
      [9, 'skip'],
      [10, 'error'],
      [11, 'error'],
    ])
    const say = (rowNumber: number) =>
      describeOutcome(byRow(run.outcomes, rowNumber), district.config.verification, 'id')
    expect(say(3)).toBe(
      'Data peserta akan dibuat: aktif, KPJ 00012345601, peserta sejak 2019-04-15.',
    )
    expect(say(5)).toContain('Pekerjaan "Astronot" tidak ada di daftar pekerjaan program')
    expect(say(6)).toBe('Nomor KPJ: Wajib diisi.')
    expect(say(7)).toBe(
      'Tanggal mulai kepesertaan "kemarin" tidak dapat dibaca. Tulis sebagai dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd.',
    )
    expect(say(8)).toContain('di luar kecamatan kantor ini')
    expect(say(9)).toBe(
      `${gani.registrationNumber}: NIK ini sudah terdaftar di sini (status draft); catat KPJ-nya lewat "Jawaban BPJS" di Kepesertaan BPJS.`,
    )
    const error = (rowNumber: number) => {
      const outcome = byRow(run.outcomes, rowNumber)
      return outcome.outcome === 'error'
        ? outcome.issues.map((issue) => describeRowIssue(issue, 'id'))
        : []
    }
    expect(error(10)).toEqual([
      'Tanggal mulai kepesertaan sesudah tahun anggaran 2026; orang ini belum menjadi peserta tahun itu.',
    ])
    expect(error(11)).toEqual(['Nomor KPJ hanya boleh berisi angka.'])
    // The dry run wrote nothing.
    expect(await allDocs(store)).toEqual(before)

    // A clerk may not do this: every new row says why, once above the table too.
    const clerkRun = await dryRun(store, OPERATOR)
    expect(planNotices(clerkRun.ctx)).toEqual([
      expect.objectContaining({
        id: 'Hanya supervisor yang boleh mencatat peserta lama dari daftar BPJS.',
      }),
    ])
    expect(clerkRun.summary.create).toBe(0)
    const refusedApply = await applyImport(store, run.outcomes, {
      actor: OPERATOR,
      office: OFFICE,
      source: 'Data BPJS Kukar',
      kind: 'existing-members',
      agency: '',
      fileName: 'peserta-bpjs.csv',
    })
    expect(refusedApply).toMatchObject({ ok: false, reason: 'NOT_ALLOWED' })
    expect(await allDocs(store)).toEqual(before)

    const applied = await applyImport(store, run.outcomes, {
      actor: SUPERVISOR,
      office: OFFICE,
      source: 'Data BPJS Kukar',
      kind: 'existing-members',
      agency: '',
      fileName: 'peserta-bpjs.csv',
      now: new Date('2026-11-24T02:00:00.000Z'),
    })
    if (!applied.ok) throw new Error(JSON.stringify(applied))
    expect(applied.batch).toMatchObject({ created: 3, updated: 0, state: 'applied' })

    const members = (await allDocs(store))
      .filter((doc) => doc.id !== gani.id)
      .sort((a, b) => a.fullName.localeCompare(b.fullName))
    expect(
      members.map((doc) => ({
        name: doc.fullName,
        status: doc.status,
        kpj: doc.kpjNumber,
        occupation: doc.occupationCode,
        coverage: doc.coverage,
        source: doc.source,
        office: doc.officeCode,
        checks: doc.checks,
      })),
    ).toEqual([
      {
        name: 'Ahmad Nelayan',
        status: 'active',
        kpj: '00012345601',
        occupation: 'nelayan',
        coverage: [
          { year: 2019, from: '2019-04-15', batchId: 'peserta-lama', payerCode: 'apbd-kabupaten' },
          { year: 2026, from: '2026-01-01', batchId: 'peserta-lama', payerCode: 'apbd-kabupaten' },
        ],
        source: 'peserta-lama:Data BPJS Kukar',
        office: '06-01',
        checks: [],
      },
      {
        name: 'Budi Petani',
        status: 'active',
        kpj: '00012345602',
        occupation: 'petani-pekebun',
        coverage: [
          { year: 2026, from: '2026-03-01', batchId: 'peserta-lama', payerCode: 'apbd-kabupaten' },
        ],
        source: 'peserta-lama:Data BPJS Kukar',
        office: '06-01',
        checks: [],
      },
      {
        name: 'Candra Serabutan',
        status: 'active',
        kpj: '00012345603',
        occupation: '',
        coverage: [
          { year: 2020, from: '2020-01-02', batchId: 'peserta-lama', payerCode: 'apbd-kabupaten' },
          { year: 2026, from: '2026-01-01', batchId: 'peserta-lama', payerCode: 'apbd-kabupaten' },
        ],
        source: 'peserta-lama:Data BPJS Kukar',
        office: '06-01',
        checks: [],
      },
    ])
    const history = await getParticipantHistory(store, members[0]!.id)
    expect(history.flatMap((entry) => entry.changes.map((change) => change.field))).toEqual(
      expect.arrayContaining(['status', 'kpjNumber', 'coverage', 'source']),
    )

    // The dashboard counts them as participants, not as new ones (except Budi, who joined in
    // March), not in the verification funnel or the week's registrations, and takes them off
    // the baseline of people covered before Naungan.
    const figures = aggregateDashboard(await allDocs(store), {
      year: 2026,
      today: TODAY,
      config: DASHBOARD_CONFIG,
      plans: [],
    })
    expect(figures.headline).toMatchObject({
      registered: 4,
      active: 3,
      newThisYear: 1,
      existingMembersRecorded: 3,
      baseline: 35_437,
      coveredTotal: 35_440,
      drafts: 1,
    })
    expect(figures.funnel.map((row) => row.count)).toEqual([0, 0, 0, 0])
    expect(figures.weekly.reduce((sum, week) => sum + week.registrations, 0)).toBe(1)
    // January–November for Ahmad and Candra, March–November for Budi; a whole year's end.
    expect(figures.budget.spentToDate).toBe((11 + 11 + 9) * 16_800)
    expect(figures.budget.projectedYearEnd).toBe((12 + 12 + 10) * 16_800)

    // The same file again: everyone is already here with this KPJ; nothing to apply.
    const again = await dryRun(store, SUPERVISOR)
    expect(again.summary.create).toBe(0)
    expect(describeOutcome(byRow(again.outcomes, 3), district.config.verification, 'id')).toBe(
      `${members[0]!.registrationNumber}: sudah tercatat dengan nomor KPJ ini.`,
    )

    const undone = await undoImport(store, applied.batch.id, { actor: SUPERVISOR })
    expect(undone).toMatchObject({ ok: true })
    expect(await allDocs(store)).toEqual(before)
  })
})

describe('another payer’s list (the province’s) matched by NIK', () => {
  it('lists every person two payers pay for in the same month, by the month rule, before anything is written', async () => {
    const store = await openTestStore(uniqueStoreName('import-payer-overlaps'), SECRET)
    const covered = async (day: number, name: string, coverage: CoveragePeriod[]) => {
      const doc = await registerParticipant(
        store,
        person({
          nik: nikOf(day),
          fullName: name,
          birthDate: birthOf(day),
          sex: 'L',
          occupationCode: 'nelayan',
        }),
        { office: OFFICE, status: 'draft' },
      )
      const stored = await store.db.participants.findOne(doc.id).exec()
      await stored!.incrementalPatch({ status: 'active', coverage })
      return doc
    }
    // The regency pays Ahmad all year; Budi until 31 May, when he moved to the province's list.
    const ahmad = await covered(1, 'Ahmad Nelayan', [
      { year: 2026, from: '2026-01-01', batchId: 'B1', payerCode: 'apbd-kabupaten' },
    ])
    await covered(2, 'Budi Petani', [
      {
        year: 2026,
        from: '2026-01-01',
        until: '2026-05-31',
        batchId: 'B1',
        payerCode: 'apbd-kabupaten',
      },
    ])
    const before = await allDocs(store)

    const file = [
      HEADER,
      line(1, 'Ahmad Nelayan', 'Loa Ipuh', 'Tenggarong', '00012345601', '20-06-2026', 'Nelayan'),
      line(2, 'Budi Petani', 'Jahab', 'Tenggarong', '00012345602', '01-06-2026', 'Petani'),
      line(3, 'Candra Baru', 'Jahab', 'Tenggarong', '00012345603', '01-06-2026', 'Nelayan'),
    ].join('\r\n')
    const read = readImportTable(new TextEncoder().encode(file), 'existing-members')
    if (!read.ok) throw new Error(read.problem)
    const encoder = createNikIndexEncoder(store.keys.blindIndexKey)
    const validated = validateTable(
      read.table,
      suggestMapping(read.table.headers, 'existing-members'),
      'existing-members',
      {
        district,
        today: TODAY,
        encodeNikIndex: (nik) => encoder.encode(nik),
        payerCode: 'apbd-provinsi',
      },
    )
    if (!validated.ok) throw new Error(`missing ${validated.missing.join()}`)
    // The list's periods name its payer.
    expect(validated.rows[2]?.member?.coverage).toEqual([
      { year: 2026, from: '2026-06-01', batchId: 'peserta-lama', payerCode: 'apbd-provinsi' },
    ])
    const run = await runDryRun(store, validated.rows, {
      kind: 'existing-members',
      agency: '',
      actor: SUPERVISOR,
      createDrafts: false,
      registrationAllowed: true,
      officeKecamatanCode: OFFICE.kecamatanCode,
    })
    // Ahmad: the province from 20 June bills June, as the regency does: June–December twice.
    // Budi: the regency to 31 May, the province from 1 June: no month twice. Candra: new here.
    expect(run.payerOverlaps).toEqual([
      {
        rowNumber: 2,
        maskedNik: expect.stringMatching(/^640206\*+/),
        fullName: 'Ahmad Nelayan',
        registrationNumbers: [ahmad.registrationNumber],
        overlaps: [
          {
            fromMonth: '2026-06',
            untilMonth: '2026-12',
            months: 7,
            payerCodes: ['apbd-kabupaten', 'apbd-provinsi'],
          },
        ],
      },
    ])
    expect(await allDocs(store)).toEqual(before)
  })
})

describe('the central office imports existing members for the whole district', () => {
  it('files each in its own series of the person’s kecamatan, never as a kecamatan office', async () => {
    const store = await openTestStore(uniqueStoreName('import-members-central'), SECRET)
    const central: ActingUser = {
      name: 'Pak Distransnaker',
      role: 'supervisor',
      agency: null,
      officeCode: 'PUSAT',
      deviceId: 'device-central',
    }
    const read = readImportTable(new TextEncoder().encode(FILE), 'existing-members')
    if (!read.ok) throw new Error(read.problem)
    const validated = validateTable(
      read.table,
      suggestMapping(read.table.headers, 'existing-members'),
      'existing-members',
      { district, today: TODAY },
    )
    if (!validated.ok) throw new Error('mapping')
    const ctx: PlanContext = {
      kind: 'existing-members',
      agency: '',
      actor: central,
      createDrafts: false,
      registrationAllowed: false,
      officeKecamatanCode: null,
      centralSeries: true,
    }
    expect(planNotices(ctx)).toEqual([])
    const run = await runDryRun(store, validated.rows, ctx)
    // Fajar of Muara Muntai is no longer "another kecamatan" here: the district is the office's.
    expect(run.summary).toMatchObject({ create: 5, notFound: 0 })

    // Without the central series a district-wide PC may not number anyone.
    const refused = await applyImport(store, run.outcomes, {
      actor: central,
      office: null,
      source: 'Data BPJS Kukar',
      kind: 'existing-members',
      agency: '',
      fileName: 'peserta-bpjs.csv',
    })
    expect(refused).toMatchObject({ ok: false, reason: 'NOT_ALLOWED' })

    const applied = await applyImport(store, run.outcomes, {
      actor: central,
      office: null,
      centralSeries: true,
      source: 'Data BPJS Kukar',
      kind: 'existing-members',
      agency: '',
      fileName: 'peserta-bpjs.csv',
    })
    if (!applied.ok) throw new Error(JSON.stringify(applied))
    const filed = (await allDocs(store))
      .map((doc) => [doc.fullName, doc.officeCode, doc.registrationNumber])
      .sort()
    expect(filed).toEqual([
      ['Ahmad Nelayan', '06-99', expect.stringMatching(/^0699-00000[1-4]$/)],
      ['Budi Petani', '06-99', expect.stringMatching(/^0699-00000[1-4]$/)],
      ['Candra Serabutan', '06-99', expect.stringMatching(/^0699-00000[1-4]$/)],
      ['Fajar Hulu', '01-99', '0199-000001'],
      ['Gani Terdaftar', '06-99', expect.stringMatching(/^0699-00000[1-4]$/)],
    ])
    expect(new Set(filed.map(([, , number]) => number)).size).toBe(5)
  })
})

describe('registration numbers of a bulk import', () => {
  it('never hands a number of the block to a registration saved at the same moment', async () => {
    const store = await openTestStore(uniqueStoreName('import-reserve'), SECRET)
    const [block, ...registered] = await Promise.all([
      reserveRegistrationNumbers(store, OFFICE, 50),
      ...[1, 2, 3].map((day) =>
        registerParticipant(
          store,
          person({
            nik: nikOf(day),
            fullName: `Walk In ${['Ani', 'Budi', 'Cici'][day - 1]}`,
            birthDate: birthOf(day),
            sex: 'L',
          }),
          { office: OFFICE },
        ),
      ),
    ])
    const walkIns = registered.map((doc) => doc.registrationNumber)
    expect(block).toHaveLength(50)
    expect(new Set([...block, ...walkIns]).size).toBe(53)
  })
})
