// Message sources for the engine (sendMail's MessageFactory) from fixed bytes.
import type { MessageFactory } from '../../../main/smtp'

/** Hands the engine these exact bytes, split into chunks at the given offsets. */
export function fixedMessage(bytes: Buffer, options: { splitAt?: number[]; eightBit?: boolean } = {}): MessageFactory {
  const cuts = [0, ...(options.splitAt ?? []), bytes.length]
  return () => ({
    size: bytes.length,
    eightBit: options.eightBit ?? bytes.some((byte) => byte > 0x7f),
    async *open() {
      for (let i = 0; i + 1 < cuts.length; i++) yield bytes.subarray(cuts[i], cuts[i + 1])
    },
  })
}

/** A plain message of roughly `size` bytes, CRLF line ends. */
export function plainMessage(subject: string, size = 200): Buffer {
  const head = `From: sender@example.test\r\nTo: rcpt@example.test\r\nSubject: ${subject}\r\n\r\n`
  const line = `${'body text '.repeat(7)}\r\n`
  return Buffer.from(head + line.repeat(Math.max(1, Math.ceil((size - head.length) / line.length))))
}
