/**
 * Payments and the continuity guard (shared/coverage/payments.ts): due dates across year ends and
 * February (a due day 31 in a common and a leap year); the day three consecutive unpaid months
 * make a group's participants inactive, with a partial payment, a month nobody is covered for and
 * payments in advance; the timeline's month states; people counted per payer by the budget's
 * month rule; payment records from another PC; and district.json's `billing`.
 *
 * Every date is given: nothing here reads the machine's clock.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  continuityAlert,
  DEFAULT_BILLING_RULES,
  dueDateOf,
  MAX_PAYMENT_AMOUNT,
  monthRange,
  parseBillingRules,
  parsePaymentRecord,
  parsePaymentWithdrawal,
  payerTimeline,
  paymentsInForce,
  peopleByMonth,
  trackedFrom,
  type BillingRules,
  type PaymentRecord,
  type PaymentWithdrawal,
} from '@shared/coverage/payments'
import { DistrictConfigError, parseDistrictConfig } from '@shared/district/district-config'
import type { CoveragePeriod } from '@shared/participant/participant-document'

const KAB = 'apbd-kab'
const PROV = 'apbd-prov'
const RULES: BillingRules = { dueDay: 15, inactiveAfterUnpaidMonths: 3 }
const RATE = 16_800

let paymentCount = 0
function payment(month: string, amount: number, overrides: Partial<PaymentRecord> = {}) {
  paymentCount++
  return {
    id: `3f2b8c1e-8d4a-4b7e-9c2d-${String(paymentCount).padStart(12, '0')}`,
    payerCode: KAB,
    month,
    amount,
    paidOn: '2026-01-05',
    reference: `SP2D-${paymentCount}`,
    recordedAt: '2026-01-06T01:00:00.000Z',
    recordedBy: 'Bendahara',
    ...overrides,
  } satisfies PaymentRecord
}

/** The same head count every month from January 2026 to December 2028, unless told otherwise. */
function peopleMap(count: number, overrides: Record<string, number> = {}): Map<string, number> {
  const people = new Map(monthRange('2026-01', '2028-12').map((month) => [month, count]))
  for (const [month, value] of Object.entries(overrides)) people.set(month, value)
  return people
}

const alertOf = (input: {
  today: string
  payments?: PaymentRecord[]
  bills?: Record<string, number>
  people?: Map<string, number>
  rules?: BillingRules
}) =>
  continuityAlert({
    payerCode: KAB,
    billedByMonth: new Map(Object.entries(input.bills ?? {})),
    payments: input.payments ?? [],
    people: input.people ?? peopleMap(200),
    today: input.today,
    rules: input.rules ?? RULES,
  })

describe('dueDateOf: the dueDay of the next month, clamped', () => {
  it.each([
    ['2026-10', 15, '2026-11-15'],
    ['2026-12', 15, '2027-01-15'],
    ['2026-12', 31, '2027-01-31'],
    ['2027-01', 31, '2027-02-28'],
    ['2028-01', 31, '2028-02-29'],
    ['2028-01', 29, '2028-02-29'],
    ['2027-01', 29, '2027-02-28'],
    ['2100-01', 31, '2100-02-28'], // 2100 is not a leap year
    ['2026-03', 31, '2026-04-30'],
    ['2026-05', 1, '2026-06-01'],
  ])('%s with due day %d → %s', (month, dueDay, due) => {
    expect(dueDateOf(month, { dueDay, inactiveAfterUnpaidMonths: 3 })).toBe(due)
  })

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => dueDateOf('2026-13', RULES)).toThrow(RangeError)
    expect(() => dueDateOf('2026-1', RULES)).toThrow(RangeError)
  })
})

describe('monthRange', () => {
  it('steps across a year end, inclusive', () => {
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
    expect(monthRange('2026-11', '2026-11')).toEqual(['2026-11'])
    expect(monthRange('2027-01', '2026-12')).toEqual([])
  })
})

