// One console connection: SMTP typed by hand through the engine's SmtpConnection, with the
// safety a telnet session lacks. Typed lines go out as typed, one at a time; CR, LF and
// NUL inside one are refused before anything is written; AUTH uses the profile's stored
// password (masked twice: by the engine, then by the redactor); after a 354 the body
// goes through the engine's dot-stuffing and only the explicit end sends CRLF.CRLF.
import type { ConnectionIdentity, ConsoleOutcome, ConsoleStatus, Reply, Timeouts, WireEvent } from '../../../preload/contract'
import { IPC_ERROR } from '../../../preload/contract'
import { SmtpConnection, SmtpError, authenticate, defaultClientName, reportFailure, usesImplicitTls, verbOf } from '../../smtp'
import { ServiceError } from '../errors'
import { missingLoginSecret } from '../profile-connection'
import type { StoredProfile } from '../profiles'
import { createRedactor, identitySecretForms, secretForms } from '../session/redact'
import type { WireBatcher } from '../session/wire-batcher'

/** CR, LF or NUL would end the line early and smuggle in another command (RFC 5321 2.3.8). */
const LINE_BREAK_OR_NUL = /[\r\n\0]/

export const POLICY_ERROR = 'EPOLICY'

export interface ConsoleSessionOptions {
  id: string
  profile: StoredProfile
  /** The stored password (the OAuth2 token for XOAUTH2 and OAUTHBEARER), when the profile has a user name and one is stored. */
  password?: string
  timeouts?: Partial<Timeouts>
  /** The profile's proxy, TLS client settings and source address (profile-connection.ts). */
  identity?: ConnectionIdentity
  batcher: WireBatcher
  /** Called once, when the connection ends by itself or by request. */
  onClosed(session: ConsoleSession): void
}

export class ConsoleSession {
  readonly id: string
  readonly profile: StoredProfile
  private readonly connection: SmtpConnection
  private readonly controller = new AbortController()
  private readonly password?: string
  private readonly batcher: WireBatcher
  private readonly onClosed: (session: ConsoleSession) => void
  private clientName: string
  private connecting = true
  private busy = false
  /** After a 354 to DATA: the server reads message data, not commands. */
  private dataMode = false
  private authenticated = false
  private closeReported = false

