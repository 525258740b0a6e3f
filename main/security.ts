// Hardening that applies to every page the app ever creates, not just our window: no
// navigation away, no new windows (https and mailto links open in the OS instead), no
// <webview>, no permissions, and our CSP on every response.
import { app, shell, type Session, type WebContents } from 'electron'
import { contentSecurityPolicy } from './csp'
import { isSafeExternalUrl } from './external-links'

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

function hardenSession(session: Session, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    )
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } })
  })
}

/** Call once, before the first window: covers the default session and every web contents. */
export function hardenApp(session: Session, devServerUrl: string | undefined): void {
  hardenSession(session, contentSecurityPolicy(devServerUrl))
  app.on('web-contents-created', (_event, contents) => hardenContents(contents))
}