describe('continuityAlert: three consecutive unpaid months', () => {
  /** September 2026 billed and paid in full: the office's records start there. */
  const septemberPaid = {
    bills: { '2026-09': 200 * RATE },
    payments: [payment('2026-09', 200 * RATE)],
  }

  it('October unpaid: inactive on 16 January 2027, the day after December’s due date', () => {
    expect(alertOf({ ...septemberPaid, today: '2026-11-16' })).toEqual({
      payerCode: KAB,
      firstUnpaidMonth: '2026-10',
      overdueMonths: ['2026-10'],
      inactiveOn: '2027-01-16',
      alreadyInactive: false,
      people: 200,
    })
  })

  it('says nothing on October’s due date itself, nor before', () => {
    expect(alertOf({ ...septemberPaid, today: '2026-11-15' })).toBeNull()
    expect(alertOf({ ...septemberPaid, today: '2026-10-20' })).toBeNull()
  })

  it('lists each month as it falls overdue, and says inactive from the day itself', () => {
    expect(alertOf({ ...septemberPaid, today: '2027-01-15' })).toMatchObject({
      overdueMonths: ['2026-10', '2026-11'],
      inactiveOn: '2027-01-16',
      alreadyInactive: false,
    })
    expect(alertOf({ ...septemberPaid, today: '2027-01-16' })).toMatchObject({
      overdueMonths: ['2026-10', '2026-11', '2026-12'],
      inactiveOn: '2027-01-16',
      alreadyInactive: true,
    })
    expect(alertOf({ ...septemberPaid, today: '2027-03-01' })).toMatchObject({
      overdueMonths: ['2026-10', '2026-11', '2026-12', '2027-01'],
      inactiveOn: '2027-01-16',
      alreadyInactive: true,
    })
  })

  it('counts the people of the first unpaid month: those whose continuity breaks', () => {
    const people = peopleMap(200, { '2026-10': 180, '2026-11': 210, '2026-12': 220 })
    expect(alertOf({ ...septemberPaid, people, today: '2027-01-02' })).toMatchObject({
      firstUnpaidMonth: '2026-10',
      people: 180,
    })
  })

  it('October paid, November not: inactive the day after January’s due date', () => {
    expect(
      alertOf({
        bills: { '2026-10': 200 * RATE },
        payments: [payment('2026-10', 200 * RATE, { paidOn: '2026-11-10' })],
        today: '2026-12-16',
      }),
    ).toEqual({
      payerCode: KAB,
      firstUnpaidMonth: '2026-11',
      overdueMonths: ['2026-11'],
      inactiveOn: '2027-02-16',
      alreadyInactive: false,
      people: 200,
    })
  })

  it('does not let this month, whose renewals are not in yet, break a run across the year end', () => {
    // November and December unpaid; on 20 January nobody is recorded for January yet (the
    // renewal batch comes later in the month). The run still ends with January's contribution.
    const people = new Map([
      ['2026-10', 200],
      ['2026-11', 200],
      ['2026-12', 200],
    ])
    expect(
      alertOf({ payments: [payment('2026-10', 200 * RATE)], people, today: '2027-01-20' }),
    ).toMatchObject({
      firstUnpaidMonth: '2026-11',
      overdueMonths: ['2026-11', '2026-12'],
      inactiveOn: '2027-02-16',
    })
  })

  it('a partial payment keeps the run going', () => {
    const bills = { '2026-10': 200 * RATE, '2026-11': 200 * RATE }
    // October paid short: overdue once its due date passes.
    const octoberShort = [payment('2026-10', 199 * RATE)]
    expect(alertOf({ bills, payments: octoberShort, today: '2026-11-15' })).toBeNull()
    expect(alertOf({ bills, payments: octoberShort, today: '2026-11-16' })).toMatchObject({
      firstUnpaidMonth: '2026-10',
      overdueMonths: ['2026-10'],
      inactiveOn: '2027-01-16',
    })
    // October unpaid, November short, December nothing: the same run.
    expect(
      alertOf({ bills, payments: [payment('2026-11', 100 * RATE)], today: '2027-01-16' }),
    ).toMatchObject({
      overdueMonths: ['2026-10', '2026-11', '2026-12'],
      inactiveOn: '2027-01-16',
      alreadyInactive: true,
    })
    // Two payments that together reach the bill pay the month.
    expect(
      alertOf({
        bills,
        payments: [payment('2026-10', 100 * RATE), payment('2026-10', 100 * RATE)],
        today: '2026-11-16',
      }),
    ).toBeNull()
  })

  it('a month nobody is covered for breaks the run', () => {
    // December has more people; the count stays the first unpaid month's (October).
    const people = peopleMap(200, { '2026-11': 0, '2026-12': 230 })
    expect(alertOf({ ...septemberPaid, people, today: '2027-01-20' })).toEqual({
      payerCode: KAB,
      firstUnpaidMonth: '2026-10',
      // November: nothing due. December overdue, January due, February to come: that run.
      overdueMonths: ['2026-10', '2026-12'],
      inactiveOn: '2027-03-16',
      alreadyInactive: false,
      people: 200,
    })
  })

  it('a month BPJS billed is owed even when Naungan counts nobody in it', () => {
    const people = peopleMap(200, { '2026-11': 0 })
    expect(
      alertOf({
        ...septemberPaid,
        bills: { ...septemberPaid.bills, '2026-11': RATE },
        people,
        today: '2027-01-20',
      }),
    ).toMatchObject({ overdueMonths: ['2026-10', '2026-11', '2026-12'], inactiveOn: '2027-01-16' })
  })

  it('payments in advance for months to come break the run there', () => {
    const advance = [payment('2026-12', 200 * RATE), payment('2027-01', 200 * RATE)]
    expect(
      alertOf({
        ...septemberPaid,
        payments: [...septemberPaid.payments, ...advance],
        today: '2026-11-16',
      }),
    ).toMatchObject({
      firstUnpaidMonth: '2026-10',
      overdueMonths: ['2026-10'],
      // October and November are two; February, March and April 2027 are the next three.
      inactiveOn: '2027-05-16',
      alreadyInactive: false,
    })
  })

  it('nothing recorded for the payer: nothing to say', () => {
    expect(alertOf({ today: '2027-06-01' })).toBeNull()
    expect(
      alertOf({ payments: [payment('2026-01', RATE, { payerCode: PROV })], today: '2027-06-01' }),
    ).toBeNull()
    // Only an advance for a month to come: nothing is overdue yet.
    expect(alertOf({ payments: [payment('2027-08', RATE)], today: '2027-06-01' })).toBeNull()
  })

  it('another payer’s payments do not pay this payer’s months', () => {
    const provincePays = [payment('2026-10', 200 * RATE, { payerCode: PROV })]
    expect(
      alertOf({
        ...septemberPaid,
        payments: [...septemberPaid.payments, ...provincePays],
        today: '2026-11-16',
      }),
    ).toMatchObject({
      firstUnpaidMonth: '2026-10',
    })
  })

  it('across a year end with due day 31: November 2027 unpaid ends on 1 March 2028 (leap)', () => {
    const rules = { dueDay: 31, inactiveAfterUnpaidMonths: 3 }
    const records = { bills: { '2027-10': 200 * RATE }, payments: [payment('2027-10', 200 * RATE)] }
    expect(alertOf({ ...records, rules, today: '2027-12-31' })).toBeNull()
    expect(alertOf({ ...records, rules, today: '2028-01-01' })).toEqual({
      payerCode: KAB,
      firstUnpaidMonth: '2027-11',
      overdueMonths: ['2027-11'],
      // January 2028's contribution is due on 29 February 2028.
      inactiveOn: '2028-03-01',
      alreadyInactive: false,
      people: 200,
    })
    // The same a year earlier: due 28 February 2027, inactive on 1 March 2027.
    const earlier = { bills: { '2026-10': 200 * RATE }, payments: [payment('2026-10', 200 * RATE)] }
    expect(alertOf({ ...earlier, rules, today: '2027-01-01' })?.inactiveOn).toBe('2027-03-01')
  })

  it('with one unpaid month allowed, inactive the day after that month’s due date', () => {
    expect(
      alertOf({
        ...septemberPaid,
        rules: { dueDay: 15, inactiveAfterUnpaidMonths: 1 },
        today: '2026-11-16',
      }),
    ).toMatchObject({ inactiveOn: '2026-11-16', alreadyInactive: true })
  })
})

