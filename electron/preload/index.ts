import { contextBridge, ipcRenderer } from 'electron'
import {
  ipcChannelOf,
  PLATFORM_GLOBAL_NAME,
  type NaunganPlatform,
} from '../../shared/platform/platform-contract'

// Each operation is a fixed channel with its own function: the page can call exactly these and
// nothing else. ipcRenderer itself is never handed over.
const api = {
  getAppInfo: () => ipcRenderer.invoke(ipcChannelOf('getAppInfo')),
  getOrCreateSecret: (name) => ipcRenderer.invoke(ipcChannelOf('getOrCreateSecret'), name),
  getSecret: (name) => ipcRenderer.invoke(ipcChannelOf('getSecret'), name),
  setSecret: (name, value) => ipcRenderer.invoke(ipcChannelOf('setSecret'), name, value),
  saveFile: (request) => ipcRenderer.invoke(ipcChannelOf('saveFile'), request),
  printPdf: (request) => ipcRenderer.invoke(ipcChannelOf('printPdf'), request),
  checkForUpdate: (request) => ipcRenderer.invoke(ipcChannelOf('checkForUpdate'), request),
} satisfies NaunganPlatform

contextBridge.exposeInMainWorld(PLATFORM_GLOBAL_NAME, api)
