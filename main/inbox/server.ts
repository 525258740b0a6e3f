// The local test inbox: a capture SMTP server on loopback built on smtp-server. It offers
// STARTTLS (its own self-signed certificate), AUTH (any credentials, marked as test
// credentials, the password never kept), SIZE, PIPELINING, 8BITMIME, SMTPUTF8 and
// ENHANCEDSTATUSCODES; keeps what it receives; records its own side of every session;
// and plays the fault presets switched on with setFaults.
import { rm } from 'node:fs/promises'
import type { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import { SMTPServer } from 'smtp-server'
import type {
  SMTPServerAddress,
  SMTPServerAuthentication,
  SMTPServerAuthenticationResponse,
  SMTPServerDataStream,
  SMTPServerOptions,
  SMTPServerSession,
} from 'smtp-server'
import { loadOrCreateCertificate } from './certificate'
import { greetAtOnce } from './greet-at-once'
import { IdleTimeout } from './idle-timeout'
import { greeting421Reply, normalizeFaults, recipientFault } from './faults'
import { newId } from './ids'
import { MAX_REPLY_DELAY_MS, STOP_GRACE_MS, resolveLimits } from './limits'
import { createProtocolLogger } from './protocol-logger'
import { receiveToFile } from './receive'
import { SessionRecorder } from './session-recorder'
import { SessionStore } from './session-store'
import { MessageStore } from './store'
import type { LocalInbox } from './local-inbox'
import type {
  InboxFaults,
  InboxSession,
  LocalInboxOptions,
  MessageSummary,
  ReceivedEnvelope,
  Unsubscribe,
} from './types'

type Connection = SMTPServer['connections'] extends Set<infer C> ? C : never
type ConnectionOptions = Parameters<SMTPServer['connect']>[1]

const DEFAULT_HOST = '127.0.0.1'
/** The name in the greeting and EHLO reply (not the machine's host name). */
const SERVER_NAME = 'localhost'
const BANNER = 'Mailwire local test inbox'
/**
 * Idle time before the inbox gives up on a client: RFC 5321 §4.5.3.2.7 asks for at least
 * five minutes, plus the longest slow-replies delay, which the client spends waiting for us.
 */
const IDLE_TIMEOUT_MS = 5 * 60 * 1000 + MAX_REPLY_DELAY_MS
const AUTH_METHODS = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2']

/** Resolves after `ms`, or as soon as the signal aborts (the connection went away). */
function pause(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (!ms || signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}

/** Why a session's `closed` signal fired. */
const SESSION_CLOSED = new Error('The session closed')

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode })
}

interface LiveSession {
  recorder: SessionRecorder
  connection: Connection
  /** Aborted when the connection closes: cancels slow-replies delays. */
  closed: AbortController
  /** The message being received and stored, if any: the record ends after it. */
  receiving?: Promise<void>
}

/** smtp-server with one hook: it names each connection with our id and reports it. */
class CaptureServer extends SMTPServer {
  constructor(
    options: SMTPServerOptions,
    private readonly accepted: (connection: Connection) => void,
  ) {
    super(options)
  }

  override connect(socket: Socket | TLSSocket, socketOptions?: ConnectionOptions): void {
    const id = newId('ses')
    super.connect(socket, { ...socketOptions, id })
    for (const connection of this.connections) {
      if (connection.id !== id) continue
      this.accepted(connection)
      greetAtOnce(connection)
    }
  }
}

class Inbox implements LocalInbox {
  host = DEFAULT_HOST
  port = 0
  private current: InboxFaults
  private readonly live = new Map<string, LiveSession>()
  /** Writes started by hooks (messages, session records): stop() waits for them. */
  private readonly pending = new Set<Promise<unknown>>()
  private readonly messageListeners = new Set<(message: MessageSummary) => void>()
  private readonly sessionListeners = new Set<(session: InboxSession) => void>()
  /** Messages in their DATA phase until answered, and who waits for there to be none. */
  private receiving = 0
  private readonly quietWaiters: Array<() => void> = []
  private server?: CaptureServer
  private idleTimeout?: IdleTimeout
  private stopping?: Promise<void>