describe('payerTimeline: each month’s state', () => {
  const bills = new Map([
    ['2026-06', 200 * RATE],
    ['2026-09', 200 * RATE],
  ])
  const payments = [
    payment('2026-05', RATE, { payerCode: PROV }),
    payment('2026-06', 120 * RATE),
    payment('2026-06', 80 * RATE),
    payment('2026-07', 100),
    payment('2026-09', 150 * RATE),
    payment('2026-11', 200 * RATE, { payerCode: PROV }),
  ]
  const people = peopleMap(200, { '2026-08': 0 })
  const timeline = payerTimeline({
    payerCode: KAB,
    months: monthRange('2026-05', '2027-01'),
    billedByMonth: bills,
    payments,
    people,
    today: '2026-11-20',
    rules: RULES,
  })

  it('is watched from the first month with a bill or payment of this payer', () => {
    expect(trackedFrom(KAB, bills, payments)).toBe('2026-06')
    expect(trackedFrom(KAB, new Map(), [])).toBeNull()
  })

  it('says paid, nothing-due, partial, unpaid, due and upcoming', () => {
    expect(timeline.map((month) => [month.month, month.state])).toEqual([
      ['2026-05', 'not-tracked'],
      ['2026-06', 'paid'], // two payments reach the bill
      ['2026-07', 'paid'], // no bill: any payment pays
      ['2026-08', 'nothing-due'], // nobody covered, nothing billed
      ['2026-09', 'partial'],
      ['2026-10', 'unpaid'], // due 15 November
      ['2026-11', 'due'], // the province's payment is not the regency's
      ['2026-12', 'upcoming'],
      ['2027-01', 'upcoming'],
    ])
  })

  it('carries the figures of each month', () => {
    expect(timeline[1]).toEqual({
      month: '2026-06',
      state: 'paid',
      people: 200,
      billed: 200 * RATE,
      paid: 200 * RATE,
      dueOn: '2026-07-15',
    })
    expect(timeline[4]).toEqual({
      month: '2026-09',
      state: 'partial',
      people: 200,
      billed: 200 * RATE,
      paid: 150 * RATE,
      dueOn: '2026-10-15',
    })
    expect(timeline[6]).toMatchObject({ billed: null, paid: 0, dueOn: '2026-12-15' })
    expect(timeline[8]?.dueOn).toBe('2027-02-15')
  })

  it('a month is due from its first day until its due date, then unpaid', () => {
    const stateOn = (today: string) =>
      payerTimeline({
        payerCode: KAB,
        months: ['2026-11'],
        billedByMonth: bills,
        payments,
        people,
        today,
        rules: RULES,
      })[0]?.state
    expect(stateOn('2026-10-31')).toBe('upcoming')
    expect(stateOn('2026-11-01')).toBe('due')
    expect(stateOn('2026-12-15')).toBe('due')
    expect(stateOn('2026-12-16')).toBe('unpaid')
  })
})

