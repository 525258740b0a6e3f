// The `window.mailwire` object, built from the IPC functions it needs. Kept apart from
// index.ts (which only hands Electron's ipcRenderer to contextBridge) so that tests can
// build it with a fake transport, and so the e2e harness runs this very code.
import type { Channel, MailwireApi, Unsubscribe } from './contract'
import { CHANNELS } from './contract'

/** The part of Electron's ipcRenderer we use. Listeners receive the event first. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

export interface RendererWebUtils {
  getPathForFile(file: File): string
}

/**
 * The keys of each namespace of MailwireApi: what `window.mailwire` holds, exactly. The
 * object createMailwireApi returns is typed MailwireApi, so it has every key and no other;
 * test/preload checks this list against it.
 */
export const MAILWIRE_API_KEYS = {
  session: ['start', 'cancel', 'onWire', 'onState', 'onResult'],
  profiles: ['list', 'save', 'remove'],
  drafts: ['load', 'save'],
  history: ['list', 'get', 'export', 'remove'],
  files: ['pickAttachments', 'attachDropped'],
  app: ['info', 'onCommand'],
  inbox: [
    'status',
    'list',
    'get',
    'raw',
    'session',
    'faults',
    'setFaults',
    'remove',
    'clear',
    'saveAttachment',
    'saveRaw',
    'onMessage',
    'onSessionEnded',
  ],
  console: ['open', 'send', 'startTls', 'auth', 'sendData', 'close', 'cancel', 'onWire', 'onState'],
  probe: ['run', 'matrix', 'lookupMx', 'cancel', 'onWire'],
} as const satisfies { [K in keyof MailwireApi]: ReadonlyArray<keyof MailwireApi[K]> }

export function createMailwireApi(ipc: RendererIpc, webUtils: RendererWebUtils): MailwireApi {
  // Resolves a Result; typed by the API below. The payload is one value (or none).
  const invoke = <T>(channel: Channel, payload?: unknown): Promise<T> =>
    (payload === undefined ? ipc.invoke(channel) : ipc.invoke(channel, payload)) as Promise<T>

  // The IPC event (and its `sender`) never reaches the page: only the payload does.
  const listen =
    <T>(channel: Channel) =>
    (listener: (payload: T) => void): Unsubscribe => {
      const handler = (_event: unknown, payload: unknown) => listener(payload as T)
      ipc.on(channel, handler)
      return () => {
        ipc.removeListener(channel, handler)
      }
    }

  return {
    session: {
      start: (request) => invoke(CHANNELS.sessionStart, request),
      cancel: () => invoke(CHANNELS.sessionCancel),
      onWire: listen(CHANNELS.sessionWire),
      onState: listen(CHANNELS.sessionState),
      onResult: listen(CHANNELS.sessionResult),
    },
    profiles: {
      list: () => invoke(CHANNELS.profilesList),
      save: (input) => invoke(CHANNELS.profilesSave, input),
      remove: (id) => invoke(CHANNELS.profilesRemove, id),
    },
    drafts: {
      load: () => invoke(CHANNELS.draftLoad),
      save: (draft) => invoke(CHANNELS.draftSave, draft),
    },
    history: {
      list: () => invoke(CHANNELS.historyList),
      get: (id) => invoke(CHANNELS.historyGet, id),
      export: (id, format) => invoke(CHANNELS.historyExport, { id, format }),
      remove: (id) => invoke(CHANNELS.historyRemove, id),
    },
    files: {
      pickAttachments: () => invoke(CHANNELS.filesPickAttachments),
      // Only the preload can see a dropped file's path; a file from a browser or a text
      // snippet has none ('') and is left out.
      attachDropped: (files) =>
        invoke(
          CHANNELS.filesConfirmDropped,
          files.map((file) => webUtils.getPathForFile(file)).filter((path) => path !== ''),
        ),
    },
    app: {
      info: () => invoke(CHANNELS.appInfo),
      onCommand: listen(CHANNELS.appCommand),
    },
    inbox: {
      status: () => invoke(CHANNELS.inboxStatus),
      list: () => invoke(CHANNELS.inboxList),
      get: (id) => invoke(CHANNELS.inboxGet, id),
      raw: (id) => invoke(CHANNELS.inboxRaw, id),
      session: (id) => invoke(CHANNELS.inboxSession, id),
      faults: () => invoke(CHANNELS.inboxFaults),
      setFaults: (faults) => invoke(CHANNELS.inboxSetFaults, faults),
      remove: (id) => invoke(CHANNELS.inboxRemove, id),
      clear: () => invoke(CHANNELS.inboxClear),
      saveAttachment: (id, index) => invoke(CHANNELS.inboxSaveAttachment, { id, index }),
      saveRaw: (id) => invoke(CHANNELS.inboxSaveRaw, id),
      onMessage: listen(CHANNELS.inboxMessage),
      onSessionEnded: listen(CHANNELS.inboxSessionEnded),
    },
    console: {
      open: (request) => invoke(CHANNELS.consoleOpen, request),
      send: (request) => invoke(CHANNELS.consoleSend, request),
      startTls: (consoleId) => invoke(CHANNELS.consoleStartTls, consoleId),
      auth: (request) => invoke(CHANNELS.consoleAuth, request),
      sendData: (request) => invoke(CHANNELS.consoleData, request),
      close: (consoleId) => invoke(CHANNELS.consoleClose, consoleId),
      cancel: () => invoke(CHANNELS.consoleCancel),
      onWire: listen(CHANNELS.consoleWire),
      onState: listen(CHANNELS.consoleState),
    },
    probe: {
      run: (request) => invoke(CHANNELS.probeRun, request),
      matrix: (request) => invoke(CHANNELS.probeMatrix, request),
      lookupMx: (domain) => invoke(CHANNELS.probeMx, domain),
      cancel: () => invoke(CHANNELS.probeCancel),
      onWire: listen(CHANNELS.probeWire),
    },
  }
}
