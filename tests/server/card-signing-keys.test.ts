/**
 * Where the district's card signing key comes from (a key file written by the previous version
 * gets one added, the other two untouched), and how a retired district key stays trusted so cards
 * printed under it keep verifying.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  base64UrlOf,
  bytesOfBase64Url,
  issueDeviceCertificate,
  newCardSerial,
  newSigningKeyPair,
  publicKeyOf,
  signCardToken,
  verifyCardToken,
} from '../../shared/cards/card-token'
import type {
  CardKeysResponse,
  DistrictCardKeysResponse,
  EnrolResponse,
  OfficeInfo,
} from '../../shared/sync/sync-protocol'
import {
  districtPublicKeysOf,
  KEY_FILE_NAME,
  parseTrustedCardKeys,
  resolveKeys,
} from '../../server/keys'
import type { RunningServer } from '../../server/server'
import {
  api,
  createKecamatanOffice,
  enrolAndLogin,
  startTestServer,
  tempDir,
} from './support/server-fixture'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

function readKeyFile(dir: string): Record<string, string> {
  return JSON.parse(readFileSync(join(dir, KEY_FILE_NAME), 'utf8')) as Record<string, string>
}

describe('the district card signing key', () => {
  it('is added to a key file written by the previous version, which keeps its other two keys', () => {
    const dir = tempDir()
    const previous = { tokenKey: hex(randomBytes(32)), dataKey: hex(randomBytes(32)) }
    writeFileSync(join(dir, KEY_FILE_NAME), JSON.stringify(previous), { mode: 0o600 })

    const keys = resolveKeys({ env: {}, keyFileDir: dir })
    expect(hex(keys.tokenKey)).toBe(previous.tokenKey)
    expect(hex(keys.dataKey)).toBe(previous.dataKey)
    expect(keys.cardSigningKey).toHaveLength(32)

    const rewritten = readKeyFile(dir)
    expect(rewritten).toEqual({ ...previous, cardSigningKey: hex(keys.cardSigningKey) })
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600)
    }
    expect(readdirSync(dir)).toEqual([KEY_FILE_NAME]) // no temp file left behind

    // The next start reads the same key and writes nothing.
    const before = statSync(join(dir, KEY_FILE_NAME)).mtimeMs
    const again = resolveKeys({ env: {}, keyFileDir: dir })
    expect(again.cardSigningKey.equals(keys.cardSigningKey)).toBe(true)
    expect(statSync(join(dir, KEY_FILE_NAME)).mtimeMs).toBe(before)
  })

  it('is generated with the others into a new key file', () => {
    const dir = tempDir()
    const keys = resolveKeys({ env: {}, keyFileDir: dir })
    expect(readKeyFile(dir)).toEqual({
      tokenKey: hex(keys.tokenKey),
      dataKey: hex(keys.dataKey),
      cardSigningKey: hex(keys.cardSigningKey),
    })
  })

  it('comes from NAUNGAN_CARD_SIGNING_KEY when set, and then no file is written for it', () => {
    const cardKey = randomBytes(32)
    const tokenKey = randomBytes(32)
    const dataKey = randomBytes(32)
    const env = {
      NAUNGAN_TOKEN_KEY: tokenKey.toString('hex'),
      NAUNGAN_DATA_KEY: dataKey.toString('base64'),
      NAUNGAN_CARD_SIGNING_KEY: cardKey.toString('base64'),
    }
    const dir = tempDir()
    expect(resolveKeys({ env, keyFileDir: dir }).cardSigningKey.equals(cardKey)).toBe(true)
    expect(existsSync(join(dir, KEY_FILE_NAME))).toBe(false)

    const previous = { tokenKey: hex(randomBytes(32)), dataKey: hex(randomBytes(32)) }
    writeFileSync(join(dir, KEY_FILE_NAME), JSON.stringify(previous))
    const keys = resolveKeys({
      env: { NAUNGAN_CARD_SIGNING_KEY: cardKey.toString('hex') },
      keyFileDir: dir,
    })
    expect(keys.cardSigningKey.equals(cardKey)).toBe(true)
    expect(hex(keys.dataKey)).toBe(previous.dataKey)
    expect(readKeyFile(dir)).toEqual(previous)
  })

  it('is required in the environment with DATABASE_URL, and a short one is refused', () => {
    const two = {
      NAUNGAN_TOKEN_KEY: hex(randomBytes(32)),
      NAUNGAN_DATA_KEY: hex(randomBytes(32)),
    }
    expect(() => resolveKeys({ env: two })).toThrow(
      /NAUNGAN_TOKEN_KEY, NAUNGAN_DATA_KEY and NAUNGAN_CARD_SIGNING_KEY must be set.*missing: NAUNGAN_CARD_SIGNING_KEY\./,
    )
    expect(() =>
      resolveKeys({ env: { ...two, NAUNGAN_CARD_SIGNING_KEY: hex(randomBytes(16)) } }),
    ).toThrow(/NAUNGAN_CARD_SIGNING_KEY must be 32 bytes/)
    const all = { ...two, NAUNGAN_CARD_SIGNING_KEY: hex(randomBytes(32)) }
    expect(resolveKeys({ env: all }).cardSigningKey).toHaveLength(32)
  })

  it('never replaces a key file’s missing data key, and never quotes a damaged file', () => {
    const dir = tempDir()
    const secret = hex(randomBytes(32))
    const withoutDataKey = { tokenKey: secret, cardSigningKey: hex(randomBytes(32)) }
    writeFileSync(join(dir, KEY_FILE_NAME), JSON.stringify(withoutDataKey))
    expect(() => resolveKeys({ env: {}, keyFileDir: dir })).toThrow(/has no dataKey/)
    expect(readKeyFile(dir)).toEqual(withoutDataKey)

    writeFileSync(join(dir, KEY_FILE_NAME), `{"tokenKey": "${secret}"`)
    let message = ''
    try {
      resolveKeys({ env: {}, keyFileDir: dir })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/is not valid JSON/)
    expect(message).not.toContain(secret.slice(0, 8))
  })
})

describe('retired district keys (NAUNGAN_CARD_TRUSTED_KEYS)', () => {
  it('accepts base64url public keys and refuses anything else, without quoting it', () => {
    const [a, b] = [newSigningKeyPair(), newSigningKeyPair()]
    expect(parseTrustedCardKeys(undefined)).toEqual([])
    expect(
      parseTrustedCardKeys(` ${base64UrlOf(a.publicKey)} ,${base64UrlOf(b.publicKey)},`),
    ).toEqual([a.publicKey, b.publicKey])
    const secretHex = hex(a.secretKey)
    for (const bad of [secretHex, a.secretKey.toString(), base64UrlOf(a.publicKey.slice(1)), 'x']) {
      expect(() => parseTrustedCardKeys(`${base64UrlOf(b.publicKey)},${bad}`)).toThrow(
        /NAUNGAN_CARD_TRUSTED_KEYS entry 2 is not an Ed25519 public key/,
      )
    }
    try {
      parseTrustedCardKeys(secretHex)
    } catch (error) {
      expect((error as Error).message).not.toContain(secretHex)
    }
    // The current key first, each key once.
    const current = randomBytes(32)
    const currentPublic = base64UrlOf(publicKeyOf(current))
    expect(districtPublicKeysOf(current, [a.publicKey, publicKeyOf(current), a.publicKey])).toEqual(
      [currentPublic, base64UrlOf(a.publicKey)],
    )
  })

  describe('on a server whose district key was rotated', () => {
    const retired = newSigningKeyPair()
    let server: RunningServer
    let office: OfficeInfo

    beforeAll(async () => {
      server = await startTestServer('pglite', {
        env: { NAUNGAN_CARD_TRUSTED_KEYS: base64UrlOf(retired.publicKey) },
      })
      office = await createKecamatanOffice(server, '64.02.06', 1)
    }, 60_000)

    afterAll(async () => {
      await server?.close()
    })

    it('hands out the current key first, then the retired one, and cards of both verify', async () => {
      const current = base64UrlOf(publicKeyOf(server.keys.cardSigningKey))
      const published = await api<DistrictCardKeysResponse>(server.url, 'GET', '/api/card-keys')
      expect(published.body.districtPublicKeys).toEqual([current, base64UrlOf(retired.publicKey)])

      const pc = newSigningKeyPair()
      const { code } = await server.admin.createEnrolmentCode(office.id)
      const enrol = await api<EnrolResponse>(server.url, 'POST', '/api/enrol', {
        body: { code, deviceName: 'PC baru', cardSigningPublicKey: base64UrlOf(pc.publicKey) },
      })
      expect(enrol.body.cardKeys?.districtPublicKeys).toEqual(published.body.districtPublicKeys)
      const trusted = published.body.districtPublicKeys.map(
        (key) => bytesOfBase64Url(key) as Uint8Array,
      )
      const today = new Date().toISOString().slice(0, 10)
      const claims = {
        kind: 'sticker' as const,
        participantId: crypto.randomUUID(),
        participantNumber: '0601-000007',
        initials: 'BS',
        validFrom: '2025-01-01',
        validUntil: '2025-12-31',
        serial: newCardSerial(),
        printedOn: '2025-06-01',
      }
      // A card printed last year under the retired district key.
      const oldPc = newSigningKeyPair()
      const oldCertificate = issueDeviceCertificate(retired.secretKey, {
        devicePublicKey: oldPc.publicKey,
        officeCode: office.code,
        issuedOn: '2025-01-01',
        expiresOn: '2026-12-31',
      })
      const oldCard = signCardToken(
        { secretKey: oldPc.secretKey, certificate: oldCertificate },
        claims,
      )
      expect(verifyCardToken(oldCard, trusted).ok).toBe(true)
      // Without the retired key it would be unknown: what the setting is for.
      expect(verifyCardToken(oldCard, trusted.slice(0, 1))).toEqual({
        ok: false,
        reason: 'UNKNOWN_DISTRICT_KEY',
      })

      const clerk = await enrolAndLogin(server, office)
      const renewed = await api<CardKeysResponse>(server.url, 'POST', '/api/card-certificate', {
        token: clerk.token,
        body: { publicKey: base64UrlOf(pc.publicKey) },
      })
      expect(renewed.status).toBe(200)
      const newCard = signCardToken(
        {
          secretKey: pc.secretKey,
          certificate: bytesOfBase64Url(renewed.body.certificate) as Uint8Array,
        },
        { ...claims, printedOn: today, validFrom: today, validUntil: today },
      )
      expect(verifyCardToken(newCard, trusted).ok).toBe(true)
    })

    it('refuses to start when a trusted key is not a public key', async () => {
      await expect(
        startTestServer('pglite', { env: { NAUNGAN_CARD_TRUSTED_KEYS: 'bukan-kunci' } }),
      ).rejects.toThrow(/NAUNGAN_CARD_TRUSTED_KEYS entry 1/)
    })
  })
})