describe('peopleByMonth: the budget’s month rule, per payer', () => {
  const p = (
    from: string,
    options: Partial<Omit<CoveragePeriod, 'from'>> = {},
  ): CoveragePeriod => ({
    year: Number(from.slice(0, 4)),
    from,
    batchId: 'B1',
    ...options,
  })
  const participants = [
    // Written before payers: the default payer's. 15 March – 10 May: March, April, May.
    { coverage: [p('2026-03-15', { until: '2026-05-10' })] },
    { coverage: [p('2026-01-01', { payerCode: PROV })] },
    // Across a year end, and two periods in one month counted once.
    {
      coverage: [
        p('2025-11-01', { payerCode: KAB }),
        p('2026-01-01', { payerCode: KAB, until: '2026-01-10' }),
        p('2026-01-20', { payerCode: KAB, until: '2026-01-31' }),
      ],
    },
    // 29 February 2026 is no date: this period pays nothing.
    { coverage: [p('2026-02-29', { payerCode: KAB })] },
    {},
  ]
  const months = monthRange('2025-10', '2026-06')

  it('counts the default payer’s periods without a payer code', () => {
    expect([...peopleByMonth(participants, KAB, KAB, months)]).toEqual([
      ['2025-10', 0],
      ['2025-11', 1],
      ['2025-12', 1],
      ['2026-01', 1],
      ['2026-02', 0],
      ['2026-03', 1],
      ['2026-04', 1],
      ['2026-05', 1],
      ['2026-06', 0],
    ])
  })

  it('with the province as default, the old period is the province’s', () => {
    expect([...peopleByMonth(participants, PROV, PROV, months).values()]).toEqual([
      0, 0, 0, 1, 1, 2, 2, 2, 1,
    ])
    expect([...peopleByMonth(participants, KAB, PROV, months).values()]).toEqual([
      0, 1, 1, 1, 0, 0, 0, 0, 0,
    ])
  })
})

