// One SMTP connection: the socket, the reply parser, the commands waiting for their replies
// (reply-queue.ts), TLS, and the wire events of everything that crosses it. Where it is in
// its life is one named state with its allowed moves (connection-state.ts). It knows the
// protocol's mechanics but nothing about messages (send-mail.ts does that).
//
// A reply when nothing is pending is a protocol error; a 421 ends the connection. Commands
// given while the server waits for a message wait for its final dot and leave in the same
// write (RFC 2920 3.1: message content may begin a group), never inside the body.
import type net from 'node:net'
import tls from 'node:tls'
import { BodyWriter } from './body-writer'
import { parseCapabilities, heloCapabilities } from './capabilities'
import { describeCommand, linesPayload, verbOf, type CommandLine, type CommandOptions, type DescribedCommand } from './command-line'
import { cancelled, closedByServer, END_OF_MESSAGE, GREETING, plaintextAfterStartTls, replyTimeout, seconds, serverClosing } from './connection-errors'
import { checkMove, endedWith, waitingForBody, type AfterBody, type ConnectionState, type StateName } from './connection-state'
import { DEFAULT_DATA_LINES_SHOWN } from './data-preview'
import { SmtpError, asSmtpError, replySummary } from './errors'
import type { MessageBytes } from './message-writer'
import { socketError } from './net-errors'
import { PerCommandReplies, ReplyGroup, SingleReply, type ReplyHandler } from './reply-handlers'
import { ReplyParser, type ReplyLine } from './reply-parser'
import { failGroup, ReplyQueue, type Pending, type PendingEntry } from './reply-queue'
import { resolveTimeouts } from './timeouts'
import { explainVerification, tlsSummary } from './tls-info'
import { handshake, openTcp, resolveHost, writeFully, type TransportScope } from './transport'
import type { Capabilities, Reply, Timeouts, TlsInfo, WireEvent } from './types'
import { WireLog } from './wire-log'

export type { CommandLine, CommandOptions } from './command-line'
export { verbOf } from './command-line'

export interface ConnectionOptions {
  host: string
  port: number
  /** TLS from the first byte (smtps, RFC 8314). */
  implicitTls?: boolean
  /** Verify the certificate and host name (default true). */
  rejectUnauthorized?: boolean
  /** PEM CA bundle trusted in addition to Node's bundled Mozilla roots (tls.rootCertificates). */
  ca?: string
  /** The name the certificate must carry when it differs from host. */
  servername?: string
  timeouts?: Partial<Timeouts>
  dataLinesShown?: number
  signal?: AbortSignal
  onWire?: (event: WireEvent) => void
}

export class SmtpConnection {
  readonly wire: WireLog
  readonly timeouts: Timeouts
  /** The 220 (or other) greeting, once received. */
  greeting?: Reply
  /** Capabilities from the last EHLO (or HELO) on this connection; cleared by STARTTLS. */
  capabilities?: Capabilities
  /** The TLS handshake, once TLS is on. */
  tls?: TlsInfo
  /** The last complete reply. */
  lastReply?: Reply

  private readonly options: ConnectionOptions
  private readonly host: string
  private state: ConnectionState = { name: 'new' }
  private socket?: net.Socket
  /** Every socket opened (the plain one under TLS too), so cleanup destroys them all. */
  private readonly sockets: net.Socket[] = []
  /** What transport.ts needs from the connection. */
  private readonly scope: TransportScope
  private parser: ReplyParser
  private readonly replies: ReplyQueue
  private readonly body: BodyWriter
  private readonly waiters = new Set<(error: SmtpError) => void>()
  private readonly reported = new WeakSet<SmtpError>()
  /** Bounds connecting and the STARTTLS handshake, the steps no reply ends. */
  private stepTimer?: NodeJS.Timeout
  private readonly endOfMessage: PendingEntry

