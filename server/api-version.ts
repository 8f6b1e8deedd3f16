/**
 * The API version rule on the server's side (shared/sync/sync-protocol.ts, SYNC_API_VERSION): a
 * request whose API_VERSION_HEADER names another major is refused with 426 before anything else
 * reads it, so an app of a newer or older contract never half-applies a push it and the server
 * understand differently. No header is no claim: monitoring probes and apps from before the header
 * (all of major 1) are served.
 */
import type { IncomingHttpHeaders } from 'node:http'
import {
  API_VERSION_HEADER,
  API_VERSION_MISMATCH,
  apiMajorOf,
  apiVersionGap,
  apiVersionMismatchMessage,
  SYNC_API_VERSION,
} from '../shared/sync/sync-protocol'
import { ApiFailure, failures } from './http-kit'

export function assertCompatibleApiVersion(
  headers: IncomingHttpHeaders,
  serverVersion = SYNC_API_VERSION,
): void {
  const sent = headers[API_VERSION_HEADER.toLowerCase()]
  if (sent === undefined) return
  const appVersion = apiMajorOf(Array.isArray(sent) ? (sent[0] ?? '') : sent)
  if (appVersion === null) {
    throw failures.invalidRequest(`Header ${API_VERSION_HEADER} harus berupa nomor versi API.`)
  }
  if (apiVersionGap(appVersion, serverVersion) === null) return
  throw new ApiFailure(
    426,
    API_VERSION_MISMATCH,
    apiVersionMismatchMessage(appVersion, serverVersion),
    { [API_VERSION_HEADER]: String(serverVersion) },
  )
}
