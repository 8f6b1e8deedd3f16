/** What the supervisor reads about a participant reaching the age limit (age-limit.ts). */
import { textFor, type Messages } from '../i18n/messages'

export const ageLimitMessagesId = {
  upcoming:
    '{name} ({registrationNumber}) berusia {overAge} tahun pada {overLimitOn|date}, melewati batas usia {maxAge} tahun. Akhiri kepesertaan per {lastCoveredDay|date} dengan alasan batas usia, dan jangan diperpanjang.',
  overdue:
    '{name} ({registrationNumber}) sudah berusia {overAge} tahun sejak {overLimitOn|date} tetapi masih tercatat sebagai peserta. Akhiri kepesertaan per {lastCoveredDay|date} dengan alasan batas usia.',
}

export const ageLimitMessagesEn: Messages<typeof ageLimitMessagesId> = {
  upcoming:
    '{name} ({registrationNumber}) turns {overAge} on {overLimitOn|date}, past the age limit of {maxAge}. End coverage as of {lastCoveredDay|date} with the reason age limit, and do not renew.',
  overdue:
    '{name} ({registrationNumber}) has been {overAge} since {overLimitOn|date} but is still recorded as covered. End coverage as of {lastCoveredDay|date} with the reason age limit.',
}

export const ageLimitText = textFor<keyof typeof ageLimitMessagesId>({
  id: ageLimitMessagesId,
  en: ageLimitMessagesEn,
})
