// One SMTP connection: the socket, the reply parser, the commands waiting for their replies
// (reply-queue.ts), TLS, and the wire events of everything that crosses it, in one named
// state with its allowed moves (connection-state.ts); the message body after DATA or as
// BDAT chunks is message-phase.ts's. It knows the protocol's mechanics but
// nothing about messages (send-mail.ts). A reply nobody asked for is a protocol error; a
// 421 ends the connection.
import type net from 'node:net'
import { BodyWriter } from './body-writer'
import { parseCapabilities, heloCapabilities } from './capabilities'
import { describeCommand, linesPayload, verbOf, type CommandLine, type CommandOptions, type DescribedCommand } from './command-line'
import { cancelled, closedByServer, GREETING, plaintextAfterStartTls, replyTimeout, seconds, serverClosing } from './connection-errors'
import { checkMove, commandRefusal, endedWith, stateAfterReply, waitingForBody, type AfterBody, type ConnectionState, type StateName } from './connection-state'
import { SmtpError, asSmtpError, replySummary } from './errors'
import { FailureRace } from './failure-race'
import type { MessageBytes } from './message-writer'
import { MessagePhase, type MessageOptions } from './message-phase'
import { clientCertificateAlert, socketError } from './net-errors'
import { PerCommandReplies, ReplyGroup, SingleReply, type ReplyHandler } from './reply-handlers'
import { ReplyParser } from './reply-parser'
import { failGroup, ReplyQueue, type Pending, type PendingEntry } from './reply-queue'
import { SocketSet } from './socket-set'
import { resolveTimeouts } from './timeouts'
import { identitySecrets, openRoute } from './route'
import { secure, writeFully, type TransportScope } from './transport'
import type { Capabilities, ConnectionOptions, Phase, Reply, Timeouts, TlsInfo } from './types'
import { announceWait, replyWaitText } from './wait-notice'
import { WireLog } from './wire-log'

