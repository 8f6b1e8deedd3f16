/**
 * The participants the filters found, each with a tick box, and what the list leaves out: people
 * not covered in the coverage year, and the rows past the list's limit.
 */
import { district } from '@/core/district'
import { formatDate } from '@/core/i18n/i18n'
import { DataTable, type Column } from '@/ui/DataTable'
import { Notice } from '@/ui/Notice'
import { EmptyState, LoadingState } from '@/ui/States'
import type { PrintCandidate } from './print-records'
import type { PrintJob } from './use-print-job'

export function CandidateList({ job }: { job: PrintJob }) {
  const { t, language, isBusy } = job
  const { candidates, chosen, selected, notCovered, truncated } = job.candidates
  const columns: Column<PrintCandidate>[] = [
    {
      key: 'chosen',
      header: (
        <input
          type="checkbox"
          aria-label={t('selectAll')}
          checked={job.candidates.isAllChosen}
          disabled={isBusy}
          onChange={(event) => job.candidates.setAllChosen(event.target.checked)}
        />
      ),
      cell: (candidate) => (
        <input
          type="checkbox"
          aria-label={t('select', { name: candidate.fullName })}
          checked={selected.has(candidate.id)}
          disabled={isBusy}
          onChange={(event) => job.candidates.setChosen(candidate.id, event.target.checked)}
        />
      ),
    },
    {
      key: 'name',
      header: t('column.name'),
      cell: (candidate) => candidate.fullName,
      isRowHeader: true,
    },
    {
      key: 'number',
      header: t('column.number'),
      cell: (candidate) => candidate.registrationNumber,
    },
    {
      key: 'village',
      header: t('column.village'),
      cell: (candidate) => district.regions.villageByCode(candidate.villageCode)?.name ?? '—',
    },
    {
      key: 'last-print',
      header: t('column.lastPrint'),
      cell: ({ lastPrint }) =>
        lastPrint
          ? t('lastPrint', {
              date: formatDate(language, lastPrint.printedAt),
              serial: lastPrint.serial,
            })
          : t('neverPrinted'),
    },
  ]

  return (
    <>
      {notCovered > 0 ? (
        // Part of the list's answer, which is announced below: not read out twice.
        <Notice kind="warning" announce="none" data-testid="print-not-covered">
          {t('notCovered', { count: notCovered, year: job.options.coverageYear })}
        </Notice>
      ) : null}
      {candidates === null ? (
        <LoadingState>{t('loading')}</LoadingState>
      ) : candidates.length === 0 ? (
        // The list's answer to the filters: announced, as the count below is.
        <EmptyState announce="status">{t('none')}</EmptyState>
      ) : (
        <>
          <p role="status">
            {t('foundSelected', { found: candidates.length, selected: chosen.length })}
          </p>
          {truncated ? (
            <Notice kind="warning" announce="none">
              {t('truncated', { count: candidates.length })}
            </Notice>
          ) : null}
          {/* Scrolled within its own box, so the actions below stay in reach. */}
          <DataTable
            caption={t('candidates.caption')}
            isCaptionHidden
            columns={columns}
            rows={candidates}
            rowKey={(candidate) => candidate.id}
            maxHeight="420px"
          />
        </>
      )}
    </>
  )
}
