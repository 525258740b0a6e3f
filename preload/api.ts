// The `window.mailwire` object, built from the contract's MAILWIRE_API table: one function
// per entry, so no method is spelled here. Kept apart from index.ts (which only hands
// Electron's ipcRenderer to contextBridge) so that tests can build it with a fake
// transport, and so the e2e harness runs this very code.
import type { InvokeMethod, ListenMethod, MailwireApi, Unsubscribe } from './contract'
import { CHANNELS, MAILWIRE_API } from './contract'

/** The part of Electron's ipcRenderer we use. Listeners receive the event first. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

export interface RendererWebUtils {
  getPathForFile(file: File): string
}

/** The keys of each namespace: what `window.mailwire` holds, exactly (the table's, and attachDropped). */
export const MAILWIRE_API_KEYS = Object.fromEntries(
  Object.entries(MAILWIRE_API).map(([name, methods]) => [name, [...Object.keys(methods), ...(name === 'files' ? ['attachDropped'] : [])]]),
) as { [N in keyof MailwireApi]: Array<keyof MailwireApi[N]> }

export function createMailwireApi(ipc: RendererIpc, webUtils: RendererWebUtils): MailwireApi {
  // The payload is one value (or none): a method of several arguments packs them into one.
  const invoke =
    ({ channel, pack }: InvokeMethod) =>
    (...args: unknown[]): Promise<unknown> => {
      const payload = pack ? pack(...args) : args[0]
      return payload === undefined ? ipc.invoke(channel) : ipc.invoke(channel, payload)
    }

  // The IPC event (and its `sender`) never reaches the page: only the payload does.
  const listen =
    ({ channel }: ListenMethod) =>
    (listener: (payload: unknown) => void): Unsubscribe => {
      const handler = (_event: unknown, payload: unknown) => listener(payload)
      ipc.on(channel, handler)
      return () => {
        ipc.removeListener(channel, handler)
      }
    }

  const build = (method: InvokeMethod | ListenMethod) => (method.kind === 'invoke' ? invoke(method) : listen(method))
  const api: Record<string, Record<string, unknown>> = Object.fromEntries(
    Object.entries(MAILWIRE_API).map(([name, methods]) => [
      name,
      Object.fromEntries(Object.entries(methods).map(([key, method]) => [key, build(method)])),
    ]),
  )
  // Only the preload can see a dropped file's path; a file from a browser or a text
  // snippet has none ('') and is left out. Main confirms the rest in its own dialog.
  api.files.attachDropped = (files: readonly File[]) =>
    ipc.invoke(
      CHANNELS.filesConfirmDropped,
      files.map((file) => webUtils.getPathForFile(file)).filter((path) => path !== ''),
    )
  // Object.entries forgets the keys' types. Each function sends and resolves what its
  // entry's channel carries, which is what MailwireApi derives from the same table
  // (test/preload checks the wiring of every entry).
  return api as unknown as MailwireApi
}
