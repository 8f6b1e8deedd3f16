import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createKeychainStore,
  KEYCHAIN_FILE_NAME,
  type SecretCipher,
} from '../../../../electron/main/keychain-store'

/**
 * A stand-in for the OS keychain (safeStorage), not a mock of our code: a reversible cipher with
 * a per-"machine" key, so a file from another machine fails to decrypt like it would for real.
 */
function fakeOsKeychain(machineKey = 0x5a, isAvailable = true): SecretCipher {
  const xor = (bytes: Uint8Array) => Uint8Array.from(bytes, (byte) => byte ^ machineKey)
  // The marker names the machine, so another machine's blob is refused like a real keychain does.
  const marker = Buffer.from(`fake-os-keychain-${machineKey}:`)
  return {
    isAvailable: () => isAvailable,
    encrypt: (plainText) => Buffer.concat([marker, xor(Buffer.from(plainText, 'utf8'))]),
    decrypt: (cipherText) => {
      if (!cipherText.subarray(0, marker.length).equals(marker)) throw new Error('bad blob')
      return Buffer.from(xor(cipherText.subarray(marker.length))).toString('utf8')
    },
  }
}

describe('keychain store', () => {
  let directory: string
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'naungan-keychain-'))
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  const store = (cipher = fakeOsKeychain()) => createKeychainStore({ directory, cipher })
  const keychainFile = () => join(directory, KEYCHAIN_FILE_NAME)

  it('creates a random 256-bit hex key on first use', async () => {
    const secret = await store().getOrCreateSecret('database-key')
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
  })

  it('returns the same key after a restart', async () => {
    const first = await store().getOrCreateSecret('database-key')
    const afterRestart = await store().getOrCreateSecret('database-key')
    expect(afterRestart).toBe(first)
  })

  it('gives each installation its own key', async () => {
    const here = await store().getOrCreateSecret('database-key')
    const otherDirectory = await mkdtemp(join(tmpdir(), 'naungan-keychain-'))
    try {
      const elsewhere = await createKeychainStore({
        directory: otherDirectory,
        cipher: fakeOsKeychain(),
      }).getOrCreateSecret('database-key')
      expect(elsewhere).not.toBe(here)
    } finally {
      await rm(otherDirectory, { recursive: true, force: true })
    }
  })

  it('never writes the key in clear', async () => {
    const secret = await store().getOrCreateSecret('database-key')
    const onDisk = await readFile(keychainFile())
    expect(onDisk.toString('utf8')).not.toContain(secret)
    expect(onDisk.includes(Buffer.from(secret, 'hex'))).toBe(false)
  })

  it('hands out one key when two first calls race', async () => {
    const keychain = store()
    const [a, b, c] = await Promise.all([
      keychain.getOrCreateSecret('database-key'),
      keychain.getOrCreateSecret('database-key'),
      keychain.getOrCreateSecret('database-key'),
    ])
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(await store().getOrCreateSecret('database-key')).toBe(a)
  })

  it.each(['unknown', 'Database-Key', 'database-key ', '', '__proto__', 42, null, undefined])(
    'refuses the unknown secret name %j',
    async (name) => {
      await expect(store().getOrCreateSecret(name)).rejects.toThrow(/^KEYCHAIN_UNKNOWN_SECRET/)
    },
  )

  it('refuses to create a key when the OS keychain cannot encrypt', async () => {
    await expect(
      store(fakeOsKeychain(0x5a, false)).getOrCreateSecret('database-key'),
    ).rejects.toThrow(/^KEYCHAIN_UNAVAILABLE/)
    await expect(readFile(keychainFile())).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it.each([
    ['not JSON', '{"version":1,"secr'],
    ['empty', ''],
    ['wrong version', '{"version":2,"secrets":{}}'],
    ['secrets not an object', '{"version":1,"secrets":[]}'],
    ['non-string entry', '{"version":1,"secrets":{"database-key":42}}'],
  ])('reports a corrupted file (%s) and leaves it alone', async (_why, content) => {
    await writeFile(keychainFile(), content)
    await expect(store().getOrCreateSecret('database-key')).rejects.toThrow(
      /^KEYCHAIN_FILE_CORRUPT/,
    )
    expect(await readFile(keychainFile(), 'utf8')).toBe(content)
  })

  it('reports a key that decrypts to something that is not a key', async () => {
    const blob = Buffer.from(fakeOsKeychain().encrypt('not-a-key')).toString('base64')
    await writeFile(
      keychainFile(),
      JSON.stringify({ version: 1, secrets: { 'database-key': blob } }),
    )
    await expect(store().getOrCreateSecret('database-key')).rejects.toThrow(
      /^KEYCHAIN_FILE_CORRUPT/,
    )
  })

  it('cannot read a key file copied from another machine', async () => {
    await store(fakeOsKeychain(0x11)).getOrCreateSecret('database-key')
    const copied = await readFile(keychainFile(), 'utf8')
    await expect(store(fakeOsKeychain(0x22)).getOrCreateSecret('database-key')).rejects.toThrow(
      /^KEYCHAIN_(DECRYPT_FAILED|FILE_CORRUPT)/,
    )
    expect(await readFile(keychainFile(), 'utf8')).toBe(copied)
  })

  it('recovers from a failed call: the next call still works', async () => {
    const keychain = store()
    await expect(keychain.getOrCreateSecret('nope')).rejects.toThrow()
    await expect(keychain.getOrCreateSecret('database-key')).resolves.toMatch(/^[0-9a-f]{64}$/)
  })

  describe('stored secrets (the device credential)', () => {
    const credential = JSON.stringify({ deviceId: 'dev-1', deviceSecret: 's3cret-from-server' })

    it('has none until one is kept', async () => {
      expect(await store().getSecret('device-credential')).toBeNull()
    })

    it('keeps a credential across a restart, never in clear', async () => {
      await store().setSecret('device-credential', credential)
      expect(await store().getSecret('device-credential')).toBe(credential)
      const onDisk = await readFile(keychainFile(), 'utf8')
      expect(onDisk).not.toContain('s3cret-from-server')
    })

    it('replaces and forgets a credential, and leaves the database key alone', async () => {
      const databaseKey = await store().getOrCreateSecret('database-key')
      await store().setSecret('device-credential', credential)
      await store().setSecret('device-credential', 'replacement')
      expect(await store().getSecret('device-credential')).toBe('replacement')
      await store().setSecret('device-credential', null)
      expect(await store().getSecret('device-credential')).toBeNull()
      expect(await store().getOrCreateSecret('database-key')).toBe(databaseKey)
    })

    it('keeps both when a key is created and a credential set at once', async () => {
      const keychain = store()
      const [databaseKey] = await Promise.all([
        keychain.getOrCreateSecret('database-key'),
        keychain.setSecret('device-credential', credential),
      ])
      expect(await store().getOrCreateSecret('database-key')).toBe(databaseKey)
      expect(await store().getSecret('device-credential')).toBe(credential)
    })

    it.each(['database-key', 'Device-Credential', '', '__proto__', 7, null])(
      'refuses the name %j for stored secrets',
      async (name) => {
        await expect(store().getSecret(name)).rejects.toThrow(/^KEYCHAIN_UNKNOWN_SECRET/)
        await expect(store().setSecret(name, 'x')).rejects.toThrow(/^KEYCHAIN_UNKNOWN_SECRET/)
      },
    )

    it('never hands the device credential out through getOrCreateSecret', async () => {
      await expect(store().getOrCreateSecret('device-credential')).rejects.toThrow(
        /^KEYCHAIN_UNKNOWN_SECRET/,
      )
    })

    it.each([
      ['empty', ''],
      ['a number', 42],
      ['an object', {}],
      ['too long', 'x'.repeat(4097)],
    ])('refuses %s as a value', async (_why, value) => {
      await expect(store().setSecret('device-credential', value)).rejects.toThrow(
        /^KEYCHAIN_BAD_VALUE/,
      )
    })

    it('refuses to keep a credential when the OS keychain cannot encrypt', async () => {
      await expect(
        store(fakeOsKeychain(0x5a, false)).setSecret('device-credential', credential),
      ).rejects.toThrow(/^KEYCHAIN_UNAVAILABLE/)
      await expect(readFile(keychainFile())).rejects.toMatchObject({ code: 'ENOENT' })
    })

    it('reports a credential that cannot be decrypted on this machine', async () => {
      await store(fakeOsKeychain(0x11)).setSecret('device-credential', credential)
      await expect(store(fakeOsKeychain(0x22)).getSecret('device-credential')).rejects.toThrow(
        /^KEYCHAIN_DECRYPT_FAILED/,
      )
    })
  })
})
