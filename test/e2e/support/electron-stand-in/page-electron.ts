// The `electron` a sandboxed preload may require, inside the page: ipcRenderer over the
// stand-in's Playwright binding, contextBridge, webUtils. Serialised with toString() into
// the page, so this function uses nothing from outside itself.

interface PageGlobals {
  __standInIpcInvoke(channel: string, args: unknown[]): Promise<{ ok: true; value: unknown } | { ok: false; message: string }>
  [key: string]: unknown
}

export function pageElectron(): unknown {
  const page = globalThis as unknown as PageGlobals
  type Listener = (event: unknown, ...args: unknown[]) => void
  const listeners = new Map<string, Set<Listener>>()
  // What Electron hands listeners first; the preload must never pass it to the page.
  const ipcEvent = Object.freeze({ standInIpcEvent: true })

  Object.defineProperty(page, '__standInEmit', {
    value: (channel: string, args: unknown[]) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(ipcEvent, ...args)
    },
  })

  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const outcome = await page.__standInIpcInvoke(channel, args)
      if (!outcome.ok) throw new Error(outcome.message)
      return outcome.value
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
    off(channel: string, listener: Listener) {
      return ipcRenderer.removeListener(channel, listener)
    },
    send(): never {
      throw new Error('Electron stand-in: ipcRenderer.send is not mimicked (the app uses invoke)')
    },
    sendSync(): never {
      throw new Error('Electron stand-in: ipcRenderer.sendSync is not mimicked')
    },
  }

  const deepFreeze = (value: unknown): unknown => {
    if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) deepFreeze(inner)
      Object.freeze(value)
    }
    return value
  }

  const contextBridge = {
    // Electron copies the API into the page's world; here the preload shares the page's
    // world (no isolated world in a plain page), so the API is frozen in place.
    exposeInMainWorld(key: string, api: unknown) {
      Object.defineProperty(page, key, { value: deepFreeze(api), writable: false, configurable: false, enumerable: true })
    },
  }

  const webUtils = {
    getPathForFile(): never {
      throw new Error('Electron stand-in: webUtils.getPathForFile is not mimicked (Chromium gives a page no file paths)')
    },
  }

  return { ipcRenderer, contextBridge, webUtils }
}

/** The preload file run as Electron runs a sandboxed preload: require('electron') only, main frame only. */
export function preloadScript(preloadSource: string, preloadPath: string): string {
  return `(() => {
  if (window.top !== window) return;
  const electron = (${pageElectron.toString()})();
  const require = (id) => {
    if (id === 'electron') return electron;
    throw new Error('module not found: ' + id + ' (a sandboxed preload can require electron only)');
  };
  const module = { exports: {} };
  (function (exports, require, module, __filename) {
${preloadSource}
  }).call(module.exports, module.exports, require, module, ${JSON.stringify(preloadPath)});
})();`
}