  constructor(
    readonly dataDir: string,
    readonly limits: ReturnType<typeof resolveLimits>,
    readonly caPem: string,
    readonly certificateFingerprint: string,
    private readonly store: MessageStore,
    private readonly sessionStore: SessionStore,
    faults: InboxFaults,
  ) {
    this.current = faults
  }

  async listen(options: LocalInboxOptions, key: string): Promise<void> {
    const server = new CaptureServer(
      {
        name: SERVER_NAME,
        banner: BANNER,
        key,
        cert: this.caPem,
        size: this.limits.maxMessageBytes,
        rejectOversized: true,
        maxClients: this.limits.maxClients,
        authMethods: AUTH_METHODS,
        authOptional: true,
        allowInsecureAuth: options.allowInsecureAuth ?? false,
        hideENHANCEDSTATUSCODES: false,
        // No DNS: nothing may leave this machine, and the client is on loopback anyway.
        disableReverseLookup: true,
        socketTimeout: IDLE_TIMEOUT_MS,
        closeTimeout: STOP_GRACE_MS,
        logger: createProtocolLogger((id) => this.live.get(id)?.recorder),
        onConnect: (session, callback) => void this.handleConnect(session, callback),
        onSecure: (socket, session, callback) => {
          if (socket instanceof TLSSocket) {
            this.live.get(session.id)?.recorder.secured(socket.getProtocol() ?? 'TLS', socket.getCipher().name)
          }
          callback()
        },
        onAuth: (auth, session, callback) => this.handleAuth(auth, session, callback),
        onRcptTo: (address, session, callback) => this.handleRcpt(address, session, callback),
        onData: (stream, session, callback) => this.handleData(stream, session, callback),
        onClose: (session) => this.handleClose(session.id, session),
      },
      (connection) => this.accept(connection),
    )
    this.idleTimeout = new IdleTimeout(server, {
      normalMs: IDLE_TIMEOUT_MS,
      fullMs: this.limits.fullIdleTimeoutMs,
      maxClients: this.limits.maxClients,
      replyDelayMs: () => this.current.slowReplies ?? 0,
    })
    // Errors after start belong to one client (a failed TLS handshake, a reset); each is
    // noted in that session by accept(). Without a listener they would end the process.
    const startError = new Promise<never>((_, reject) => server.once('error', reject))
    server.on('error', () => {})
    const listening = new Promise<void>((resolve) => server.server.once('listening', resolve))
    server.listen(options.port ?? 0, options.host ?? DEFAULT_HOST)
    await Promise.race([listening, startError])
    const address = server.server.address()
    if (!address || typeof address === 'string') throw new Error('The local inbox has no TCP address')
    this.host = address.address
    this.port = address.port
    this.server = server
  }

  messages(): MessageSummary[] {
    return this.store.list()
  }

  summary(id: string) {
    return this.store.summary(id)
  }

  get(id: string) {
    return this.store.get(id)
  }

  raw(id: string) {
    return this.store.raw(id)
  }

  rawPath(id: string) {
    return this.store.rawPath(id)
  }

  sessions() {
    const live = [...this.live.values()].map((session) => session.recorder.summary())
    return [...live.reverse(), ...this.sessionStore.list()]
  }

  async session(id: string): Promise<InboxSession | undefined> {
    return this.live.get(id)?.recorder.snapshot() ?? this.sessionStore.get(id)
  }

  quiet(): Promise<void> {
    if (this.receiving === 0) return Promise.resolve()
    return new Promise((resolve) => this.quietWaiters.push(resolve))
  }

  onMessage(listener: (message: MessageSummary) => void): Unsubscribe {
    this.messageListeners.add(listener)
    return () => this.messageListeners.delete(listener)
  }

  onSession(listener: (session: InboxSession) => void): Unsubscribe {
    this.sessionListeners.add(listener)
    return () => this.sessionListeners.delete(listener)
  }

