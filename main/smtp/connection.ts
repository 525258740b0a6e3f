// One SMTP connection: the socket, the reply parser, the FIFO of commands waiting for
// their replies, timeouts, TLS, and the wire events of everything that crosses it.
// It knows the protocol's mechanics but nothing about messages (send-mail.ts does that).
//
// Replies are matched to commands in order through a FIFO of pending handlers (nodemailer's
// design), so pipelined commands (RFC 2920) need nothing special: write several, await
// each. A reply when nothing is pending is a protocol error; a 421 ends the connection.
import type net from 'node:net'
import tls from 'node:tls'
import { parseCapabilities, heloCapabilities } from './capabilities'
import { describeCommand, verbOf, type CommandLine, type CommandOptions, type DescribedCommand } from './command-line'
import { DataEncoder } from './data-encoder'
import { DataPreview, DEFAULT_DATA_LINES_SHOWN } from './data-preview'
import { SmtpError, asSmtpError, replySummary } from './errors'
import { writeBody, type MessageBytes } from './message-writer'
import { socketError } from './net-errors'
import { ReplyParser, type ReplyLine } from './reply-parser'
import { resolveTimeouts } from './timeouts'
import { explainVerification, tlsSummary } from './tls-info'
import { handshake, openTcp, resolveHost, writeWithBackpressure, type TransportScope } from './transport'
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
  /** PEM CA bundle trusted in addition to the system store. */
  ca?: string
  /** The name the certificate must carry when it differs from host. */
  servername?: string
  timeouts?: Partial<Timeouts>
  dataLinesShown?: number
  signal?: AbortSignal
  onWire?: (event: WireEvent) => void
}

interface Pending extends Omit<DescribedCommand, 'line'> {
  sentAt: number
  /** STARTTLS: after a 220, stop reading plaintext at once. */
  upgrade?: boolean
  /** QUIT: silence or a close is no failure. */
  quiet?: boolean
  resolve(reply: Reply): void
  reject(error: SmtpError): void
}