describe('parsePaymentRecord', () => {
  const valid = payment('2026-10', 200 * RATE, { note: 'Termin 1' })

  it('accepts a record, trimming the reference and dropping an empty note', () => {
    expect(parsePaymentRecord(valid)).toEqual({ ok: true, payment: valid })
    expect(parsePaymentRecord({ ...valid, reference: '  SP2D-9 ', note: '  ' })).toEqual({
      ok: true,
      payment: (({ note: _note, ...rest }) => ({ ...rest, reference: 'SP2D-9' }))(valid),
    })
    expect(parsePaymentRecord({ ...valid, amount: MAX_PAYMENT_AMOUNT }).ok).toBe(true)
  })

  it('keeps only the known fields', () => {
    const parsed = parsePaymentRecord({ ...valid, nik: '6402061505900011' })
    expect(parsed.ok && Object.keys(parsed.payment).sort()).toEqual([
      'amount',
      'id',
      'month',
      'note',
      'paidOn',
      'payerCode',
      'recordedAt',
      'recordedBy',
      'reference',
    ])
  })

  it.each([
    ['id', { id: 'pay-1' }],
    ['id', { id: undefined }],
    ['payerCode', { payerCode: 'APBD' }],
    ['payerCode', { payerCode: `a${'-b'.repeat(20)}` }],
    ['month', { month: '2026-13' }],
    ['month', { month: '2026-1' }],
    ['month', { month: '2026-00' }],
    ['amount', { amount: 0 }],
    ['amount', { amount: -16_800 }],
    ['amount', { amount: 16_800.5 }],
    ['amount', { amount: MAX_PAYMENT_AMOUNT + 1 }],
    ['amount', { amount: Number.POSITIVE_INFINITY }],
    ['amount', { amount: '16800' }],
    ['paidOn', { paidOn: '2026-02-30' }],
    ['paidOn', { paidOn: '05-01-2026' }],
    ['reference', { reference: '   ' }],
    ['reference', { reference: 'x'.repeat(61) }],
    ['reference', { reference: 42 }],
    ['note', { note: 'x'.repeat(301) }],
    ['note', { note: 5 }],
    ['recordedAt', { recordedAt: 'kemarin' }],
    ['recordedAt', { recordedAt: '1' }],
    ['recordedBy', { recordedBy: 'x'.repeat(121) }],
  ])('refuses a bad %s', (reason, overrides) => {
    expect(parsePaymentRecord({ ...valid, ...overrides })).toEqual({ ok: false, reason })
  })

  it('refuses what is not an object', () => {
    expect(parsePaymentRecord([valid])).toEqual({ ok: false, reason: 'not an object' })
    expect(parsePaymentRecord(null)).toEqual({ ok: false, reason: 'not an object' })
  })
})

describe('withdrawn payments count for nothing', () => {
  const september = payment('2026-09', 200 * RATE)
  const octoberTwice = payment('2026-10', 200 * RATE, { reference: 'SP2D-dobel' })
  const withdrawal = (paymentId: string, overrides: Partial<PaymentWithdrawal> = {}) =>
    ({
      id: '7c1d2e3f-4a5b-4c6d-8e9f-000000000001',
      paymentId,
      reason: 'SP2D dicatat untuk bulan yang salah.',
      withdrawnAt: '2026-12-02T01:00:00.000Z',
      withdrawnBy: 'Rudi Hartono',
      ...overrides,
    }) satisfies PaymentWithdrawal

  it('October paid by mistake hid October unpaid; withdrawn, the guard names October again', () => {
    const bills = { '2026-09': 200 * RATE }
    const recorded = [september, octoberTwice]
    expect(alertOf({ bills, payments: recorded, today: '2026-12-01' })).toBeNull()
    const inForce = paymentsInForce(recorded, [withdrawal(octoberTwice.id)])
    expect(inForce).toEqual([september])
    expect(alertOf({ bills, payments: inForce, today: '2026-12-01' })).toMatchObject({
      firstUnpaidMonth: '2026-10',
      overdueMonths: ['2026-10'],
      inactiveOn: '2027-01-16',
    })
  })

  it('a payment withdrawn as the first one recorded no longer starts the watch', () => {
    const first = payment('2026-06', 200 * RATE)
    expect(trackedFrom(KAB, new Map(), paymentsInForce([first, september], []))).toBe('2026-06')
    expect(
      trackedFrom(KAB, new Map(), paymentsInForce([first, september], [withdrawal(first.id)])),
    ).toBe('2026-09')
  })

  it('a withdrawal of a payment this PC does not hold changes nothing', () => {
    const recorded = [september, octoberTwice]
    expect(paymentsInForce(recorded, [withdrawal(crypto.randomUUID())])).toEqual(recorded)
  })

  it('parses a withdrawal, trimming the reason and keeping only its fields', () => {
    const sent = withdrawal(octoberTwice.id, { replacedBy: september.id })
    expect(
      parsePaymentWithdrawal({ ...sent, reason: `  ${sent.reason} `, nik: '6402061505900011' }),
    ).toEqual({ ok: true, withdrawal: sent })
  })

  it.each([
    ['id', { id: 'batal-1' }],
    ['paymentId', { paymentId: 'pay-1' }],
    ['reason', { reason: ' ok  ' }],
    ['reason', { reason: 'x'.repeat(301) }],
    ['reason', { reason: undefined }],
    ['replacedBy', { replacedBy: 'pay-2' }],
    ['replacedBy', { replacedBy: octoberTwice.id }],
    ['withdrawnAt', { withdrawnAt: 'kemarin' }],
    ['withdrawnBy', { withdrawnBy: 'x'.repeat(121) }],
  ])('refuses a withdrawal with a bad %s', (reason, overrides) => {
    expect(parsePaymentWithdrawal({ ...withdrawal(octoberTwice.id), ...overrides })).toEqual({
      ok: false,
      reason,
    })
  })
})

