// sendMail: one whole session, from connect to QUIT, as a SendResult. It never rejects:
// every failure ends up in result.status and result.error.
import { authenticate } from './auth/index'
import { sizeLimit } from './capabilities'
import { defaultClientName } from './client-name'
import { SmtpConnection } from './connection'
import {
  checkCommandArgument,
  checkEnvelope,
  envelopeForServer,
  mailFromCommand,
  rcptToCommand,
} from './envelope-commands'
import { SmtpError, asSmtpError, replySummary } from './errors'
import { parseQueueId } from './queue-id'
import { greet, hello, negotiateTls, usesImplicitTls } from './session-setup'
import type {
  Capabilities,
  Envelope,
  MessageFactory,
  MessageSource,
  QuitAfter,
  Reply,
  SendResult,
  SessionOptions,
} from './types'

const positive = (reply: Reply) => reply.code >= 200 && reply.code < 300

/** Thrown inside the run to stop with QUIT after the step `quitAfter` names. */
class StopRequested {
  constructor(readonly step: QuitAfter) {}
}

export async function sendMail(options: SessionOptions, envelope: Envelope, message: MessageFactory): Promise<SendResult> {
  const started = Date.now()
  try {
    return await runSession(options, envelope, message, started)
  } catch (error) {
    // Only malformed options get here (no host, a non-array recipient list…): still a result.
    return {
      status: 'failed',
      recipients: [],
      timings: [],
      dataBytes: 0,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      error: { code: 'EPROTOCOL', message: `invalid session options: ${error instanceof Error ? error.message : String(error)}` },
    }
  }
}

async function runSession(options: SessionOptions, envelope: Envelope, message: MessageFactory, started: number): Promise<SendResult> {
  const connection = new SmtpConnection({
    host: options.host,
    port: options.port,
    implicitTls: usesImplicitTls(options.security, options.port),
    rejectUnauthorized: options.rejectUnauthorized,
    ca: options.ca,
    servername: options.servername,
    timeouts: options.timeouts,
    dataLinesShown: options.dataLinesShown,
    signal: options.signal,
    onWire: options.onWire,
  })
  const result: SendResult = {
    status: 'failed',
    recipients: [],
    timings: [],
    dataBytes: 0,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
  }
  const run = new MailRun(connection, options, envelope, message, result)
  try {
    await run.execute()
  } catch (error) {
    if (error instanceof StopRequested) {
      result.status = 'sent'
      result.stoppedAfter = error.step
      connection.wire.emit('info', `stopping after ${error.step}, as asked (quitAfter)`)
    } else {
      run.recordFailure(error)
    }
  }
  await connection.close()
  result.dataBytes = connection.dataBytes
  result.timings = connection.wire.timings()
  if (connection.tls) result.tls = connection.tls
  result.durationMs = Date.now() - started
  return result
}

class MailRun {
  private capabilities?: Capabilities
  /** The envelope as this server takes it (IDN domains in ASCII without SMTPUTF8). */
  private wireEnvelope: Envelope
  private smtpUtf8 = false
  /** DATA was ended with a lone dot because no recipient was accepted. */
  private emptyData = false

  constructor(
    private readonly connection: SmtpConnection,
    private readonly options: SessionOptions,
    private readonly envelope: Envelope,
    private readonly factory: MessageFactory,
    private readonly result: SendResult,
  ) {
    this.wireEnvelope = envelope
  }

  async execute(): Promise<void> {
    const { connection, options } = this
    this.checkInput()
    await greet(connection)
    this.stopIf('connect', 'greeting')
    const clientName = options.clientName ?? defaultClientName(connection.localAddress)
    this.setCapabilities(await hello(connection, clientName))
    this.stopIf('ehlo')
    const tls = await negotiateTls(
      connection,
      {
        security: options.security,
        port: options.port,
        credentials: options.auth !== undefined,
        allowPlaintextAuth: options.allowPlaintextAuth === true,
      },
      this.capabilities!,
      clientName,
    )
    if (tls.before) this.result.capabilitiesBeforeTls = tls.before
    this.setCapabilities(tls.capabilities)
    this.stopIf('tls')
    if (options.auth) await this.login()
    this.stopIf('auth')
    const source = await this.abortable(
      Promise.resolve()
        .then(() => this.factory(this.capabilities!))
        .catch((error: unknown) => {
          if (error instanceof SmtpError) throw error
          const why = error instanceof Error ? error.message : String(error)
          throw new SmtpError('EMESSAGE', `could not compose the message: ${why}; nothing was sent`, { phase: 'mail', cause: error })
        }),
    )
    this.checkMessage(source)
    await this.transaction(source)
  }

