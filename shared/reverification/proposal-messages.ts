/**
 * The words of the annual re-verification (proposal.ts): why a person is proposed, how their
 * re-check ended, and why a decree list is refused — Bahasa Indonesia first. No message names a
 * NIK: the screen shows the person's row next to the sentence.
 */
import type { Language } from '../i18n/language'
import { textFor, type Messages } from '../i18n/messages'
import type {
  ContinuationBlock,
  DecreeProblem,
  ReverificationEndReason,
  ReverificationOutcome,
  ReverificationReason,
} from './proposal'

export const reverificationMessagesId = {
  'reason.batas-usia': 'Mencapai batas usia',
  'reason.meninggal': 'Meninggal dunia',
  'reason.pindah': 'Pindah ke luar {wilayah}',
  'reason.penanggung-lain': 'Ditanggung pemberi kerja atau pihak lain',
  'reason.tidak-layak-desil': 'Desil DTSEN di atas batas',
  'reason.belum-dicetak': 'Kartu belum pernah dicetak',
  'reason.belum-terjangkau': 'Belum pernah ditemui petugas',

  'endReason.batas-usia': 'Melewati batas usia',
  'endReason.meninggal': 'Meninggal dunia',
  'endReason.pindah': 'Pindah ke luar {wilayah}',
  'endReason.penanggung-lain': 'Ditanggung pemberi kerja atau pihak lain',
  'endReason.tidak-layak-desil': 'Tidak layak menurut desil DTSEN',

  'outcome.continued': 'Dilanjutkan',
  'outcome.ended': 'Diakhiri',
  'outcome.pending': 'Ditunda',

  'block.COVERAGE_ENDED': 'kepesertaannya sudah diakhiri',
  'block.NOT_COVERED': 'belum pernah menjadi peserta',
  'block.OUT_OF_DISTRICT': 'kecamatannya bukan bagian dari {wilayah} ini',
  'block.OVER_AGE_LIMIT': 'sudah melewati batas usia pada 1 Januari {year}',
  'block.NOTHING_TO_RENEW':
    'tidak ada kepesertaan tahun {previousYear} yang berjalan sampai 31 Desember',

  'problem.OUTCOME_INVALID':
    'Hasil verifikasi ulang tidak dikenal: hanya dilanjutkan, diakhiri, atau ditunda.',
  'problem.END_REASON_UNKNOWN':
    'Alasan pengakhiran tidak dikenal: pilih meninggal, pindah, ditanggung pihak lain, batas usia, atau tidak layak menurut desil.',
  'problem.NOT_PROPOSED':
    'Orang ini tidak ada dalam daftar verifikasi ulang tahun {year}, jadi hasilnya tidak dipakai. Periksa kembali datanya.',
  'problem.OUTCOME_REPEATED': 'Hasil verifikasi ulang orang ini tercatat lebih dari sekali.',
  'problem.PARTICIPANT_MISSING':
    'Orang ini ada dalam daftar verifikasi ulang tetapi datanya tidak ditemukan. Sinkronkan data lalu coba lagi.',
  'problem.CANNOT_CONTINUE':
    'Tidak bisa dilanjutkan ke tahun {year}: {block}. Pilih diakhiri atau ditunda.',
}

export const reverificationMessagesEn: Messages<typeof reverificationMessagesId> = {
  'reason.batas-usia': 'Reaches the age limit',
  'reason.meninggal': 'Died',
  'reason.pindah': 'Moved out of the regency',
  'reason.penanggung-lain': 'Covered by an employer or another payer',
  'reason.tidak-layak-desil': 'DTSEN decile above the threshold',
  'reason.belum-dicetak': 'Card never printed',
  'reason.belum-terjangkau': 'Never reached by the programme',

  'endReason.batas-usia': 'Past the age limit',
  'endReason.meninggal': 'Died',
  'endReason.pindah': 'Moved out of the regency',
  'endReason.penanggung-lain': 'Covered by an employer or another payer',
  'endReason.tidak-layak-desil': 'No longer eligible by DTSEN decile',

  'outcome.continued': 'Continued',
  'outcome.ended': 'Ended',
  'outcome.pending': 'Pending',

  'block.COVERAGE_ENDED': 'their coverage has ended',
  'block.NOT_COVERED': 'they were never covered',
  'block.OUT_OF_DISTRICT': 'their kecamatan is not part of this regency',
  'block.OVER_AGE_LIMIT': 'they are past the age limit on 1 January {year}',
  'block.NOTHING_TO_RENEW': 'no {previousYear} coverage runs to 31 December',

  'problem.OUTCOME_INVALID': 'Unknown re-verification outcome: only continued, ended or pending.',
  'problem.END_REASON_UNKNOWN':
    'Unknown end reason: choose died, moved, covered by another payer, age limit, or not eligible by decile.',
  'problem.NOT_PROPOSED':
    'This person is not on the {year} re-verification list, so the outcome is not used. Check the data again.',
  'problem.OUTCOME_REPEATED': "This person's re-verification outcome is recorded more than once.",
  'problem.PARTICIPANT_MISSING':
    'This person is on the re-verification list but their record is not found. Synchronise, then try again.',
  'problem.CANNOT_CONTINUE': 'Cannot be continued into {year}: {block}. Choose ended or pending.',
}

export const reverificationText = textFor<keyof typeof reverificationMessagesId>({
  id: reverificationMessagesId,
  en: reverificationMessagesEn,
})

export function reverificationReasonLabel(
  language: Language,
  reason: ReverificationReason,
): string {
  return reverificationText(language, `reason.${reason}`)
}

export function reverificationEndReasonLabel(
  language: Language,
  reason: ReverificationEndReason,
): string {
  return reverificationText(language, `endReason.${reason}`)
}

export function reverificationOutcomeLabel(
  language: Language,
  outcome: ReverificationOutcome,
): string {
  const kind = reverificationText(language, `outcome.${outcome.kind}`)
  return outcome.kind === 'ended'
    ? `${kind}: ${reverificationEndReasonLabel(language, outcome.reason)}`
    : kind
}

export function describeContinuationBlock(
  language: Language,
  block: ContinuationBlock,
  year: number,
): string {
  return reverificationText(language, `block.${block}`, { year, previousYear: year - 1 })
}

/** A refused decree's problem, for the budget year `year`. */
export function describeDecreeProblem(
  language: Language,
  problem: DecreeProblem,
  year: number,
): string {
  const block =
    problem.code === 'CANNOT_CONTINUE'
      ? describeContinuationBlock(language, problem.block, year)
      : undefined
  return reverificationText(language, `problem.${problem.code}`, {
    year,
    ...(block === undefined ? {} : { block }),
  })
}
