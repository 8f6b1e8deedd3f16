import { useEffect, useMemo, useState } from 'react'
import { coverageOverlaps, uncoveredActive, type PayerOverlap } from '@shared/coverage/payers'
import { formatNumber } from '@shared/i18n/format'
import { district, localToday } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { DataTable, type Column } from '@/ui/DataTable'
import { Notice } from '@/ui/Notice'
import { LoadingState } from '@/ui/States'
import { readBillMembers, type BillingPerson } from './billing-repository'
import { formatMonth } from './billing-format'
import { useBillingText } from './use-billing'

interface PaidTwice {
  person: BillingPerson
  overlap: PayerOverlap
}

/**
 * The stored records two payers pay for in the same month (money lost: settle before the next
 * bill) and the active ones no period covers today (people unprotected), by name, so the
 * supervisor can open each record. The dashboard counts the same people (shared/coverage/payers.ts).
 */
export function OverlapsTab({ store }: { store: NaunganStore }) {
  const { t, language } = useBillingText()
  const [people, setPeople] = useState<BillingPerson[] | null>(null)
  useEffect(() => {
    let isCurrent = true
    void readBillMembers(store).then((read) => {
      if (isCurrent) setPeople(read.people)
    })
    return () => {
      isCurrent = false
    }
  }, [store])
  const today = localToday()
  const found = useMemo(() => {
    if (!people) return null
    const byId = new Map(people.map((person) => [person.id, person]))
    const keyed = people.map((person) => ({
      key: person.id,
      status: person.status,
      periods: person.coverage ?? [],
    }))
    const twice: PaidTwice[] = coverageOverlaps(keyed, district.defaultPayer.code).flatMap(
      (entry) => {
        const person = byId.get(entry.key)
        return person ? entry.overlaps.map((overlap) => ({ person, overlap })) : []
      },
    )
    const unprotected = uncoveredActive(keyed, today).flatMap((id) => {
      const person = byId.get(id)
      return person ? [person] : []
    })
    return { twice, unprotected }
  }, [people, today])

  const payerName = (code: string) => district.payerByCode(code)?.name ?? code
  const kecamatan = (code: string) => district.regions.kecamatanByCode(code)?.name ?? code
  const nameCell = (person: BillingPerson) => (
    <a href={`#/peserta/${person.id}`}>{person.fullName}</a>
  )
  const twiceColumns: Column<PaidTwice>[] = [
    {
      key: 'name',
      header: t('col.name'),
      isRowHeader: true,
      cell: (entry) => nameCell(entry.person),
      sortValue: (entry) => entry.person.fullName,
    },
    { key: 'nik', header: t('col.nik'), cell: (entry) => entry.person.maskedNik },
    {
      key: 'kecamatan',
      header: t('col.kecamatan'),
      cell: (entry) => kecamatan(entry.person.kecamatanCode),
    },
    {
      key: 'months',
      header: t('col.months'),
      cell: (entry) =>
        entry.overlap.fromMonth === entry.overlap.untilMonth
          ? formatMonth(language, entry.overlap.fromMonth)
          : `${formatMonth(language, entry.overlap.fromMonth)} – ${formatMonth(language, entry.overlap.untilMonth)}`,
      sortValue: (entry) => entry.overlap.fromMonth,
    },
    {
      key: 'payers',
      header: t('col.payers'),
      cell: (entry) => entry.overlap.payerCodes.map(payerName).join(' + '),
    },
  ]
  const unprotectedColumns: Column<BillingPerson>[] = [
    {
      key: 'name',
      header: t('col.name'),
      isRowHeader: true,
      cell: nameCell,
      sortValue: (person) => person.fullName,
    },
    { key: 'nik', header: t('col.nik'), cell: (person) => person.maskedNik },
    { key: 'kpj', header: t('col.kpj'), cell: (person) => person.kpjNumber ?? '' },
    {
      key: 'kecamatan',
      header: t('col.kecamatan'),
      cell: (person) => kecamatan(person.kecamatanCode),
    },
  ]
  if (!found) return <LoadingState>{t('busy')}</LoadingState>
  return (
    <div className="billing-tab">
      <section aria-labelledby="billing-paid-twice">
        <h2 id="billing-paid-twice">
          {t('paidTwiceTitle', { count: formatNumber(language, found.twice.length) })}
        </h2>
        <p className="hint">{t('paidTwiceHelp')}</p>
        <DataTable
          caption={t('paidTwiceTitle', { count: found.twice.length })}
          isCaptionHidden
          columns={twiceColumns}
          rows={found.twice}
          rowKey={(entry) => `${entry.person.id}:${entry.overlap.fromMonth}`}
          testId="billing-paid-twice"
          empty={t('paidTwiceNone')}
        />
      </section>
      <section aria-labelledby="billing-unprotected">
        <h2 id="billing-unprotected">
          {t('unprotectedTitle', { count: formatNumber(language, found.unprotected.length) })}
        </h2>
        <p className="hint">{t('unprotectedHelp')}</p>
        {found.unprotected.length > 0 ? (
          <Notice kind="warning" announce="none">
            {t('unprotectedWarning')}
          </Notice>
        ) : null}
        <DataTable
          caption={t('unprotectedTitle', { count: found.unprotected.length })}
          isCaptionHidden
          columns={unprotectedColumns}
          rows={found.unprotected}
          rowKey={(person) => person.id}
          testId="billing-unprotected"
          empty={t('unprotectedNone')}
        />
      </section>
    </div>
  )
}
