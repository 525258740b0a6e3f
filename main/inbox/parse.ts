// The parsed form of a received message, read from the raw file on disk with mailparser's
// streaming parser. Attachments are hashed and measured as they stream past, never held
// in memory; text and HTML are kept up to a bound (the raw source always has them whole).
// A large message has its text parts streamed the same way, see STREAM_TEXT_OVER_BYTES.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { TextDecoder } from 'node:util'
import { MailParser } from 'mailparser'
import type { AddressObject, AttachmentStream, EmailAddress, MessageText, StructuredHeader } from 'mailparser'
import { MAX_PARSED_BODY_CHARS, MAX_PARSED_HEADER_LINES, STREAM_TEXT_OVER_BYTES } from './limits'
import type { AttachmentInfo, MailboxAddress, ParsedMessage } from './types'

function flattenAddresses(entries: EmailAddress[], into: MailboxAddress[]): MailboxAddress[] {
  for (const entry of entries) {
    if (entry.group) flattenAddresses(entry.group, into)
    else into.push({ name: entry.name ?? '', address: entry.address ?? '' })
  }
  return into
}

function addresses(value: unknown): MailboxAddress[] {
  const objects = (Array.isArray(value) ? value : value ? [value] : []) as AddressObject[]
  const list: MailboxAddress[] = []
  for (const object of objects) {
    if (object && Array.isArray(object.value)) flattenAddresses(object.value, list)
  }
  return list
}

function bounded(text: string | false | undefined): { text?: string; truncated: boolean } {
  if (typeof text !== 'string') return { truncated: false }
  if (text.length <= MAX_PARSED_BODY_CHARS) return { text, truncated: false }
  return { text: text.slice(0, MAX_PARSED_BODY_CHARS), truncated: true }
}

function headerText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function attachmentInfo(part: AttachmentStream): AttachmentInfo {
  return {
    ...(part.filename ? { filename: part.filename } : {}),
    contentType: part.contentType,
    ...(part.contentDisposition ? { disposition: part.contentDisposition } : {}),
    ...(part.contentId ? { contentId: part.contentId } : {}),
    size: part.size ?? 0,
    sha256: part.checksum ?? '',
    ...(part.partId ? { partId: part.partId } : {}),
  }
}

/** Reads one attachment to its end (for its size and hash), then lets the parser go on. */
function drainAttachment(part: AttachmentStream): Promise<AttachmentInfo> {
  return new Promise((resolve, reject) => {
    part.content.once('error', reject)
    part.content.once('end', () => {
      part.release?.()
      resolve(attachmentInfo(part))
    })
    part.content.resume()
  })
}

/** Bytes kept of a streamed text part: enough for MAX_PARSED_BODY_CHARS in any UTF-8. */
const MAX_STREAMED_BODY_BYTES = MAX_PARSED_BODY_CHARS * 4

interface StreamedBody {
  kind: 'text' | 'html'
  text: string
  truncated: boolean
}

/** An inline text/plain or text/html part without a file name is a body, not an attachment. */
function bodyKind(part: AttachmentStream): StreamedBody['kind'] | undefined {
  const disposition = part.headers.get('content-disposition') as StructuredHeader | undefined
  if (part.filename || (disposition && disposition.value !== 'inline')) return undefined
  if (part.contentType === 'text/plain') return 'text'
  if (part.contentType === 'text/html') return 'html'
  return undefined
}

function decode(bytes: Buffer, charset: string | undefined): string {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(charset || 'utf-8')
  } catch {
    decoder = new TextDecoder('utf-8')
  }
  return decoder.decode(bytes).replace(/\r?\n/g, '\n')
}

/** Keeps the beginning of a streamed text part and drains the rest. */
function readBody(part: AttachmentStream, kind: StreamedBody['kind']): Promise<StreamedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let kept = 0
    let dropped = false
    part.content.on('data', (chunk: Buffer) => {
      const room = MAX_STREAMED_BODY_BYTES - kept
      if (chunk.length > room) dropped = true
      if (room > 0) {
        chunks.push(chunk.subarray(0, room))
        kept += Math.min(room, chunk.length)
      }
    })
    part.content.once('error', reject)
    part.content.once('end', () => {
      part.release?.()
      const type = part.headers.get('content-type') as StructuredHeader | undefined
      const text = bounded(decode(Buffer.concat(chunks), type?.params?.charset))
      resolve({ kind, text: text.text ?? '', truncated: dropped || text.truncated })
    })
  })
}

type PartResult = { attachment: AttachmentInfo } | { body: StreamedBody }

/** Text and HTML from streamed parts, joined the way mailparser joins inline parts. */
function joinBodies(bodies: StreamedBody[], kind: StreamedBody['kind']): { text?: string; truncated: boolean } {
  const parts = bodies.filter((body) => body.kind === kind)
  if (parts.length === 0) return { truncated: false }
  const joined = bounded(parts.map((part) => part.text).join('\n'))
  return { text: joined.text ?? '', truncated: joined.truncated || parts.some((part) => part.truncated) }
}

