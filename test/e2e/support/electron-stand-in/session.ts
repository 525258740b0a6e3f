// `protocol`, `session.defaultSession` and `ipcMain`: what the app registers, kept for
// browser-window.ts, which applies it to the pages' requests and IPC calls.
import type { OnHeadersReceivedListenerDetails, HeadersReceivedResponse, IpcMainInvokeEvent } from 'electron'
import { app } from './app'
import { NotMimicked } from './control'

export interface SchemePrivileges {
  standard?: boolean
  secure?: boolean
  [name: string]: boolean | undefined
}

const privileged = new Map<string, SchemePrivileges>()
export const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>()

export const protocol = {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: SchemePrivileges }>): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    for (const { scheme, privileges } of schemes) privileged.set(scheme, privileges ?? {})
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`)
    // The page runs in a plain Chromium, which knows no custom schemes: a standard one is
    // mapped onto http(s) with the same host and path (pageUrl/appUrl below). A scheme
    // that is not standard has no such mapping.
    if (!['http', 'https', 'file'].includes(scheme) && !privileged.get(scheme)?.standard) {
      throw new NotMimicked(`protocol.handle('${scheme}') for a scheme not registered as standard`)
    }
    if (['http', 'https', 'file'].includes(scheme)) throw new NotMimicked(`protocol.handle('${scheme}') (intercepting a built-in scheme)`)
    protocolHandlers.set(scheme, handler)
  },
  unhandle(scheme: string): void {
    protocolHandlers.delete(scheme)
  },
  isProtocolHandled(scheme: string): boolean {
    return protocolHandlers.has(scheme)
  },
}

/** Custom-scheme hosts the app has loaded, by page origin (https://mailwire → app). */
const mappedHosts = new Map<string, string>()

/** The URL the page is given for an app URL: app://mailwire/x → https://mailwire/x. */
export function pageUrl(url: string): string {
  const parsed = new URL(url)
  const scheme = parsed.protocol.slice(0, -1)
  if (!protocolHandlers.has(scheme)) return parsed.href
  const web = privileged.get(scheme)?.secure ? 'https' : 'http'
  const mapped = `${web}://${parsed.host}`
  const owner = mappedHosts.get(mapped)
  if (owner !== undefined && owner !== scheme) throw new NotMimicked(`two custom schemes on the host ${parsed.host}`)
  mappedHosts.set(mapped, scheme)
  return `${mapped}${parsed.pathname}${parsed.search}${parsed.hash}`
}

/** What Electron would report for a page URL: https://mailwire/x → app://mailwire/x. */
export function appUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  const scheme = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? mappedHosts.get(parsed.origin) : undefined
  if (scheme === undefined) return url
  return `${scheme}://${parsed.host}${parsed.pathname}${parsed.search}${parsed.hash}`
}

type HeadersListener = (details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void
type PermissionCheck = (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean; embeddingOrigin?: string }) => boolean

export const sessionState: {
  headersListener?: HeadersListener
  permissionRequest?: unknown
  permissionCheck?: PermissionCheck
  devicePermission?: unknown
} = {}

const defaultSession = {
  protocol,
  webRequest: {
    /** One listener, as in Electron (a new one replaces it); URL filters are not mimicked. */
    onHeadersReceived(filterOrListener: HeadersListener | object | null, maybeListener?: HeadersListener | null): void {
      if (typeof filterOrListener !== 'function') throw new NotMimicked('webRequest.onHeadersReceived with a URL filter')
      if (maybeListener !== undefined) throw new NotMimicked('webRequest.onHeadersReceived with a URL filter')
      sessionState.headersListener = filterOrListener as HeadersListener
    },
  },
  setPermissionRequestHandler(handler: unknown): void {
    sessionState.permissionRequest = handler
  },
  setPermissionCheckHandler(handler: PermissionCheck | null): void {
    sessionState.permissionCheck = handler ?? undefined
  },
  setDevicePermissionHandler(handler: unknown): void {
    sessionState.devicePermission = handler
  },
}

export const session = {
  get defaultSession() {
    if (!app.isReady()) throw new Error('session module can only be used when app is ready')
    return defaultSession
  },
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
export const invokeHandlers = new Map<string, InvokeHandler>()

export const ipcMain = {
  handle(channel: string, handler: InvokeHandler): void {
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    invokeHandlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    invokeHandlers.delete(channel)
  },
  on(): never {
    throw new NotMimicked('ipcMain.on (ipcRenderer.send): the app uses invoke only')
  },
}
