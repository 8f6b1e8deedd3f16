import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_SIZE,
  initialWindowBounds,
  loadWindowState,
  MIN_WINDOW_SIZE,
  parseWindowState,
  saveWindowStateSync,
  windowStateFilePath,
  type Rectangle,
  type WindowState,
} from '../../../../electron/main/window-state'

const laptop: Rectangle = { x: 0, y: 0, width: 1366, height: 728 }
// A second monitor to the right of the laptop, as at the kecamatan office.
const monitorOnTheRight: Rectangle = { x: 1366, y: 0, width: 1920, height: 1040 }

const state = (rectangle: Rectangle, isMaximized = false): WindowState => ({
  ...rectangle,
  isMaximized,
})

describe('parseWindowState', () => {
  it('reads a well-formed state', () => {
    expect(
      parseWindowState('{"x":10,"y":20,"width":1000,"height":700,"isMaximized":true}'),
    ).toEqual({ x: 10, y: 20, width: 1000, height: 700, isMaximized: true })
  })

  it('treats a missing isMaximized as not maximised', () => {
    expect(parseWindowState('{"x":0,"y":0,"width":900,"height":700}')?.isMaximized).toBe(false)
  })

  it.each([
    ['empty file', ''],
    ['truncated write', '{"x":10,"y":'],
    ['not JSON', 'jendela besar'],
    ['null', 'null'],
    ['an array', '[10, 20, 1000, 700]'],
    ['a number', '42'],
    ['strings for numbers', '{"x":"10","y":"20","width":"1000","height":"700"}'],
    ['missing height', '{"x":10,"y":20,"width":1000}'],
    ['fractional size', '{"x":0,"y":0,"width":1000.5,"height":700}'],
    ['zero width', '{"x":0,"y":0,"width":0,"height":700}'],
    ['negative height', '{"x":0,"y":0,"width":1000,"height":-700}'],
    ['huge number', '{"x":1e300,"y":0,"width":1000,"height":700}'],
  ])('ignores %s', (_why, json) => {
    expect(parseWindowState(json)).toBeUndefined()
  })
})

describe('initialWindowBounds', () => {
  it('uses the default size, centred by the OS, when nothing was saved', () => {
    expect(initialWindowBounds(undefined, [monitorOnTheRight])).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      isMaximized: false,
    })
  })

  it('shrinks the default size to a small laptop screen', () => {
    expect(initialWindowBounds(undefined, [laptop])).toEqual({
      width: DEFAULT_WINDOW_SIZE.width,
      height: laptop.height,
      isMaximized: false,
    })
  })

  it('keeps a saved window that is fully visible', () => {
    const saved = state({ x: 100, y: 50, width: 1000, height: 650 }, true)
    expect(initialWindowBounds(saved, [laptop])).toEqual(saved)
  })

  it('keeps a window on the second monitor while it is plugged in', () => {
    const saved = state({ x: 1500, y: 100, width: 1200, height: 800 })
    expect(initialWindowBounds(saved, [laptop, monitorOnTheRight])).toEqual(saved)
  })

  it('re-centres a window whose monitor was unplugged', () => {
    const saved = state({ x: 1500, y: 100, width: 1200, height: 800 })
    expect(initialWindowBounds(saved, [laptop])).toEqual({
      width: 1200,
      height: 728,
      isMaximized: false,
    })
  })

  it.each([
    ['far off to the left', { x: -5000, y: 0, width: 1000, height: 700 }],
    ['far below', { x: 0, y: 9000, width: 1000, height: 700 }],
    ['only a sliver visible', { x: 1366 - 20, y: 0, width: 1000, height: 700 }],
  ])('re-centres a window %s', (_why, bounds) => {
    const result = initialWindowBounds(state(bounds), [laptop])
    expect(result.x).toBeUndefined()
    expect(result.y).toBeUndefined()
  })

  it('pulls a half-visible window fully onto its display', () => {
    const result = initialWindowBounds(state({ x: 800, y: -200, width: 1000, height: 700 }), [
      laptop,
    ])
    expect(result).toEqual({ x: 366, y: 0, width: 1000, height: 700, isMaximized: false })
  })

  it.each([
    ['tiny', { x: 10, y: 10, width: 50, height: 30 }],
    ['one pixel', { x: 10, y: 10, width: 1, height: 1 }],
  ])('grows a %s window to the minimum size', (_why, bounds) => {
    const result = initialWindowBounds(state(bounds), [laptop])
    expect(result.width).toBe(MIN_WINDOW_SIZE.width)
    expect(result.height).toBe(MIN_WINDOW_SIZE.height)
  })

  it('never makes a window larger than its display, even below the minimum size', () => {
    const netbook: Rectangle = { x: 0, y: 0, width: 640, height: 480 }
    expect(
      initialWindowBounds(state({ x: 0, y: 0, width: 1920, height: 1080 }), [netbook]),
    ).toEqual({ x: 0, y: 0, width: 640, height: 480, isMaximized: false })
  })

  it('works with no display information at all', () => {
    expect(initialWindowBounds(state({ x: 0, y: 0, width: 10, height: 10 }), [])).toEqual({
      ...MIN_WINDOW_SIZE,
      isMaximized: false,
    })
  })
})

describe('window state file', () => {
  let directory: string
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'naungan-window-state-'))
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('round-trips through the file and leaves no temporary file behind', async () => {
    const file = windowStateFilePath(directory)
    const saved = state({ x: 5, y: 6, width: 1000, height: 700 }, true)
    saveWindowStateSync(file, saved)
    saveWindowStateSync(file, { ...saved, isMaximized: false })
    expect(await loadWindowState(file)).toEqual({ ...saved, isMaximized: false })
    expect(await readdir(directory)).toEqual(['window-state.json'])
  })

  it('treats a missing file as no saved state', async () => {
    expect(await loadWindowState(windowStateFilePath(directory))).toBeUndefined()
  })

  it('treats a garbage file as no saved state', async () => {
    const file = windowStateFilePath(directory)
    await writeFile(file, '\u0000\u0000garbage')
    expect(await loadWindowState(file)).toBeUndefined()
    expect(await readFile(file, 'utf8')).toContain('garbage')
  })
})
