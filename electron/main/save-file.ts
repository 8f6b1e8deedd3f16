import type { SaveFileRequest, SaveFileResult } from '../../shared/platform/platform-contract'
import { writeFileAtomically } from './atomic-write'

/** Asks the user where to save; `undefined` means they cancelled. */
export type SaveLocationChooser = (request: SaveFileRequest) => Promise<string | undefined>

export async function saveFileToChosenLocation(
  request: SaveFileRequest,
  chooseLocation: SaveLocationChooser,
): Promise<SaveFileResult> {
  const location = await chooseLocation(request)
  if (location === undefined || location === '') return { saved: false, reason: 'CANCELLED' }
  try {
    await writeFileAtomically(location, request.data)
  } catch (error) {
    // The renderer only needs to know it failed; the path and errno belong in the log.
    console.error(`saveFile: could not write ${location}`, error)
    return { saved: false, reason: 'WRITE_FAILED' }
  }
  return { saved: true, location }
}