/** What the message list shows from the headers. */
export type SummaryHeaders = Pick<ParsedMessage, 'from' | 'to' | 'subject'>

/** The end of the header block (the empty line), or -1 when `head` does not reach it. */
function headerBlockEnd(head: Buffer): number {
  const crlf = head.indexOf('\r\n\r\n')
  const lf = head.indexOf('\n\n')
  const ends = [crlf === -1 ? -1 : crlf + 4, lf === -1 ? -1 : lf + 2].filter((end) => end !== -1)
  return ends.length ? Math.min(...ends) : -1
}

/**
 * From, To and Subject from the beginning of a message, decoded as parseMessageFile decodes
 * them; undefined when `head` ends before the header block does. Only the header block goes
 * through mailparser: the body is parsed when someone opens the message.
 */
export async function parseSummaryHeaders(head: Buffer): Promise<SummaryHeaders | undefined> {
  const end = headerBlockEnd(head)
  if (end === -1) return undefined
  const parser = new MailParser()
  parser.resume()
  await new Promise<void>((resolve, reject) => {
    parser.once('headers', () => resolve())
    parser.once('error', reject)
    parser.end(head.subarray(0, end))
  })
  const headers = parser.headers || new Map()
  const subject = headerText(headers.get('subject'))
  return {
    from: addresses(headers.get('from')),
    to: addresses(headers.get('to')),
    ...(subject !== undefined ? { subject } : {}),
  }
}

export async function parseMessageFile(
  path: string,
  options: { streamTextOverBytes?: number } = {},
): Promise<ParsedMessage> {
  const parser = new MailParser({
    checksumAlgo: 'sha256',
    skipImageLinks: true,
    skipTextToHtml: true,
    // html-to-text on a huge HTML body is slow; such a message keeps its HTML but gets no
    // generated text.
    maxHtmlLengthToParse: MAX_PARSED_BODY_CHARS,
  })
  const streamText = (await stat(path)).size > (options.streamTextOverBytes ?? STREAM_TEXT_OVER_BYTES)
  // mailparser buffers the parts whose type is in its (undeclared) textTypes list and
  // streams all others: with the list empty, every part streams.
  if (streamText) (parser as unknown as { textTypes: string[] }).textTypes = []
  let body: MessageText | undefined
  const pending: Promise<PartResult>[] = []
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') {
      body = data
      return
    }
    const kind = streamText ? bodyKind(data) : undefined
    const part: Promise<PartResult> = kind
      ? readBody(data, kind).then((streamed) => ({ body: streamed }))
      : drainAttachment(data).then((attachment) => ({ attachment }))
    // Awaited below on success; after a parser failure nobody waits, so no unhandled rejection.
    part.catch(() => {})
    pending.push(part)
  })
  let parseError: string | undefined
  let parts: PartResult[] = []
  try {
    await pipeline(createReadStream(path), parser)
    // The parser ends only after every part was released, so these are settled.
    parts = await Promise.all(pending)
  } catch (error) {
    // A parser that failed may leave a part's stream open forever: do not wait.
    parseError = (error as Error).message
  }
  const attachments = parts.flatMap((part) => ('attachment' in part ? [part.attachment] : []))
  const streamed = parts.flatMap((part) => ('body' in part ? [part.body] : []))
  const headers = parser.headers || new Map()
  const headerLines = parser.headerLines || []
  const text = streamText ? joinBodies(streamed, 'text') : bounded(body?.text)
  const html = streamText ? joinBodies(streamed, 'html') : bounded(body?.html)
  const date = headers.get('date')
  return {
    from: addresses(headers.get('from')),
    to: addresses(headers.get('to')),
    cc: addresses(headers.get('cc')),
    bcc: addresses(headers.get('bcc')),
    replyTo: addresses(headers.get('reply-to')),
    ...(headerText(headers.get('subject')) !== undefined ? { subject: headerText(headers.get('subject')) } : {}),
    ...(date instanceof Date && !Number.isNaN(date.getTime()) ? { date: date.toISOString() } : {}),
    ...(headerText(headers.get('message-id')) ? { messageId: headerText(headers.get('message-id')) } : {}),
    ...(text.text !== undefined ? { text: text.text } : {}),
    ...(html.text !== undefined ? { html: html.text } : {}),
    textTruncated: text.truncated,
    htmlTruncated: html.truncated,
    attachments,
    headers: headerLines.slice(0, MAX_PARSED_HEADER_LINES).map(({ key, line }) => ({ key, line })),
    headersTruncated: headerLines.length > MAX_PARSED_HEADER_LINES,
    ...(parseError ? { parseError } : {}),
  }
}
