// The message's HTML without the elements that open connections by themselves. The frame's
// sandbox and CSP already refuse their loads, yet Chromium still opened a TCP connection for
// a blocked <iframe src> (no HTTP bytes, but the sender learns the message was opened). So
// they are taken out before the frame sees the document, by DOMPurify, which parses in an
// inert document (nothing loads while it works) and is kept up to date against parser tricks.
import DOMPurify from 'dompurify'

/** Elements that load, embed or redirect on their own: never in the preview. */
export const REMOVED_ELEMENTS = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'link', 'meta', 'base'] as const

export function sanitizeMailHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: [...REMOVED_ELEMENTS],
    // Leading <style> elements (a mail's <head>) are kept, in the body where they still apply.
    FORCE_BODY: true,
  })
}