  faults(): InboxFaults {
    return { ...this.current }
  }

  setFaults(faults: InboxFaults): InboxFaults {
    this.current = normalizeFaults(faults)
    this.idleTimeout?.update()
    return this.faults()
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.store.remove(id)
    if (removed) await this.sessionStore.pruned((messageId) => this.store.has(messageId))
    return removed
  }

  async clear(): Promise<void> {
    await this.store.clear()
    await this.sessionStore.clear()
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown()
    return this.stopping
  }

  async idle(): Promise<void> {
    await Promise.all([this.store.idle(), this.sessionStore.idle()])
  }

  private async shutdown(): Promise<void> {
    const server = this.server
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
    // smtp-server reports a closed connection on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve))
    for (const id of [...this.live.keys()]) this.handleClose(id)
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
    await this.idle()
  }

  private accept(connection: Connection): void {
    const recorder = new SessionRecorder(connection.id, {
      address: connection.remoteAddress,
      port: connection.remotePort,
    })
    const live: LiveSession = { recorder, connection, closed: new AbortController() }
    this.live.set(connection.id, live)
    this.idleTimeout?.update()
    connection.on('error', (error: Error) => recorder.note(`connection error: ${error.message}`))
    // Every client line passes through here the moment smtp-server's parser hands it on:
    // recorded at its arrival time, then (slow replies) held back before smtp-server
    // acts on it, so each reply leaves that much later. The parser waits for this
    // command's callback before it reads the next line, which keeps the order.
    const dispatch = connection._onCommand.bind(connection)
    connection._onCommand = (command: Buffer, callback?: () => void) => {
      recorder.clientLine(command.toString('utf8'))
      const delay = this.current.slowReplies
      if (!delay) return dispatch(command, callback)
      void pause(delay, live.closed.signal).then(() => {
        if (live.closed.signal.aborted) callback?.()
        else dispatch(command, callback)
      })
    }
  }

  private async handleConnect(session: SMTPServerSession, callback: (error?: Error | null) => void): Promise<void> {
    const live = this.live.get(session.id)
    if (!live) return callback()
    await pause(this.current.slowReplies, live.closed.signal)
    if (this.current.greeting421) {
      live.recorder.faultActed('greeting421', 'answered the connection with 421 and closed it')
      return callback(greeting421Reply())
    }
    callback()
  }

