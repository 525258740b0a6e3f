// The small primitives we borrow from nodemailer's MIME code (RFC 2047 encoded words,
// quoting, the extension → content type table). Everything nodemailer-specific outside
// compose.ts goes through here, so the library can be replaced in two files.
import MimeNode from 'nodemailer/lib/mime-node'
import * as mimeFuncs from 'nodemailer/lib/mime-funcs'

/** RFC 5322 §3.2.5 phrase made only of atext words: needs no quoting. */
const ATOM_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?: [A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/

/**
 * A display name as it goes into an address header: bare when it is plain words, a quoted
 * string when it is other printable ASCII, RFC 2047 encoded words otherwise (the library
 * never splits a UTF-8 sequence across two words, RFC 2047 §5).
 */
export function encodeDisplayName(name: string): string {
  if (ATOM_PHRASE.test(name)) return name
  if (/^[\x20-\x7e]*$/.test(name)) return mimeFuncs.quoteString(name)
  return MimeNode.encodeHeaderValue('X-Display-Name', name)
}

/** The content type for a file name (by extension); application/octet-stream when unknown. */
export function contentTypeFor(fileName: string): string {
  return mimeFuncs.detectMimeType(fileName)
}

/** The usual extension for a content type; "bin" when there is none. */
export function extensionFor(contentType: string): string {
  const extension = mimeFuncs.detectExtension(contentType.split(';')[0]?.trim() ?? '')
  return /^[a-z0-9]+$/i.test(extension) ? extension : 'bin'
}
