import { PLATFORM_GLOBAL_NAME, type NaunganPlatform } from '@shared/platform/platform-contract'
import { webPlatform } from './web-platform'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    [PLATFORM_GLOBAL_NAME]?: NaunganPlatform
  }
}

/** The host's capabilities: Electron's preload API when present, the web implementation if not. */
export function getPlatform(): NaunganPlatform {
  return window[PLATFORM_GLOBAL_NAME] ?? webPlatform
}
