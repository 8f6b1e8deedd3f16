import { useMemo } from 'react'
import {
  claimStatusOf,
  claimSummary,
  daysInStatus,
  daysOpen,
  isStalled,
  sortForKecamatanList,
} from '@shared/claims/claim-case'
import { formatRupiah } from '@shared/i18n/format'
import { district, localToday } from '@/core/district'
import { useApp } from '@/core/app-context'
import { DataTable, type Column } from '@/ui/DataTable'
import { ErrorState, LoadingState } from '@/ui/States'
import { useParticipantsRead } from '@/core/store/use-participants-read'
import { listClaims, type ListedClaim } from './claims-list'
import { useClaimsText } from './use-claims-text'

/**
 * Klaim ahli waris: every claim case on this PC (a kecamatan office holds its kecamatan, a
 * district PC everyone), stalled cases first — more than 30 days in one status — then the oldest.
 */
export function ClaimsScreen() {
  const { t, status } = useClaimsText()
  const { store } = useApp()
  // Read again whenever records change (a sync that brings a case's next step, a save here).
  const read = useParticipantsRead(store, 'claims', listClaims)
  const claims = read.phase === 'loaded' ? read.value : null
  const today = localToday()
  const rows = useMemo(() => {
    if (!claims) return null
    const byId = new Map(claims.map((entry) => [entry.claim.id, entry]))
    return sortForKecamatanList(
      claims.map((entry) => entry.claim),
      today,
    ).flatMap((claim) => {
      const entry = byId.get(claim.id)
      return entry ? [entry] : []
    })
  }, [claims, today])

  const kecamatan = (code: string) => district.regions.kecamatanByCode(code)?.name ?? code
  const columns: Column<ListedClaim>[] = [
    {
      key: 'name',
      header: t('col.name'),
      isRowHeader: true,
      cell: (entry) => <a href={`#/peserta/${entry.participantId}`}>{entry.fullName}</a>,
    },
    {
      key: 'kecamatan',
      header: t('col.kecamatan'),
      cell: (entry) => kecamatan(entry.kecamatanCode),
    },
    { key: 'kind', header: t('col.kind'), cell: (entry) => t(`kind.${entry.claim.kind}`) },
    {
      key: 'status',
      header: t('col.status'),
      cell: (entry) =>
        `${status(claimStatusOf(entry.claim))}${isStalled(entry.claim, today) ? ` · ${t('stalledBadge')}` : ''}`,
    },
    {
      key: 'daysInStatus',
      header: t('col.daysInStatus'),
      isNumeric: true,
      cell: (entry) => daysInStatus(entry.claim, today),
    },
    {
      key: 'daysOpen',
      header: t('col.daysOpen'),
      isNumeric: true,
      cell: (entry) => daysOpen(entry.claim, today),
    },
    {
      key: 'paid',
      header: t('col.paid'),
      isNumeric: true,
      cell: (entry) => {
        const paid = claimSummary(entry.claim).amountPaid
        return paid === undefined ? '–' : formatRupiah(paid)
      },
    },
  ]
  return (
    <section className="panel" aria-labelledby="claims-list-title">
      <h1 id="claims-list-title">{t('listTitle')}</h1>
      <p className="hint">{t('listIntro')}</p>
      {read.phase === 'failed' ? (
        <ErrorState>{t('listFailed')}</ErrorState>
      ) : rows === null ? (
        <LoadingState>{t('listTitle')}</LoadingState>
      ) : (
        <DataTable
          caption={t('listTitle')}
          isCaptionHidden
          columns={columns}
          rows={rows}
          rowKey={(entry) => entry.claim.id}
          rowData={(entry) => ({
            'data-status': claimStatusOf(entry.claim),
            'data-stalled': isStalled(entry.claim, today) ? 'yes' : 'no',
          })}
          testId="claims-list"
          empty={t('listEmpty')}
        />
      )}
    </section>
  )
}
