import {
  isKeychainSecretName,
  isStoredSecretName,
  MAX_PRINT_PDF_BYTES,
  MAX_PRINT_TITLE_LENGTH,
  MAX_STORED_SECRET_LENGTH,
  type PlatformOperationName,
  type PlatformOperations,
  type PrintPdfRequest,
  type SaveFileRequest,
  type UpdateCheckRequest,
} from '../../shared/platform/platform-contract'

/**
 * Checks the raw arguments of each IPC call before a handler sees them. The renderer is typed
 * against the contract, but the main process cannot assume the renderer is the one calling, so
 * every argument is re-checked here.
 */

export const MAX_SAVE_FILE_BYTES = 200 * 1024 * 1024
// Common file systems cap a name at 255 bytes/characters.
export const MAX_FILE_NAME_LENGTH = 255
const MAX_MIME_TYPE_LENGTH = 127

export type InvalidArgumentsCode =
  | 'WRONG_ARGUMENT_COUNT'
  | 'UNKNOWN_SECRET_NAME'
  | 'NOT_AN_OBJECT'
  | 'BAD_FILE_NAME'
  | 'FILE_NAME_TOO_LONG'
  | 'BAD_MIME_TYPE'
  | 'DATA_NOT_BYTES'
  | 'FILE_TOO_LARGE'
  | 'BAD_SECRET_VALUE'
  | 'BAD_TITLE'
  | 'TITLE_TOO_LONG'
  | 'NOT_A_PDF'
  | 'BAD_SERVER_URL'
  | 'BAD_DEVICE'
  | 'BAD_WORK'

export class InvalidArgumentsError extends Error {
  constructor(
    readonly code: InvalidArgumentsCode,
    operation: PlatformOperationName,
  ) {
    super(`INVALID_ARGUMENTS: ${operation} refused (${code}).`)
    this.name = 'InvalidArgumentsError'
  }
}

export type PlatformArgumentParsers = {
  [K in PlatformOperationName]: (args: readonly unknown[]) => PlatformOperations[K]['args']
}

// eslint-disable-next-line no-control-regex -- a file name with control characters is refused
const FORBIDDEN_IN_FILE_NAME = /[\u0000-\u001f\u007f/\\]/
// The title ends up in the OS print queue: no line breaks, no control characters, and no bidi
// overrides that could make one job's name read like another's.
const FORBIDDEN_IN_PRINT_TITLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
// Every PDF file starts with this header (ISO 32000-1, 7.5.2).
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const MIME_TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i

function expectCount(operation: PlatformOperationName, args: readonly unknown[], count: number) {
  if (args.length !== count) throw new InvalidArgumentsError('WRONG_ARGUMENT_COUNT', operation)
}

function parseSaveFileRequest(value: unknown): SaveFileRequest {
  const fail = (code: InvalidArgumentsCode) => new InvalidArgumentsError(code, 'saveFile')
  if (typeof value !== 'object' || value === null) throw fail('NOT_AN_OBJECT')
  const { suggestedName, mimeType, data } = value as Record<string, unknown>
  if (typeof suggestedName !== 'string') throw fail('BAD_FILE_NAME')
  if (suggestedName.length > MAX_FILE_NAME_LENGTH) throw fail('FILE_NAME_TOO_LONG')
  // A suggestion is only a name for the dialog; a path in it would pick the folder for the user.
  if (
    suggestedName.trim() === '' ||
    suggestedName === '.' ||
    suggestedName === '..' ||
    FORBIDDEN_IN_FILE_NAME.test(suggestedName)
  ) {
    throw fail('BAD_FILE_NAME')
  }
  if (
    typeof mimeType !== 'string' ||
    mimeType.length > MAX_MIME_TYPE_LENGTH ||
    !MIME_TYPE_PATTERN.test(mimeType)
  ) {
    throw fail('BAD_MIME_TYPE')
  }
  if (!(data instanceof Uint8Array)) throw fail('DATA_NOT_BYTES')
  if (data.byteLength > MAX_SAVE_FILE_BYTES) throw fail('FILE_TOO_LARGE')
  return { suggestedName, mimeType, data }
}

const MAX_SERVER_URL_LENGTH = 300
const DEVICE_TEXT = /^[A-Za-z0-9._-]{1,40}$/

/**
 * The update feed is the enrolled server's: HTTPS, or plain HTTP on this machine only (a test
 * server). Anything else would let a page point the updater at a stranger's installer.
 */
