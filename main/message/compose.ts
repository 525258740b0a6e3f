// Builds the MIME message with nodemailer's MailComposer. The only file that drives it;
// what it decides (encodings, address forms) is decided in our own modules.
import { Readable } from 'node:stream'
import MailComposer from 'nodemailer/lib/mail-composer'
import type MimeNode from 'nodemailer/lib/mime-node'
import type { ComposeModel } from './types'
import type { Mailbox } from './address'
import { formatAddressHeader, needsUtf8Header, type DomainForm } from './address-header'
import { prepareAttachment, type PreparedAttachment } from './attachments'
import { base64Lines } from './base64-lines'
import { chooseBodyEncoding, chooseFileEncoding, toCrlf, type BodyEncoding } from './body-encoding'
import { MessageInputError } from './errors'
import type { FixedParts } from './fixed-parts'
import type { ModelAddresses } from './model-addresses'
import { MAX_ATTACHMENT_FILE_BYTES } from './limits'
import { regularFileStream } from './regular-file'
import { openTextFile, type TextFileInspection } from './text-file'

/** What the server offers that changes how the message is written. */
export interface ComposeCapabilities {
  eightBitMime: boolean
  smtpUtf8: boolean
  /** BODY=BINARYMIME can be used (offered, and the message goes as BDAT): attachments go unencoded. */
  binaryMime?: boolean
}

export interface ComposePlan {
  /** A fresh stream of the message each call (content streams can be read only once). */
  stream(): Readable
  build(): Promise<Buffer>
  /** The message carries 8-bit octets: BODY=8BITMIME (RFC 6152) is needed. */
  eightBit: boolean
  /** A part goes as binary, or 8-bit text goes where only BINARYMIME is offered: BODY=BINARYMIME (RFC 3030). */
  binary: boolean
  /** Headers carry raw UTF-8 or an address has a UTF-8 local part: SMTPUTF8 (RFC 6531). */
  smtpUtf8: boolean
  /** Total attachment bytes before encoding. */
  attachmentBytes: number
}

const ADDRESS_HEADERS = new Set(['From', 'To', 'Cc', 'Reply-To'])

export async function planMessage(
  model: ComposeModel,
  addresses: ModelAddresses,
  caps: ComposeCapabilities,
  fixed: FixedParts,
  /** The text body from this file instead of model.text, streamed (text-file.ts). */
  textFile?: TextFileInspection,
): Promise<ComposePlan> {
  const form: DomainForm = caps.smtpUtf8 ? 'unicode' : 'ascii'
  const all = [addresses.from, ...addresses.to, ...addresses.cc, ...addresses.bcc, ...addresses.replyTo]
  const utf8Local = all.find(({ mailbox }) => mailbox.utf8Local)
  if (utf8Local && !caps.smtpUtf8) {
    throw new MessageInputError({
      field: utf8Local.field,
      message: 'has a non-ASCII local part, and the server does not offer SMTPUTF8 (RFC 6531)',
    })
  }
  const headerMailboxes = [addresses.from, ...addresses.to, ...addresses.cc, ...addresses.replyTo].map((m) => m.mailbox)
  const headersUtf8 = needsUtf8Header(headerMailboxes, form)

  const text = toCrlf(model.text ?? '')
  const html = model.html ? toCrlf(model.html) : undefined
  // BODY=BINARYMIME also covers 8-bit lines (RFC 3030 3), for a server that offers it without 8BITMIME.
  const eightBitOk = caps.eightBitMime || caps.binaryMime === true
  const textEncoding = textFile ? chooseFileEncoding(textFile, eightBitOk) : chooseBodyEncoding(text, eightBitOk)
  const htmlEncoding = html === undefined ? undefined : chooseBodyEncoding(html, eightBitOk)
  const carriage = { eightBitMime: eightBitOk, binaryMime: caps.binaryMime === true }
  const attachments = await Promise.all((model.attachments ?? []).map((a, i) => prepareAttachment(a, i, carriage)))
  const eightBit = textEncoding === '8bit' || htmlEncoding === '8bit' || headersUtf8 || attachments.some((a) => a.contentTransferEncoding === '8bit')

  const header = (mailboxes: Mailbox[]): string | undefined =>
    mailboxes.length === 0 ? undefined : formatAddressHeader(mailboxes, form)
  const composerOptions = (): MailComposer.Options => ({
    from: header([addresses.from.mailbox]),
    to: header(addresses.to.map((m) => m.mailbox)),
    cc: header(addresses.cc.map((m) => m.mailbox)),
    replyTo: header(addresses.replyTo.map((m) => m.mailbox)),
    subject: model.subject,
    date: fixed.date,
    messageId: `<${fixed.messageId}>`,
    baseBoundary: fixed.boundary,
    // Attachment paths are local files only: never fetch a URL the user typed as a path.
    disableUrlAccess: true,
    // A message with only HTML gets no empty text part; otherwise text is always there,
    // so a message with attachments keeps a text part at the top.
    text: textFile
      ? { content: openTextFile(textFile), contentTransferEncoding: textEncoding }
      : html !== undefined && text === ''
        ? undefined
        : bodyPart(text, textEncoding),
    html: html === undefined ? undefined : bodyPart(html, htmlEncoding ?? '7bit'),
    attachments: attachments.map(toComposerAttachment),
  })
  const compile = (): MimeNode => {
    const root = new MailComposer(composerOptions()).compile()
    // After the generated fields (MailComposer would put them first), so a transcript
    // reads From, To, Subject... and then the user's own fields.
    for (const { name, value } of model.headers ?? []) root.addHeader(name, value)
    keepPreformattedAddresses(root)
    honourTransferEncodings(root)
    return root
  }
  return {
    stream: () => compile().createReadStream(),
    build: () => compile().build(),
    eightBit,
    binary: attachments.some((a) => a.contentTransferEncoding === 'binary') || (eightBit && !caps.eightBitMime),
    smtpUtf8: headersUtf8 || utf8Local !== undefined,
    attachmentBytes: attachments.reduce((sum, a) => sum + a.size, 0),
  }
}

