// The document an HTML body is shown in. The frame that holds it is sandboxed with no
// permissions at all (no scripts, no forms, no popups, an opaque origin), and this policy,
// first in the document so it binds before any of the message is parsed, lets nothing
// load: images only from data: URLs, styles only inline. A tracking pixel or a remote
// stylesheet is never fetched. The app's own policy (main/csp.ts) is inherited on top.
// Before any of that, elements that would open a connection at all (iframe, object, link,
// meta, base…) are removed from the message (sanitize-mail-html.ts).
import { sanitizeMailHtml } from './sanitize-mail-html'

export const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

/**
 * Mail is designed on white, whatever the app's theme; the message's own styles come
 * after these and win. `color-scheme: light` keeps form controls and scrollbars light.
 */
const BASE_STYLE =
  ':root{color-scheme:light}body{margin:14px 16px;background:#fff;color:#1d2127;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;overflow-wrap:anywhere}img{max-width:100%;height:auto}'

export function previewDocument(html: string): string {
  return (
    '<!doctype html><html><head>' +
    `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${BASE_STYLE}</style>` +
    `</head><body>${sanitizeMailHtml(html)}</body></html>`
  )
}