  private handleAuth(
    auth: SMTPServerAuthentication,
    session: SMTPServerSession,
    callback: (error: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void,
  ): void {
    // Any credentials pass. Only the method and the user name are kept: the password
    // (or token, or CRAM-MD5 response) is neither checked nor stored anywhere.
    const username = auth.username ?? ''
    this.live.get(session.id)?.recorder.authenticated(auth.method, username)
    callback(null, { user: { username, testCredentials: true } })
  }

  private handleRcpt(
    address: SMTPServerAddress,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): void {
    const fault = recipientFault(this.current, address.address)
    if (!fault) return callback()
    this.live
      .get(session.id)
      ?.recorder.faultActed(fault.name, `answered RCPT TO:<${address.address}> with ${fault.reply.responseCode}`)
    callback(fault.reply)
  }

  private handleData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null, message?: string) => void,
  ): void {
    const live = this.live.get(session.id)
    if (!live) {
      stream.resume()
      return callback(smtpError(451, 'Local inbox lost track of this session'))
    }
    const { recorder, connection } = live
    recorder.heloName = session.hostNameAppearsAs || undefined
    const id = newId('msg')
    const path = this.store.incomingPath(id)
    const cutAfter = this.current.disconnectMidData
    let cut = false
    const onProgress = (bytes: number): void => {
      if (cutAfter === undefined || cut || bytes < cutAfter) return
      cut = true
      recorder.faultActed('disconnectMidData', `closed the connection after ${bytes} bytes of message data`)
      connection._socket.destroy()
    }
    const work = (async () => {
      try {
        const received = await receiveToFile(stream, path, { maxBytes: this.limits.maxMessageBytes, onProgress })
        recorder.note(`<${received.bytes} bytes of message data>`)
        if (received.oversized) {
          await rm(path, { force: true })
          recorder.note(`not kept: over the ${this.limits.maxMessageBytes}-byte SIZE limit`)
          // smtp-server answers an oversized message with 552 itself (rejectOversized).
          return callback(smtpError(552, 'Message exceeds fixed maximum message size'))
        }
        const summary = await this.store.add({
          id,
          path,
          size: received.bytes,
          head: received.head,
          sessionId: session.id,
          envelope: envelopeOf(session),
          secure: session.secure,
          ...(recorder.auth ? { authUser: recorder.auth.username } : {}),
        })
        recorder.messageStored(summary.id, summary.size)
        // Sessions whose messages were evicted just now are pruned when this one is saved.
        this.emit(this.messageListeners, summary)
        await pause(this.current.slowReplies, live.closed.signal)
        callback(null, `Message queued as ${summary.id}`)
      } catch (error) {
        await rm(path, { force: true })
        recorder.note(`message not kept: ${(error as Error).message}`)
        callback(smtpError(451, 'Local inbox could not store the message'))
      }
    })()
    live.receiving = work
    this.receiving += 1
    this.track(
      work.finally(() => {
        this.receiving -= 1
        if (this.receiving === 0) for (const resolve of this.quietWaiters.splice(0)) resolve()
      }),
    )
  }

  private handleClose(id: string, session?: SMTPServerSession): void {
    const live = this.live.get(id)
    if (!live || live.closed.signal.aborted) return
    // With a reason of our own: abort() without one builds a DOMException (and its stack)
    // for each closing session, a measurable cost at hundreds of sessions a second.
    live.closed.abort(SESSION_CLOSED)
    this.idleTimeout?.update()
    if (session?.hostNameAppearsAs) live.recorder.heloName = session.hostNameAppearsAs
    const finish = async (): Promise<void> => {
      // A message cut off by the close still gets its last note into the record.
      await live.receiving
      live.recorder.end()
      const record = live.recorder.snapshot()
      // The store keeps the record at once (and writes it behind), so the connection is let
      // go now: waiting for the write held thousands of ended sessions under load (issue 22).
      // Listeners that look the session up find it kept, not in between.
      const written = this.sessionStore.save(record, (messageId) => this.store.has(messageId))
      this.live.delete(id)
      this.emit(this.sessionListeners, record)
      await written
    }
    this.track(finish())
  }

  private track(work: Promise<unknown>): void {
    // Failures here are already in the session record; the promise is kept only so
    // that stop() can wait for it.
    const tracked = work.catch(() => {}).finally(() => this.pending.delete(tracked))
    this.pending.add(tracked)
  }

  private emit<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value)
      } catch {
        // A listener's failure is its own; the inbox goes on.
      }
    }
  }
}

function envelopeOf(session: SMTPServerSession): ReceivedEnvelope {
  const { envelope } = session
  return {
    mailFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
    rcptTo: envelope.rcptTo.map((recipient) => recipient.address),
    bodyType: envelope.bodyType === '8bitmime' ? '8bitmime' : '7bit',
    smtpUtf8: envelope.smtpUtf8 === true,
  }
}

/**
 * Starts the local test inbox: loads (or makes) its certificate, restores its messages
 * and sessions from `dataDir`, and listens on loopback. Stop it with `inbox.stop()`.
 */
export async function startLocalInbox(options: LocalInboxOptions): Promise<LocalInbox> {
  const limits = resolveLimits(options.limits)
  const faults = normalizeFaults(options.faults ?? {})
  const certificate = await loadOrCreateCertificate(options.dataDir)
  const store = await MessageStore.open(options.dataDir, limits)
  const sessionStore = await SessionStore.open(options.dataDir, limits.maxSessions)
  const inbox = new Inbox(
    options.dataDir,
    limits,
    certificate.cert,
    certificate.fingerprint256,
    store,
    sessionStore,
    faults,
  )
  await inbox.listen(options, certificate.key)
  return inbox
}
