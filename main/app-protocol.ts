// The packaged window loads its page from app://mailwire/, not file:// (Electron security
// checklist, item 18): a file: page may read any other file: URL its process can, an app:
// page only what this handler serves, which is out/renderer and nothing else. Pure Node
// (fetch's Request and Response): index.ts registers it with Electron's protocol module.
import { realpath, readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'mailwire'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/**
 * standard: URLs parse like http (host, path, relative links, a real origin for 'self' and
 * the sender check); secure: a secure context (navigator.clipboard). supportFetchAPI: the
 * page's module scripts and fetch() reach the handler. Nothing more: no CSP bypass, no
 * service workers, no CORS from other origins.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** Whether `url` is on our origin: the scheme and host, no port, no credentials. */
export function isAppUrl(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === ''
}

/**
 * The file under `root` that `requestUrl` names, or undefined for anything else: another
 * origin, `..` in any spelling (`%2e%2e`, an encoded `/` or `\` inside a segment), NUL, a
 * path that leaves `root` through a symbolic link, a folder, a missing file. `/` is
 * index.html. Chromium normalises app:// URLs before the handler sees them; this does not
 * rely on it.
 */
export async function resolveAppFile(root: string, requestUrl: string): Promise<string | undefined> {
  const url = parse(requestUrl)
  if (!url || !isAppUrl(url)) return undefined
  const segments: string[] = []
  for (const raw of url.pathname.split('/').slice(1)) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return undefined
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment) || isAbsolute(segment)) return undefined
    segments.push(segment)
  }
  if (segments.length === 0 || segments.at(-1) === '') segments.splice(-1, 1, 'index.html')
  if (segments.some((segment) => segment === '')) return undefined
  try {
    const realRoot = await realpath(root)
    const file = await realpath(join(realRoot, ...segments))
    const inside = relative(realRoot, file)
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return undefined
    return (await stat(file)).isFile() ? file : undefined
  } catch {
    return undefined
  }
}

/**
 * The app:// handler: our files with their type and the CSP header. Electron does not run
 * webRequest's header listeners for custom schemes, so the policy is set here, not only by
 * security.ts. Anything not found is a bare 404 (no listing, no hint of what exists).
 */
export function appProtocolHandler(root: string, csp: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 })
    const file = await resolveAppFile(root, request.url)
    if (!file) return new Response(null, { status: 404 })
    const body = await readFile(file)
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    })
  }
}
