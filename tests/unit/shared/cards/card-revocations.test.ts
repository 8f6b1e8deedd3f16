import { describe, expect, it } from 'vitest'
import {
  base64UrlOf,
  issueDeviceCertificate,
  newSigningKeyPair,
  signCardToken,
  verifyCardToken,
  type CardClaims,
} from '@shared/cards/card-token'
import {
  isNewerRevocationList,
  signRevocationList,
  verifyRevocationList,
  type CardRevocationList,
} from '@shared/cards/card-revocations'
import { judgeCard, type PrintRecord } from '@shared/cards/print-log'
import { verdictText } from '@/card-check/verdict-text'

const district = newSigningKeyPair()
const stolenPc = newSigningKeyPair()
const honestPc = newSigningKeyPair()
const certificateOf = (publicKey: Uint8Array) =>
  issueDeviceCertificate(district.secretKey, {
    devicePublicKey: publicKey,
    officeCode: '06-01',
    issuedOn: '2026-01-10',
    expiresOn: '2028-01-10',
  })

const list: CardRevocationList = {
  sequence: 1,
  issuedAt: '2026-12-01T03:00:00.000Z',
  revoked: [
    { devicePublicKey: base64UrlOf(stolenPc.publicKey), revokedAt: '2026-11-20T02:00:00Z' },
  ],
}

const claims: CardClaims = {
  kind: 'card',
  participantId: '3f0c2a7e-8d4b-4c1a-9b7e-2f6d5a4c3b21',
  participantNumber: '0601-000123',
  initials: 'SA',
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  serial: '7K3M-9QX2',
  printedOn: '2026-11-23',
}

const cardBy = (pc: typeof stolenPc, printedOn: string) =>
  verifyCardToken(
    signCardToken(
      { secretKey: pc.secretKey, certificate: certificateOf(pc.publicKey) },
      { ...claims, printedOn },
    ),
    [district.publicKey],
  )

const logged = (printedAt: string): PrintRecord => ({
  serial: claims.serial,
  kind: 'card',
  printedAt,
  printedBy: 'ani',
  officeCode: '06-01',
  validUntil: '2026-12-31',
})

describe('the signed list of revoked PCs', () => {
  it('is trusted when the district signed it, from whatever channel it came', () => {
    const signed = JSON.parse(JSON.stringify(signRevocationList(district.secretKey, list)))
    expect(verifyRevocationList(signed, [district.publicKey])).toMatchObject({ ok: true, list })
  })

  it('is refused when edited, signed by a stranger, or not a list', () => {
    const signed = signRevocationList(district.secretKey, list)
    const emptied = signed.payload.replace(/"revoked":\[.*\]/, '"revoked":[]')
    expect(emptied).not.toBe(signed.payload)
    expect(verifyRevocationList({ ...signed, payload: emptied }, [district.publicKey])).toEqual({
      ok: false,
      reason: 'SIGNATURE_FORGED',
    })
    const stranger = newSigningKeyPair()
    const forged = signRevocationList(stranger.secretKey, { ...list, revoked: [] })
    expect(verifyRevocationList(forged, [district.publicKey])).toEqual({
      ok: false,
      reason: 'UNKNOWN_DISTRICT_KEY',
    })
    // A stranger's signature under the district's key id is still not the district's.
    expect(
      verifyRevocationList({ ...forged, districtKeyId: signed.districtKeyId }, [
        district.publicKey,
      ]),
    ).toEqual({ ok: false, reason: 'SIGNATURE_FORGED' })
    for (const junk of [null, 'x', 42, {}, { ...signed, signature: 'not base64!' }]) {
      expect(verifyRevocationList(junk, [district.publicKey]).ok).toBe(false)
    }
    // Genuinely signed but not a list: refused, not trusted as an empty one.
    const odd = signRevocationList(district.secretKey, {
      ...list,
      revoked: [{ devicePublicKey: 'AAAA', revokedAt: 'kemarin' }],
    })
    expect(verifyRevocationList(odd, [district.publicKey])).toEqual({
      ok: false,
      reason: 'MALFORMED',
    })
  })

  it('never gives way to an older list', () => {
    const longer = { ...list, sequence: 2, issuedAt: '2026-11-30T00:00:00.000Z' }
    expect(isNewerRevocationList(list, undefined)).toBe(true)
    expect(isNewerRevocationList(longer, list)).toBe(true)
    // Issued later but shorter: an old list replayed; refused.
    expect(isNewerRevocationList(list, longer)).toBe(false)
    const reissued = { ...list, issuedAt: '2026-12-02T03:00:00.000Z' }
    expect(isNewerRevocationList(reissued, list)).toBe(true)
    expect(isNewerRevocationList(list, reissued)).toBe(false)
    expect(isNewerRevocationList(list, list)).toBe(false)
  })
})

describe('judging a card signed by a revoked PC', () => {
  const context = { today: '2026-11-24', printLog: undefined, revocations: list }

  it('is refused when printed on or after the day of revocation', () => {
    for (const printedOn of ['2026-11-20', '2026-11-23']) {
      expect(judgeCard(cardBy(stolenPc, printedOn), context)).toMatchObject({
        status: 'revoked-signer',
        revokedAt: '2026-11-20T02:00:00Z',
        printedBeforeRevocation: false,
      })
    }
  })

  it('claiming an earlier print day, needs checking: the day is the revoked PC’s own word', () => {
    expect(judgeCard(cardBy(stolenPc, '2026-11-19'), context)).toMatchObject({
      status: 'revoked-signer',
      printedBeforeRevocation: true,
    })
    // In this PC's print log with a time before the revocation: judged as any card.
    expect(
      judgeCard(cardBy(stolenPc, '2026-11-19'), {
        ...context,
        printLog: [logged('2026-11-19T05:00:00Z')],
      }),
    ).toMatchObject({ status: 'valid', revocation: 'checked' })
    // A log entry from after the revocation does not vouch for a backdated card.
    expect(
      judgeCard(cardBy(stolenPc, '2026-11-19'), {
        ...context,
        printLog: [logged('2026-11-21T05:00:00Z')],
      }),
    ).toMatchObject({ status: 'revoked-signer', printedBeforeRevocation: true })
  })

  it('leaves cards of other PCs, and every card without a list, as they were', () => {
    expect(judgeCard(cardBy(honestPc, '2026-11-23'), context)).toMatchObject({ status: 'valid' })
    expect(
      judgeCard(cardBy(stolenPc, '2026-11-23'), { today: '2026-11-24', printLog: undefined }),
    ).toMatchObject({ status: 'valid', revocation: 'unknown' })
  })

  it('reads as a refusal after the revocation, as "perlu diperiksa" before it', () => {
    const say = (printedOn: string) =>
      verdictText(judgeCard(cardBy(stolenPc, printedOn), context), {
        language: 'id',
        participant: null,
        utcOffsetMinutes: 480,
      })
    expect(say('2026-11-23')).toMatchObject({
      tone: 'reject',
      title: 'DICABUT — ditandatangani perangkat yang sudah dicabut',
    })
    expect(say('2026-11-23').lines[0]).toContain('20 Nov 2026')
    expect(say('2026-11-19')).toMatchObject({
      tone: 'caution',
      title: 'PERLU DIPERIKSA — ditandatangani perangkat yang sudah dicabut',
    })
  })
})
