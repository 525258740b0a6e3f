// Electron's side of the registry: the only IPC file that imports electron. Handlers get
// the sending frame as a SenderInfo; events go to the main window's page.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import type { EventSink, IpcRegistry, SenderInfo } from './registry'

/** A frame that is gone (navigated away, destroyed) is nobody we trust. */
function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame
  if (!frame) return { url: '', isMainFrame: false }
  return { url: frame.url, isMainFrame: frame.parent === null && frame === frame.top }
}

export function electronRegistry(): IpcRegistry {
  return {
    handle(channel, handler) {
      ipcMain.handle(channel, (event, payload: unknown) => handler(senderOf(event), payload))
    },
  }
}

/** Events for the page in the main window; dropped while there is none (macOS, window closed). */
export function webContentsSink(contents: () => WebContents | undefined): EventSink {
  return {
    send(channel, payload) {
      const target = contents()
      if (target && !target.isDestroyed()) target.send(channel, payload)
    },
  }
}
