import { join } from 'node:path'
import { BrowserWindow, screen } from 'electron'
import { APP_ENTRY_URL } from './trusted-url'
import {
  initialWindowBounds,
  loadWindowState,
  saveWindowStateSync,
  windowStateFilePath,
} from './window-state'

export async function createMainWindow(options: {
  userDataDir: string
  preloadPath: string
  isPackaged: boolean
}): Promise<BrowserWindow> {
  const stateFile = windowStateFilePath(options.userDataDir)
  const bounds = initialWindowBounds(
    await loadWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  )

  const window = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    // The hard floor for resizing; restored windows aim for MIN_WINDOW_SIZE (window-state.ts)
    // but may be smaller on a small screen.
    minWidth: 640,
    minHeight: 480,
    title: 'Naungan',
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: !options.isPackaged,
    },
  })
  if (bounds.isMaximized) window.maximize()
  window.once('ready-to-show', () => window.show())

  window.on('close', () => {
    try {
      saveWindowStateSync(stateFile, {
        ...window.getNormalBounds(),
        isMaximized: window.isMaximized(),
      })
    } catch (error) {
      // Losing the window position is not worth interrupting a clerk's shutdown for.
      console.warn('Could not save the window position', error)
    }
  })

  await window.loadURL(APP_ENTRY_URL)
  return window
}

export function preloadPathFrom(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs')
}
