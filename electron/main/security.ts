import type { App, Session, WebContents, WebFrameMain } from 'electron'
import { isAppUrl } from './trusted-url'

/**
 * Every Electron security decision of the shell, in one file (see docs/security.md):
 * navigation, new windows, webviews, permissions (camera only), and who may call IPC.
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

/** What Electron tells us about a permission request or check, reduced to what we decide on. */
export interface PermissionAsk {
  /** Request handler: every media kind one `getUserMedia` call asks for. */
  mediaTypes?: readonly string[]
  /** Check handler: the one media kind being checked. */
  mediaType?: string
  /** The URL of the frame that asks. */
  requestingUrl?: string
  isMainFrame?: boolean
}

/**
 * The one permission the app needs: the camera, to read a card's QR code on "Verifikasi kartu".
 * Only video (a microphone is never needed, so audio+video is refused as a whole), only for our
 * own top-level page on app://naungan/. Location, notifications, screen capture, clipboard, USB,
 * serial… stay denied.
 */
export function isAllowedPermission(permission: string, ask: PermissionAsk): boolean {
  if (permission !== 'media') return false
  if (ask.isMainFrame === false) return false
  if (!isAppUrl(ask.requestingUrl)) return false
  const kinds = ask.mediaTypes ?? (ask.mediaType === undefined ? [] : [ask.mediaType])
  return kinds.length > 0 && kinds.every((kind) => kind === 'video')
}

/** Installs `isAllowedPermission` for requests and checks; devices (USB, HID, serial) are denied. */
export function restrictPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      isAllowedPermission(permission, {
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      }),
    )
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isAllowedPermission(permission, {
      // A check may carry only the origin (`app://naungan`): judge it as that origin's root.
      requestingUrl: details.requestingUrl ?? `${requestingOrigin}/`,
      isMainFrame: details.isMainFrame,
      mediaType: details.mediaType,
    }),
  )
  session.setDevicePermissionHandler(() => false)
}

export function installSecurityPolicy(app: App): void {
  // Sandbox every renderer, even one created without our webPreferences.
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
}
