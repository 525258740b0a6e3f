// The bytes of one attachment of a received message, read back from its raw source on
// disk. The inbox keeps attachments only inside the raw message (its parsed form has their
// names, sizes and hashes), so saving one parses the message again and keeps just that part.
import { createReadStream } from 'node:fs'
import { createHash } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import { MailParser } from 'mailparser'
import type { AttachmentStream, MessageText } from 'mailparser'
import type { AttachmentInfo } from '../../../preload/contract'

/** Whether a streamed part is the attachment the parsed form describes. */
function sameSlot(part: AttachmentStream, wanted: AttachmentInfo): boolean {
  // The MIME part number pins the part; without one (a single-part message) the hash decides.
  return wanted.partId === undefined || part.partId === wanted.partId
}

function collect(part: AttachmentStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    part.content.on('data', (chunk: Buffer) => chunks.push(chunk))
    part.content.once('error', reject)
    part.content.once('end', () => {
      part.release?.()
      resolve(Buffer.concat(chunks))
    })
  })
}

function drain(part: AttachmentStream): Promise<void> {
  return new Promise((resolve, reject) => {
    part.content.once('error', reject)
    part.content.once('end', () => {
      part.release?.()
      resolve()
    })
    part.content.resume()
  })
}

/**
 * The decoded content of `wanted`, or undefined when no part of the raw source matches it
 * (same part number and the same SHA-256 as when the inbox parsed it).
 */
export async function readAttachment(rawPath: string, wanted: AttachmentInfo): Promise<Buffer | undefined> {
  const parser = new MailParser({ skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: true })
  // As in main/inbox/parse.ts for large messages: with no buffered text types, every part
  // streams past as an attachment, so a text part with a file name is found by its number.
  ;(parser as unknown as { textTypes: string[] }).textTypes = []
  let found: Buffer | undefined
  const pending: Promise<unknown>[] = []
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') return
    if (found || !sameSlot(data, wanted)) {
      pending.push(drain(data))
      return
    }
    pending.push(
      collect(data).then((bytes) => {
        const sha256 = createHash('sha256').update(bytes).digest('hex')
        if (!found && sha256 === wanted.sha256) found = bytes
      }),
    )
  })
  await pipeline(createReadStream(rawPath), parser)
  await Promise.all(pending)
  return found
}
