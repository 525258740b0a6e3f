// The Content-Security-Policy the main process adds to every response the window loads,
// on top of the <meta> in renderer/index.html (a page is held to both). The e2e harness
// serves the renderer with the same header, so a UI that needs more fails its tests.

/**
 * Packaged: scripts from our own files only. Inline styles are allowed for one reason: the
 * local inbox's HTML preview is a sandboxed srcdoc frame, and srcdoc documents inherit this
 * policy, so without it every received HTML message would show unstyled (mail is styled
 * inline). It costs little here: no script runs from anywhere but our files, and CSS has
 * nowhere to send data (img-src, font-src and connect-src allow only us and data:).
 * Frames stay under default-src 'self' (srcdoc and about:blank are exempt by definition).
 */
const PACKAGED = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
}

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

/**
 * In development the Vite dev server injects styles as <style> elements, runs an inline
 * preamble for React Fast Refresh and talks to its own WebSocket: allow those, for its
 * origin only, and nothing more.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return serialize(PACKAGED)
  const dev = new URL(devServerUrl)
  const socket = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`
  return serialize({
    ...PACKAGED,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", socket],
  })
}
