import { useCallback } from 'react'
import {
  claimDocumentLabelsEn,
  claimDocumentLabelsId,
  claimStatusLabelsEn,
  claimStatusLabelsId,
  jkmBenefitLabelsEn,
  jkmBenefitLabelsId,
  type ClaimDocumentKey,
  type ClaimStatusKey,
} from '@shared/claims/claim-messages'
import type { JkmBenefitCode } from '@shared/claims/benefits'
import { useI18n } from '@/core/i18n/i18n'
import { claimsText, type ClaimsMessageKey } from './claims-messages'

/** The claims strings, and the labels of statuses, documents and benefit lines. */
export function useClaimsText() {
  const { language } = useI18n()
  const t = useCallback(
    (key: ClaimsMessageKey, params?: Record<string, string | number>) =>
      claimsText(language, key, params),
    [language],
  )
  const status = (code: ClaimStatusKey) =>
    (language === 'en' ? claimStatusLabelsEn : claimStatusLabelsId)[code]
  const documentLabel = (code: ClaimDocumentKey) =>
    (language === 'en' ? claimDocumentLabelsEn : claimDocumentLabelsId)[code]
  const benefitLabel = (code: JkmBenefitCode) =>
    (language === 'en' ? jkmBenefitLabelsEn : jkmBenefitLabelsId)[code]
  return { t, language, status, documentLabel, benefitLabel }
}
