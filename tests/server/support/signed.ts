import { expect } from 'vitest'

/**
 * `doc` as the server hands it back: the same fields, and the server's receipt for it
 * (shared/sync/receipt.ts), whose signature a test cannot know in advance. (Apart from
 * server-fixture.ts, which the e2e harness also runs outside vitest.)
 */
export function signed<T extends object>(doc: T): T {
  return {
    ...doc,
    receipt: expect.objectContaining({ g: expect.any(String), sig: expect.any(String) }),
  } as T
}
