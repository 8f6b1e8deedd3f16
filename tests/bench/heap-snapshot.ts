/**
 * A V8 heap snapshot of a page, for the benchmarks' heap diagnoses (summarise one with
 * tests/bench/app-sync/heap-summary.ts). Taking it collects garbage first and pauses the page.
 */
import { createWriteStream, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { CDPSession } from '@playwright/test'

/** Streams the page's heap snapshot to `file` (its folder made if missing). */
export async function writeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true })
  const out = createWriteStream(file)
  const onChunk = ({ chunk }: { chunk: string }) => out.write(chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
    await new Promise<void>((done, fail) =>
      out.end((error?: Error | null) => (error ? fail(error) : done())),
    )
  }
}

/** The page's V8 heap in use (CDP Runtime.getHeapUsage). */
export async function heapInUse(cdp: CDPSession): Promise<number> {
  return (await cdp.send('Runtime.getHeapUsage')).usedSize
}
