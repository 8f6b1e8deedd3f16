import { describe, expect, it } from 'vitest'
import type { ParticipantStatus } from '@shared/participant/participant-document'
import type { AgencyCheck } from '@shared/workflow/workflow'
import {
  agencyColumns,
  ANY_PLACE_OR_DATE,
  dateRangeProblem,
  EMPTY_SELECTION,
  isAnyPlaceOrDate,
  matchesPlaceAndDate,
  moveCursor,
  queueModeOf,
  readinessOf,
  reconcileSelection,
  rejectionProblem,
  returnNotePrefill,
  returnNoteProblem,
  supervisorRows,
  targetIds,
  toggleAll,
  toggleSelected,
  verifierRows,
  type QueueRecord,
} from '@/verification-queue/queue-model'

/** Dates compared as the instant's UTC day: the tests do not depend on the machine's zone. */
const utcDay = (iso: string) => iso.slice(0, 10)

const TENGGARONG = '64.02.06'
const ANGGANA = '64.02.04'

let serial = 0
function record(
  fullName: string,
  checks: [agency: string, state: AgencyCheck['state'], reasonCode?: string, note?: string][],
  overrides: Partial<QueueRecord> & { status?: ParticipantStatus } = {},
): QueueRecord {
  serial++
  return {
    id: `id-${serial}`,
    fullName,
    status: 'submitted',
    kecamatanCode: TENGGARONG,
    villageCode: `${TENGGARONG}.1001`,
    createdAt: '2026-03-10T02:00:00.000Z',
    checks: checks.map(([agency, state, reasonCode, note]) => ({
      agency,
      state,
      ...(reasonCode ? { reasonCode } : {}),
      ...(note ? { note } : {}),
    })),
    ...overrides,
  }
}

const names = (rows: readonly QueueRecord[]) => rows.map((row) => row.fullName)

describe('who works in which queue', () => {
  it.each([
    [
      { role: 'verifier', agency: 'dkp' },
      { kind: 'verifier', agency: 'dkp' },
    ],
    [
      { role: 'verifier', agency: null },
      { kind: 'none', reason: 'VERIFIER_WITHOUT_AGENCY' },
    ],
    [{ role: 'supervisor', agency: null }, { kind: 'supervisor' }],
    [{ role: 'admin', agency: null }, { kind: 'supervisor' }],
    [
      { role: 'operator', agency: null },
      { kind: 'none', reason: 'OPERATOR' },
    ],
  ] as const)('%o → %o', (actor, mode) => {
    expect(queueModeOf(actor)).toEqual(mode)
  })
})

describe("a verifier's queue", () => {
  const waitingDkp = record('Ahmad Nelayan', [
    ['disdukcapil', 'confirmed'],
    ['dinsos', 'pending'],
    ['dkp', 'pending'],
  ])
  const decidedDkp = record('Badu Nelayan', [
    ['disdukcapil', 'pending'],
    ['dinsos', 'pending'],
    ['dkp', 'rejected', 'bukan-pekerja-sektor'],
  ])
  const noDkp = record('Citra Pedagang', [
    ['disdukcapil', 'pending'],
    ['dinsos', 'pending'],
    ['disdag', 'pending'],
  ])
  const draft = record('Dodi Draf', [], { status: 'draft' })
  const returned = record('Eka Kembali', [['dkp', 'pending']], { status: 'returned' })
  const approved = record('Fajar Setuju', [['dkp', 'confirmed']], { status: 'approved' })
  const all = [waitingDkp, decidedDkp, noDkp, draft, returned, approved]

  it('shows submitted records whose check for its agency is pending, in the given order', () => {
    expect(
      names(verifierRows(all, 'dkp', { showDecided: false }, ANY_PLACE_OR_DATE, utcDay)),
    ).toEqual(['Ahmad Nelayan'])
    expect(
      names(verifierRows(all, 'dinsos', { showDecided: false }, ANY_PLACE_OR_DATE, utcDay)),
    ).toEqual(['Ahmad Nelayan', 'Badu Nelayan', 'Citra Pedagang'])
    expect(
      names(verifierRows(all, 'disdukcapil', { showDecided: false }, ANY_PLACE_OR_DATE, utcDay)),
    ).toEqual(['Badu Nelayan', 'Citra Pedagang'])
  })

  it('with "show decided" also shows what the agency already decided, never other statuses', () => {
    expect(
      names(verifierRows(all, 'dkp', { showDecided: true }, ANY_PLACE_OR_DATE, utcDay)),
    ).toEqual(['Ahmad Nelayan', 'Badu Nelayan'])
    expect(
      names(verifierRows(all, 'disdukcapil', { showDecided: true }, ANY_PLACE_OR_DATE, utcDay)),
    ).toEqual(['Ahmad Nelayan', 'Badu Nelayan', 'Citra Pedagang'])
  })

  it('never shows records that do not need the agency', () => {
    expect(verifierRows(all, 'dishub', { showDecided: true }, ANY_PLACE_OR_DATE, utcDay)).toEqual(
      [],
    )
  })
})

