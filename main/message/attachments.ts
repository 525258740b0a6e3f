// Attachments read and sized when the message is built (attachment-problems.ts checks them
// when the user composes).
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { AttachmentInput } from './types'
import { MAX_LINE_OCTETS, MAX_MESSAGE_ATTACHMENT_SCAN_BYTES } from './limits'
import { contentTypeFor, extensionFor } from './mime-library'

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
