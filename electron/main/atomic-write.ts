import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export interface AtomicWriteOptions {
  /** File mode for a new file, e.g. 0o600 for the keychain file. */
  mode?: number
}

// The temporary file sits next to the target so the rename stays on one file system, which is
// what makes it atomic: a crash leaves either the old file or the new one, never half of either.
function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
}

export async function writeFileAtomically(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temporary = temporaryPathFor(target)
  try {
    const handle = await open(temporary, 'wx', options.mode ?? 0o644)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** For the few moments where the process may exit before a promise settles (window close). */
export function writeFileAtomicallySync(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const temporary = temporaryPathFor(target)
  try {
    const descriptor = openSync(temporary, 'wx', options.mode ?? 0o644)
    try {
      writeFileSync(descriptor, data)
      fsyncSync(descriptor)
    } finally {
      closeSync(descriptor)
    }
    renameSync(temporary, target)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
