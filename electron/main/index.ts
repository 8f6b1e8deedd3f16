import { extname, join } from 'node:path'
import { app, BrowserWindow, dialog, Menu, net, session } from 'electron'
import electronUpdater from 'electron-updater'
import { registerAppScheme, serveRendererOverAppProtocol } from './app-protocol'
import { registerPlatformHandlers } from './ipc'
import { createSafeStorageKeychain } from './keychain'
import { createMainWindow, preloadPathFrom } from './main-window'
import { applicationMenuTemplate } from './menu'
import {
  createPdfPrinter,
  openPdfInHiddenWindowAndPrint,
  printTempFiles,
  removeStalePrintDirs,
} from './print-pdf'
import { saveFileToChosenLocation } from './save-file'
import { installSecurityPolicy, restrictPermissions } from './security'
import { userDataDirOverride } from './user-data-dir'
import { createUpdateChecker } from './updates'

// electron-updater is CommonJS: its named export comes through the default one.
const { autoUpdater } = electronUpdater

// Before anything reads userData: the single-instance lock lives there too, so a test run with
// its own folder does not collide with a clerk's running app.
const userDataDir = userDataDirOverride(process.argv, process.env)
if (userDataDir !== undefined) app.setPath('userData', userDataDir)

registerAppScheme()
installSecurityPolicy(app)

let mainWindow: BrowserWindow | undefined

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow === undefined) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.whenReady().then(start, (error: unknown) => fail(error))
}

async function start(): Promise<void> {
  try {
    const dataDir = app.getPath('userData')
    restrictPermissions(session.defaultSession)
    serveRendererOverAppProtocol(session.defaultSession, join(__dirname, '../renderer'))

    const keychain = createSafeStorageKeychain(dataDir)
    const tempRoot = app.getPath('temp')
    void removeStalePrintDirs(tempRoot)
    const printPdf = createPdfPrinter({
      ...printTempFiles(tempRoot),
      openAndPrint: openPdfInHiddenWindowAndPrint({
        // Parented like the save dialog, so the print dialog comes up with the app's window.
        createWindow: (options) => new BrowserWindow({ ...options, parent: mainWindow }),
      }),
    })
    registerPlatformHandlers({
      getAppInfo: async () => ({
        version: app.getVersion(),
        host: 'electron',
        secretProtection: 'os-keychain',
        canPrintPdf: true,
      }),
      getOrCreateSecret: (name) => keychain.getOrCreateSecret(name),
      getSecret: (name) => keychain.getSecret(name),
      setSecret: (name, value) => keychain.setSecret(name, value),
      saveFile: (request) =>
        saveFileToChosenLocation(request, async ({ suggestedName }) => {
          const extension = extname(suggestedName).slice(1)
          const options = {
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
          }
          const choice = mainWindow
            ? await dialog.showSaveDialog(mainWindow, options)
            : await dialog.showSaveDialog(options)
          return choice.canceled ? undefined : choice.filePath
        }),
      printPdf,
      checkForUpdate: createUpdateChecker({
        updater: autoUpdater,
        appVersion: app.getVersion(),
        isPackaged: app.isPackaged,
        fetchText: async (url) => {
          const response = await net.fetch(url)
          return { status: response.status, text: response.ok ? await response.text() : '' }
        },
      }),
    })

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate({ isPackaged: app.isPackaged, onAbout: showAbout }),
      ),
    )

    mainWindow = await createMainWindow({
      userDataDir: dataDir,
      preloadPath: preloadPathFrom(__dirname),
      isPackaged: app.isPackaged,
    })
    mainWindow.on('closed', () => {
      mainWindow = undefined
    })
  } catch (error) {
    fail(error)
  }
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: 'Tentang Naungan',
    message: `Naungan ${app.getVersion()}`,
    detail: 'Pendaftaran pekerja rentan ke BPJS Ketenagakerjaan, bekerja tanpa internet.',
    buttons: ['Tutup'],
  }
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options))
}

function fail(error: unknown): void {
  console.error('Naungan could not start', error)
  dialog.showErrorBox(
    'Naungan tidak dapat dibuka',
    `Terjadi kesalahan saat memulai aplikasi.\n\n${error instanceof Error ? error.message : String(error)}`,
  )
  app.exit(1)
}
