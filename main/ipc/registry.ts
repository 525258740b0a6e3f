// What IPC handlers are registered into. Electron's ipcMain sits behind one adapter
// (electron-registry.ts); tests and the e2e harness use the Map registry below and call
// the very same handlers with a sender they describe.
import type { InvokeChannel, Result } from '../../preload/contract'

export type { EventSink } from '../services/event-sink'

/** The frame that sent a message: enough to decide whether to trust it. */
export interface SenderInfo {
  url: string
  isMainFrame: boolean
}

export type IpcHandler = (sender: SenderInfo, payload: unknown) => Promise<Result<unknown>>

export interface IpcRegistry {
  handle(channel: InvokeChannel, handler: IpcHandler): void
}

export interface MapRegistry extends IpcRegistry {
  readonly handlers: ReadonlyMap<InvokeChannel, IpcHandler>
  /** Call a handler as Electron would: an unknown channel fails as a Result, never throws. */
  invoke(channel: string, sender: SenderInfo, payload?: unknown): Promise<Result<unknown>>
}

export function createMapRegistry(): MapRegistry {
  const handlers = new Map<InvokeChannel, IpcHandler>()
  return {
    handlers,
    handle(channel, handler) {
      if (handlers.has(channel)) throw new Error(`Two handlers for ${channel}`)
      handlers.set(channel, handler)
    },
    async invoke(channel, sender, payload) {
      const handler = handlers.get(channel as InvokeChannel)
      if (!handler) return { ok: false, error: { code: 'EINVALID', message: `No handler for ${channel}` } }
      return handler(sender, payload)
    },
  }
}
