// One SMTP connection: the socket, the reply parser, the FIFO of commands waiting for
// their replies, timeouts, TLS, and the wire events of everything that crosses it.
// It knows the protocol's mechanics but nothing about messages (send-mail.ts does that).
//
// Replies are matched to commands in order through a FIFO of pending handlers (nodemailer's
// design), so pipelined commands (RFC 2920) need nothing special: write several, await
// each. A reply when nothing is pending is a protocol error; a 421 ends the connection.
// Commands given while a message body is being written wait for its final dot and leave in
// the same write (RFC 2920 3.1: message content may begin a group), never inside the body.
// One timer per connection bounds the wait for the oldest reply: moving it to the next
// command is a field update, not a new timer per reply.
import type net from 'node:net'
import tls from 'node:tls'
import { parseCapabilities, heloCapabilities } from './capabilities'
import { describeCommand, verbOf, type CommandLine, type CommandOptions, type DescribedCommand } from './command-line'
import { performance } from 'node:perf_hooks'
import { DataEncoder } from './data-encoder'
import { DataPreview, DEFAULT_DATA_LINES_SHOWN } from './data-preview'
import { SmtpError, asSmtpError, replySummary } from './errors'
import { encodeSmallBody, smallBody, writeBody, type MessageBytes } from './message-writer'
import { socketError } from './net-errors'
import { PerCommandReplies, ReplyGroup, type ReplyHandler } from './reply-handlers'
import { ReplyParser, type ReplyLine } from './reply-parser'
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

/** A command as the FIFO needs it: what to show and how long its reply may take, never the line itself (it may hold a credential). */
export interface PendingEntry extends Omit<DescribedCommand, 'line'> {
  /** STARTTLS: after a 220, stop reading plaintext at once. */
  upgrade?: boolean
  /** QUIT: silence or a close is no failure. */
  quiet?: boolean
}

interface Pending extends PendingEntry {
  sentAt: number
  handler: ReplyHandler
  /** Position in the group it was written with (the handler's index). */
  index: number
}

/** Commands waiting for a body in flight to end: written right after its final dot. */
interface AfterBody {
  entries: PendingEntry[]
  payload: Buffer
  handler: ReplyHandler
  notes?: readonly string[]
}

/** One reply, as a promise: the greeting, STARTTLS, the final dot, QUIT. */
class SingleReply implements ReplyHandler {
  readonly promise: Promise<Reply>
  private resolve!: (reply: Reply) => void
  private reject!: (error: SmtpError) => void

