import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadDistrict } from '@shared/district/district-config'
import {
  mayRevealIdentity,
  mayRoleRevealIdentity,
  readRevealEntry,
  revealEntryChanges,
  type RevealActor,
  type RevealSubject,
} from '@shared/identity/identity-reveal'
import type { FieldChange } from '@shared/participant/participant-document'

const configJson = JSON.parse(
  readFileSync(new URL('../../../../resources/district/district.json', import.meta.url), 'utf8'),
) as Record<string, unknown>
const regionCsv = readFileSync(
  new URL('../../../../resources/district/wilayah.csv', import.meta.url),
  'utf8',
)

const IDENTITY = ['disdukcapil']

const disdukcapilVerifier: RevealActor = {
  role: 'verifier',
  officeKind: 'agency',
  officeCode: 'DUKCAPIL',
  agencyCode: 'disdukcapil',
}
const dkpVerifier: RevealActor = { ...disdukcapilVerifier, officeCode: 'DKP', agencyCode: 'dkp' }
const clerk: RevealActor = {
  role: 'operator',
  officeKind: 'kecamatan',
  officeCode: '06-01',
  agencyCode: null,
}
const supervisor: RevealActor = { ...clerk, role: 'supervisor' }
const neighbourClerk: RevealActor = { ...clerk, officeCode: '06-02' }
const centralSupervisor: RevealActor = { ...supervisor, officeKind: 'central', officeCode: 'PUSAT' }
const admin: RevealActor = { ...centralSupervisor, role: 'admin' }
// A verifier's role at a kecamatan office is no identity agency, whatever the role says.
const verifierAtKecamatan: RevealActor = { ...clerk, role: 'verifier', agencyCode: 'disdukcapil' }

const submitted: RevealSubject = {
  officeCode: '06-01',
  checks: [{ agency: 'disdukcapil' }, { agency: 'dinsos' }, { agency: 'dkp' }],
}
const draft: RevealSubject = { officeCode: '06-01', checks: [] }

describe('who may see a full NIK', () => {
  it.each<[string, RevealActor, RevealSubject, string, string]>([
    [
      'the Disdukcapil verifier, for a candidate it checks',
      disdukcapilVerifier,
      submitted,
      'nik',
      'identity-check',
    ],
    ['the clerk who registered the person', clerk, submitted, 'nik', 'own-office'],
    ['the clerk, for a draft of their office', clerk, draft, 'nik', 'own-office'],
    ['the supervisor of the registering office', supervisor, submitted, 'nik', 'own-office'],
  ])('allows %s', (_label, actor, subject, field, basis) => {
    expect(mayRevealIdentity(actor, subject, field, IDENTITY)).toEqual({ allowed: true, basis })
  })

  it.each<[string, RevealActor, RevealSubject, string, string]>([
    [
      'the Disdukcapil verifier, for a draft no agency checks',
      disdukcapilVerifier,
      draft,
      'nik',
      'NOT_THEIR_CHECK',
    ],
    ['a sector agency verifier (DKP)', dkpVerifier, submitted, 'nik', 'ROLE_MAY_NOT_REVEAL'],
    ['the clerk of another office', neighbourClerk, submitted, 'nik', 'OTHER_OFFICE'],
    [
      'the central supervisor',
      centralSupervisor,
      { ...submitted, officeCode: 'PUSAT' },
      'nik',
      'ROLE_MAY_NOT_REVEAL',
    ],
    [
      'the admin, even at the office of the record',
      { ...admin, officeCode: '06-01', officeKind: 'kecamatan' },
      submitted,
      'nik',
      'ROLE_MAY_NOT_REVEAL',
    ],
    [
      'a "verifier" at a kecamatan office',
      verifierAtKecamatan,
      submitted,
      'nik',
      'ROLE_MAY_NOT_REVEAL',
    ],
    [
      'an identity verifier when no agency checks identity',
      disdukcapilVerifier,
      submitted,
      'nik',
      'ROLE_MAY_NOT_REVEAL',
    ],
    [
      'the KK, even to the Disdukcapil verifier',
      disdukcapilVerifier,
      submitted,
      'kk',
      'FIELD_NOT_REVEALABLE',
    ],
    ['the KK, even to the registering clerk', clerk, submitted, 'kk', 'FIELD_NOT_REVEALABLE'],
    ['the phone number', clerk, submitted, 'phone', 'FIELD_NOT_REVEALABLE'],
    [
      'a field name that only looks like the NIK',
      clerk,
      submitted,
      'conflicts.nik',
      'FIELD_NOT_REVEALABLE',
    ],
  ])('refuses %s', (label, actor, subject, field, reason) => {
    const agencies = label.includes('no agency checks identity') ? [] : IDENTITY
    expect(mayRevealIdentity(actor, subject, field, agencies)).toEqual({ allowed: false, reason })
  })

  it('answers for the role alone when the record is not known (the server, before it arrives)', () => {
    expect(mayRoleRevealIdentity(clerk, 'nik', IDENTITY).allowed).toBe(true)
    expect(mayRoleRevealIdentity(disdukcapilVerifier, 'nik', IDENTITY).allowed).toBe(true)
    expect(mayRoleRevealIdentity(dkpVerifier, 'nik', IDENTITY).allowed).toBe(false)
    expect(mayRoleRevealIdentity(admin, 'nik', IDENTITY).allowed).toBe(false)
  })
})

describe('the audit entry of a reveal', () => {
  it('names the field and the agency, never a value', () => {
    expect(revealEntryChanges('nik', 'disdukcapil')).toEqual([
      { field: 'nik', from: '', to: '' },
      { field: 'agency', from: '', to: 'disdukcapil' },
    ])
    expect(readRevealEntry(revealEntryChanges('nik', 'disdukcapil'))).toEqual({
      field: 'nik',
      agencyCode: 'disdukcapil',
    })
    expect(readRevealEntry(revealEntryChanges('nik', null))).toEqual({
      field: 'nik',
      agencyCode: null,
    })
  })

  it.each<[string, FieldChange[]]>([
    ['no field', []],
    ['a value in the entry', [{ field: 'nik', from: '', to: '640206******0001' }]],
    ['an agency without a field', [{ field: 'agency', from: '', to: 'disdukcapil' }]],
    [
      'two fields',
      [
        { field: 'nik', from: '', to: '' },
        { field: 'kk', from: '', to: '' },
      ],
    ],
    [
      'more than field and agency',
      [
        { field: 'nik', from: '', to: '' },
        { field: 'agency', from: '', to: 'disdukcapil' },
        { field: 'agency', from: '', to: 'dkp' },
      ],
    ],
  ])('reads no reveal from %s', (_label, changes) => {
    expect(readRevealEntry(changes)).toBeNull()
  })
})

describe('district.json marks the identity agency', () => {
  it('ships Disdukcapil as the one agency checking identity', () => {
    expect(loadDistrict(configJson, regionCsv).config.identityAgencies).toEqual(['disdukcapil'])
  })

  it('refuses a flag that is not true or false', () => {
    const verification = configJson.verification as { agencies: Record<string, unknown>[] }
    const agencies = verification.agencies.map((agency, index) =>
      index === 1 ? { ...agency, checksIdentity: 'ya' } : agency,
    )
    const config = { ...configJson, verification: { ...verification, agencies } }
    expect(() => loadDistrict(config, regionCsv)).toThrow(
      'district.json (.verification.agencies[1].checksIdentity): harus true atau false, tanpa tanda kutip; tertulis "ya"',
    )
  })
})
