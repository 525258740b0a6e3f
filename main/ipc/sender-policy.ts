// Which frames may call the main process: the main frame of our own renderer, and
// nothing else. URLs are parsed, never compared as strings (Electron security checklist,
// item 17): "http://127.0.0.1:5173.evil.test" and "http://127.0.0.1:5173@evil.test" must
// not pass for the dev server, nor "file:///tmp/index.html" for the packaged page.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SenderInfo } from './registry'

export interface SenderPolicyOptions {
  /** The dev server (ELECTRON_RENDERER_URL) in development, or the e2e harness's server. */
  devServerUrl?: string
  /** The packaged renderer's index.html: the only file: URL allowed. */
  rendererIndexFile: string
}

export interface SenderPolicy {
  allows(sender: SenderInfo): boolean
}

export function createSenderPolicy(options: SenderPolicyOptions): SenderPolicy {
  const devOrigin = options.devServerUrl ? webOrigin(options.devServerUrl) : undefined
  const indexFile = comparablePath(resolve(options.rendererIndexFile))

  return {
    allows(sender) {
      if (!sender.isMainFrame) return false
      const url = parse(sender.url)
      if (!url || url.username !== '' || url.password !== '') return false
      if (url.protocol === 'http:' || url.protocol === 'https:') return devOrigin !== undefined && url.origin === devOrigin
      if (url.protocol === 'file:') return url.host === '' && filePath(url) === indexFile
      return false
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

function filePath(url: URL): string | undefined {
  try {
    return comparablePath(fileURLToPath(url))
  } catch {
    // Encoded separators and other paths that name no file.
    return undefined
  }
}

/** Windows and macOS compare paths without regard to case by default; Linux does not. */
function comparablePath(path: string): string {
  return process.platform === 'linux' ? path : path.toLowerCase()
}