  constructor(options: ConnectionOptions) {
    this.options = options
    // "[::1]" as a user may type it; the socket wants the bare address.
    this.host = options.host.replace(/^\[(.*)\]$/, '$1')
    this.timeouts = resolveTimeouts(options.timeouts)
    this.wire = new WireLog(options.onWire)
    this.scope = {
      wire: this.wire,
      guard: (promise) => this.guard(promise),
      check: () => {
        if (this.failure) throw this.failure
      },
      track: (socket) => {
        this.sockets.push(socket)
      },
    }
    this.parser = this.newParser()
    this.replies = new ReplyQueue((head) => this.onReplyTimeout(head))
    const channel = {
      wire: this.wire,
      guard: <T>(promise: Promise<T>) => this.guard(promise),
      write: (bytes: Buffer) => writeFully(this.socket!, bytes, this.scope),
      fail: (error: SmtpError) => this.fail(error),
    }
    this.body = new BodyWriter(channel, this.timeouts.dataBlock, options.dataLinesShown ?? DEFAULT_DATA_LINES_SHOWN)
    this.endOfMessage = { verb: END_OF_MESSAGE, display: '.', phase: 'data', timeoutMs: this.timeouts.dataTermination }
    options.signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  /** Where the connection is in its life (connection-state.ts). */
  get stateName(): StateName {
    return this.state.name
  }

  get secure(): boolean {
    return this.wire.secure
  }

  /** True once the connection failed or was closed: every further command rejects. */
  get closed(): boolean {
    return this.failure !== undefined
  }

  /** The error that ended the connection, if one did (not a close of ours). */
  get error(): SmtpError | undefined {
    return this.state.name === 'failed' ? this.state.error : undefined
  }

  /** Message bytes written by the last sendData (after dot-stuffing, without the final dot). */
  get dataBytes(): number {
    return this.body.bytes
  }

  /** True once the final "." of the last message was written: its fate is unknown until the reply. */
  get dotSent(): boolean {
    return this.body.ended
  }

  /** The local address of the socket (for an address-literal client name). */
  get localAddress(): string | undefined {
    return this.socket?.localAddress
  }

  /** True when `error` already appeared as an `error` wire event. */
  hasReported(error: SmtpError): boolean {
    return this.reported.has(error)
  }

  /** Resolve, connect (and handshake on an implicit-TLS port), then read the greeting. */
  async connect(): Promise<Reply> {
    if (this.failure) throw this.failure
    if (this.state.name !== 'new') throw new SmtpError('EPROTOCOL', 'connect() was already called on this connection')
    if (this.options.signal?.aborted) {
      this.onAbort()
      throw this.failure
    }
    this.move({ name: 'connecting' })
    const where = `${this.host} port ${this.options.port}`
    this.stepTimer = setTimeout(
      () => this.fail(new SmtpError('ETIMEOUT', `could not connect to ${where} within ${seconds(this.timeouts.connect)}`, { temporary: true })),
      this.timeouts.connect,
    )
    try {
      const addresses = await resolveHost(this.host, this.scope)
      const socket = await openTcp(addresses, this.options.port, this.scope, this.options.implicitTls ? ' (implicit TLS)' : '')
      this.socket = socket
      if (this.options.implicitTls) await this.startTlsOn(socket, 'implicit')
    } catch (error) {
      this.fail(asSmtpError(error, 'connect'))
      throw this.failure
    }
    clearTimeout(this.stepTimer)
    this.attach(this.socket!)
    this.move({ name: 'ready' })
    const reply = new SingleReply()
    this.enqueue([{ verb: GREETING, display: '', phase: 'greeting', timeoutMs: this.timeouts.greeting }], null, reply)
    const greeting = await reply.promise
    this.greeting = greeting
    return greeting
  }

  /** Send one command line and wait for its reply (any code; a 421 rejects). */
  command(line: string, options: CommandOptions = {}): Promise<Reply> {
    if (verbOf(line) === 'STARTTLS' && this.state.name !== 'auth-challenge') return this.startTls().then((outcome) => outcome.reply)
    return this.pipeline([{ line, ...options }])[0]!
  }

  /**
   * Write several commands in one go (RFC 2920 pipelining) and get one promise per reply,
   * in order. The caller decides what may be pipelined; nothing is written when any line
   * is unsafe. While a message body is being written, the commands wait for its final dot.
   */
  pipeline(commands: CommandLine[]): Promise<Reply>[] {
    let entries: DescribedCommand[]
    try {
      if (this.state.name === 'data-ready') {
        throw new SmtpError('EPROTOCOL', 'the server is waiting for message data (354): send it with sendData(), not as a command')
      }
      // Only the first line can answer a 334; the rest are commands again.
      const authContinues = this.state.name === 'auth-challenge'
      entries = commands.map((command, index) =>
        describeCommand(command, { authContinues: index === 0 && authContinues, phase: this.wire.phase, timeouts: this.timeouts }),
      )
    } catch (error) {
      const rejected = Promise.reject(asSmtpError(error))
      rejected.catch(() => undefined)
      return commands.map(() => rejected)
    }
    const replies = new PerCommandReplies(entries.length)
    this.enqueue(entries, linesPayload(entries), replies)
    return replies.promises
  }

  /**
   * pipeline() for commands already described (describeCommand or transactionCommand): one
   * promise for the whole group. `notes` become `info` events just before the lines. Used
   * by a mail transaction, which writes MAIL, RCPT... and DATA together for every message.
   * While the server waits for a message (354) or one is being written, the group waits
   * for that message's final dot and leaves in the same write: the next message's envelope.
   */
  pipelineGroup(entries: DescribedCommand[], notes?: readonly string[]): ReplyGroup {
    const group = new ReplyGroup(entries.length)
    this.enqueue(entries, linesPayload(entries), group, notes)
    return group
  }

  /** STARTTLS (RFC 3207): on 220, the TLS handshake; capabilities are forgotten (EHLO again). */
  async startTls(): Promise<{ reply: Reply; tls?: TlsInfo }> {
    if (this.socket instanceof tls.TLSSocket) throw new SmtpError('EPROTOCOL', 'TLS is already on for this connection')
    if (waitingForBody(this.state)) throw new SmtpError('EPROTOCOL', 'STARTTLS cannot be sent inside a mail transaction waiting for its message')
    const entry = describeCommand({ line: 'STARTTLS' }, { authContinues: false, phase: this.wire.phase, timeouts: this.timeouts })
    const handler = new SingleReply()
    this.enqueue([{ ...entry, upgrade: true }], Buffer.from('STARTTLS\r\n'), handler)
    const reply = await handler.promise
    if (reply.code !== 220) return { reply }
    // onReply moved to 'upgrading' and stopped reading at the 220; onData found nothing after it.
    const plain = this.socket!
    this.capabilities = undefined
    this.parser = this.newParser()
    this.stepTimer = setTimeout(
      () => this.fail(new SmtpError('ETIMEOUT', `the TLS handshake did not finish within ${seconds(this.timeouts.starttls)}`, { phase: 'starttls' })),
      this.timeouts.starttls,
    )
    try {
      const info = await this.startTlsOn(plain, 'starttls')
      clearTimeout(this.stepTimer)
      this.attach(this.socket!)
      this.move({ name: 'ready' })
      return { reply, tls: info }
    } catch (error) {
      this.fail(asSmtpError(error, 'starttls'))
      throw this.failure
    }
  }

  /**
   * The message after a 354: streamed through the DATA encoder with socket backpressure,
   * then the final dot; resolves with the reply to the dot. Refuses unless DATA got 354.
   * Not async: a short message is written with its dot in this very call (sendMany).
   */
  sendData(source: MessageBytes, options: { totalBytes?: number } = {}): Promise<Reply> {
    const state = this.state
    if (state.name !== 'data-ready') {
      return Promise.reject(this.failure ?? new SmtpError('EPROTOCOL', 'refusing to send message data: the server has not answered DATA with 354', { phase: 'data' }))
    }
    this.move({ name: 'body', waiting: state.waiting })
    this.wire.setPhase('data')
    const tail = this.body.encodeIfSmall(source, options.totalBytes)
    return tail ? this.endBody(tail) : this.streamBody(source, options.totalBytes)
  }

  /** QUIT, waiting a bounded time for 221, then close. Never throws. */
  async close(): Promise<void> {
    // Inside a transaction waiting for its message, QUIT would be message text: just close.
    if (this.state.name !== 'ready' && this.state.name !== 'auth-challenge') {
      this.shutdown()
      return
    }
    const quit = new SingleReply()
    this.enqueue([{ verb: 'QUIT', display: 'QUIT', phase: 'quit', timeoutMs: this.timeouts.quit }], Buffer.from('QUIT\r\n'), quit)
    if (!this.closed) this.move({ name: 'closing' })
    try {
      await quit.promise
    } catch {
      // Silence or a close after QUIT changes nothing: the session is over either way.
    }
    this.shutdown()
  }

  /** Close at once: no QUIT, pending commands rejected, timers cleared. */
  destroy(): void {
    this.shutdown()
  }

  // ---- commands and replies ---------------------------------------------------------

  private get failure(): SmtpError | undefined {
    return endedWith(this.state)
  }

  /** Every state change goes through here; an ended connection answers with what ended it. */
  private move(to: ConnectionState): void {
    const ended = this.failure
    if (ended) throw ended
    this.state = checkMove(this.state, to)
  }

  /**
   * Queue handlers for the replies, show the lines, write the payload (null: the greeting).
   * While the server waits for a message the commands wait for its final dot (endBody).
   */
  private enqueue(entries: readonly PendingEntry[], payload: Buffer | null, handler: ReplyHandler, notes?: readonly string[]): void {
    const refusal = this.failure ?? this.refusesCommands()
    if (refusal) return failGroup(entries, handler, refusal)
    if (this.state.name === 'auth-challenge') this.move({ name: 'ready' })
    const waiting = waitingForBody(this.state)
    if (payload && waiting) {
      waiting.push({ entries: [...entries], payload, handler, ...(notes ? { notes } : {}) })
      return
    }
    this.expectReplies(entries, handler)
    if (payload) {
      this.show(entries, notes)
      this.socket!.write(payload)
    }
  }

  /** Why no command may be written now, in a state that is not ended. */
  private refusesCommands(): SmtpError | undefined {
    switch (this.state.name) {
      case 'new':
      case 'connecting':
        return new SmtpError('EPROTOCOL', 'not connected: call connect() first')
      case 'upgrading':
        return new SmtpError('EPROTOCOL', 'no command can be sent during the TLS handshake', { phase: 'starttls' })
      case 'closing':
        return new SmtpError('EPROTOCOL', 'the connection is closing (QUIT was sent)', { phase: 'quit' })
      default:
        return undefined
    }
  }

  private async streamBody(source: MessageBytes, totalBytes: number | undefined): Promise<Reply> {
    let tail: Buffer[]
    try {
      tail = await this.body.stream(source, totalBytes)
    } catch (error) {
      this.fail(asSmtpError(error, 'data'))
      throw this.failure
    }
    return this.endBody(tail)
  }

  /** The body was written: its last bytes with the final dot, and the commands that waited for it, in one write. */
  private endBody(tail: Buffer[]): Promise<Reply> {
    const handler = new SingleReply()
    const state = this.state
    if (state.name !== 'body') {
      // Ended while the body was written: release() failed the commands that waited.
      handler.fail(this.failure ?? new SmtpError('EPROTOCOL', 'not connected'))
      return handler.promise
    }
    this.move({ name: 'ready' })
    this.expectReplies([this.endOfMessage], handler)
    this.wire.emit('client', '.', { phase: 'data' })
    this.body.ended = true
    const payloads = tail
    for (const group of state.waiting) {
      this.expectReplies(group.entries, group.handler)
      this.show(group.entries, group.notes)
      payloads.push(group.payload)
    }
    this.socket!.write(payloads.length === 1 ? payloads[0]! : Buffer.concat(payloads))
    return handler.promise
  }

  /** Handlers into the FIFO, in order; the first one after a quiet spell sets the phase. */
  private expectReplies(entries: readonly PendingEntry[], handler: ReplyHandler): void {
    if (this.replies.push(entries, handler, this.wire.now())) this.wire.setPhase(entries[0]!.phase)
  }

  private show(entries: readonly PendingEntry[], notes: readonly string[] | undefined): void {
    if (!this.wire.listening) return
    if (notes) for (const note of notes) this.wire.emit('info', note, { phase: entries[0]!.phase })
    for (const entry of entries) this.wire.emit('client', entry.display, { phase: entry.phase })
  }

  private onLine(line: ReplyLine): void {
    if (!this.wire.listening) return
    const head = this.replies.head
    const reply = line.enhanced ? { code: line.code, enhanced: line.enhanced } : { code: line.code }
    const rtt = line.final && head ? Math.round((this.wire.now() - head.sentAt) * 1000) / 1000 : undefined
    this.wire.emitServer(line.raw, head?.phase ?? this.wire.phase, reply, rtt)
  }

  /** A complete reply: hand it to the oldest pending command. False stops the parser. */
  private onReply(reply: Reply): boolean {
    const head = this.replies.shift()
    if (reply.code === 421) {
      const error = serverClosing(reply, head, this.wire.phase)
      head?.handler.fail(error, head.index)
      this.fail(error)
      return false
    }
    if (!head) {
      throw new SmtpError('EPROTOCOL', `the server sent a reply nobody asked for: ${replySummary(reply)}`, { reply })
    }
    this.lastReply = reply
    this.noteReply(head, reply)
    if (this.replies.head) this.wire.setPhase(this.replies.head.phase)
    if (head.upgrade && reply.code === 220) {
      // RFC 3207 4.2: nothing sent in plaintext after the 220 may be used. Stop reading
      // now; onData checks that nothing followed.
      this.move({ name: 'upgrading', answer: { head, reply } })
      this.detach(this.socket!)
      return false
    }
    head.handler.reply(reply, head.index)
    return true
  }

  /** What a reply changes in the connection's capabilities and state. */
  private noteReply(head: Pending, reply: Reply): void {
    if (head.verb === 'EHLO' && reply.code === 250) this.capabilities = parseCapabilities(reply)
    if (head.verb === 'HELO' && reply.code === 250) this.capabilities = heloCapabilities()
    if (head.verb === 'EHLO' || head.verb === 'HELO') this.parser.enhancedStatusCodes = this.capabilities?.enhancedStatusCodes ?? false
    if (this.state.name === 'auth-challenge') this.move({ name: 'ready' })
    // Closing: the QUIT queued behind this reply ends the session whatever it says.
    if (this.state.name !== 'ready') return
    if (head.verb === 'DATA' && reply.code === 354) this.move({ name: 'data-ready', waiting: [] })
    else if (reply.code === 334 && (head.verb === 'AUTH' || head.phase === 'auth')) this.move({ name: 'auth-challenge' })
  }

  private onData = (chunk: Buffer): void => {
    try {
      this.parser.feed(chunk)
    } catch (error) {
      this.fail(asSmtpError(error))
      return
    }
    const state = this.state
    if (state.name !== 'upgrading' || !state.answer) return
    const { head, reply } = state.answer
    this.move({ name: 'upgrading' })
    const extra = this.parser.leftoverBytes
    if (extra > 0) {
      const error = plaintextAfterStartTls(extra, reply)
      head.handler.fail(error, head.index)
      this.fail(error)
      return
    }
    head.handler.reply(reply, head.index)
  }

  private onReplyTimeout(head: Pending): void {
    if (this.failure) return
    if (this.state.name === 'closing') {
      this.wire.emit('info', `no reply to ${head.display} within ${seconds(head.timeoutMs)}; closing the connection`)
      this.shutdown()
      return
    }
    this.fail(replyTimeout(head, this.secure))
  }

  // ---- sockets -----------------------------------------------------------------------

  /** TLS over `plain`, reported as a `tls` event; an unverified certificate ends it here. */
  private async startTlsOn(plain: net.Socket, mode: TlsInfo['mode']): Promise<TlsInfo> {
    const verify = this.options.rejectUnauthorized !== false
    const name = this.options.servername ?? this.host
    const { socket, info } = await handshake(
      plain,
      { name, where: `${this.host} port ${this.options.port}`, ca: this.options.ca, verify },
      mode,
      this.scope,
    )
    this.socket = socket
    this.tls = info
    this.wire.secure = true
    this.wire.emit('tls', tlsSummary(info), { tls: info, phase: mode === 'starttls' ? 'starttls' : 'connect' })
    if (verify && !info.authorized) {
      throw new SmtpError('ETLS', `${explainVerification(info, name)}; not continuing`, { remedy: 'trust-certificate' })
    }
    return info
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData)
    socket.on('error', this.onSocketError)
    socket.on('close', this.onSocketClose)
  }