  /** Turn any failure into the result: status, error, and an `error` event if none was shown. */
  recordFailure(error: unknown): void {
    const failure = asSmtpError(error, this.connection.wire.phase)
    if (!this.connection.hasReported(failure)) this.connection.wire.emit('error', failure.message, { phase: failure.phase })
    const info = failure.toInfo()
    info.message = this.connection.wire.mask(info.message)
    if (info.command !== undefined) info.command = this.connection.wire.mask(info.command)
    this.result.error = info
    // A 421 to the final dot is still a reply to it: the message was not taken.
    if (failure.command === '.' && failure.reply) this.result.finalReply ??= failure.reply
    // After the final dot the server may have taken the message: we cannot say it failed.
    // (Not after a lone dot that ended an empty DATA: there was no message to take.)
    const mayHaveDelivered = this.connection.dotSent && !this.result.finalReply && !this.emptyData
    this.result.status = mayHaveDelivered ? 'unknown' : 'failed'
  }

  /** Everything we would put into a command, checked before a byte is written. */
  private checkInput(): void {
    const { clientName, auth } = this.options
    if (clientName !== undefined) {
      checkCommandArgument('clientName', clientName, 'EPROTOCOL')
      if (!/^[\x21-\x7e]+$/.test(clientName)) {
        throw new SmtpError('EPROTOCOL', `clientName must be one domain or address literal without spaces (got ${JSON.stringify(clientName)})`)
      }
    }
    checkEnvelope(this.envelope)
    if (auth) checkCommandArgument('auth.user', auth.user, 'EAUTH')
  }

  private stopIf(...steps: QuitAfter[]): void {
    const wanted = this.options.quitAfter
    if (wanted && steps.includes(wanted)) throw new StopRequested(wanted)
  }

  private setCapabilities(capabilities: Capabilities): void {
    this.capabilities = capabilities
    this.result.capabilities = capabilities
  }

  private async login(): Promise<void> {
    const { connection, options } = this
    connection.wire.setPhase('auth')
    if (!connection.secure && !options.allowPlaintextAuth) {
      throw new SmtpError(
        'EPOLICY',
        'refusing to send the password over a connection without TLS (allowPlaintextAuth is off); nothing was sent',
        { phase: 'auth' },
      )
    }
    await authenticate(connection, options.auth!, this.capabilities!.auth)
  }

  /** What the server cannot take, refused before MAIL FROM. */
  private checkMessage(source: MessageSource): void {
    const caps = this.capabilities!
    if (source.eightBit && !caps.eightBitMime) {
      throw new SmtpError('EMESSAGE', 'the message has 8-bit content but the server does not offer 8BITMIME (RFC 6152); nothing was sent', {
        phase: 'mail',
      })
    }
    if (source.smtpUtf8 && !caps.smtpUtf8) {
      throw new SmtpError('EMESSAGE', 'the message has UTF-8 headers but the server does not offer SMTPUTF8 (RFC 6531); nothing was sent', {
        phase: 'mail',
      })
    }
    try {
      const adapted = envelopeForServer(this.envelope, caps.smtpUtf8)
      this.wireEnvelope = adapted.envelope
      this.smtpUtf8 = adapted.smtpUtf8 || source.smtpUtf8 === true
      for (const change of adapted.converted) {
        this.connection.wire.emit('info', `no SMTPUTF8: internationalized domain sent in ASCII form, ${change}`, { phase: 'mail' })
      }
    } catch (error) {
      if (error instanceof SmtpError) error.phase = 'mail'
      throw error
    }
    // EMESSAGE, not EPOLICY: the message is what does not fit; RFC 1870 makes SIZE a
    // declared property of the server, not a refusal it made.
    const limit = sizeLimit(caps)
    if (limit !== undefined && source.size !== undefined && source.size > limit) {
      throw new SmtpError('EMESSAGE', `the message is ${source.size} bytes and the server accepts at most ${limit} (SIZE, RFC 1870); nothing was sent`, {
        phase: 'mail',
      })
    }
  }

  private commands(source: MessageSource): { mail: string; rcpt: string[] } {
    const caps = this.capabilities!
    const dsn = this.envelope.dsn
    const wantsDsn = dsn !== undefined && (dsn.ret !== undefined || dsn.envid !== undefined || (dsn.notify?.length ?? 0) > 0)
    if (wantsDsn && !caps.dsn) {
      this.connection.wire.emit('info', 'the server does not offer DSN: delivery status notification options not sent', { phase: 'mail' })
    }
    const mail = mailFromCommand(this.wireEnvelope.from, {
      ...(caps.size !== undefined && source.size !== undefined ? { size: source.size } : {}),
      eightBitMime: source.eightBit && caps.eightBitMime,
      smtpUtf8: this.smtpUtf8,
      ...(caps.dsn && dsn ? { dsn } : {}),
    })
    const rcpt = this.wireEnvelope.to.map((to) => rcptToCommand(to, caps.dsn ? dsn : undefined))
    return { mail, rcpt }
  }

