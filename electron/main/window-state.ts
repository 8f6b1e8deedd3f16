import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomicallySync } from './atomic-write'

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState extends Rectangle {
  isMaximized: boolean
}

/** What the BrowserWindow is created with. No x/y means "let the OS centre it". */
export interface InitialWindowBounds {
  x?: number
  y?: number
  width: number
  height: number
  isMaximized: boolean
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const
// The registration form with its side list needs this much; smaller is unusable, not compact.
export const MIN_WINDOW_SIZE = { width: 800, height: 600 } as const
/** How much of the window (in both directions) must be on a display to keep its position. */
const MIN_VISIBLE_EDGE = 100

export const WINDOW_STATE_FILE_NAME = 'window-state.json'

export function windowStateFilePath(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE_NAME)
}

function isFiniteInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value)
}

/** Accepts only a well-formed saved state; anything else (garbage, wrong types) is `undefined`. */
export function parseWindowState(json: string): WindowState | undefined {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { x, y, width, height, isMaximized } = value as Record<string, unknown>
  if (![x, y, width, height].every(isFiniteInteger)) return undefined
  if ((width as number) <= 0 || (height as number) <= 0) return undefined
  return {
    x: x as number,
    y: y as number,
    width: width as number,
    height: height as number,
    isMaximized: isMaximized === true,
  }
}

function overlapOf(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

function sizeFittingWorkArea(
  wanted: { width: number; height: number },
  workArea: Rectangle | undefined,
): { width: number; height: number } {
  if (workArea === undefined) {
    return {
      width: Math.max(wanted.width, MIN_WINDOW_SIZE.width),
      height: Math.max(wanted.height, MIN_WINDOW_SIZE.height),
    }
  }
  // On a display smaller than the minimum, the display wins: a window that does not fit is worse.
  return {
    width: clamp(wanted.width, Math.min(MIN_WINDOW_SIZE.width, workArea.width), workArea.width),
    height: clamp(
      wanted.height,
      Math.min(MIN_WINDOW_SIZE.height, workArea.height),
      workArea.height,
    ),
  }
}

/**
 * Turns a saved state into bounds that are visible on the current displays. A monitor that was
 * unplugged since last time must not leave the window off-screen, so a window that barely touches
 * any display is re-centred on the primary one (the first work area).
 */
export function initialWindowBounds(
  saved: WindowState | undefined,
  workAreas: readonly Rectangle[],
): InitialWindowBounds {
  const primary = workAreas[0]
  if (saved === undefined) {
    return { ...sizeFittingWorkArea(DEFAULT_WINDOW_SIZE, primary), isMaximized: false }
  }

  // The display showing most of the window, provided enough of it shows to be grabbed.
  let bestDisplay: Rectangle | undefined
  let bestArea = 0
  for (const workArea of workAreas) {
    const overlap = overlapOf(saved, workArea)
    const isGrabbable = overlap.width >= MIN_VISIBLE_EDGE && overlap.height >= MIN_VISIBLE_EDGE
    if (isGrabbable && overlap.width * overlap.height > bestArea) {
      bestArea = overlap.width * overlap.height
      bestDisplay = workArea
    }
  }
  if (bestDisplay === undefined) {
    return { ...sizeFittingWorkArea(saved, primary), isMaximized: saved.isMaximized }
  }

  const size = sizeFittingWorkArea(saved, bestDisplay)
  return {
    x: clamp(saved.x, bestDisplay.x, bestDisplay.x + bestDisplay.width - size.width),
    y: clamp(saved.y, bestDisplay.y, bestDisplay.y + bestDisplay.height - size.height),
    ...size,
    isMaximized: saved.isMaximized,
  }
}

/** A missing or unreadable file simply means "no saved state". */
export async function loadWindowState(filePath: string): Promise<WindowState | undefined> {
  try {
    return parseWindowState(await readFile(filePath, 'utf8'))
  } catch {
    return undefined
  }
}

/** Synchronous on purpose: it runs on window close, right before the process may exit. */
export function saveWindowStateSync(filePath: string, state: WindowState): void {
  writeFileAtomicallySync(filePath, `${JSON.stringify(state, null, 2)}\n`)
}