  private detach(socket: net.Socket): void {
    socket.pause()
    socket.removeListener('data', this.onData)
    socket.removeListener('error', this.onSocketError)
    socket.removeListener('close', this.onSocketClose)
    // Until the TLS socket takes over, an error must not go unhandled; the handshake
    // reports it.
    socket.on('error', () => undefined)
  }

  private onSocketError = (error: Error): void => {
    if (this.state.name === 'closing') return this.closedAfterQuit()
    const head = this.replies.head
    const failure = socketError(error, `${this.host} port ${this.options.port}`, 'connection to')
    if (head) Object.assign(failure, { command: head.display || undefined })
    this.fail(failure)
  }

  private onSocketClose = (): void => {
    if (this.failure) return
    // After QUIT (ours, or typed in a console and answered 221) a close is the normal end.
    if (this.state.name === 'closing' || (!this.replies.head && this.lastReply?.code === 221)) return this.closedAfterQuit()
    this.fail(closedByServer(this.replies.head, this.wire.phase))
  }

  private closedAfterQuit(): void {
    this.wire.emit('info', 'the server closed the connection')
    this.shutdown()
  }

  // ---- failure, cancel and cleanup ----------------------------------------------------

  private onAbort = (): void => {
    this.fail(cancelled(this.body.ended && this.replies.length > 0, this.wire.phase))
  }

