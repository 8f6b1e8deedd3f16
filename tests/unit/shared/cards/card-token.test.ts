import { ed25519 } from '@noble/curves/ed25519.js'
import { describe, expect, it } from 'vitest'
import { decodeBase45, encodeBase45 } from '@shared/cards/base45'
import {
  CARD_TOKEN_PREFIX,
  cardTokenSigner,
  initialsOf,
  isCardSerial,
  issueDeviceCertificate,
  newCardSerial,
  newSigningKeyPair,
  parseDeviceCertificate,
  signCardToken,
  verifyCardToken,
  type CardClaims,
} from '@shared/cards/card-token'
import { judgeCard, type PrintRecord } from '@shared/cards/print-log'

const district = newSigningKeyPair()
const otherDistrict = newSigningKeyPair()
const device = newSigningKeyPair()
const certificate = issueDeviceCertificate(district.secretKey, {
  devicePublicKey: device.publicKey,
  officeCode: '06-01',
  issuedOn: '2026-01-10',
  expiresOn: '2028-01-10',
})
const signer = { secretKey: device.secretKey, certificate }

const claims: CardClaims = {
  kind: 'card',
  participantId: '3f0c2a7e-8d4b-4c1a-9b7e-2f6d5a4c3b21',
  participantNumber: '06-01-000123',
  initials: 'SA',
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  serial: '7K3M-9QX2',
  printedOn: '2026-11-23',
}

describe('base45', () => {
  it('round-trips every byte value and odd lengths (RFC 9285 examples)', () => {
    expect(encodeBase45(new TextEncoder().encode('AB'))).toBe('BB8')
    expect(encodeBase45(new TextEncoder().encode('Hello!!'))).toBe('%69 VD92EX0')
    const all = Uint8Array.from({ length: 257 }, (_, index) => index % 256)
    expect(decodeBase45(encodeBase45(all))).toEqual(all)
  })

  it('refuses text that is not base45', () => {
    expect(decodeBase45('GGW')).toBeNull() // 65536 + … is above 0xFFFF
    expect(decodeBase45('a')).toBeNull()
    expect(decodeBase45('BB8x')).toBeNull()
  })
})

describe('card tokens', () => {
  const token = signCardToken(signer, claims)

  it('signs a batch with the bytes ed25519.sign gives each token (key derived once)', () => {
    const signBatch = cardTokenSigner(signer)
    const domain = new TextEncoder().encode('naungan/card-claims/v1\0')
    for (let index = 0; index < 20; index += 1) {
      const each = { ...claims, participantNumber: `06-01-${String(index).padStart(6, '0')}` }
      const batchToken = signBatch(each)
      expect(batchToken).toBe(signCardToken(signer, each))
      const bytes = decodeBase45(batchToken.slice(CARD_TOKEN_PREFIX.length))!
      const signed = bytes.subarray(0, bytes.length - 64)
      const message = new Uint8Array([...domain, ...signed])
      expect(bytes.subarray(bytes.length - 64)).toEqual(ed25519.sign(message, signer.secretKey))
      expect(verifyCardToken(batchToken, [district.publicKey])).toMatchObject({ ok: true })
    }
  })

  it('fits a small QR code and carries no NIK', () => {
    expect(token.startsWith(CARD_TOKEN_PREFIX)).toBe(true)
    expect(token).toMatch(/^[0-9A-Z $%*+\-./:]+$/)
    expect(token.length).toBeLessThan(400)
  })

  it('verifies with the district public key alone and gives the claims back', () => {
    const check = verifyCardToken(token, [otherDistrict.publicKey, district.publicKey])
    expect(check).toEqual({
      ok: true,
      claims,
      certificate: expect.objectContaining({ officeCode: '06-01', expiresOn: '2028-01-10' }),
    })
  })

  it('keeps non-UUID ids and non-Latin initials intact', () => {
    const odd = { ...claims, participantId: 'p-17', initials: initialsOf('王 小明') }
    const check = verifyCardToken(signCardToken(signer, odd), [district.publicKey])
    expect(check.ok && check.claims).toEqual(odd)
  })

  it('tells forged from unknown from damaged', () => {
    expect(verifyCardToken(token, [otherDistrict.publicKey])).toEqual({
      ok: false,
      reason: 'UNKNOWN_DISTRICT_KEY',
    })
    expect(verifyCardToken('https://example.com', [district.publicKey])).toEqual({
      ok: false,
      reason: 'NOT_A_NAUNGAN_CODE',
    })
    expect(verifyCardToken(token.slice(0, -6), [district.publicKey]).ok).toBe(false)
    // A PC that certified itself with a key the district never signed.
    const rogue = newSigningKeyPair()
    const selfMade = issueDeviceCertificate(rogue.secretKey, {
      devicePublicKey: rogue.publicKey,
      officeCode: '06-01',
      issuedOn: '2026-01-10',
      expiresOn: '2028-01-10',
    })
    // Same key id as the real district (the rogue copies it) but a signature that does not match.
    selfMade.set(certificate.subarray(1, 5), 1)
    expect(
      verifyCardToken(
        signCardToken({ secretKey: rogue.secretKey, certificate: selfMade }, claims),
        [district.publicKey],
      ),
    ).toEqual({ ok: false, reason: 'CERTIFICATE_FORGED' })
  })

  it('fails when any claim is edited after printing', () => {
    const bytes = decodeBase45(token.slice(CARD_TOKEN_PREFIX.length))!
    let failures = 0
    // Flip one bit in every byte after the certificate: each must break the device signature.
    for (let index = certificate.length; index < bytes.length; index += 1) {
      const tampered = bytes.slice()
      tampered[index] = tampered[index]! ^ 0x01
      const check = verifyCardToken(CARD_TOKEN_PREFIX + encodeBase45(tampered), [
        district.publicKey,
      ])
      if (!check.ok) failures += 1
    }
    expect(failures).toBe(bytes.length - certificate.length)
  })

  it('refuses cards printed outside the certificate period', () => {
    const late = signCardToken(signer, { ...claims, printedOn: '2028-02-01' })
    expect(verifyCardToken(late, [district.publicKey])).toEqual({
      ok: false,
      reason: 'CERTIFICATE_NOT_VALID_THEN',
    })
  })

  it('parses stored certificates and makes readable serials', () => {
    expect(parseDeviceCertificate(certificate)?.officeCode).toBe('06-01')
    expect(parseDeviceCertificate(certificate.slice(0, 20))).toBeNull()
    const serial = newCardSerial()
    expect(isCardSerial(serial)).toBe(true)
    expect(serial).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(isCardSerial('IIII-OOOO')).toBe(false)
    expect(initialsOf('  Siti   Aminah binti Tohir bin Ali ')).toBe('SABT')
  })
})

