// The inputs of the send-path benchmark, written in 1 MiB pieces (never held whole): a
// text body with LF line ends (as an editor saves it), a binary attachment, and for curl
// the MIME message the attachment makes (the same size on the wire as Mailwire's).
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'

const PIECE_BYTES = 1024 * 1024
const LINE_CHARS = 76
const DOT_LINE_EVERY = 40
const FILLER = 'The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs. '

async function write(out: WriteStream, data: string | Buffer): Promise<void> {
  if (!out.write(data)) await once(out, 'drain')
}

async function close(out: WriteStream): Promise<void> {
  out.end()
  await once(out, 'close')
}

/** Text lines of 76 characters and LF, every 40th starting with a dot; returns the bytes written. */
export async function writeTextFile(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path)
  let written = 0
  let piece = ''
  for (let line = 0; written + piece.length < bytes; line++) {
    const start = (line * 7) % FILLER.length
    let text = (FILLER + FILLER).slice(start, start + LINE_CHARS)
    if (line % DOT_LINE_EVERY === 0) text = `.${text.slice(1)}`
    piece += `${text}\n`
    if (piece.length >= PIECE_BYTES) {
      await write(out, piece)
      written += piece.length
      piece = ''
    }
  }
  await write(out, piece)
  await close(out)
  return written + piece.length
}

/** Random bytes: nothing for a compressor or an encoder to take a shortcut through. */
export async function writeBinaryFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path)
  for (let left = bytes; left > 0; left -= PIECE_BYTES) await write(out, randomBytes(Math.min(left, PIECE_BYTES)))
  await close(out)
}

/** A multipart/mixed message with a short text part and `attachment` as base64 in 76-character lines. */
export async function writeMimeMessage(path: string, from: string, to: string, attachment: string): Promise<void> {
  const out = createWriteStream(path)
  const boundary = 'bench-boundary-0123456789'
  await write(
    out,
    [
      `From: ${from}`,
      `To: ${to}`,
      'Subject: Benchmark: an attachment',
      'Date: Thu, 01 Jan 2026 00:00:00 +0000',
      'Message-ID: <bench.attach@bench.mailwire.test>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      'Content-Transfer-Encoding: 7bit',
      '',
      'See the attachment.',
      `--${boundary}`,
      'Content-Type: application/octet-stream; name=attachment.bin',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename=attachment.bin',
      '',
      '',
    ].join('\r\n'),
  )
  let carry = ''
  // 57 input bytes make one 76-character line: read in multiples of 57.
  for await (const chunk of createReadStream(attachment, { highWaterMark: 57 * 16 * 1024 })) {
    const text = carry + (chunk as Buffer).toString('base64')
    const whole = text.length - (text.length % LINE_CHARS)
    await write(out, text.slice(0, whole).replace(/.{76}/g, '$&\r\n'))
    carry = text.slice(whole)
  }
  await write(out, `${carry ? `${carry}\r\n` : ''}--${boundary}--\r\n`)
  await close(out)
}