  /** Race a promise against the connection failing (timeout, cancel, close, protocol error). */
  private guard<T>(promise: Promise<T>): Promise<T> {
    if (this.failure) {
      promise.catch(() => undefined)
      return Promise.reject(this.failure)
    }
    return new Promise<T>((resolve, reject) => {
      const waiter = (error: SmtpError) => reject(error)
      this.waiters.add(waiter)
      promise.then(
        (value) => {
          this.waiters.delete(waiter)
          resolve(value)
        },
        (error: unknown) => {
          this.waiters.delete(waiter)
          reject(error)
        },
      )
    })
  }

  /** End the connection with an error: shown once, every waiter rejected, socket destroyed. */
  private fail(error: SmtpError): void {
    if (this.failure) return
    error.phase ??= this.wire.phase
    const waiting = this.end({ name: 'failed', error })
    this.reported.add(error)
    this.wire.emit('error', error.message, { phase: error.phase })
    this.release(error, waiting)
  }

  /** End the connection without an error (after QUIT, or destroy()). */
  private shutdown(): void {
    const ended = this.failure
    if (ended) return this.release(ended, [])
    const error = new SmtpError('ECONNECT', 'the connection is closed', { phase: this.wire.phase })
    this.release(error, this.end({ name: 'closed', error }))
  }

  /** Any live state may end (connection-state.ts); returns the commands that waited for a body. */
  private end(to: ConnectionState & { name: 'closed' | 'failed' }): AfterBody[] {
    const waiting = waitingForBody(this.state) ?? []
    this.state = checkMove(this.state, to)
    return waiting
  }

  private release(error: SmtpError, waiting: readonly AfterBody[]): void {
    clearTimeout(this.stepTimer)
    this.options.signal?.removeEventListener('abort', this.onAbort)
    // Outermost first: destroying the TCP socket under a live TLSSocket can crash Node 20.
    for (const socket of [...this.sockets].reverse()) {
      socket.removeListener('close', this.onSocketClose)
      if (!socket.destroyed) socket.destroy()
    }
    this.replies.failAll(error)
    for (const group of waiting) failGroup(group.entries, group.handler, error)
    for (const waiter of [...this.waiters]) waiter(error)
    this.waiters.clear()
  }

  private newParser(): ReplyParser {
    return new ReplyParser({ onLine: (line) => this.onLine(line), onReply: (reply) => this.onReply(reply) })
  }
}