function bodyPart(crlfText: string, encoding: BodyEncoding): MailComposer.Options['text'] {
  // A Buffer, so MailComposer takes even an empty body as content rather than as absent.
  return { content: Buffer.from(crlfText, 'utf8'), contentTransferEncoding: encoding }
}

function toComposerAttachment(attachment: PreparedAttachment): NonNullable<MailComposer.Options['attachments']>[number] {
  return {
    contentType: attachment.contentType,
    // What the user attached is an attachment, a forwarded .eml included (not shown inline).
    contentDisposition: 'attachment',
    contentTransferEncoding: attachment.contentTransferEncoding,
    filename: attachment.filename,
    content: attachmentContent(attachment),
  }
}

/** Content the library must pass as it is: base64 lines made by base64-lines.ts. */
const encodedAlready = new WeakSet<object>()

function attachmentContent(attachment: PreparedAttachment): Buffer | Readable {
  // A file is read by our stream rather than by the library's fs.createReadStream: a
  // FIFO or a device is refused instead of waited on, and its reads cost a tenth (regular-file.ts).
  const bytes = attachment.content ?? regularFileStream(attachment.path ?? '', MAX_ATTACHMENT_FILE_BYTES)
  if (attachment.contentTransferEncoding !== 'base64') return bytes
  const encoded = base64Lines(Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes)
  encodedAlready.add(encoded)
  return encoded
}

/**
 * From/To/Cc/Reply-To arrive already formatted by address-header.ts (names as encoded
 * words, domains in the form the server can take). MimeNode would re-parse them and turn
 * every domain into an A-label, so on the root node these headers pass through as given;
 * folding still happens in the library.
 */
function keepPreformattedAddresses(root: MimeNode): void {
  const encode = root.encodeHeaderValue.bind(root)
  root.encodeHeaderValue = (key, value) => {
    const normalized = key.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
    return ADDRESS_HEADERS.has(normalized) && typeof value === 'string' ? value : encode(key, value)
  }
}

/**
 * MimeNode only honours base64 and quoted-printable when told; for text it otherwise picks
 * its own encoding and has no 8bit or binary at all. body-encoding.ts and attachments.ts
 * already chose 7bit, 8bit or binary for the parts that carry that header, so those parts
 * go out as they are. A part whose content is base64 already keeps its "base64" header
 * and is not encoded again: no encoding to apply, so the library leaves the header as set.
 */
function honourTransferEncodings(node: MimeNode): void {
  const wanted = String(node.getHeader('Content-Transfer-Encoding') ?? '').toLowerCase()
  if (wanted === '7bit' || wanted === '8bit' || wanted === 'binary') node.getTransferEncoding = () => wanted
  else if (isEncodedAlready(node)) node.getTransferEncoding = () => ''
  for (const child of node.childNodes) honourTransferEncodings(child)
}

function isEncodedAlready(node: MimeNode): boolean {
  const content = (node as { content?: unknown }).content
  return typeof content === 'object' && content !== null && encodedAlready.has(content)
}