describe('kecamatan, desa and date filters', () => {
  const early = record('Awal', [['dinsos', 'pending']], {
    createdAt: '2026-03-01T01:00:00.000Z',
  })
  const middle = record('Tengah', [['dinsos', 'pending']], {
    createdAt: '2026-03-15T23:59:00.000Z',
    villageCode: `${TENGGARONG}.1002`,
  })
  const late = record('Akhir', [['dinsos', 'pending']], {
    createdAt: '2026-03-31T12:00:00.000Z',
    kecamatanCode: ANGGANA,
    villageCode: `${ANGGANA}.2001`,
  })
  const rows = [early, middle, late]
  const filtered = (filter: Partial<typeof ANY_PLACE_OR_DATE>) =>
    names(
      verifierRows(
        rows,
        'dinsos',
        { showDecided: false },
        { ...ANY_PLACE_OR_DATE, ...filter },
        utcDay,
      ),
    )

  it('narrows by kecamatan and desa', () => {
    expect(filtered({})).toEqual(['Awal', 'Tengah', 'Akhir'])
    expect(filtered({ kecamatanCode: TENGGARONG })).toEqual(['Awal', 'Tengah'])
    expect(filtered({ kecamatanCode: TENGGARONG, villageCode: `${TENGGARONG}.1002` })).toEqual([
      'Tengah',
    ])
    expect(filtered({ kecamatanCode: ANGGANA })).toEqual(['Akhir'])
  })

  it('takes registration dates inclusively, each end optional', () => {
    expect(filtered({ registeredFrom: '2026-03-15' })).toEqual(['Tengah', 'Akhir'])
    expect(filtered({ registeredTo: '2026-03-15' })).toEqual(['Awal', 'Tengah'])
    expect(filtered({ registeredFrom: '2026-03-15', registeredTo: '2026-03-15' })).toEqual([
      'Tengah',
    ])
    expect(filtered({ registeredFrom: '2026-04-01' })).toEqual([])
  })

  it('compares the day where the PC is, not the UTC day', () => {
    // 23:59 UTC on the 15th is already the 16th in WITA (UTC+8).
    const wita = (iso: string) =>
      new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)
    expect(
      matchesPlaceAndDate(middle, { ...ANY_PLACE_OR_DATE, registeredTo: '2026-03-15' }, wita),
    ).toBe(false)
    expect(
      matchesPlaceAndDate(middle, { ...ANY_PLACE_OR_DATE, registeredFrom: '2026-03-16' }, wita),
    ).toBe(true)
  })

  it('says when "from" is after "to", and knows an empty filter', () => {
    expect(
      dateRangeProblem({
        ...ANY_PLACE_OR_DATE,
        registeredFrom: '2026-03-02',
        registeredTo: '2026-03-01',
      }),
    ).toBe('FROM_AFTER_TO')
    expect(dateRangeProblem({ ...ANY_PLACE_OR_DATE, registeredFrom: '2026-03-02' })).toBeNull()
    expect(isAnyPlaceOrDate({ ...ANY_PLACE_OR_DATE })).toBe(true)
    expect(isAnyPlaceOrDate({ ...ANY_PLACE_OR_DATE, villageCode: 'x' })).toBe(false)
  })
})