  constructor() {
    this.promise = new Promise<Reply>((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
    this.promise.catch(() => undefined)
  }

  reply(reply: Reply): void {
    this.resolve(reply)
  }

  fail(error: SmtpError): void {
    this.reject(error)
  }
}

/** Why a plain connection may hear no greeting (RFC 8314 3.3: implicit TLS starts with the client's hello). */
const SILENT_GREETING_HINT = 'a server that expects implicit TLS waits for the handshake and says nothing: is this port implicit TLS (often 465)?'

/** The verb of the pending entry for the greeting, which answers no command. */
const GREETING = ''
/** The verb of the pending entry for the final dot. */
const END_OF_MESSAGE = '.'

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

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
  /** Message bytes written by the last sendData (after dot-stuffing, without the final dot). */
  dataBytes = 0
  /** True once the final "." of a message was written: its fate is unknown until the reply. */
  dotSent = false

  private readonly options: ConnectionOptions
  private readonly host: string
  private socket?: net.Socket
  /** Every socket opened (the plain one under TLS too), so cleanup destroys them all. */
  private readonly sockets: net.Socket[] = []
  /** What transport.ts needs from the connection. */
  private readonly scope: TransportScope
  private parser: ReplyParser
  private readonly queue: Pending[] = []
  private readonly waiters = new Set<(error: SmtpError) => void>()
  private readonly reported = new WeakSet<SmtpError>()
  private failure?: SmtpError
  private closedByUs = false
  private dataReady = false
  private authContinues = false
  private upgradeReply?: { head: Pending; reply: Reply }
  /** A body is being written: commands wait in afterBody for its final dot. */
  private bodyInFlight = false
  private afterBody: AfterBody[] = []
  /** When the oldest pending reply is overdue (performance.now() ms); 0 when none is pending. */
  private replyDeadline = 0
  private replyTimer?: NodeJS.Timeout
  /** When replyTimer fires; it is replaced only when a deadline comes before that. */
  private replyTimerAt = 0
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
    this.endOfMessage = { verb: END_OF_MESSAGE, display: '.', phase: 'data', timeoutMs: this.timeouts.dataTermination }
    options.signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  get secure(): boolean {
    return this.wire.secure
  }

  /** True once the connection failed or was closed: every further command rejects. */
  get closed(): boolean {
    return this.failure !== undefined
  }

  /** The error that ended the connection, if one did. */
  get error(): SmtpError | undefined {
    return this.closedByUs ? undefined : this.failure
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
    if (this.socket) throw new SmtpError('EPROTOCOL', 'connect() was already called on this connection')
    if (this.options.signal?.aborted) {
      this.onAbort()
      throw this.failure
    }
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
    const reply = new SingleReply()
    this.enqueue([{ verb: GREETING, display: '', phase: 'greeting', timeoutMs: this.timeouts.greeting }], null, reply)
    const greeting = await reply.promise
    this.greeting = greeting
    return greeting
  }

  /** Send one command line and wait for its reply (any code; a 421 rejects). */
  command(line: string, options: CommandOptions = {}): Promise<Reply> {
    if (verbOf(line) === 'STARTTLS' && !this.authContinues) return this.startTls().then((outcome) => outcome.reply)
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
      this.checkCommandsAllowed()
      // Only the first line can answer a 334; the rest are commands again.
      entries = commands.map((command, index) =>
        describeCommand(command, { authContinues: index === 0 && this.authContinues, phase: this.wire.phase, timeouts: this.timeouts }),
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
    if (this.bodyInFlight || this.dataReady) throw new SmtpError('EPROTOCOL', 'STARTTLS cannot be sent inside a mail transaction waiting for its message')
    const entry = describeCommand({ line: 'STARTTLS' }, { authContinues: false, phase: this.wire.phase, timeouts: this.timeouts })
    const handler = new SingleReply()
    this.enqueue([{ ...entry, upgrade: true }], Buffer.from('STARTTLS\r\n'), handler)
    const reply = await handler.promise
    if (reply.code !== 220) return { reply }
    // onReply stopped reading at the 220 and onData found nothing after it.
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
      return { reply, tls: info }
    } catch (error) {
      this.fail(asSmtpError(error, 'starttls'))
      throw this.failure
    }
  }

  /**
   * The message after a 354: streamed through the DATA encoder with socket backpressure,
   * then the final dot; resolves with the reply to the dot. Refuses unless DATA got 354.
   */
  sendData(source: MessageBytes, options: { totalBytes?: number } = {}): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure)
    if (!this.dataReady) {
      return Promise.reject(new SmtpError('EPROTOCOL', 'refusing to send message data: the server has not answered DATA with 354', { phase: 'data' }))
    }
    this.dataReady = false
    this.bodyInFlight = true
    this.dataBytes = 0
    this.dotSent = false
    this.wire.setPhase('data')
    const encoder = new DataEncoder({ reuseOutput: true })
    const preview = new DataPreview(this.wire, this.options.dataLinesShown ?? DEFAULT_DATA_LINES_SHOWN, options.totalBytes)
    const small = smallBody(source)
    if (!small) return this.streamBody(source, encoder, preview)
    // A short message in memory: encoded at once, and written with the final dot.
    const tail = encodeSmallBody(small, preview, encoder)
    this.dataBytes = encoder.bytesOut
    const reply = new SingleReply()
    this.endBody(tail, reply)
    return reply.promise
  }

  private async streamBody(source: MessageBytes, encoder: DataEncoder, preview: DataPreview): Promise<Reply> {
    let tail: Buffer[]
    try {
      tail = await writeBody(
        source,
        {
          guard: (promise) => this.guard(promise),
          write: (bytes) => this.writeBody(bytes),
          progress: (bytes) => {
            this.dataBytes = bytes
            preview.progress(bytes)
          },
        },
        preview,
        encoder,
      )
    } catch (error) {
      this.fail(asSmtpError(error, 'data'))
      throw this.failure
    }
    this.dataBytes = encoder.bytesOut
    const reply = new SingleReply()
    this.endBody(tail, reply)
    return reply.promise
  }

  /** QUIT, waiting a bounded time for 221, then close. Never throws. */
  async close(): Promise<void> {
    if (!this.socket || this.failure || this.dataReady || this.bodyInFlight) {
      this.shutdown()
      return
    }
    const quit = new SingleReply()
    this.enqueue([{ verb: 'QUIT', display: 'QUIT', phase: 'quit', timeoutMs: this.timeouts.quit, quiet: true }], Buffer.from('QUIT\r\n'), quit)
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

  private checkCommandsAllowed(): void {
    if (this.dataReady) {
      throw new SmtpError('EPROTOCOL', 'the server is waiting for message data (354): send it with sendData(), not as a command')
    }
  }

  /**
   * Queue handlers for the replies, show the lines, write the payload (null: the greeting).
   * During a body the commands wait for its final dot (endBody writes them).
   */
  private enqueue(entries: readonly PendingEntry[], payload: Buffer | null, handler: ReplyHandler, notes?: readonly string[]): void {
    if (this.failure || !this.socket) {
      const error = this.failure ?? new SmtpError('EPROTOCOL', 'not connected: call connect() first')
      for (let i = 0; i < entries.length; i++) handler.fail(error, i)
      return
    }
    this.authContinues = false
    if (payload && (this.bodyInFlight || this.dataReady)) {
      this.afterBody.push({ entries: [...entries], payload, handler, ...(notes ? { notes } : {}) })
      return
    }
    this.expectReplies(entries, handler)
    if (payload) {
      this.show(entries, notes)
      this.socket.write(payload)
    }
  }

  /** The body was written: its last bytes with the final dot, and the commands that waited for it, in one write. */
  private endBody(tail: Buffer[], handler: ReplyHandler): void {
    this.bodyInFlight = false
    const waiting = this.afterBody
    this.afterBody = []
    if (this.failure || !this.socket) {
      const error = this.failure ?? new SmtpError('EPROTOCOL', 'not connected')
      handler.fail(error, 0)
      for (const group of waiting) for (let i = 0; i < group.entries.length; i++) group.handler.fail(error, i)
      return
    }
    this.expectReplies([this.endOfMessage], handler)
    this.wire.emit('client', '.', { phase: 'data' })
    this.dotSent = true
    if (waiting.length === 0) {
      this.socket.write(tail.length === 1 ? tail[0]! : Buffer.concat(tail))
      return
    }
    const payloads = [...tail]
    for (const group of waiting) {
      this.expectReplies(group.entries, group.handler)
      this.show(group.entries, group.notes)
      payloads.push(group.payload)
    }
    this.socket.write(Buffer.concat(payloads))
  }

  /** Handlers into the FIFO, in order; the first one sets the phase and the reply timer. */
  private expectReplies(entries: readonly PendingEntry[], handler: ReplyHandler): void {
    const wasIdle = this.queue.length === 0
    const sentAt = this.wire.now()
    for (let index = 0; index < entries.length; index++) {
      const { verb, display, phase, timeoutMs, upgrade, quiet } = entries[index]!
      this.queue.push({ verb, display, phase, timeoutMs, upgrade, quiet, sentAt, handler, index })
    }
    if (wasIdle) {
      this.wire.setPhase(entries[0]!.phase)
      this.armReplyTimer()
    }
  }

  private show(entries: readonly PendingEntry[], notes: readonly string[] | undefined): void {
    if (!this.wire.listening) return
    if (notes) for (const note of notes) this.wire.emit('info', note, { phase: entries[0]!.phase })
    for (const entry of entries) this.wire.emit('client', entry.display, { phase: entry.phase })
  }

  private onLine(line: ReplyLine): void {
    if (!this.wire.listening) return
    const head = this.queue[0]
    const reply = line.enhanced ? { code: line.code, enhanced: line.enhanced } : { code: line.code }
    const rtt = line.final && head ? Math.round((this.wire.now() - head.sentAt) * 1000) / 1000 : undefined
    this.wire.emitServer(line.raw, head?.phase ?? this.wire.phase, reply, rtt)
  }

  /** A complete reply: hand it to the oldest pending command. False stops the parser. */
  private onReply(reply: Reply): boolean {
    const head = this.queue.shift()
    if (reply.code === 421) {
      const error = new SmtpError('ECONNECT', `the server is closing the connection (421): ${replySummary(reply)}`, {
        command: head?.display || undefined,
        reply,
        phase: head?.phase ?? this.wire.phase,
        temporary: true,
      })
      head?.handler.fail(error, head.index)
      this.fail(error)
      return false
    }
    if (!head) {
      throw new SmtpError('EPROTOCOL', `the server sent a reply nobody asked for: ${replySummary(reply)}`, { reply })
    }
    this.lastReply = reply
    this.noteReply(head, reply)
    if (this.queue.length > 0) this.wire.setPhase(this.queue[0]!.phase)
    this.armReplyTimer()
    if (head.upgrade && reply.code === 220) {
      // RFC 3207 4.2: nothing sent in plaintext after the 220 may be used. Stop reading
      // now; onData checks that nothing followed.
      this.upgradeReply = { head, reply }
      this.detach(this.socket!)
      return false
    }
    head.handler.reply(reply, head.index)
    return true
  }

  /** What a reply changes in the connection's state. */
  private noteReply(head: Pending, reply: Reply): void {
    if (head.verb === 'EHLO' && reply.code === 250) this.capabilities = parseCapabilities(reply)
    if (head.verb === 'HELO' && reply.code === 250) this.capabilities = heloCapabilities()
    if (head.verb === 'EHLO' || head.verb === 'HELO') this.parser.enhancedStatusCodes = this.capabilities?.enhancedStatusCodes ?? false
    if (head.verb === 'DATA' && reply.code === 354) this.dataReady = true
    this.authContinues = reply.code === 334 && (head.verb === 'AUTH' || head.phase === 'auth')
  }

  private onData = (chunk: Buffer): void => {
    try {
      this.parser.feed(chunk)
    } catch (error) {
      this.fail(asSmtpError(error))
      return
    }
    const upgrade = this.upgradeReply
    if (!upgrade) return
    this.upgradeReply = undefined
    const extra = this.parser.leftoverBytes
    if (extra > 0) {
      const error = new SmtpError(
        'EPROTOCOL',
        `the server sent ${extra} more bytes after its 220 reply to STARTTLS; refusing to go on, as plaintext sent before the TLS handshake could be injected (RFC 3207 section 4.2, CVE-2011-0411)`,
        { command: 'STARTTLS', reply: upgrade.reply, phase: 'starttls' },
      )
      upgrade.head.handler.fail(error, upgrade.head.index)
      this.fail(error)
      return
    }
    upgrade.head.handler.reply(upgrade.reply, upgrade.head.index)
  }

  /** The oldest pending command gets its full timeout from now (RFC 5321 4.5.3.2), or none is pending. */
  private armReplyTimer(): void {
    const head = this.queue[0]
    if (!head) {
      this.replyDeadline = 0
      return
    }
    const now = performance.now()
    this.replyDeadline = now + head.timeoutMs
    // A timer that fires later than the new deadline must go; an earlier one re-arms itself.
    if (this.replyTimer && this.replyTimerAt <= this.replyDeadline) return
    this.setReplyTimer(head.timeoutMs, now)
  }

  private setReplyTimer(delay: number, now: number): void {
    clearTimeout(this.replyTimer)
    this.replyTimerAt = now + delay
    this.replyTimer = setTimeout(this.onReplyTimer, delay)
  }

  private onReplyTimer = (): void => {
    this.replyTimer = undefined
    const head = this.queue[0]
    if (!head || this.replyDeadline === 0 || this.failure) return
    const now = performance.now()
    const left = this.replyDeadline - now
    // Timers may fire a little early on the loop's cached clock: wait out the rest.
    if (left > 0) return this.setReplyTimer(Math.ceil(left), now)
    this.onReplyTimeout(head)
  }

  private onReplyTimeout(head: Pending): void {
    if (head.quiet) {
      this.wire.emit('info', `no reply to ${head.display} within ${seconds(head.timeoutMs)}; closing the connection`)
      this.shutdown()
      return
    }
    const what =
      head.verb === GREETING
        ? `no greeting from the server within ${seconds(head.timeoutMs)}`
        : head.verb === END_OF_MESSAGE
          ? `no reply to the final dot within ${seconds(head.timeoutMs)}: the message may have been delivered`
          : `no reply to ${head.display} within ${seconds(head.timeoutMs)}`
    // A server on an implicit TLS port says nothing until the handshake: the usual silence.
    const hint = head.verb === GREETING && !this.secure ? `; ${SILENT_GREETING_HINT}` : ''
    this.fail(
      new SmtpError('ETIMEOUT', `${what} (RFC 5321 section 4.5.3.2)${hint}`, {
        command: head.display || undefined,
        phase: head.phase,
        temporary: true,
      }),
    )
  }

  // ---- body ------------------------------------------------------------------------

  /** Write body bytes with backpressure; the data block timeout bounds each wait (RFC 5321 4.5.3.2.5). */
  private async writeBody(bytes: Buffer): Promise<void> {
    const limit = this.timeouts.dataBlock
    this.stepTimer = setTimeout(
      () =>
        this.fail(
          new SmtpError('ETIMEOUT', `the server accepted no message data for ${seconds(limit)} (RFC 5321 section 4.5.3.2.5)`, {
            phase: 'data',
            temporary: true,
          }),
        ),
      limit,
    )
    try {
      await writeFully(this.socket!, bytes, this.scope)
    } finally {
      clearTimeout(this.stepTimer)
    }
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
    if (this.queue[0]?.quiet) return this.closedAfterQuit()
    const head = this.queue[0]
    const failure = socketError(error, `${this.host} port ${this.options.port}`, 'connection to')
    if (head) Object.assign(failure, { command: head.display || undefined })
    this.fail(failure)
  }

  private onSocketClose = (): void => {
    if (this.failure) return
    const head = this.queue[0]
    // After QUIT (ours, or typed in a console and answered 221) a close is the normal end.
    if (head?.quiet || (!head && this.lastReply?.code === 221)) return this.closedAfterQuit()
    const waiting = !head
      ? ''
      : head.verb === END_OF_MESSAGE
        ? ' after the final dot, before replying: the message may have been delivered'
        : ` while waiting for the reply to ${head.display || 'the greeting'}`
    this.fail(
      new SmtpError('ECONNECT', `the server closed the connection${waiting}`, {
        command: head?.display || undefined,
        phase: head?.phase ?? this.wire.phase,
        temporary: true,
      }),
    )
  }

  private closedAfterQuit(): void {
    this.wire.emit('info', 'the server closed the connection')
    this.shutdown()
  }

  // ---- failure, cancel and cleanup ----------------------------------------------------

  private onAbort = (): void => {
    const afterDot = this.dotSent && this.queue.length > 0
    this.fail(
      new SmtpError(
        'ECANCELLED',
        afterDot
          ? 'cancelled after the final dot was sent: the message may have been delivered'
          : `cancelled during ${this.wire.phase}`,
        { phase: this.wire.phase },
      ),
    )
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
    this.failure = error
    this.reported.add(error)
    this.wire.emit('error', error.message, { phase: error.phase })
    this.release(error)
  }

  /** End the connection without an error (after QUIT, or destroy()). */
  private shutdown(): void {
    if (this.failure) {
      this.release(this.failure)
      return
    }
    this.closedByUs = true
    this.failure = new SmtpError('ECONNECT', 'the connection is closed', { phase: this.wire.phase })
    this.release(this.failure)
  }

  private release(error: SmtpError): void {
    clearTimeout(this.replyTimer)
    this.replyTimer = undefined
    this.replyDeadline = 0
    clearTimeout(this.stepTimer)
    this.options.signal?.removeEventListener('abort', this.onAbort)
    this.dataReady = false
    this.bodyInFlight = false
    // Outermost first: destroying the TCP socket under a live TLSSocket can crash Node 20.
    for (const socket of [...this.sockets].reverse()) {
      socket.removeListener('close', this.onSocketClose)
      if (!socket.destroyed) socket.destroy()
    }
    for (const pending of this.queue.splice(0)) pending.handler.fail(error, pending.index)
    for (const group of this.afterBody.splice(0)) for (let i = 0; i < group.entries.length; i++) group.handler.fail(error, i)
    for (const waiter of [...this.waiters]) waiter(error)
    this.waiters.clear()
  }

  private newParser(): ReplyParser {
    return new ReplyParser({ onLine: (line) => this.onLine(line), onReply: (reply) => this.onReply(reply) })
  }
}

/** Command lines as written: each ends with CRLF. */
function linesPayload(entries: readonly DescribedCommand[]): Buffer {
  let text = ''
  for (const entry of entries) text += `${entry.line}\r\n`
  return Buffer.from(text, 'utf8')
}
