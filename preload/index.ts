// The preload: runs sandboxed before the page, and gives it `window.mailwire`, exactly
// the MailwireApi of contract.ts. Never a raw ipcRenderer, never the IPC event.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createMailwireApi } from './api'

contextBridge.exposeInMainWorld('mailwire', createMailwireApi(ipcRenderer, webUtils))