describe('district.json billing', () => {
  const configJson = JSON.parse(
    readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>

  it('defaults to the 15th of the next month and three months, as a fresh copy', () => {
    expect(parseBillingRules(undefined)).toEqual({ dueDay: 15, inactiveAfterUnpaidMonths: 3 })
    expect(parseBillingRules(undefined)).not.toBe(DEFAULT_BILLING_RULES)
    expect(parseBillingRules({})).toEqual({ dueDay: 15, inactiveAfterUnpaidMonths: 3 })
    expect(parseBillingRules({ dueDay: 31 })).toEqual({ dueDay: 31, inactiveAfterUnpaidMonths: 3 })
    expect(parseBillingRules({ dueDay: 1, inactiveAfterUnpaidMonths: 12 })).toEqual({
      dueDay: 1,
      inactiveAfterUnpaidMonths: 12,
    })
  })

  it.each([
    [
      null,
      '.billing',
      /^harus berupa objek \{ dueDay, inactiveAfterUnpaidMonths \}.*; tertulis null; contoh:/,
    ],
    [[], '.billing', /^harus berupa objek .*; tertulis \[\]/],
    ['15', '.billing', /^harus berupa objek .*; tertulis "15"/],
    [
      { dueDay: 0 },
      '.billing.dueDay',
      /^harus tanggal jatuh tempo 1–31, tanpa tanda kutip; tertulis 0; contoh: 15$/,
    ],
    [{ dueDay: 32 }, '.billing.dueDay', /; tertulis 32;/],
    [{ dueDay: 15.5 }, '.billing.dueDay', /; tertulis 15\.5;/],
    [
      { dueDay: '15' },
      '.billing.dueDay',
      /^harus tanggal jatuh tempo 1–31, tanpa tanda kutip; tertulis "15"/,
    ],
    [
      { inactiveAfterUnpaidMonths: 0 },
      '.billing.inactiveAfterUnpaidMonths',
      /^harus jumlah bulan 1–12, tanpa tanda kutip; tertulis 0; contoh: 3$/,
    ],
    [{ inactiveAfterUnpaidMonths: 13 }, '.billing.inactiveAfterUnpaidMonths', /; tertulis 13;/],
    [{ dueday: 10 }, '.billing.dueday', /^kunci tidak dikenal: billing hanya berisi dueDay dan/],
  ])('refuses %j at its key path', (value, path, reason) => {
    let error: unknown
    try {
      parseBillingRules(value)
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(DistrictConfigError)
    expect((error as DistrictConfigError).path).toBe(path)
    expect((error as DistrictConfigError).reason).toMatch(reason)
  })

  it('is read by parseDistrictConfig, and a bad one names .billing', () => {
    expect(parseDistrictConfig(configJson).billing).toEqual({
      dueDay: 15,
      inactiveAfterUnpaidMonths: 3,
    })
    expect(
      parseDistrictConfig({ ...configJson, billing: { dueDay: 10, inactiveAfterUnpaidMonths: 2 } })
        .billing,
    ).toEqual({ dueDay: 10, inactiveAfterUnpaidMonths: 2 })
    expect(() => parseDistrictConfig({ ...configJson, billing: { dueDay: 0 } })).toThrow(
      'district.json (.billing.dueDay): harus tanggal jatuh tempo 1–31, tanpa tanda kutip; tertulis 0; contoh: 15',
    )
    expect(() => parseDistrictConfig({ ...configJson, billing: 'tanggal 15' })).toThrow(
      'district.json (.billing): harus berupa objek { dueDay, inactiveAfterUnpaidMonths }',
    )
  })
})
