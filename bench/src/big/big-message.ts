// The 100 MB message: headers, then text lines of 76 characters plus CRLF (RFC 5322's 78
// character limit), every 40th starting with a dot so that every client's dot-stuffing
// works the whole way. Written in 1 MiB pieces, never held whole in memory.
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

export const BIG_MESSAGE_BYTES = 100_000_000
const LINE_CHARS = 76
const DOT_LINE_EVERY = 40
const WRITE_CHUNK_BYTES = 1024 * 1024

export async function writeBigMessage(path: string, from: string, to: string): Promise<number> {
  const out = createWriteStream(path)
  const headers = [
    `From: Bench Sender <${from}>`,
    `To: ${to}`,
    'Subject: Benchmark: one 100 MB message',
    'Date: Thu, 01 Jan 2026 00:00:00 +0000',
    'Message-ID: <bench.big@bench.mailwire.test>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    'Content-Transfer-Encoding: 7bit',
    '',
    '',
  ].join('\r\n')
  let written = 0
  const write = async (text: string) => {
    written += text.length
    if (!out.write(text)) await once(out, 'drain')
  }
  await write(headers)
  const filler = 'The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs. '
  let piece = ''
  for (let line = 0; written + piece.length < BIG_MESSAGE_BYTES; line++) {
    const start = (line * 7) % filler.length
    let text = (filler + filler).slice(start, start + LINE_CHARS)
    if (line % DOT_LINE_EVERY === 0) text = `.${text.slice(1)}`
    piece += `${text}\r\n`
    if (piece.length >= WRITE_CHUNK_BYTES) {
      await write(piece)
      piece = ''
    }
  }
  await write(piece)
  out.end()
  await once(out, 'close')
  return written
}
