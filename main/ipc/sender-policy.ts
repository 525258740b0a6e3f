// Which frames may call the main process: the main frame of our own renderer, and
// nothing else. URLs are parsed, never compared as strings (Electron security checklist,
// item 17): "http://127.0.0.1:5173.evil.test" and "http://127.0.0.1:5173@evil.test" must
// not pass for the dev server, nor "app://mailwire.evil" for the packaged page. No file:
// page is ever trusted: the packaged page is served from app:// (main/app-protocol.ts).
import type { SenderInfo } from './registry'

export interface SenderPolicyOptions {
  /** The dev server (ELECTRON_RENDERER_URL) in development, or the e2e harness's server. */
  devServerUrl?: string
  /** The packaged page's origin, `app://mailwire` (main/app-protocol.ts): any path on it. */
  appOrigin: string
}

export interface SenderPolicy {
  allows(sender: SenderInfo): boolean
}

export function createSenderPolicy(options: SenderPolicyOptions): SenderPolicy {
  const devOrigin = options.devServerUrl ? webOrigin(options.devServerUrl) : undefined
  const app = customOrigin(options.appOrigin)

  return {
    allows(sender) {
      if (!sender.isMainFrame) return false
      const url = parse(sender.url)
      if (!url || url.username !== '' || url.password !== '') return false
      if (url.protocol === 'http:' || url.protocol === 'https:') return devOrigin !== undefined && url.origin === devOrigin
      return app !== undefined && url.protocol === app.protocol && url.host === app.host
    },
  }
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** The origin of an http(s) URL without credentials; anything else allows nothing. */
function webOrigin(text: string): string | undefined {
  const url = parse(text)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined
  if (url.username !== '' || url.password !== '') return undefined
  return url.origin
}

/**
 * A standard custom scheme's origin (Node's URL gives such schemes no `origin`): its
 * scheme and host, never http(s) or file, never credentials or a path.
 */
function customOrigin(text: string): { protocol: string; host: string } | undefined {
  const url = parse(text)
  if (!url || ['http:', 'https:', 'file:'].includes(url.protocol) || url.host === '') return undefined
  if (url.username !== '' || url.password !== '' || (url.pathname !== '' && url.pathname !== '/')) return undefined
  return { protocol: url.protocol, host: url.host }
}