export type { CommandLine, CommandOptions } from './command-line'
export { verbOf } from './command-line'
export type { ConnectionOptions } from './types'

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
  private readonly sockets = new SocketSet({ data: (chunk) => this.onData(chunk), error: (error) => this.onSocketError(error), close: () => this.onSocketClose() })
  private readonly race = new FailureRace(() => this.failure)
  /** What transport.ts needs from the connection. */
  private readonly scope: TransportScope
  private parser: ReplyParser
  private readonly replies: ReplyQueue
  /** The message body being written, or the last one (bytes written, whether its dot went out). */
  readonly body: BodyWriter
  private readonly reported = new WeakSet<SmtpError>()
  /** When the socket's latest read came (wire.now()), for the events of its lines. */
  private readAt = 0
  /** Bounds connecting and the STARTTLS handshake, the steps no reply ends. */
  private stepTimer?: NodeJS.Timeout
  /** The body after DATA's 354 or as BDAT chunks (sendChunk, abandonChunks), and what waited for its end. */
  readonly message: MessagePhase

  constructor(options: ConnectionOptions) {
    this.options = options
    // "[::1]" as a user may type it; the socket wants the bare address.
    this.host = options.host.replace(/^\[(.*)\]$/, '$1')
    this.timeouts = resolveTimeouts(options.timeouts)
    this.wire = new WireLog(options.onWire)
    for (const secret of identitySecrets(options)) this.wire.addSecret(secret)
    this.scope = {
      wire: this.wire,
      guard: (promise) => this.race.guard(promise),
      check: () => {
        if (this.failure) throw this.failure
      },
      track: (socket) => this.sockets.track(socket),
    }
    this.parser = this.newParser()
    const onWait = options.onWait
    this.replies = new ReplyQueue(
      (head) => this.onReplyTimeout(head),
      onWait && ((head) => announceWait(onWait, this.wire, replyWaitText(head.verb), head.phase, head.timeoutMs)),
    )
    const write = (bytes: Buffer) => writeFully(this.sockets.current!, bytes, this.scope)
    this.body = new BodyWriter({ ...this.scope, write, fail: (error) => this.fail(error) }, this.timeouts.dataBlock, options.dataLinesShown)
    this.message = new MessagePhase(
      {
        wire: this.wire,
        body: this.body,
        state: () => this.state,
        move: (to) => this.move(to),
        expectReplies: (entries, handler) => this.expectReplies(entries, handler),
        write: (bytes) => this.sockets.current!.write(bytes),
        failure: () => this.failure,
        fail: (error) => this.fail(error),
        ...(options.onWait ? { onWait: options.onWait } : {}),
      },
      this.timeouts.dataTermination,
    )
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

  /** The local address of the socket (for an address-literal client name). */
  get localAddress(): string | undefined {
    return this.sockets.current?.localAddress
  }

  /** True when `error` already appeared as an `error` wire event. */
  hasReported(error: SmtpError): boolean {
    return this.reported.has(error)
  }

  /** Resolve, connect (and handshake on an implicit-TLS port), then read the greeting. */
  async connect(): Promise<Reply> {
    await this.open()
    const reply = new SingleReply()
    this.enqueue([{ verb: GREETING, display: '', phase: 'greeting', timeoutMs: this.timeouts.greeting }], null, reply)
    this.greeting = await reply.promise
    return this.greeting
  }

  /** Resolve and connect (and handshake on an implicit-TLS port); connect() goes on to the greeting. */
  async open(): Promise<void> {
    if (this.options.signal?.aborted) this.onAbort()
    if (this.failure) throw this.failure
    if (this.state.name !== 'new') throw new SmtpError('EPROTOCOL', 'connect() was already called on this connection')
    this.move({ name: 'connecting' })
    const where = `${this.host} port ${this.options.port}`
    // Connected but no implicit-TLS handshake is another story than no connection at all.
    const late = () =>
      this.sockets.current
        ? new SmtpError('ETIMEOUT', `connected to ${where}, but the TLS handshake did not finish within ${seconds(this.timeouts.connect)}`, { temporary: true })
        : new SmtpError('ETIMEOUT', `could not connect to ${where} within ${seconds(this.timeouts.connect)}`, { temporary: true })
    announceWait(this.options.onWait, this.wire, `Connecting to ${where}`, 'connect', this.timeouts.connect)
    await this.boundedStep(this.timeouts.connect, late, 'connect', async () => {
      const socket = await openRoute(this.host, this.options.port, this.options, this.scope, this.options.implicitTls ? ' (implicit TLS)' : '')
      this.sockets.current = socket
      if (this.options.implicitTls) await this.startTlsOn(socket, 'implicit')
    })
    this.sockets.attach()
    this.move({ name: 'ready' })
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
   * pipeline() for described commands (a transaction's MAIL, RCPT… DATA), one promise for the
   * group, `notes` shown before them. While a message is due, the group waits for its final
   * dot and leaves in the same write (RFC 2920 3.1: message content may begin a group).
   * `payload`: the entries' lines as linesPayload() writes them, when the caller has them.
   */
  pipelineGroup(entries: DescribedCommand[], notes?: readonly string[], payload = linesPayload(entries)): ReplyGroup {
    const group = new ReplyGroup(entries.length)
    this.enqueue(entries, payload, group, notes)
    return group
  }

  /** STARTTLS (RFC 3207): on 220, the TLS handshake; capabilities are forgotten (EHLO again). */
  async startTls(): Promise<{ reply: Reply; tls?: TlsInfo }> {
    if (this.sockets.isTls) throw new SmtpError('EPROTOCOL', 'TLS is already on for this connection')
    if (waitingForBody(this.state)) throw new SmtpError('EPROTOCOL', 'STARTTLS cannot be sent inside a mail transaction waiting for its message')
    const entry = describeCommand({ line: 'STARTTLS' }, { authContinues: false, phase: this.wire.phase, timeouts: this.timeouts })
    const handler = new SingleReply()
    this.enqueue([{ ...entry, upgrade: true }], Buffer.from('STARTTLS\r\n'), handler)
    const reply = await handler.promise
    if (reply.code !== 220) return { reply }
    // onReply moved to 'upgrading' and stopped reading at the 220; onData found nothing after it.
    const plain = this.sockets.current!
    this.capabilities = undefined
    this.parser = this.newParser()
    const late = () => new SmtpError('ETIMEOUT', `the TLS handshake did not finish within ${seconds(this.timeouts.starttls)}`, { phase: 'starttls' })
    announceWait(this.options.onWait, this.wire, 'Waiting for the TLS handshake', 'starttls', this.timeouts.starttls)
    const info = await this.boundedStep(this.timeouts.starttls, late, 'starttls', () => this.startTlsOn(plain, 'starttls'))
    this.sockets.attach()
    this.move({ name: 'ready' })
    return { reply, tls: info }
  }

  /**
   * The message after a 354: streamed through the DATA encoder with socket backpressure, then
   * the final dot. `replies`: one per accepted recipient over LMTP (RFC 2033 4.2), else one.
   * Not async: a short message is written with its dot in this very call (sendMany).
   */
  sendMessage(source: MessageBytes, options: MessageOptions = {}): ReplyGroup {
    return this.message.sendMessage(source, options)
  }

  /** sendMessage() with its one reply (SMTP). */
  sendData(source: MessageBytes, options: { totalBytes?: number } = {}): Promise<Reply> {
    return this.sendMessage(source, options).done.then((replies) => replies[0]!)
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

  private get failure(): SmtpError | undefined {
    return endedWith(this.state)
  }

  /** Every state change goes through here; an ended connection answers with what ended it. */
  private move(to: ConnectionState): void {
    const ended = this.failure
    if (ended) throw ended
    this.state = checkMove(this.state, to)
  }

  /** Queue the replies' handlers, show and write the lines (null: the greeting); while a message is due they wait for its dot. */
  private enqueue(entries: readonly PendingEntry[], payload: Buffer | null, handler: ReplyHandler, notes?: readonly string[]): void {
    const refusal = this.failure ?? commandRefusal(this.state)
    if (refusal) return failGroup(entries, handler, refusal)
    if (this.state.name === 'auth-challenge') this.move({ name: 'ready' })
    const waiting = waitingForBody(this.state)
    if (payload && waiting) {
      waiting.push({ entries: [...entries], payload, handler, ...(notes ? { notes } : {}) })
      return
    }
    this.expectReplies(entries, handler)
    if (payload) {
      // Written first, then logged: the server gets to work while the events are built.
      this.sockets.current!.write(payload)
      this.wire.emitCommands(entries, notes)
    }
  }

  /** The first command after a quiet spell sets the phase. */
  private expectReplies(entries: readonly PendingEntry[], handler: ReplyHandler): void {
    if (this.replies.push(entries, handler, this.wire.now())) this.wire.setPhase(entries[0]!.phase)
  }

  /** A complete reply, masked, to the oldest pending command. False stops the parser. */
  private onReply(received: Reply): boolean {
    const reply = this.wire.maskReply(received) // kept anywhere (results, errors), never a credential a server echoed
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
      this.sockets.detach()
      return false
    }
    head.handler.reply(reply, head.index)
    return true
  }

  /** What a reply changes in the connection's capabilities and state. */
  private noteReply(head: Pending, reply: Reply): void {
    if ((head.verb === 'EHLO' || head.verb === 'LHLO') && reply.code === 250) this.capabilities = parseCapabilities(reply)
    if (head.verb === 'HELO' && reply.code === 250) this.capabilities = heloCapabilities()
    if (head.verb.endsWith('HLO')) this.parser.enhancedStatusCodes = this.capabilities?.enhancedStatusCodes ?? false
    const next = stateAfterReply(this.state, head, reply.code)
    if (next !== this.state) this.move(next)
  }

  private onData(chunk: Buffer): void {
    // One time for every line of this read: each arrived then.
    this.readAt = this.wire.listening ? this.wire.now() : 0
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
    if (this.parser.leftoverBytes === 0) return head.handler.reply(reply, head.index)
    const error = plaintextAfterStartTls(this.parser.leftoverBytes, reply)
    head.handler.fail(error, head.index)
    this.fail(error)
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

  /** TLS over `plain`; an unverified certificate ends it here (transport.secure). */
  private startTlsOn(plain: net.Socket, mode: TlsInfo['mode']): Promise<TlsInfo> {
    const settings = {
      name: this.options.servername ?? this.host,
      where: `${this.host} port ${this.options.port}`,
      ca: this.options.ca,
      verify: this.options.rejectUnauthorized !== false,
      continueUnverified: this.options.continueUnverified,
      client: this.options.tlsClient,
    }
    return secure(plain, settings, mode, this.scope, (socket, info) => {
      this.sockets.current = socket
      this.tls = info
    })
  }

  private onSocketError(error: Error): void {
    if (this.state.name === 'closing') return this.closedAfterQuit()
    const where = `${this.host} port ${this.options.port}`
    const failure = clientCertificateAlert(error, where) ?? socketError(error, where, 'connection to')
    if (this.replies.head) Object.assign(failure, { command: this.replies.head.display || undefined })
    this.fail(failure)
  }

  private onSocketClose(): void {
    if (this.failure) return
    // After QUIT (ours, or typed in a console and answered 221) a close is the normal end.
    if (this.state.name === 'closing' || (!this.replies.head && this.lastReply?.code === 221)) return this.closedAfterQuit()
    this.fail(closedByServer(this.replies.head, this.wire.phase))
  }

  private closedAfterQuit(): void {
    this.wire.emit('info', 'the server closed the connection')
    this.shutdown()
  }

  private onAbort = (): void => {
    this.fail(cancelled(this.body.ended && this.replies.length > 0, this.wire.phase))
  }

  /** A step no reply ends (connecting, the STARTTLS handshake), bounded in time; its failure ends the connection. */
  private async boundedStep<T>(ms: number, late: () => SmtpError, phase: Phase, step: () => Promise<T>): Promise<T> {
    this.stepTimer = setTimeout(() => this.fail(late()), ms)
    try {
      return await step()
    } catch (error) {
      this.fail(asSmtpError(error, phase))
      throw this.failure
    } finally {
      clearTimeout(this.stepTimer)
    }
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
    this.sockets.destroyAll()
    this.replies.failAll(error)
    for (const group of waiting) failGroup(group.entries, group.handler, error)
    this.race.rejectAll(error)
  }

  private newParser(): ReplyParser {
    return new ReplyParser({ onLine: (line) => this.replies.showLine(line, this.wire, this.readAt), onReply: (reply) => this.onReply(reply) })
  }
}