type PendingEntry = Omit<Pending, 'resolve' | 'reject' | 'sentAt'>

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
  private replyTimer?: NodeJS.Timeout
  private stepTimer?: NodeJS.Timeout

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
    const greeting = await this.enqueue([{ verb: GREETING, display: '', phase: 'greeting', timeoutMs: this.timeouts.greeting }], null)[0]!
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
   * is unsafe.
   */
  pipeline(commands: CommandLine[]): Promise<Reply>[] {
    let entries: DescribedCommand[]
    try {
      if (this.dataReady) {
        throw new SmtpError('EPROTOCOL', 'the server is waiting for message data (354): send it with sendData(), not as a command')
      }
      // Only the first line can answer a 334; the rest are commands again.
      entries = commands.map((command, index) =>
        describeCommand(command, { authContinues: index === 0 && this.authContinues, phase: this.wire.phase, timeouts: this.timeouts }),
      )
    } catch (error) {
      const rejected = Promise.reject(asSmtpError(error))
      rejected.catch(() => undefined)
      return commands.map(() => rejected)
    }
    const payload = Buffer.from(entries.map((entry) => `${entry.line}\r\n`).join(''), 'utf8')
    return this.enqueue(entries, payload)
  }

  /** STARTTLS (RFC 3207): on 220, the TLS handshake; capabilities are forgotten (EHLO again). */
  async startTls(): Promise<{ reply: Reply; tls?: TlsInfo }> {
    if (this.socket instanceof tls.TLSSocket) throw new SmtpError('EPROTOCOL', 'TLS is already on for this connection')
    const entry = describeCommand({ line: 'STARTTLS' }, { authContinues: false, phase: this.wire.phase, timeouts: this.timeouts })
    const reply = await this.enqueue([{ ...entry, upgrade: true }], Buffer.from('STARTTLS\r\n'))[0]!
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
  async sendData(source: MessageBytes, options: { totalBytes?: number } = {}): Promise<Reply> {
    if (this.failure) throw this.failure
    if (!this.dataReady) {
      throw new SmtpError('EPROTOCOL', 'refusing to send message data: the server has not answered DATA with 354', { phase: 'data' })
    }
    this.dataReady = false
    this.dataBytes = 0
    this.dotSent = false
    this.wire.setPhase('data')
    const encoder = new DataEncoder()
    const preview = new DataPreview(this.wire, this.options.dataLinesShown ?? DEFAULT_DATA_LINES_SHOWN, options.totalBytes)
    let tail: Buffer
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
    return this.enqueue([{ verb: END_OF_MESSAGE, display: '.', phase: 'data', timeoutMs: this.timeouts.dataTermination }], tail, () => {
      this.dotSent = true
    })[0]!
  }

  /** QUIT, waiting a bounded time for 221, then close. Never throws. */
  async close(): Promise<void> {
    if (!this.socket || this.failure || this.dataReady) {
      this.shutdown()
      return
    }
    const quit = this.enqueue(
      [{ verb: 'QUIT', display: 'QUIT', phase: 'quit', timeoutMs: this.timeouts.quit, quiet: true }],
      Buffer.from('QUIT\r\n'),
    )[0]!
    try {
      await quit
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

  /** Queue handlers for the replies, show the lines, write the payload (null: the greeting). */
  private enqueue(
    entries: PendingEntry[],
    payload: Buffer | null,
    beforeWrite?: () => void,
  ): Promise<Reply>[] {
    if (this.failure || !this.socket) {
      const error = this.failure ?? new SmtpError('EPROTOCOL', 'not connected: call connect() first')
      const rejected = Promise.reject(error)
      rejected.catch(() => undefined)
      return entries.map(() => rejected)
    }
    const wasIdle = this.queue.length === 0
    const sentAt = this.wire.now()
    // Only what is needed to match the reply: the line itself (maybe a credential) is not kept.
    const promises = entries.map(
      ({ verb, display, phase, timeoutMs, upgrade, quiet }) =>
        new Promise<Reply>((resolve, reject) => {
          this.queue.push({ verb, display, phase, timeoutMs, upgrade, quiet, sentAt, resolve, reject })
        }),
    )
    // A pipelined command may be rejected before its turn; the caller awaits each in order.
    for (const promise of promises) promise.catch(() => undefined)
    if (wasIdle) {
      this.wire.setPhase(entries[0]!.phase)
      this.armReplyTimer()
    }
    this.authContinues = false
    if (payload) {
      for (const entry of entries) this.wire.emit('client', entry.display, { phase: entry.phase })
      beforeWrite?.()
      this.socket.write(payload)
    }
    return promises
  }

  private onLine(line: ReplyLine): void {
    const head = this.queue[0]
    const reply = line.enhanced ? { code: line.code, enhanced: line.enhanced } : { code: line.code }
    const rtt = line.final && head ? Math.round((this.wire.now() - head.sentAt) * 1000) / 1000 : undefined
    this.wire.emit('server', line.raw, { phase: head?.phase ?? this.wire.phase, reply, ...(rtt !== undefined ? { rtt } : {}) })
  }

  /** A complete reply: hand it to the oldest pending command. False stops the parser. */
  private onReply(reply: Reply): boolean {
    const head = this.queue.shift()
    clearTimeout(this.replyTimer)
    if (reply.code === 421) {
      const error = new SmtpError('ECONNECT', `the server is closing the connection (421): ${replySummary(reply)}`, {
        command: head?.display || undefined,
        reply,
        phase: head?.phase ?? this.wire.phase,
        temporary: true,
      })
      head?.reject(error)
      this.fail(error)
      return false
    }
    if (!head) {
      throw new SmtpError('EPROTOCOL', `the server sent a reply nobody asked for: ${replySummary(reply)}`, { reply })
    }
    this.lastReply = reply
    this.noteReply(head, reply)
    if (this.queue.length > 0) {
      this.wire.setPhase(this.queue[0]!.phase)
      this.armReplyTimer()
    }
    if (head.upgrade && reply.code === 220) {
      // RFC 3207 4.2: nothing sent in plaintext after the 220 may be used. Stop reading
      // now; onData checks that nothing followed.
      this.upgradeReply = { head, reply }
      this.detach(this.socket!)
      return false
    }
    head.resolve(reply)
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
      upgrade.head.reject(error)
      this.fail(error)
      return
    }
    upgrade.head.resolve(upgrade.reply)
  }

  private armReplyTimer(): void {
    clearTimeout(this.replyTimer)
    const head = this.queue[0]
    if (!head) return
    this.replyTimer = setTimeout(() => this.onReplyTimeout(head), head.timeoutMs)
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
    this.fail(
      new SmtpError('ETIMEOUT', `${what} (RFC 5321 section 4.5.3.2)`, {
        command: head.display || undefined,
        phase: head.phase,
        temporary: true,
      }),
    )
  }

  // ---- body ------------------------------------------------------------------------

  /** Write body bytes with backpressure; the data block timeout bounds each wait. */
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
      await writeWithBackpressure(this.socket!, bytes, this.scope)
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
      throw new SmtpError('ETLS', `${explainVerification(info, name)}; not continuing (set rejectUnauthorized: false to accept it anyway)`)
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
    clearTimeout(this.stepTimer)
    this.options.signal?.removeEventListener('abort', this.onAbort)
    this.dataReady = false
    // Outermost first: destroying the TCP socket under a live TLSSocket can crash Node 20.
    for (const socket of [...this.sockets].reverse()) {
      socket.removeListener('close', this.onSocketClose)
      if (!socket.destroyed) socket.destroy()
    }
    for (const pending of this.queue.splice(0)) pending.reject(error)
    for (const waiter of [...this.waiters]) waiter(error)
    this.waiters.clear()
  }

  private newParser(): ReplyParser {
    return new ReplyParser({ onLine: (line) => this.onLine(line), onReply: (reply) => this.onReply(reply) })
  }
}