  constructor(options: ConsoleSessionOptions) {
    const { profile } = options
    this.id = options.id
    this.profile = profile
    this.password = options.password
    this.batcher = options.batcher
    this.onClosed = options.onClosed
    this.clientName = profile.clientName
    const redact = createRedactor([
      ...(options.password ? secretForms(profile.username, options.password) : []),
      ...(options.identity ? identitySecretForms(options.identity) : []),
    ])
    this.connection = new SmtpConnection({
      host: profile.host,
      port: profile.port,
      implicitTls: usesImplicitTls(profile.security, profile.port),
      rejectUnauthorized: !profile.allowInvalidCertificate,
      ...(profile.caPem ? { ca: profile.caPem } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...options.identity,
      signal: this.controller.signal,
      onWire: (event: WireEvent) => {
        this.batcher.push(redact(event))
        // The connection ends by itself with an error or info line (a close, a timeout, a
        // 421), and shuts down right after it: look once the current turn is over.
        if (event.kind === 'error' || event.kind === 'info') queueMicrotask(() => this.noticeClose())
      },
    })
  }

  get closed(): boolean {
    return this.connection.closed
  }

  status(): ConsoleStatus {
    const connection = this.connection
    const state = connection.closed
      ? 'closed'
      : this.connecting
        ? 'connecting'
        : this.busy
          ? 'waiting'
          : this.dataMode
            ? 'data'
            : 'ready'
    return {
      consoleId: this.id,
      state,
      profileId: this.profile.id,
      host: this.profile.host,
      port: this.profile.port,
      secure: connection.secure,
      clientName: this.clientName,
      ...(connection.capabilities ? { capabilities: connection.capabilities } : {}),
      ...(connection.tls ? { tls: connection.tls } : {}),
      authenticated: this.authenticated,
      canAuthenticate: this.profile.username !== '' && this.password !== undefined,
      cleartextAuthNeedsConsent: !connection.secure && !this.profile.allowPlaintextAuth,
      ...(connection.lastReply ? { lastReply: connection.lastReply } : connection.greeting ? { lastReply: connection.greeting } : {}),
      ...(connection.error ? { error: connection.error.toInfo() } : {}),
    }
  }

  /** Connect and read the greeting. */
  async open(): Promise<ConsoleOutcome> {
    return this.act(async () => {
      try {
        const greeting = await this.connection.connect()
        this.clientName ||= defaultClientName(this.connection.localAddress)
        return greeting
      } finally {
        this.connecting = false
      }
    })
  }

  /** One typed line, any verb. A lone QUIT ends the console. */
  async send(line: string, allowCleartext: boolean): Promise<ConsoleOutcome> {
    this.checkOpen()
    if (LINE_BREAK_OR_NUL.test(line)) {
      throw new ServiceError(
        IPC_ERROR.invalidPayload,
        'A command is one line: a CR, LF or NUL inside it would end it early and smuggle in another command. Nothing was sent.',
        { field: 'line' },
      )
    }
    if (this.dataMode) {
      throw new ServiceError(IPC_ERROR.invalidPayload, 'The server is waiting for the message (it answered DATA with 354): enter it and use End data.', {
        field: 'line',
      })
    }
    const verb = verbOf(line)
    if (verb === 'AUTH') this.checkCleartextConsent(allowCleartext)
    if (/^\s*QUIT\s*$/i.test(line)) return this.close()
    return this.act(async () => {
      const reply = await this.connection.command(line)
      if (verb === 'DATA' && reply.code === 354) this.dataMode = true
      // RFC 4954 4: 235 ends a successful AUTH exchange, typed or not.
      if (reply.code === 235) this.authenticated = true
      return reply
    })
  }

  /** STARTTLS, the handshake (verified as the profile says), then EHLO on the new session. */
  async startTls(): Promise<ConsoleOutcome> {
    this.checkOpen()
    this.checkCommandMode()
    return this.act(async () => {
      const { reply } = await this.connection.startTls()
      if (reply.code !== 220) return reply
      // RFC 3207 4.2: what was learned in plaintext is void; ask again.
      return this.connection.command(`EHLO ${this.clientName}`)
    })
  }

  /** AUTH with the profile's user name, mechanism and stored password (or OAuth2 token for XOAUTH2 and OAUTHBEARER). */
  async auth(allowCleartext: boolean): Promise<ConsoleOutcome> {
    this.checkOpen()
    this.checkCommandMode()
    const { username } = this.profile
    if (!username) {
      throw new ServiceError(IPC_ERROR.invalidPayload, `${this.profile.name} has no user name: add one to the profile to log in.`, { field: 'username' })
    }
    if (this.password === undefined) throw missingLoginSecret(this.profile)
    const mechanism = this.profile.authMechanism
    this.checkCleartextConsent(allowCleartext)
    const offered = this.connection.capabilities?.auth
    if (!offered) {
      throw new ServiceError('EAUTH', 'Send EHLO first: the server lists its AUTH mechanisms in its reply to EHLO.')
    }
    const password = this.password
    return this.act(async () => {
      const reply = await authenticate(this.connection, { user: username, password, ...(mechanism ? { mechanism } : {}) }, offered)
      this.authenticated = true
      return reply
    })
  }

  /** After a 354: the body through the DATA encoder (dots doubled), then the final dot. */
  async sendData(body: string): Promise<ConsoleOutcome> {
    this.checkOpen()
    if (!this.dataMode) {
      throw new ServiceError(IPC_ERROR.invalidPayload, 'Send DATA first: the message goes after the server answers DATA with 354.', { field: 'body' })
    }
    return this.act(async () => {
      this.dataMode = false
      return this.connection.sendData(body, { totalBytes: Buffer.byteLength(body, 'utf8') })
    })
  }

  /**
   * QUIT and close. While a reply is still due (or inside DATA, where QUIT would become
   * part of the message) the connection is dropped instead.
   */
  async close(): Promise<ConsoleOutcome> {
    if (!this.connection.closed) {
      if (this.busy || this.dataMode) {
        this.connection.wire.emit('info', 'closed without QUIT: the server was still owed a reply or a message')
        this.connection.destroy()
      } else {
        this.busy = true
        await this.connection.close()
        this.busy = false
      }
    }
    this.noticeClose()
    const reply = this.connection.lastReply
    return { status: this.status(), ...(reply?.code === 221 ? { reply } : {}) }
  }

  /** Drop the connection at once: whatever is in flight fails with ECANCELLED. */
  cancel(): void {
    this.controller.abort()
  }

  // ---------------------------------------------------------------------------------------

  /** Run one step: one at a time; a failure is an outcome (and a line in the log), not a throw. */
  private async act(step: () => Promise<Reply>): Promise<ConsoleOutcome> {
    if (this.busy) throw new ServiceError(IPC_ERROR.busy, 'A reply is still due: wait for it, or cancel.')
    this.busy = true
    try {
      const reply = await step()
      return { status: this.statusAfterStep(), reply }
    } catch (error) {
      if (!(error instanceof SmtpError)) throw error
      return { status: this.statusAfterStep(), error: reportFailure(this.connection, error) }
    } finally {
      this.busy = false
    }
  }

  private statusAfterStep(): ConsoleStatus {
    this.busy = false
    // The lines of this step reach the window before the answer to the request does.
    this.batcher.flush()
    this.noticeClose()
    return this.status()
  }

  private checkOpen(): void {
    if (this.connection.closed) throw new ServiceError('ECONNECT', 'The connection is closed: connect again.')
    if (this.connecting) throw new ServiceError(IPC_ERROR.busy, 'Still connecting: wait for the greeting.')
  }

  private checkCommandMode(): void {
    if (this.dataMode) {
      throw new ServiceError(IPC_ERROR.invalidPayload, 'The server is waiting for the message (354): enter it and use End data first.')
    }
  }

  /** Credentials without TLS only when the profile allows it or the user just agreed. */
  private checkCleartextConsent(allowCleartext: boolean): void {
    if (this.connection.secure || this.profile.allowPlaintextAuth || allowCleartext) return
    throw new ServiceError(
      POLICY_ERROR,
      'This connection is not encrypted: AUTH would send the credentials in cleartext, readable on the network. Use STARTTLS first, or confirm to send them anyway.',
    )
  }

  private noticeClose(): void {
    if (!this.connection.closed || this.closeReported) return
    this.closeReported = true
    this.dataMode = false
    this.batcher.flush()
    this.onClosed(this)
  }
}
