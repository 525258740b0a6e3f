// Stands in for `electron` when the e2e harness builds the real preload/index.ts for
// Chromium. contextBridge puts the API on window (frozen, like the real one), ipcRenderer
// calls the Playwright binding the harness installs, and events pushed from Node arrive
// through window.__mailwireEmit. Runs in the page: no Node, no DOM types needed.

type Listener = (event: unknown, ...args: unknown[]) => void

interface HarnessWindow {
  __mailwireInvoke(channel: string, payload: unknown): Promise<unknown>
  __mailwireEmit(channel: string, payload: unknown): void
  __mailwireListenerCount(channel: string): number
  /** Paths of files a test drops, by name: what Electron knows of a file dragged from disk. */
  __mailwireDroppedPaths?: Record<string, string>
  [key: string]: unknown
}

const page = globalThis as unknown as HarnessWindow
const listeners = new Map<string, Set<Listener>>()

/** What Electron passes listeners first. The preload must never hand it on to the page. */
const FAKE_IPC_EVENT = Object.freeze({ fakeIpcEvent: true, sender: 'ipcRenderer' })

page.__mailwireEmit = (channel, payload) => {
  for (const listener of [...(listeners.get(channel) ?? [])]) listener(FAKE_IPC_EVENT, payload)
}
page.__mailwireListenerCount = (channel) => listeners.get(channel)?.size ?? 0

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return page.__mailwireInvoke(channel, args[0])
  },
  on(channel: string, listener: Listener) {
    if (!listeners.has(channel)) listeners.set(channel, new Set())
    listeners.get(channel)!.add(listener)
    return ipcRenderer
  },
  removeListener(channel: string, listener: Listener) {
    listeners.get(channel)?.delete(listener)
    return ipcRenderer
  },
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    Object.defineProperty(page, key, { value: deepFreeze(api), writable: false, configurable: false, enumerable: true })
  },
}

// Like Electron's: a file dragged from disk has its path, any other File has ''.
export const webUtils = {
  getPathForFile: (file: { name: string }): string => page.__mailwireDroppedPaths?.[file.name] ?? '',
}