describe('judging a scanned card', () => {
  const token = signCardToken(signer, claims)
  const check = verifyCardToken(token, [district.publicKey])
  const printed = (serial: string, printedAt: string): PrintRecord => ({
    serial,
    kind: 'card',
    printedAt,
    printedBy: 'ani',
    officeCode: '06-01',
    validUntil: '2026-12-31',
  })

  it('is valid within its period, checked when this PC knows the print', () => {
    expect(
      judgeCard(check, {
        today: '2026-11-24',
        printLog: [printed('7K3M-9QX2', '2026-11-23T02:00:00Z')],
      }),
    ).toMatchObject({
      status: 'valid',
      revocation: 'checked',
    })
    expect(judgeCard(check, { today: '2026-11-24', printLog: undefined })).toMatchObject({
      status: 'valid',
      revocation: 'unknown',
    })
  })

  it('is revoked once a reprint exists, expired after its period', () => {
    const log = [
      printed('7K3M-9QX2', '2026-11-23T02:00:00Z'),
      printed('AAAA-BBBB', '2026-11-25T02:00:00Z'),
    ]
    expect(judgeCard(check, { today: '2026-11-26', printLog: log })).toMatchObject({
      status: 'revoked',
      replacedBy: { serial: 'AAAA-BBBB' },
    })
    expect(judgeCard(check, { today: '2027-01-01', printLog: undefined }).status).toBe('expired')
    expect(judgeCard(check, { today: '2025-12-31', printLog: undefined }).status).toBe(
      'not-yet-valid',
    )
    expect(
      judgeCard({ ok: false, reason: 'SIGNATURE_FORGED' }, { today: '2026-11-26', printLog: log }),
    ).toEqual({
      status: 'forged',
      reason: 'SIGNATURE_FORGED',
    })
  })

  it.each([
    ['draft', 'not-covered'],
    ['submitted', 'not-covered'],
    ['returned', 'not-covered'],
    ['approved', 'not-covered'],
    ['ended', 'not-covered'],
    ['enrolled', 'valid'],
    ['active', 'valid'],
  ] as const)(
    'a genuine card of a participant this PC holds as %s is %s',
    (participantStatus, verdict) => {
      const judged = judgeCard(check, {
        today: '2026-11-24',
        printLog: [printed('7K3M-9QX2', '2026-11-23T02:00:00Z')],
        participantStatus,
      })
      expect(judged.status).toBe(verdict)
      if (judged.status === 'not-covered') expect(judged.participantStatus).toBe(participantStatus)
    },
  )

  it('says a genuine card of a person reported dead is of someone deceased, whatever else holds', () => {
    // The current card, still in its period: only the death makes it invalid.
    const current = [printed('7K3M-9QX2', '2026-11-23T02:00:00Z')]
    expect(
      judgeCard(check, {
        today: '2026-11-24',
        printLog: current,
        participantStatus: 'ended',
        dateOfDeath: '2026-11-20',
      }),
    ).toMatchObject({ status: 'deceased', dateOfDeath: '2026-11-20' })
    // A replaced card of the same person says the same: the person matters more than the serial.
    const replaced = [...current, printed('AAAA-BBBB', '2026-11-25T02:00:00Z')]
    expect(
      judgeCard(check, { today: '2026-11-26', printLog: replaced, dateOfDeath: '2026-11-20' })
        .status,
    ).toBe('deceased')
    // A forged one is still forged first.
    expect(
      judgeCard(
        { ok: false, reason: 'SIGNATURE_FORGED' },
        { today: '2026-11-26', printLog: current, dateOfDeath: '2026-11-20' },
      ).status,
    ).toBe('forged')
  })
})
