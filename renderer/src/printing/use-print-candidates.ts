/**
 * Who can be printed: the filters (kecamatan, village, status, print history), the participants
 * they find for this kind of print and coverage year, and the ones the clerk ticked.
 */
import { useEffect, useMemo, useState } from 'react'
import type { CardKind } from '@shared/cards/card-token'
import type { ParticipantStatus } from '@shared/participant/participant-document'
import { district } from '@/core/district'
import type { NaunganStore } from '@/core/store/database'
import { findPrintCandidates, type PrintCandidate, type PrintedFilter } from './print-records'

export interface CandidateFilters {
  kecamatanCode: string
  villageCode: string
  status: ParticipantStatus | ''
  printedKind: PrintedFilter['kind']
  printedBefore: string
}

interface Found {
  /** The filters this answer is for: an answer to older filters is never shown. */
  key: string
  candidates: PrintCandidate[]
  truncated: boolean
  notCovered: number
}

export function usePrintCandidates({
  store,
  initialKecamatanCode,
  today,
  printKind,
  coverageYear,
}: {
  store: NaunganStore
  initialKecamatanCode: string
  today: string
  printKind: CardKind
  coverageYear: string
}) {
  const [filters, setFilters] = useState<CandidateFilters>(() => ({
    kecamatanCode: initialKecamatanCode,
    villageCode: '',
    status: '',
    printedKind: 'never',
    printedBefore: `${today.slice(0, 4)}-01-01`,
  }))
  const [found, setFound] = useState<Found | null>(null)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [refreshTick, setRefreshTick] = useState(0)

  const { kecamatanCode, villageCode, status, printedKind, printedBefore } = filters
  const villages = kecamatanCode ? district.regions.villagesOf(kecamatanCode) : []

  const filtersKey = JSON.stringify([
    kecamatanCode,
    villageCode,
    status,
    printedKind,
    printedBefore,
    printKind,
    coverageYear,
    refreshTick,
  ])
  useEffect(() => {
    let live = true
    const printed: PrintedFilter =
      printedKind === 'before' ? { kind: 'before', date: printedBefore } : { kind: printedKind }
    void findPrintCandidates(store, {
      ...(kecamatanCode ? { kecamatanCode } : {}),
      ...(villageCode ? { villageCode } : {}),
      ...(status ? { status } : {}),
      printed,
      printKind,
      coverageYear: Number(coverageYear),
    }).then((result) => {
      if (!live) return
      setFound({ key: filtersKey, ...result })
      // Keep only the chosen rows that are still listed.
      const listed = new Set(result.candidates.map((candidate) => candidate.id))
      setSelected((current) => new Set([...current].filter((id) => listed.has(id))))
    })
    return () => {
      live = false
    }
  }, [
    store,
    kecamatanCode,
    villageCode,
    status,
    printedKind,
    printedBefore,
    printKind,
    coverageYear,
    filtersKey,
  ])

  // While the filters' answer is on its way, nothing is listed (and nothing can be chosen).
  const isCurrent = found?.key === filtersKey
  const candidates = isCurrent ? found.candidates : null
  const chosen = useMemo(
    () => (candidates ?? []).filter((candidate) => selected.has(candidate.id)),
    [candidates, selected],
  )

  const setFilter = <K extends keyof CandidateFilters>(key: K, value: CandidateFilters[K]) =>
    setFilters((current) => ({
      ...current,
      [key]: value,
      // Another kecamatan's villages are not this one's.
      ...(key === 'kecamatanCode' ? { villageCode: '' } : {}),
    }))

  const setChosen = (id: string, isChosen: boolean) =>
    setSelected((current) => {
      const next = new Set(current)
      if (isChosen) next.add(id)
      else next.delete(id)
      return next
    })

  const setAllChosen = (isChosen: boolean) =>
    setSelected(
      isChosen && candidates ? new Set(candidates.map((candidate) => candidate.id)) : new Set(),
    )

  return {
    filters,
    setFilter,
    villages,
    /** Null while the filters' answer is on its way. */
    candidates,
    truncated: isCurrent && found.truncated,
    notCovered: isCurrent ? found.notCovered : 0,
    selected,
    chosen,
    isAllChosen:
      candidates !== null && candidates.length > 0 && chosen.length === candidates.length,
    setChosen,
    setAllChosen,
    /** After a batch is logged: nothing chosen, and the list asked again (printed ones drop out). */
    startOver: () => {
      setSelected(new Set())
      setRefreshTick((tick) => tick + 1)
    },
  }
}

export type PrintCandidates = ReturnType<typeof usePrintCandidates>
