/**
 * The claim's cover letter and checklist for the heir (claim-letter.ts), with the fonts the
 * dashboard's report embeds, handed to the platform's save dialog.
 */
import type { ExpectedBenefitResult } from '@shared/claims/benefits'
import type { ClaimCase } from '@shared/claims/claim-case'
import { maskNik } from '@shared/identity/masking'
import type { Language } from '@shared/i18n/language'
import type { ParticipantDocument } from '@shared/participant/participant-document'
import { district, localToday } from '@/core/district'
import { getPlatform } from '@/core/platform'
import { reportFonts } from '@/dashboard/dashboard-report'
import {
  heirRelationshipLabel,
  kecamatanName,
  villageName,
} from '@/participants/participant-labels'
import { renderClaimLetterPdf } from './claim-letter'

export async function saveClaimLetter(options: {
  claim: ClaimCase
  participant: ParticipantDocument
  benefit: ExpectedBenefitResult | null
  language: Language
  /** The office helping the family, as its letterhead names it. */
  officeName: string
}): Promise<{ saved: true; name: string } | { saved: false }> {
  const { claim, participant, language } = options
  const heirCode = claim.heir?.relationshipCode ?? participant.heirRelationship
  try {
    const data = await renderClaimLetterPdf(
      {
        claim,
        participant: {
          fullName: participant.fullName,
          maskedNik: maskNik(participant.nik),
          ...(participant.kpjNumber ? { kpjNumber: participant.kpjNumber } : {}),
          registrationNumber: participant.registrationNumber,
          villageName: villageName(participant.villageCode),
          kecamatanName: kecamatanName(participant.kecamatanCode),
          heirName: claim.heir?.name ?? participant.heirName,
        },
        benefit: options.benefit,
        office: { name: options.officeName },
        regionName: district.config.region.name,
        today: localToday(),
        language,
        heirRelationshipLabel: heirRelationshipLabel(heirCode, language),
      },
      await reportFonts(),
    )
    const name = `klaim-${claim.kind}-${participant.registrationNumber}.pdf`
    const result = await getPlatform().saveFile({
      suggestedName: name,
      mimeType: 'application/pdf',
      data,
    })
    return result.saved ? { saved: true, name } : { saved: false }
  } catch {
    return { saved: false }
  }
}