describe("the supervisor's list", () => {
  const ready = record('Siap', [
    ['disdukcapil', 'confirmed'],
    ['dinsos', 'confirmed'],
    ['dkp', 'confirmed'],
  ])
  const rejected = record('Tolak', [
    ['disdukcapil', 'rejected', 'data-tidak-cocok', 'Tanggal lahir beda'],
    ['dinsos', 'confirmed'],
    ['dkp', 'pending'],
  ])
  const waiting = record('Tunggu', [
    ['disdukcapil', 'confirmed'],
    ['dinsos', 'pending'],
    ['disdag', 'pending'],
  ])
  const noChecks = record('Kosong', [])
  const approved = record('Sudah', [['dinsos', 'confirmed']], { status: 'approved' })
  const all = [ready, rejected, waiting, noChecks, approved]

  it('reads each record as ready, rejected or waiting (no checks is waiting, not ready)', () => {
    expect([ready, rejected, waiting, noChecks].map(readinessOf)).toEqual([
      'all-confirmed',
      'has-rejection',
      'waiting',
      'waiting',
    ])
  })

  it('shows every submitted record, narrowed by readiness', () => {
    expect(names(supervisorRows(all, 'all', ANY_PLACE_OR_DATE, utcDay))).toEqual([
      'Siap',
      'Tolak',
      'Tunggu',
      'Kosong',
    ])
    expect(names(supervisorRows(all, 'all-confirmed', ANY_PLACE_OR_DATE, utcDay))).toEqual(['Siap'])
    expect(names(supervisorRows(all, 'has-rejection', ANY_PLACE_OR_DATE, utcDay))).toEqual([
      'Tolak',
    ])
    expect(names(supervisorRows(all, 'waiting', ANY_PLACE_OR_DATE, utcDay))).toEqual([
      'Tunggu',
      'Kosong',
    ])
  })

  it('has a column per agency any shown record needs, in configured order', () => {
    const config = {
      agencies: ['disdukcapil', 'dinsos', 'disbun', 'dkp', 'disdag'].map((code) => ({
        code,
        labelId: code,
        labelEn: code,
      })),
    }
    expect(agencyColumns([ready, waiting], config)).toEqual([
      'disdukcapil',
      'dinsos',
      'dkp',
      'disdag',
    ])
    expect(agencyColumns([ready], config)).toEqual(['disdukcapil', 'dinsos', 'dkp'])
    // An agency no longer configured still shows, last.
    expect(agencyColumns([record('Lama', [['dinas-lama', 'pending']])], config)).toEqual([
      'dinas-lama',
    ])
  })
})

describe('the note a returned record starts with', () => {
  const labels = {
    agency: (code: string) => ({ disdukcapil: 'Disdukcapil', dkp: 'DKP' })[code] ?? code,
    reason: (code: string) =>
      ({
        'data-tidak-cocok': 'Nama, tanggal lahir atau alamat tidak cocok',
        lainnya: 'Lainnya',
      })[code] ?? code,
  }

  it('lists each rejected check with its reason and the verifier’s note', () => {
    const returned = record('Tolak', [
      ['disdukcapil', 'rejected', 'data-tidak-cocok', 'Tanggal lahir di KTP 16 Mei'],
      ['dinsos', 'confirmed'],
      ['dkp', 'rejected', 'lainnya', '  Kapal tidak terdaftar  '],
    ])
    expect(returnNotePrefill(returned, labels)).toBe(
      'Disdukcapil: Nama, tanggal lahir atau alamat tidak cocok — Tanggal lahir di KTP 16 Mei\n' +
        'DKP: Lainnya — Kapal tidak terdaftar',
    )
  })

  it('is the reason alone without a note, and empty when nobody rejected', () => {
    expect(
      returnNotePrefill(record('A', [['disdukcapil', 'rejected', 'data-tidak-cocok']]), labels),
    ).toBe('Disdukcapil: Nama, tanggal lahir atau alamat tidak cocok')
    expect(returnNotePrefill(record('B', [['dinsos', 'pending']]), labels)).toBe('')
  })

  it('must not be empty or too long', () => {
    expect(returnNoteProblem('  ')).toBe('NOTE_REQUIRED')
    expect(returnNoteProblem('x'.repeat(501))).toBe('NOTE_TOO_LONG')
    expect(returnNoteProblem('Perbaiki tanggal lahir')).toBeNull()
  })
})

