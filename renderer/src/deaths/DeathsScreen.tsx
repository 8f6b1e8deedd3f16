import { useMemo, useState } from 'react'
import {
  guessDeathListMapping,
  readDeathList,
  type DeathListMapping,
  type DeathListSheet,
} from '@shared/participant/death-list'
import { formatDateWords, formatNumber } from '@shared/i18n/format'
import { actingUserOf } from '@/core/acting-user'
import { useApp } from '@/core/app-context'
import { district, localToday } from '@/core/district'
import { useParticipantsRead } from '@/core/store/use-participants-read'
import { readPickedSheet } from '@/coverage/coverage-files'
import { FileField } from '@/ui/FileField'
import { useSync } from '@/sync/sync-context'
import { ColumnMapping } from '@/ui/ColumnMapping'
import { DataTable, type Column } from '@/ui/DataTable'
import { Notice } from '@/ui/Notice'
import { LoadingState } from '@/ui/States'
import { applyDeathList, matchDeathList, type DeathListMatch } from './death-list-import'
import { listDeaths, type ListedDeath } from './deaths-list'
import { useDeathText } from './use-death-text'

const MAPPED = ['nik', 'date', 'name', 'reference'] as const
const REQUIRED = new Set<(typeof MAPPED)[number]>(['nik', 'date'])

/**
 * Kematian peserta: the deaths reported on this PC's records, and Disdukcapil's list of deaths
 * matched by NIK and recorded in one go — "deaths often never reach BPJS or the regency".
 */
