// A message body on its way to the socket, once the server is ready for it: encoded
// (normalised line ends, dot-stuffing), shown line by line up to a bound, counted, written
// with backpressure under the data block timeout. The connection owns the socket and the
// terminator's reply; this owns the bytes before it, so BDAT can share it.
import { DataEncoder } from './data-encoder'
import { DataPreview, DEFAULT_DATA_LINES_SHOWN } from './data-preview'
import { SmtpError } from './errors'
import { encodeSmallBody, smallBody, writeBody, type MessageBytes, type SmallBody } from './message-writer'
import type { WireLog } from './wire-log'

export interface BodyChannel {
  readonly wire: WireLog
  /** Wait for the source, but not past a failure of the connection. */
  guard<T>(promise: Promise<T>): Promise<T>
  /** Write and resolve once the socket took the bytes; rejects when the connection fails. */
  write(bytes: Buffer): Promise<void>
  /** End the connection: the data block timeout passed. */
  fail(error: SmtpError): void
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

export class BodyWriter {
  /** Message bytes written for the current body (after dot-stuffing, without the final dot). */
  bytes = 0
  /** True once the current body's final dot was written: its fate is unknown until the reply. */
  ended = false

  constructor(
    private readonly channel: BodyChannel,
    private readonly dataBlockMs: number,
    private readonly linesShown: number = DEFAULT_DATA_LINES_SHOWN,
  ) {}

  /** A new body begins: counters reset, the encoder and the log's preview made for it. */
  begin(totalBytes: number | undefined): { encoder: DataEncoder; preview: DataPreview } {
    this.bytes = 0
    this.ended = false
    return { encoder: new DataEncoder({ reuseOutput: true }), preview: new DataPreview(this.channel.wire, this.linesShown, totalBytes) }
  }

  /**
   * A short message in memory, encoded at once: the bytes to write with the terminator (to
   * be shown once written), or undefined when the source must be streamed (see stream()).
   */
  encodeIfSmall(source: MessageBytes, totalBytes: number | undefined): SmallBody | undefined {
    const small = smallBody(source)
    if (!small) return undefined
    const { encoder, preview } = this.begin(totalBytes)
    const body = encodeSmallBody(small, preview, encoder)
    this.bytes = encoder.bytesOut
    return body
  }

  /** Stream the body to the socket; returns the bytes still to write, ending with the terminator. */
  async stream(source: MessageBytes, totalBytes: number | undefined): Promise<Buffer[]> {
    const { encoder, preview } = this.begin(totalBytes)
    const tail = await writeBody(
      source,
      {
        guard: (promise) => this.channel.guard(promise),
        write: (bytes) => this.write(bytes),
        progress: (bytes) => {
          this.bytes = bytes
          preview.progress(bytes)
        },
      },
      preview,
      encoder,
    )
    this.bytes = encoder.bytesOut
    return tail
  }

  /** Write body bytes with backpressure; the data block timeout bounds each wait (RFC 5321 4.5.3.2.5). */
  async write(bytes: Buffer): Promise<void> {
    const limit = this.dataBlockMs
    const timer = setTimeout(
      () =>
        this.channel.fail(
          new SmtpError('ETIMEOUT', `the server accepted no message data for ${seconds(limit)} (RFC 5321 section 4.5.3.2.5)`, {
            phase: 'data',
            temporary: true,
          }),
        ),
      limit,
    )
    try {
      await this.channel.write(bytes)
    } finally {
      clearTimeout(timer)
    }
  }
}
