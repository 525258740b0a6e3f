// The message part of a connection: after a 354 (DATA) or as BDAT chunks (RFC 3030), the
// body goes out through the body writer and ends with the final dot or the LAST chunk; the
// commands that waited for it leave in the same write (RFC 2920 3.1: message content may
// begin a pipelined group). Kept apart from connection.ts, which owns the socket, the
// state and the reply queue and lends them through MessagePort.
import type { BodyWriter } from './body-writer'
import type { DescribedCommand } from './command-line'
import { END_OF_MESSAGE } from './connection-errors'
import type { ConnectionState } from './connection-state'
import { SmtpError, asSmtpError } from './errors'
import type { MessageBytes } from './message-writer'
import { ReplyGroup, type ReplyHandler } from './reply-handlers'
import type { PendingEntry } from './reply-queue'
import type { SessionWait } from './types'
import { announceWait } from './wait-notice'
import type { WireLog } from './wire-log'

/** What the message part needs of its connection. */
export interface MessagePort {
  readonly wire: WireLog
  readonly body: BodyWriter
  state(): ConnectionState
  /** A checked move (connection-state.ts); throws when the connection has ended. */
  move(to: ConnectionState): void
  /** Queue the handler for these entries' replies. */
  expectReplies(entries: readonly PendingEntry[], handler: ReplyHandler): void
  /** Write to the socket as it is (no backpressure: the body writer did that part). */
  write(bytes: Buffer): void
  /** The error that ended the connection, if it has ended. */
  failure(): SmtpError | undefined
  fail(error: SmtpError): void
  /** Told when the message starts to go out: a wait of its own (wait-notice.ts). */
  onWait?: (wait: SessionWait) => void
}

export interface MessageOptions {
  totalBytes?: number
  /** One per accepted recipient over LMTP (RFC 2033 4.2), else one. */
  replies?: number
  /** Told right after the final dot was written, before its reply (drop-after dot). */
  afterDot?: () => void
}

export class MessagePhase {
  /** The final dot's entry, as a group of one (the usual SMTP message). */
  private readonly endOfMessage: PendingEntry[]

  constructor(
    private readonly port: MessagePort,
    dataTerminationMs: number,
  ) {
    this.endOfMessage = [{ verb: END_OF_MESSAGE, display: '.', phase: 'data', timeoutMs: dataTerminationMs }]
  }

  /** The body after a 354, streamed with backpressure, then the final dot (see SmtpConnection.sendMessage). */
  sendMessage(source: MessageBytes, options: MessageOptions): ReplyGroup {
    const { port } = this
    const group = new ReplyGroup(options.replies ?? 1)
    const state = port.state()
    if (state.name !== 'data-ready') {
      group.fail(port.failure() ?? new SmtpError('EPROTOCOL', 'refusing to send message data: the server has not answered DATA with 354', { phase: 'data' }))
      return group
    }
    port.move({ name: 'body', waiting: state.waiting })
    port.wire.setPhase('data')
    // Each write the socket does not take is bounded by dataBlock (RFC 5321 4.5.3.2.5), not the whole message.
    announceWait(port.onWait, port.wire, 'Sending the message', 'data')
    const ends = options.replies === undefined || options.replies === 1 ? this.endOfMessage : Array<PendingEntry>(options.replies).fill(this.endOfMessage[0]!)
    const small = port.body.encodeIfSmall(source, options.totalBytes)
    if (small) this.endBody(small.pieces, group, ends, '.', options.afterDot, small.show)
    else
      port.body.stream(source, options.totalBytes).then(
        (streamed) => this.endBody(streamed, group, ends, '.', options.afterDot),
        (error: unknown) => this.failBody(error, group),
      )
    return group
  }

  /**
   * A BDAT chunk (RFC 3030): the command and its bytes as they are, with backpressure
   * (`written`). Commands given meanwhile wait for the last chunk, which ends the body as
   * the final dot does: one reply, or one per recipient over LMTP.
   */
  sendChunk(entry: DescribedCommand, bytes: Buffer, last?: { replies: number }): { written: Promise<void>; replies: ReplyGroup } {
    const { port } = this
    const group = new ReplyGroup(last?.replies ?? 1)
    if (port.state().name === 'ready') port.move({ name: 'body', waiting: [] })
    const payload = Buffer.concat([Buffer.from(`${entry.line}\r\n`), bytes])
    if (port.state().name !== 'body') group.fail(port.failure() ?? new SmtpError('EPROTOCOL', 'BDAT cannot be sent while the server waits for DATA', { phase: 'data' }))
    else if (last) this.endBody([payload], group, Array<PendingEntry>(last.replies).fill(entry), entry.display)
    else {
      port.expectReplies([entry], group)
      port.wire.emitCommands([entry])
      return { written: port.body.write(payload), replies: group }
    }
    return { written: group.done.then(() => undefined), replies: group }
  }

  /**
   * A chunk was refused and no chunk is being written (RFC 3030 4.2: no more BDAT may
   * follow): the server has read every byte it was told of, so QUIT may follow again.
   */
  abandonChunks(): void {
    const state = this.port.state()
    if (state.name === 'body' && state.waiting.length === 0) this.port.move({ name: 'ready' })
  }

  private failBody(error: unknown, handler: ReplyHandler): void {
    this.port.fail(asSmtpError(error, 'data'))
    handler.fail(this.port.failure()!, 0)
  }

  /**
   * The body was written: its last bytes with the final dot, and the commands that waited for
   * it, in one write. The wire events follow the write, in the order of the bytes (`show`
   * first: the body's own lines): the server, which waits for these bytes, gets them before
   * the log is built, so the two work at once.
   */
  private endBody(tail: Buffer[], handler: ReplyHandler, ends: readonly PendingEntry[], shown: string, afterDot?: () => void, show?: () => void): void {
    const { port } = this
    const state = port.state()
    // Ended while the body was written: the connection failed the commands that waited.
    if (state.name !== 'body') return handler.fail(port.failure() ?? new SmtpError('EPROTOCOL', 'not connected'), 0)
    port.move({ name: 'ready' })
    port.expectReplies(ends, handler)
    port.body.ended = true
    const payloads = tail
    for (const group of state.waiting) {
      port.expectReplies(group.entries, group.handler)
      payloads.push(group.payload)
    }
    port.write(payloads.length === 1 ? payloads[0]! : Buffer.concat(payloads))
    show?.()
    port.wire.emit('client', shown, { phase: 'data' })
    for (const group of state.waiting) port.wire.emitCommands(group.entries, group.notes)
    afterDot?.()
  }
}