export function DeathsScreen() {
  const { t, language } = useDeathText()
  const { store, office } = useApp()
  const sync = useSync()
  const actor = useMemo(() => actingUserOf(office, sync), [office, sync])
  const [file, setFile] = useState<{ name: string; sheet: DeathListSheet } | null>(null)
  const [mapping, setMapping] = useState<Partial<DeathListMapping>>({})
  const [matches, setMatches] = useState<DeathListMatch[] | null>(null)
  const [notices, setNotices] = useState<{ kind: 'success' | 'error' | 'warning'; text: string }[]>(
    [],
  )
  const [busy, setBusy] = useState(false)

  // Read again whenever records change (a sync, an import here): no query cache in between.
  const read = useParticipantsRead(store, 'deaths', listDeaths)
  const deaths = read.phase === 'loaded' ? read.value : read.phase === 'failed' ? [] : null
  const deceased = deaths ?? []

  const readFile = async (picked: File | undefined) => {
    setFile(null)
    setMatches(null)
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
    setMapping(guessDeathListMapping(read.sheet.header))
  }

  const check = async () => {
    if (!file) return
    if (mapping.nik === undefined || mapping.date === undefined) {
      setNotices([{ kind: 'error', text: t('mappingIncomplete') }])
      return
    }
    setBusy(true)
    try {
      const rows = readDeathList(
        file.sheet,
        { ...mapping, nik: mapping.nik, date: mapping.date },
        { today: localToday(), fileName: file.name.slice(0, 60) },
      )
      setMatches(await matchDeathList(store, rows))
      setNotices([])
    } finally {
      setBusy(false)
    }
  }

  const apply = async () => {
    if (!matches) return
    setBusy(true)
    try {
      const outcomes = await applyDeathList(store, matches, actor)
      const done = outcomes.filter((entry) => entry.outcome.ok).length
      const refused = outcomes.filter((entry) => !entry.outcome.ok)
      const reasons = new Set(
        refused.map(({ outcome }) =>
          outcome.ok
            ? ''
            : outcome.reason === 'REFUSED'
              ? outcome.verdict.message[language]
              : outcome.reason === 'PROBLEM'
                ? t(
                    `problem.${outcome.problem.code}`,
                    'params' in outcome.problem ? outcome.problem.params : undefined,
                  )
                : t('notFound'),
        ),
      )
      setNotices([
        { kind: 'success', text: t('applied', { count: formatNumber(language, done) }) },
        ...(refused.length > 0
          ? [
              {
                kind: 'warning' as const,
                text: t('appliedRefused', {
                  count: refused.length,
                  reasons: [...reasons].join(' '),
                }),
              },
            ]
          : []),
      ])
      setMatches(null)
      setFile(null)
    } finally {
      setBusy(false)
    }
  }

  const kecamatan = (code: string) => district.regions.kecamatanByCode(code)?.name ?? code
  const listColumns: Column<ListedDeath>[] = [
    {
      key: 'name',
      header: t('col.name'),
      isRowHeader: true,
      cell: (doc) => <a href={`#/peserta/${doc.id}`}>{doc.fullName}</a>,
      sortValue: (doc) => doc.fullName,
    },
    { key: 'kecamatan', header: t('col.kecamatan'), cell: (doc) => kecamatan(doc.kecamatanCode) },
    {
      key: 'date',
      header: t('col.date'),
      cell: (doc) => formatDateWords(language, doc.death.date),
      sortValue: (doc) => doc.death.date,
    },
    {
      key: 'source',
      header: t('col.source'),
      cell: (doc) => t(`source.${doc.death.source}`),
    },
    { key: 'reportedBy', header: t('col.reportedBy'), cell: (doc) => doc.death.reportedBy },
    {
      key: 'coverageEnd',
      header: t('col.coverageEnd'),
      cell: (doc) => {
        const until = doc.coverage.find((period) => period.endReason === 'meninggal')?.until
        return until ? formatDateWords(language, until) : '–'
      },
    },
  ]

  const resultOf = (match: DeathListMatch): string => {
    switch (match.kind) {
      case 'report':
        return t('kind.report')
      case 'already':
        return t('kind.already', { date: formatDateWords(language, match.reportedDate) })
      case 'not-found':
        return t('kind.not-found')
      case 'several':
        return t('kind.several', { count: match.participantIds.length })
      case 'duplicate':
        return t('kind.duplicate', { row: match.row.duplicateOf ?? '' })
      case 'error':
        return match.row.problems.map((problem) => t(`rowProblem.${problem}`)).join(' ')
    }
  }
  const matchColumns: Column<DeathListMatch>[] = [
    { key: 'row', header: t('col.row'), isNumeric: true, cell: (match) => match.row.rowNumber },
    {
      key: 'name',
      header: t('col.name'),
      isRowHeader: true,
      cell: (match) =>
        match.kind === 'report' || match.kind === 'already' ? (
          <a href={`#/peserta/${match.participantId}`}>{match.fullName}</a>
        ) : (
          match.row.name
        ),
    },
    { key: 'nik', header: t('col.nik'), cell: (match) => match.row.maskedNik },
    {
      key: 'date',
      header: t('col.date'),
      cell: (match) => (match.row.ok ? formatDateWords(language, match.row.date) : ''),
    },
    { key: 'result', header: t('col.result'), cell: resultOf },
  ]
  const count = (kind: DeathListMatch['kind']) =>
    (matches ?? []).filter((match) => match.kind === kind).length

  return (
    <section className="panel deaths-screen" aria-labelledby="deaths-title">
      <h1 id="deaths-title">{t('screenTitle')}</h1>
      <p className="hint">{t('screenIntro')}</p>

      <section aria-labelledby="deaths-import">
        <h2 id="deaths-import">{t('importTitle')}</h2>
        <p className="hint">{t('importIntro')}</p>
        <fieldset disabled={busy} className="field-row">
          <FileField label={t('file')} onPick={(picked) => void readFile(picked)} />
        </fieldset>
        {file ? (
          <fieldset disabled={busy} className="field-row">
            <ColumnMapping
              fields={MAPPED}
              header={file.sheet.header}
              mapping={mapping}
              required={REQUIRED}
              labelOf={(field) => t(`map.${field}`)}
              chooseLabel={t('map.choose')}
              noneLabel={t('map.none')}
              onChange={(next) => {
                setMatches(null)
                setMapping(next)
              }}
            />
            <div className="actions">
              <button type="button" onClick={() => void check()}>
                {t('check')}
              </button>
            </div>
          </fieldset>
        ) : null}
        {busy ? <LoadingState>{t('check')}</LoadingState> : null}
        {matches ? (
          <>
            <p role="status" data-testid="death-list-summary">
              {t('matchSummary', {
                report: count('report'),
                already: count('already'),
                notFound: count('not-found'),
                several: count('several'),
                error: count('error'),
              })}
            </p>
            <DataTable
              caption={t('importTitle')}
              isCaptionHidden
              columns={matchColumns}
              rows={matches}
              rowKey={(match) => String(match.row.rowNumber)}
              rowData={(match) => ({ 'data-kind': match.kind })}
              testId="death-list-matches"
            />
            <p className="hint">{t('nothingChanged')}</p>
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={busy || count('report') === 0}
                onClick={() => void apply()}
              >
                {t('apply', { count: count('report') })}
              </button>
            </div>
          </>
        ) : null}
        {notices.map((notice) => (
          <Notice key={notice.text} kind={notice.kind}>
            {notice.text}
          </Notice>
        ))}
      </section>

      <section aria-labelledby="deaths-list">
        <h2 id="deaths-list">{t('listTitle', { count: deceased.length })}</h2>
        {deaths === null ? (
          <LoadingState>{t('check')}</LoadingState>
        ) : (
          <DataTable
            caption={t('listTitle', { count: deceased.length })}
            isCaptionHidden
            columns={listColumns}
            rows={deceased}
            rowKey={(doc) => doc.id}
            testId="deaths-list"
            empty={t('listEmpty')}
          />
        )}
      </section>
    </section>
  )
}
