import { describe, expect, it } from 'vitest'
import { ReadsFirst } from '@/core/store/reads-first'

/** Lets every promise callback queued so far run. */
const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('a query goes ahead of the next write slice', () => {
  it('a write about to start waits while a query runs, and goes when it ends', async () => {
    const reads = new ReadsFirst(60_000)
    let answer: (rows: string[]) => void = () => undefined
    const query = reads.read(() => new Promise<string[]>((resolve) => (answer = resolve)))
    let hasWritten = false
    const write = reads.beforeWrite().then(() => (hasWritten = true))
    await settle()
    expect(hasWritten).toBe(false)

    answer(['Ahmad Yani'])
    expect(await query).toEqual(['Ahmad Yani'])
    await write
    expect(hasWritten).toBe(true)
  })

  it('a write goes at once when no query runs', async () => {
    const reads = new ReadsFirst(60_000)
    await reads.read(async () => 'done')
    let hasWritten = false
    void reads.beforeWrite().then(() => (hasWritten = true))
    await settle()
    expect(hasWritten).toBe(true)
  })

  it('a query that fails still lets the writes go', async () => {
    const reads = new ReadsFirst(60_000)
    let fail: (error: Error) => void = () => undefined
    const query = reads.read(() => new Promise((_resolve, reject) => (fail = reject)))
    const write = reads.beforeWrite()
    fail(new Error('QuotaExceededError'))
    await expect(query).rejects.toThrow('QuotaExceededError')
    await write
  })

  it('waits for the last of several queries', async () => {
    const reads = new ReadsFirst(60_000)
    const answers: (() => void)[] = []
    const first = reads.read(() => new Promise<void>((resolve) => answers.push(resolve)))
    const second = reads.read(() => new Promise<void>((resolve) => answers.push(resolve)))
    let hasWritten = false
    const write = reads.beforeWrite().then(() => (hasWritten = true))
    answers[0]!()
    await first
    await settle()
    expect(hasWritten).toBe(false)
    answers[1]!()
    await second
    await write
    expect(hasWritten).toBe(true)
  })

  it('a query that never ends holds a write back only for the longest wait', async () => {
    const reads = new ReadsFirst(10)
    void reads.read(() => new Promise(() => undefined))
    // Resolves (the test would time out otherwise): a stuck count cannot stall the sync.
    await reads.beforeWrite()
    await reads.beforeWrite()
    // And a writer that stopped waiting is not remembered (a stuck query, writes going on).
    expect(reads.waitingWriters).toBe(0)
  })
})
