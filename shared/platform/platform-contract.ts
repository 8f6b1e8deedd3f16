/**
 * The one contract between the renderer and whatever hosts it.
 *
 * Under Electron the preload implements it over IPC (`electron/preload`), and the main process
 * registers one handler per operation (`electron/main/ipc.ts`), both typed by this file. In a plain
 * browser (`npm run web`, the e2e suite) `renderer/src/core/platform/web-platform.ts` implements the
 * same interface with web APIs. The renderer never learns which one it got.
 */
import type { NotOfferedReason, WaitReason, WorkInProgress } from '../updates/update-policy'

/** Secrets the renderer may ask the host to keep. Anything else is refused by the host. */
export const KEYCHAIN_SECRET_NAMES = ['database-key'] as const
export type KeychainSecretName = (typeof KEYCHAIN_SECRET_NAMES)[number]

export function isKeychainSecretName(value: unknown): value is KeychainSecretName {
  return typeof value === 'string' && (KEYCHAIN_SECRET_NAMES as readonly string[]).includes(value)
}

/**
 * Secrets the renderer hands to the host to keep (it made or received them), as opposed to the
 * keys the host makes itself. Separate names, so the renderer can never overwrite or delete the
 * database key, and `getOrCreateSecret` never invents a device credential.
 *
 * `device-credential`: JSON `{ deviceId, deviceSecret }` the central server gave at enrolment.
 * `card-signing-key`: JSON `{ secretKey }`, this PC's Ed25519 key that signs the QR codes of the
 * cards and stickers it prints (the district certifies its public half).
 */
export const STORED_SECRET_NAMES = ['device-credential', 'card-signing-key'] as const
export type StoredSecretName = (typeof STORED_SECRET_NAMES)[number]

export function isStoredSecretName(value: unknown): value is StoredSecretName {
  return typeof value === 'string' && (STORED_SECRET_NAMES as readonly string[]).includes(value)
}

/** Longest stored secret, in characters: a credential is ~150; anything near this is a mistake. */
export const MAX_STORED_SECRET_LENGTH = 4096

export interface AppInfo {
  version: string
  /** Which host implements the contract: tells the UI what "kept in the OS keychain" means. */
  host: 'electron' | 'web'
  /** How secrets are protected on this host, shown in the settings screen. */
  secretProtection: 'os-keychain' | 'browser-storage'
  /**
   * Whether `printPdf` can reach a printer here (Electron: yes; web: no), so the UI shows a
   * "Cetak" button or only the download without trying first.
   */
  canPrintPdf: boolean
}

export interface SaveFileRequest {
  suggestedName: string
  mimeType: string
  data: Uint8Array
}

export type SaveFileResult =
  { saved: true; location: string } | { saved: false; reason: 'CANCELLED' | 'WRITE_FAILED' }

/** Largest PDF `printPdf` accepts: 1,000 cards are ~2.5 MB, so this is only a safety bound. */
export const MAX_PRINT_PDF_BYTES = 200 * 1024 * 1024
/** Longest print job title, in characters. */
export const MAX_PRINT_TITLE_LENGTH = 200

export interface PrintPdfRequest {
  /** Names the print job (the OS print queue shows it); not a path. */
  title: string
  /** A complete PDF file, starting with `%PDF-`. */
  data: Uint8Array
}

export type PrintPdfResult =
  { printed: true } | { printed: false; reason: 'CANCELLED' | 'FAILED' | 'UNSUPPORTED' }

/**
 * Operation name → argument list → result. Every operation is asynchronous on every host.
 * Add an operation here first; the compiler then demands it in the preload, the main-process
 * handlers and the web implementation.
 */
export interface PlatformOperations {
  getAppInfo: { args: []; result: AppInfo }
  /**
   * Returns the named secret, creating a random 256-bit one (hex) the first time. Under Electron
   * it is stored encrypted with the OS keychain (safeStorage), so the database key never sits on
   * disk in clear.
   */
  getOrCreateSecret: { args: [name: KeychainSecretName]; result: string }
  /** Returns a secret kept with `setSecret`, or null when there is none. */
  getSecret: { args: [name: StoredSecretName]; result: string | null }
  /**
   * Keeps (or with null, forgets) a secret the renderer was given, encrypted like the database
   * key. Under Electron it never reaches the disk in clear.
   */
  setSecret: { args: [name: StoredSecretName, value: string | null]; result: void }
  /** Offers the user a place to save a file (Electron: save dialog; web: a download). */
  saveFile: { args: [request: SaveFileRequest]; result: SaveFileResult }
  /**
   * Sends a PDF to a printer through the system print dialog. Electron opens the PDF in a hidden
   * window and shows the dialog; `printed: true` means the job reached the print queue, not that
   * paper came out. The web build answers UNSUPPORTED (check `AppInfo.canPrintPdf` first): the UI
   * then offers the download and the browser's own PDF viewer instead.
   */
  printPdf: { args: [request: PrintPdfRequest]; result: PrintPdfResult }
  /**
   * Asks the district's server for a newer version of the app (docs/updates.md) and acts on
   * `decideUpdate`: downloads it in the background, installs it when nothing would be lost, or
   * waits. The web build, and an unpackaged Electron, answer `unsupported`.
   */
  checkForUpdate: { args: [request: UpdateCheckRequest]; result: UpdateCheckResult }
}

/** What the app tells the shell when it asks for an update. */
export interface UpdateCheckRequest {
  /** The district server this PC is enrolled with; its `/updates/` folder is the feed. */
  serverUrl: string
  deviceId: string
  officeCode: string | null
  work: WorkInProgress
}

export type UpdateCheckResult =
  | { kind: 'unsupported' }
  | { kind: 'not-offered'; reason: NotOfferedReason | 'STAGING_INVALID'; detail?: string }
  | { kind: 'downloading'; version: string }
  | { kind: 'waiting'; version: string; reasons: WaitReason[] }
  | { kind: 'installing'; version: string }
  | { kind: 'failed'; message: string }

export type PlatformOperationName = keyof PlatformOperations

export type NaunganPlatform = {
  [K in PlatformOperationName]: (
    ...args: PlatformOperations[K]['args']
  ) => Promise<PlatformOperations[K]['result']>
}

/** IPC channel of an operation. One prefix so the main process can refuse anything else. */
export function ipcChannelOf(operation: PlatformOperationName): string {
  return `naungan:${operation}`
}

export const PLATFORM_OPERATION_NAMES: readonly PlatformOperationName[] = [
  'getAppInfo',
  'getOrCreateSecret',
  'getSecret',
  'setSecret',
  'saveFile',
  'printPdf',
  'checkForUpdate',
]

/** Name of the global the preload exposes with contextBridge. */
export const PLATFORM_GLOBAL_NAME = 'naungan'