  private async transaction(source: MessageSource): Promise<void> {
    const { connection } = this
    const { mail, rcpt } = this.commands(source)
    const stopBeforeData = this.options.quitAfter === 'mail' || this.options.quitAfter === 'rcpt'
    let mailReply: Reply
    let dataReply: Reply | undefined
    if (this.capabilities!.pipelining && !stopBeforeData) {
      // RFC 2920: MAIL, every RCPT and DATA in one write; replies come back in order.
      const replies = connection.pipeline([{ line: mail }, ...rcpt.map((line) => ({ line })), { line: 'DATA' }])
      mailReply = await replies[0]!
      for (const [index, address] of this.envelope.to.entries()) this.recordRecipient(address, await replies[index + 1]!)
      dataReply = await replies[replies.length - 1]!
    } else {
      mailReply = await connection.command(mail)
      if (positive(mailReply)) {
        this.stopIf('mail')
        for (const [index, address] of this.envelope.to.entries()) this.recordRecipient(address, await connection.command(rcpt[index]!))
        // Stopping after RCPT counts as success only when someone was accepted.
        if (this.result.recipients.some((recipient) => recipient.accepted)) this.stopIf('rcpt')
      }
    }
    const accepted = this.result.recipients.some((recipient) => recipient.accepted)
    if (!positive(mailReply) || !accepted) {
      if (dataReply?.code === 354) await this.endEmptyData()
      if (!positive(mailReply)) {
        throw new SmtpError('EENVELOPE', `the server refused the sender: ${replySummary(mailReply)}`, { command: mail, reply: mailReply, phase: 'mail' })
      }
      return this.allRefused()
    }
    dataReply ??= await connection.command('DATA')
    if (dataReply.code !== 354) {
      this.result.finalReply = dataReply
      throw new SmtpError('EMESSAGE', `the server refused DATA: ${replySummary(dataReply)}`, { command: 'DATA', reply: dataReply, phase: 'data' })
    }
    await this.sendBody(source)
  }

  private recordRecipient(address: string, reply: Reply): void {
    this.result.recipients.push({ address, accepted: positive(reply), reply })
  }

  /**
   * Pipelined DATA got 354 though no recipient was accepted: end it with a lone "."
   * (RFC 2920 3.1 allows this); the body is never sent.
   */
  private async endEmptyData(): Promise<void> {
    this.connection.wire.emit('info', 'no recipient was accepted but DATA got 354 (pipelined): ending DATA with a lone "." and no message', {
      phase: 'data',
    })
    this.emptyData = true
    this.result.finalReply = await this.connection.sendData('')
  }

  private async allRefused(): Promise<void> {
    const count = this.result.recipients.length
    this.result.status = 'refused'
    this.result.error = {
      code: 'EENVELOPE',
      message: `the server refused ${count === 1 ? 'the recipient' : `all ${count} recipients`}; no message was sent`,
      phase: 'rcpt',
    }
    this.connection.wire.emit('info', this.result.error.message, { phase: 'rcpt' })
    // RFC 5321 4.1.1.5: end the transaction before QUIT.
    await this.connection.command('RSET')
  }

  private async sendBody(source: MessageSource): Promise<void> {
    // open() runs inside the generator, so even a throwing open() lands where a read
    // error does: the connection is dropped without the final dot.
    const stream = (async function* () {
      yield* source.open()
    })()
    const reply = await this.connection.sendData(stream, source.size !== undefined ? { totalBytes: source.size } : {})
    this.result.finalReply = reply
    if (!positive(reply)) {
      throw new SmtpError('EMESSAGE', `the server refused the message: ${replySummary(reply)}`, { command: '.', reply, phase: 'data' })
    }
    const queueId = parseQueueId(reply)
    if (queueId !== undefined) this.result.queueId = queueId
    this.result.status = this.result.recipients.every((recipient) => recipient.accepted) ? 'sent' : 'partial'
  }

  /** Wait for the caller's code (the message factory), but not past a cancel. */
  private abortable<T>(promise: Promise<T>): Promise<T> {
    const signal = this.options.signal
    if (!signal) return promise
    return new Promise<T>((resolve, reject) => {
      // The connection heard the abort first and made the error (and its wire event).
      const onAbort = () => reject(this.connection.error ?? new SmtpError('ECANCELLED', `cancelled during ${this.connection.wire.phase}`))
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort)
          resolve(value)
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort)
          reject(error)
        },
      )
    })
  }
}