describe('rejecting needs a reason, and words for "lainnya"', () => {
  it.each([
    ['', '', 'REASON_REQUIRED'],
    ['', 'ada keterangan', 'REASON_REQUIRED'],
    ['lainnya', '   ', 'NOTE_REQUIRED'],
    ['lainnya', 'Kapal tidak terdaftar', null],
    ['data-tidak-cocok', '', null],
    ['data-tidak-cocok', 'x'.repeat(301), 'NOTE_TOO_LONG'],
  ])('reason %j, note %j → %s', (reason, note, problem) => {
    expect(rejectionProblem(reason, note)).toBe(problem)
  })
})

describe('keyboard selection', () => {
  const ids = ['a', 'b', 'c', 'd']

  it('moves the highlight within the list', () => {
    let selection = reconcileSelection(EMPTY_SELECTION, [], ids)
    expect(selection.cursorId).toBe('a')
    selection = moveCursor(selection, ids, 1)
    expect(selection.cursorId).toBe('b')
    selection = moveCursor(selection, ids, 10)
    expect(selection.cursorId).toBe('d')
    selection = moveCursor(selection, ids, -10)
    expect(selection.cursorId).toBe('a')
    expect(moveCursor(selection, [], 1).cursorId).toBeNull()
  })

  it('Space toggles a row; Ctrl+A chooses all, and again none', () => {
    let selection = toggleSelected({ cursorId: 'a', selectedIds: new Set() }, 'b')
    expect([...selection.selectedIds]).toEqual(['b'])
    expect(selection.cursorId).toBe('b')
    selection = toggleSelected(selection, 'b')
    expect(selection.selectedIds.size).toBe(0)
    selection = toggleAll(selection, ids)
    expect([...selection.selectedIds]).toEqual(ids)
    selection = toggleAll(selection, ids)
    expect(selection.selectedIds.size).toBe(0)
  })

  it('acts on the chosen rows in list order, or else on the highlighted row', () => {
    expect(targetIds({ cursorId: 'a', selectedIds: new Set(['d', 'b']) }, ids)).toEqual(['b', 'd'])
    expect(targetIds({ cursorId: 'c', selectedIds: new Set() }, ids)).toEqual(['c'])
    expect(targetIds({ cursorId: null, selectedIds: new Set() }, ids)).toEqual([])
    // A chosen row that is no longer shown is not acted on.
    expect(targetIds({ cursorId: 'a', selectedIds: new Set(['z']) }, ids)).toEqual(['a'])
  })

  it('after a decision hides rows, the highlight moves to the next row and choices left drop', () => {
    const before = { cursorId: 'b', selectedIds: new Set(['b', 'c']) }
    const after = reconcileSelection(before, ids, ['a', 'c', 'd'])
    expect(after.cursorId).toBe('c')
    expect([...after.selectedIds]).toEqual(['c'])
    // The last row decided: the highlight goes to the new last row; nothing left: none.
    expect(
      reconcileSelection({ cursorId: 'd', selectedIds: new Set() }, ids, ['a', 'b']).cursorId,
    ).toBe('b')
    expect(reconcileSelection(before, ids, []).cursorId).toBeNull()
    // A row still shown keeps the highlight wherever it moved.
    expect(reconcileSelection(before, ids, ['x', 'b']).cursorId).toBe('b')
  })
})
