// Serves the built renderer (out/renderer) on 127.0.0.1:0, with the CSP header the
// Electron app adds (main/csp.ts), because Chromium refuses module scripts from file://.
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { contentSecurityPolicy } from '../../../main/csp'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

export interface StaticServer {
  /** http://127.0.0.1:PORT/ */
  url: string
  close(): Promise<void>
}

export async function serveFolder(root: string, options: { csp?: string } = {}): Promise<StaticServer> {
  const csp = options.csp ?? contentSecurityPolicy()
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
      const relative = normalize(pathname === '/' ? '/index.html' : pathname)
      const file = join(root, relative)
      if (!file.startsWith(root + sep) || request.method !== 'GET') {
        response.writeHead(404).end()
        return
      }
      try {
        const body = await readFile(file)
        response.writeHead(200, {
          'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        })
        response.end(body)
      } catch {
        // Chromium asks for a favicon on its own; Electron loading our page never does.
        response.writeHead(relative === `${sep}favicon.ico` ? 204 : 404).end()
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('static server has no port')
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
