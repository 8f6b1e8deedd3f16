/**
 * From district.json to what the card and sticker print: the only place that knows how the
 * district's configuration maps to `PrintBranding`.
 */
import type { DistrictConfig } from '../district/district-config'
import type { PrintBranding } from './print-model'
import type { Language } from '../i18n/language'

/**
 * `logos` are the bytes of the files `config.print.logos` names, in that order (the caller reads
 * them: from the app bundle in the renderer, from disk in Node). Card field labels stay in
 * Indonesian in both languages: the card is an Indonesian document; `language` picks the
 * programme title, card title, benefits and contact text.
 */
export function brandingFromDistrict(
  config: DistrictConfig,
  year: number,
  logos: Uint8Array[],
  language: Language,
): PrintBranding {
  const isEnglish = language === 'en'
  const kind = config.region.kind === 'kota' ? 'Kota' : 'Kabupaten'
  const branding: PrintBranding = {
    programmeTitle: isEnglish ? config.programme.titleEn : config.programme.titleId,
    districtName: `${kind} ${config.region.name}`,
    year,
    logos,
    benefits: isEnglish ? [...config.print.benefitsEn] : [...config.print.benefits],
    contactText: isEnglish ? config.contact.en : config.contact.id,
    cardTitle: isEnglish ? config.print.cardTitleEn : config.print.cardTitleId,
  }
  if (config.print.stickerWords) branding.stickerWords = [...config.print.stickerWords]
  return branding
}
