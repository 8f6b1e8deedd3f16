import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import {
  ipcChannelOf,
  PLATFORM_OPERATION_NAMES,
  type NaunganPlatform,
  type PlatformOperationName,
  type PlatformOperations,
} from '../../shared/platform/platform-contract'
import { parsePlatformArguments } from './ipc-arguments'
import { isTrustedSender } from './security'

/**
 * The main-process side of the platform contract: one handler per operation, typed by the same
 * map as the preload, so adding an operation to the contract fails to compile until it is
 * handled here.
 */
export type PlatformHandlers = NaunganPlatform

function registerOperation<K extends PlatformOperationName>(
  operation: K,
  handlers: PlatformHandlers,
): void {
  const handler: NaunganPlatform[K] = handlers[operation]
  const parseArguments = parsePlatformArguments[operation] as (
    args: readonly unknown[],
  ) => PlatformOperations[K]['args']
  ipcMain.handle(ipcChannelOf(operation), (event: IpcMainInvokeEvent, ...rawArgs: unknown[]) => {
    if (!isTrustedSender(event.senderFrame)) {
      console.warn(`IPC ${operation} refused from ${event.senderFrame?.url ?? 'unknown frame'}`)
      throw new Error(`UNTRUSTED_SENDER: ${operation} is only available to the Naungan window.`)
    }
    return handler(...parseArguments(rawArgs))
  })
}

export function registerPlatformHandlers(handlers: PlatformHandlers): void {
  for (const operation of PLATFORM_OPERATION_NAMES) {
    registerOperation(operation, handlers)
  }
}
