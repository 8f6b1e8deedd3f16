import type { RegistrationInput } from '@shared/participant/registration-input'
import type { ParticipantDocument } from '@shared/participant/participant-document'

/**
 * What the form holds while the clerk types: strings only, exactly as typed. RT and RW share one
 * box ("003/005") because that is how they are written on a KTP.
 */
export interface RegistrationFormValues {
  nik: string
  kk: string
  fullName: string
  birthPlace: string
  birthDate: string
  sex: string
  address: string
  rtRw: string
  kecamatanCode: string
  villageCode: string
  occupationCode: string
  monthlyIncome: string
  phone: string
  heirName: string
  heirRelationship: string
}

export type FormFieldName = keyof RegistrationFormValues

/** Field order on screen; Enter moves along it. */
export const FORM_FIELD_ORDER: readonly FormFieldName[] = [
  'nik',
  'kk',
  'fullName',
  'birthPlace',
  'birthDate',
  'sex',
  'address',
  'rtRw',
  'kecamatanCode',
  'villageCode',
  'occupationCode',
  'monthlyIncome',
  'phone',
  'heirName',
  'heirRelationship',
]

export function emptyFormValues(kecamatanCode = ''): RegistrationFormValues {
  return {
    nik: '',
    kk: '',
    fullName: '',
    birthPlace: '',
    birthDate: '',
    sex: '',
    address: '',
    rtRw: '',
    kecamatanCode,
    villageCode: '',
    occupationCode: '',
    monthlyIncome: '',
    phone: '',
    heirName: '',
    heirRelationship: '',
  }
}

export function formValuesOf(participant: ParticipantDocument): RegistrationFormValues {
  return {
    nik: participant.nik,
    kk: participant.kk,
    fullName: participant.fullName,
    birthPlace: participant.birthPlace,
    birthDate: participant.birthDate,
    sex: participant.sex,
    address: participant.address,
    rtRw: `${participant.rt}/${participant.rw}`,
    kecamatanCode: participant.kecamatanCode,
    villageCode: participant.villageCode,
    occupationCode: participant.occupationCode,
    monthlyIncome: new Intl.NumberFormat('id-ID').format(participant.monthlyIncome),
    phone: participant.phone ? nationalPhone(participant.phone) : '',
    heirName: participant.heirName,
    heirRelationship: participant.heirRelationship,
  }
}

function nationalPhone(phone: string): string {
  return phone.startsWith('+62') ? `0${phone.slice(3)}` : phone
}

/** Splits "3/5", "003 / 005" or "3-5" into RT and RW; whatever is odd is left for validation. */
export function splitRtRw(rtRw: string): { rt: string; rw: string } {
  const text = rtRw.slice(0, 50)
  const parts = text.split(/\s*[/\\-]\s*/)
  if (parts.length === 2) return { rt: (parts[0] ?? '').trim(), rw: (parts[1] ?? '').trim() }
  return { rt: text.trim(), rw: '' }
}

export function toRegistrationInput(values: RegistrationFormValues): RegistrationInput {
  const { rtRw, ...rest } = values
  return { ...rest, ...splitRtRw(rtRw) } as RegistrationInput
}

/** Which on-screen box shows a validation issue about a domain field. */
export function formFieldOf(field: keyof RegistrationInput): FormFieldName {
  return field === 'rt' || field === 'rw' ? 'rtRw' : field
}
