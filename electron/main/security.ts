import type { App, Session, WebContents, WebFrameMain } from 'electron'
import { isAppUrl } from './trusted-url'

/**
 * Every Electron security decision of the shell, in one file (see docs/security.md):
 * navigation, new windows, webviews, permissions, and who may call IPC.
 */

/** Every IPC handler calls this first: only our own top-level page may use the platform. */
export function isTrustedSender(senderFrame: WebFrameMain | null | undefined): boolean {
  if (senderFrame === null || senderFrame === undefined) return false
  // A subframe (an iframe someone managed to inject) never gets the platform, even on app://.
  return senderFrame.parent === null && isAppUrl(senderFrame.url)
}

/** Installed for every WebContents the app ever creates, before it can load anything. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault()
      console.warn(`Blocked navigation to ${event.url}`)
    }
  })
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  // No second window and no hand-off to the OS browser for now: the app has no external links.
  // If one is ever needed, open it with shell.openExternal after an https allow-list check.
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`Blocked window.open(${url})`)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
}

/** The app needs no camera, microphone, location, notifications, USB, serial… nothing. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

export function installSecurityPolicy(app: App): void {
  // Sandbox every renderer, even one created without our webPreferences.
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
}