function parseUpdateCheckRequest(value: unknown): UpdateCheckRequest {
  const fail = (code: InvalidArgumentsCode) => new InvalidArgumentsError(code, 'checkForUpdate')
  if (typeof value !== 'object' || value === null) throw fail('NOT_AN_OBJECT')
  const { serverUrl, deviceId, officeCode, work } = value as Record<string, unknown>
  if (typeof serverUrl !== 'string' || serverUrl.length > MAX_SERVER_URL_LENGTH) {
    throw fail('BAD_SERVER_URL')
  }
  let url: URL
  try {
    url = new URL(serverUrl)
  } catch {
    throw fail('BAD_SERVER_URL')
  }
  const isLoopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost'
  if (
    !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback)) ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw fail('BAD_SERVER_URL')
  }
  if (typeof deviceId !== 'string' || !DEVICE_TEXT.test(deviceId)) throw fail('BAD_DEVICE')
  if (officeCode !== null && (typeof officeCode !== 'string' || !DEVICE_TEXT.test(officeCode))) {
    throw fail('BAD_DEVICE')
  }
  if (typeof work !== 'object' || work === null) throw fail('BAD_WORK')
  const { unsavedFormCount, isPrinting, isImportApplying, pendingChangeCount } = work as Record<
    string,
    unknown
  >
  const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0
  if (
    !isCount(unsavedFormCount) ||
    !isCount(pendingChangeCount) ||
    typeof isPrinting !== 'boolean' ||
    typeof isImportApplying !== 'boolean'
  ) {
    throw fail('BAD_WORK')
  }
  return {
    serverUrl: url.href.replace(/\/+$/, ''),
    deviceId,
    officeCode,
    work: { unsavedFormCount, isPrinting, isImportApplying, pendingChangeCount },
  }
}

function startsWithPdfHeader(data: Uint8Array): boolean {
  return PDF_HEADER.every((byte, index) => data[index] === byte)
}

function parsePrintPdfRequest(value: unknown): PrintPdfRequest {
  const fail = (code: InvalidArgumentsCode) => new InvalidArgumentsError(code, 'printPdf')
  if (typeof value !== 'object' || value === null) throw fail('NOT_AN_OBJECT')
  const { title, data } = value as Record<string, unknown>
  if (typeof title !== 'string') throw fail('BAD_TITLE')
  if (title.length > MAX_PRINT_TITLE_LENGTH) throw fail('TITLE_TOO_LONG')
  if (title.trim() === '' || FORBIDDEN_IN_PRINT_TITLE.test(title)) throw fail('BAD_TITLE')
  if (!(data instanceof Uint8Array)) throw fail('DATA_NOT_BYTES')
  if (data.byteLength > MAX_PRINT_PDF_BYTES) throw fail('FILE_TOO_LARGE')
  // The print window only ever opens PDFs; refuse here what its viewer could only fail on.
  if (data.byteLength < PDF_HEADER.length || !startsWithPdfHeader(data)) throw fail('NOT_A_PDF')
  return { title, data }
}

export const parsePlatformArguments: PlatformArgumentParsers = {
  getAppInfo(args) {
    expectCount('getAppInfo', args, 0)
    return []
  },
  getOrCreateSecret(args) {
    expectCount('getOrCreateSecret', args, 1)
    const [name] = args
    if (!isKeychainSecretName(name)) {
      throw new InvalidArgumentsError('UNKNOWN_SECRET_NAME', 'getOrCreateSecret')
    }
    return [name]
  },
  getSecret(args) {
    expectCount('getSecret', args, 1)
    const [name] = args
    if (!isStoredSecretName(name))
      throw new InvalidArgumentsError('UNKNOWN_SECRET_NAME', 'getSecret')
    return [name]
  },
  setSecret(args) {
    expectCount('setSecret', args, 2)
    const [name, value] = args
    if (!isStoredSecretName(name))
      throw new InvalidArgumentsError('UNKNOWN_SECRET_NAME', 'setSecret')
    if (
      value !== null &&
      (typeof value !== 'string' || value === '' || value.length > MAX_STORED_SECRET_LENGTH)
    ) {
      throw new InvalidArgumentsError('BAD_SECRET_VALUE', 'setSecret')
    }
    return [name, value]
  },
  saveFile(args) {
    expectCount('saveFile', args, 1)
    return [parseSaveFileRequest(args[0])]
  },
  printPdf(args) {
    expectCount('printPdf', args, 1)
    return [parsePrintPdfRequest(args[0])]
  },
  checkForUpdate(args) {
    expectCount('checkForUpdate', args, 1)
    return [parseUpdateCheckRequest(args[0])]
  },
}
