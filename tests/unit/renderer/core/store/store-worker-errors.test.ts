import { describe, expect, it } from 'vitest'
import { withoutRequest } from '@/core/store/store-in-worker'

/** The error RxDB's remote storage throws in the window when the store's worker refuses a write. */
function remoteError(params: unknown, error: unknown): Error {
  return new Error(
    'could not requestRemote: ' +
      JSON.stringify({ methodName: 'bulkWrite', params, error }, null, 4),
  )
}

describe('errors from the store worker', () => {
  it('keep the worker’s reason and drop the records of the request', () => {
    const write = {
      document: { id: 'p-1', nik: '6402061705800001', kk: '6402060101090001', phone: '0812' },
    }
    const error = remoteError([[write], 'participants-write'], {
      name: 'Error',
      message: 'Field nik could not be decrypted; refusing to overwrite it.',
    })
    const clean = withoutRequest(error, 'bulkWrite') as Error
    expect(clean.name).toBe('StoreWorkerError')
    expect(clean.message).toBe(
      'The store worker refused bulkWrite: Error: Field nik could not be decrypted; refusing to overwrite it.',
    )
    for (const secret of ['6402061705800001', '6402060101090001', '0812']) {
      expect(clean.message).not.toContain(secret)
      expect(String(clean.stack)).not.toContain(secret)
    }
  })

  it('say nothing of a message that is not RxDB’s JSON, and leave other errors as they are', () => {
    const broken = new Error('could not requestRemote: {"params": [6402061705800001')
    expect((withoutRequest(broken, 'query') as Error).message).toBe(
      'The store worker refused query: unknown',
    )
    const other = new TypeError('x is not a function')
    expect(withoutRequest(other, 'query')).toBe(other)
  })
})
