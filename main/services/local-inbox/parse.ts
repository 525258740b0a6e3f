// The parsed form of a received message, read from the raw file on disk with mailparser's
// streaming parser. Attachments are hashed and measured as they stream past, never held
// in memory; text and HTML are kept up to a bound (the raw source always has them whole).
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { MailParser } from 'mailparser'
import type { AddressObject, AttachmentStream, EmailAddress, MessageText } from 'mailparser'
import { MAX_PARSED_BODY_CHARS, MAX_PARSED_HEADER_LINES } from './limits'
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

export async function parseMessageFile(path: string): Promise<ParsedMessage> {
  const parser = new MailParser({
    checksumAlgo: 'sha256',
    skipImageLinks: true,
    skipTextToHtml: true,
    // html-to-text on a huge HTML body is slow; such a message keeps its HTML but gets no
    // generated text.
    maxHtmlLengthToParse: MAX_PARSED_BODY_CHARS,
  })
  let body: MessageText | undefined
  const pending: Promise<AttachmentInfo>[] = []
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') body = data
    else {
      const drained = drainAttachment(data)
      // Awaited below on success; after a parser failure nobody waits, so no unhandled rejection.
      drained.catch(() => {})
      pending.push(drained)
    }
  })
  let parseError: string | undefined
  let attachments: AttachmentInfo[] = []
  try {
    await pipeline(createReadStream(path), parser)
    // The parser ends only after every attachment was released, so these are settled.
    attachments = await Promise.all(pending)
  } catch (error) {
    // A parser that failed may leave an attachment stream open forever: do not wait.
    parseError = (error as Error).message
  }
  const headers = parser.headers || new Map()
  const headerLines = parser.headerLines || []
  const text = bounded(body?.text)
  const html = bounded(body?.html)
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
