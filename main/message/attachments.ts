// Attachments: checked when the user composes, read and sized when the message is built.
import { statSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { AttachmentInput } from './types'
import { controlCharacterProblem } from './characters'
import { MAX_LINE_OCTETS, MAX_MESSAGE_ATTACHMENT_SCAN_BYTES } from './limits'
import { contentTypeFor, extensionFor } from './mime-library'

/** RFC 2045 §5.1: type "/" subtype, both tokens, then optional parameters. */
const CONTENT_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*(;.*)?$/

export function attachmentProblem(attachment: AttachmentInput): string | undefined {
  const { path, content, filename, contentType } = attachment
  if (path !== undefined && content !== undefined) return 'has both a file path and content'
  if (path === undefined && content === undefined) return 'has neither a file path nor content'
  if (path !== undefined) {
    const control = controlCharacterProblem(path)
    if (control) return `has a file path that ${control}`
    const problem = fileProblem(path)
    if (problem) return problem
  }
  if (filename !== undefined) {
    const control = controlCharacterProblem(filename)
    if (control) return `has a file name that ${control}`
    if (filename.trim() === '') return 'has an empty file name'
  }
  if (contentType !== undefined) {
    const control = controlCharacterProblem(contentType)
    if (control) return `has a content type that ${control}`
    if (!CONTENT_TYPE.test(contentType)) return `has a content type that is not type/subtype: ${contentType}`
    if (/^multipart\//i.test(contentType)) return 'cannot have a multipart/* content type'
  }
  return undefined
}

function fileProblem(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return `is not a regular file: ${path}`
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? `file not found: ${path}` : `cannot be read (${code ?? 'error'}): ${path}`
  }
  return undefined
}

/** An attachment ready for the MIME library, with its encoding decided. */
export interface PreparedAttachment {
  filename: string
  contentType: string
  path?: string
  content?: Buffer
  /** binary only where BODY=BINARYMIME can carry it (RFC 3030 3). */
  contentTransferEncoding: 'base64' | '7bit' | '8bit' | 'binary'
  /** Size of the attachment's bytes (before encoding). */
  size: number
}

/** What the send can carry unencoded: 8-bit lines (8BITMIME), any bytes (BINARYMIME with BDAT). */
export interface AttachmentCarriage {
  eightBitMime: boolean
  binaryMime?: boolean
}

export async function prepareAttachment(attachment: AttachmentInput, index: number, carriage: AttachmentCarriage): Promise<PreparedAttachment> {
  const named = attachment.filename ?? (attachment.path !== undefined ? basename(attachment.path) : undefined)
  const contentType = attachment.contentType ?? contentTypeFor(named ?? 'bin')
  // Bytes without a name still need one for the recipient to save them under.
  const filename = named ?? `attachment-${index + 1}.${extensionFor(contentType)}`
  const content = attachment.content === undefined ? undefined : toBuffer(attachment.content)
  // Base64 only makes bytes fit a line-based transport; BINARYMIME carries them as they are, a third fewer.
  const opaque = carriage.binaryMime ? 'binary' : 'base64'
  const prepared: PreparedAttachment = { filename, contentType, contentTransferEncoding: opaque, size: 0 }

  if (content !== undefined) {
    if (/^message\//i.test(contentType)) return prepareMessageAttachment(prepared, content, carriage)
    prepared.content = content
    prepared.size = content.length
    return prepared
  }
  const path = attachment.path ?? ''
  const size = (await stat(path)).size
  if (!/^message\//i.test(contentType)) return { ...prepared, path, size }
  // A huge .eml is not read into memory to choose its encoding: it streams as a file.
  if (size > MAX_MESSAGE_ATTACHMENT_SCAN_BYTES) return { ...prepared, path, size, contentType: 'application/octet-stream' }
  return prepareMessageAttachment(prepared, await readFile(path), carriage)
}

/**
 * A message/* part may not be base64 or quoted-printable (RFC 2046 §5.2.1), so it goes as
 * 7bit when its bytes allow, as 8bit when the server offers 8BITMIME, and otherwise as an
 * opaque application/octet-stream file (base64) that still opens as the same .eml. With
 * BINARYMIME a message that is none of these goes as binary, its own type kept.
 */
function prepareMessageAttachment(prepared: PreparedAttachment, bytes: Buffer, carriage: AttachmentCarriage): PreparedAttachment {
  // A message is line-oriented: its line breaks must be CRLF like the rest of ours.
  const content = Buffer.from(bytes.toString('latin1').replace(/\r\n|\r|\n/g, '\r\n'), 'latin1')
  const prepare = (encoding: PreparedAttachment['contentTransferEncoding'], contentType: string): PreparedAttachment => ({
    ...prepared,
    content,
    size: content.length,
    contentType,
    contentTransferEncoding: encoding,
  })
  const longLine = content
    .toString('latin1')
    .split('\r\n')
    .some((line) => line.length > MAX_LINE_OCTETS)
  const hasNul = content.includes(0)
  if (!longLine && !hasNul && content.every((byte) => byte < 0x80)) return prepare('7bit', prepared.contentType)
  if (!longLine && !hasNul && carriage.eightBitMime) return prepare('8bit', prepared.contentType)
  if (carriage.binaryMime) return { ...prepare('binary', prepared.contentType), content: bytes, size: bytes.length }
  return { ...prepare('base64', 'application/octet-stream'), content: bytes, size: bytes.length }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
