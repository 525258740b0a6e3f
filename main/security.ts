// Hardening that applies to every page the app ever creates, not just our window: no
// navigation away, no new windows (https and mailto links open in the OS instead), no
// <webview>, no permissions but the clipboard write of our own page, and our CSP on
// every response, our own app:// files included.
import { app, shell, type Session, type WebContents } from 'electron'
import { APP_SCHEME, appProtocolHandler } from './app-protocol'
import { contentSecurityPolicy } from './csp'
import { isSafeExternalUrl } from './external-links'
import type { SenderPolicy } from './ipc/sender-policy'
import { permissionAllowed } from './permissions'

const INERT_FRAME_URLS = new Set(['about:blank', 'about:srcdoc'])

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url)
}

function hardenContents(contents: WebContents): void {
  // The app is one page: any navigation (a dropped file, a link, a script) is refused.
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    openExternally(event.url)
  })
  // Frames may hold inert local documents (an HTML preview in a srcdoc iframe), nothing
  // fetched. They cannot call the app either way: the sender check wants the main frame.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !INERT_FRAME_URLS.has(event.url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function hardenSession(session: Session, csp: string, policy: SenderPolicy, rendererDir: string): void {
  // The page and its files: out/renderer only, each response with our CSP (webRequest's
  // header listener below never sees a custom scheme's responses).
  session.protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir, csp))
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, { url: details.requestingUrl, isMainFrame: details.isMainFrame }, policy)),
  )
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    permissionAllowed(permission, { url: details.requestingUrl ?? '', isMainFrame: details.isMainFrame }, policy),
  )
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    )
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } })
  })
}

/**
 * Call once, after ready and before the first window: covers the default session and every
 * web contents, and serves `rendererDir` as app://mailwire/. `policy` says which frame is
 * our page (the IPC sender check).
 */
export function hardenApp(session: Session, devServerUrl: string | undefined, policy: SenderPolicy, rendererDir: string): void {
  hardenSession(session, contentSecurityPolicy(devServerUrl), policy, rendererDir)
  app.on('web-contents-created', (_event, contents) => hardenContents(contents))
}
