// One mail transaction on an open session (RFC 5321 3.3): MAIL FROM, RCPT TO for each
// recipient, DATA and the message, its outcome written into a SendResult. sendMail runs one
// per session; sendMany runs many on one session, and writes each next envelope together
// with the previous message's final dot (RFC 2920 3.1), so a message costs one round trip.
import { sizeLimit } from './capabilities'
import { linesPayload, transactionCommand, type DescribedCommand } from './command-line'
import type { SmtpConnection } from './connection'
import { envelopeForServer, mailFromCommand, rcptToCommand } from './envelope-commands'
import { SmtpError, replySummary } from './errors'
import { parseQueueId } from './queue-id'
import type { ReplyGroup } from './reply-handlers'
import { DEFAULT_CHUNK_BYTES, sendChunks } from './bdat-writer'
import type { Capabilities, ChunkingMode, Envelope, MessageSource, Reply, SendResult, SmtpErrorInfo, Timeouts } from './types'

const positive = (reply: Reply) => reply.code >= 200 && reply.code < 300

/** Everything a transaction writes, checked and built before a byte of it is written. */
export interface TransactionPlan {
  /** As the caller gave it, copied when planned: the recipients of the result are these addresses. */
  envelope: Envelope
  source: MessageSource
  mail: DescribedCommand
  rcpt: DescribedCommand[]
  /** `info` events shown just before MAIL FROM (IDN converted, DSN not offered). */
  notes: string[]
  /** MAIL, every RCPT and DATA as one pipelined group (RFC 2920), and its bytes: built once for a batch's plans that share them. */
  withData: CommandGroup
}

/** Commands written together, and their bytes (linesPayload). */
export interface CommandGroup {
  entries: DescribedCommand[]
  payload: Buffer
}

/**
 * Check the message against what the server offers, and build the commands from an
 * envelope that passed checkEnvelope(). Throws EENVELOPE or EMESSAGE (phase mail) for what
 * the server cannot take: nothing is written then.
 */
export interface PlanContext {
  timeouts: Timeouts
  /** The session is under TLS (REQUIRETLS needs it, RFC 8689 4.1). */
  secure?: boolean
  /** Send DSN parameters and REQUIRETLS even when the server does not offer them. */
  forceExtensions?: boolean
  /** The message goes as BDAT chunks (sendsChunks): a binary message can only go so. */
  chunked?: boolean
}

export function planTransaction(envelope: Envelope, source: MessageSource, caps: Capabilities, context: PlanContext): TransactionPlan {
  const { timeouts, forceExtensions } = context
  if (source.binary) checkBinary(caps, context)
  else if (source.eightBit && !caps.eightBitMime) {
    throw new SmtpError('EMESSAGE', 'the message has 8-bit content but the server does not offer 8BITMIME (RFC 6152); nothing was sent', {
      phase: 'mail',
    })
  }
  if (source.smtpUtf8 && !caps.smtpUtf8) {
    throw new SmtpError('EMESSAGE', 'the message has UTF-8 headers but the server does not offer SMTPUTF8 (RFC 6531); nothing was sent', {
      phase: 'mail',
    })
  }
  const notes: string[] = []
  let adapted: ReturnType<typeof envelopeForServer>
  try {
    adapted = envelopeForServer(envelope, caps.smtpUtf8)
  } catch (error) {
    if (error instanceof SmtpError) error.phase = 'mail'
    throw error
  }
  for (const change of adapted.converted) notes.push(`no SMTPUTF8: internationalized domain sent in ASCII form, ${change}`)
  // EMESSAGE, not EPOLICY: the message is what does not fit; RFC 1870 makes SIZE a
  // declared property of the server, not a refusal it made.
  const limit = sizeLimit(caps)
  if (limit !== undefined && source.size !== undefined && source.size > limit) {
    throw new SmtpError('EMESSAGE', `the message is ${source.size} bytes and the server accepts at most ${limit} (SIZE, RFC 1870); nothing was sent`, {
      phase: 'mail',
    })
  }
  const dsn = envelope.dsn
  const wantsDsn = dsn !== undefined && (dsn.ret !== undefined || dsn.envid !== undefined || dsn.orcpt === true || (dsn.notify?.length ?? 0) > 0)
  const sendDsn = wantsDsn && offeredOrForced('DSN', 'delivery status notification options (RFC 3461)', caps.dsn, forceExtensions, notes)
  if (envelope.requireTls) {
    if (!context.secure && !forceExtensions) {
      throw new SmtpError('EPOLICY', 'REQUIRETLS asks that the message travel only over TLS (RFC 8689), and this session has no TLS; nothing was sent', { phase: 'mail' })
    }
    offeredOrForced('REQUIRETLS', 'REQUIRETLS (RFC 8689)', caps.requireTls === true, forceExtensions, notes)
  }
  const mail = mailFromCommand(adapted.envelope.from, {
    ...(caps.size !== undefined && source.size !== undefined ? { size: source.size } : {}),
    eightBitMime: source.eightBit && caps.eightBitMime,
    binaryMime: source.binary === true,
    smtpUtf8: adapted.smtpUtf8 || source.smtpUtf8 === true,
    ...(sendDsn && dsn ? { dsn } : {}),
    ...(envelope.requireTls ? { requireTls: true } : {}),
  })
  const rcpt = adapted.envelope.to.map((to) => transactionCommand(rcptToCommand(to, sendDsn ? dsn : undefined), 'RCPT', timeouts))
  // Planned ahead of its turn: a caller that reuses its envelope object must not change it.
  const snapshot: Envelope = { ...envelope, to: [...envelope.to] }
  const mailCommand = transactionCommand(mail, 'MAIL', timeouts)
  const entries = [mailCommand, ...rcpt, dataCommand(timeouts)]
  return { envelope: snapshot, source, mail: mailCommand, rcpt, notes, withData: { entries, payload: linesPayload(entries) } }
}

/**
 * BDAT when forced, or in auto when the server offers CHUNKING (RFC 3030). Known once the
 * capabilities are: the message is composed for it (capabilitiesForMessage).
 */
export function sendsChunks(mode: ChunkingMode | undefined, caps: Capabilities | undefined): boolean {
  return mode === 'force' || (mode === 'auto' && caps?.chunking === true)
}

/** What the message's composer is told: binaryMime only when this send can use it (BDAT to a server offering BINARYMIME). */
export function capabilitiesForMessage(caps: Capabilities, mode: ChunkingMode | undefined): Capabilities {
  return caps.binaryMime && !sendsChunks(mode, caps) ? { ...caps, binaryMime: false } : caps
}

/** RFC 3030 3: BODY=BINARYMIME needs BINARYMIME offered and the message in BDAT chunks, never DATA. */
function checkBinary(caps: Capabilities, context: PlanContext): void {
  if (!context.chunked) {
    throw new SmtpError('EMESSAGE', 'the message has binary content, which only BDAT can carry (RFC 3030 3), and this send uses DATA; nothing was sent', { phase: 'mail' })
  }
  if (!caps.binaryMime && !context.forceExtensions) {
    throw new SmtpError('EMESSAGE', 'the message has binary content and the server does not offer BINARYMIME (RFC 3030); nothing was sent (force extensions to see what the server does)', { phase: 'mail' })
  }
}

/**
 * An extension the envelope asks for: true when the server offers it; with force, a note
 * and true; else EENVELOPE before MAIL, nothing sent (exit 2 in the CLI).
 */
function offeredOrForced(keyword: string, what: string, offered: boolean, force: boolean | undefined, notes: string[]): boolean {
  if (offered) return true
  if (force) {
    notes.push(`the server does not offer ${keyword}: sending ${what} anyway, as asked`)
    return true
  }
  throw new SmtpError('EENVELOPE', `the server does not offer ${keyword}, so ${what} cannot be sent; nothing was sent (force them to see what the server does)`, { phase: 'mail' })
}

export interface TransactionOptions {
  /** quitAfter and dropAfter: called after MAIL, RCPT (when someone was accepted), DATA's 354 and the final reply; it throws to stop. */
  stopAfter?: (step: 'mail' | 'rcpt' | 'data' | 'dot') => void
  /** Told right after the final dot (or LAST chunk) was written, before its reply: drop-after dot. */
  afterDot?: () => void
  /** False: one command, one reply, even when the server offers PIPELINING. */
  pipelining?: boolean
  /** BDAT instead of DATA (RFC 3030): auto uses it when CHUNKING is offered. */
  chunking?: ChunkingMode
  chunkSize?: number
  /** LMTP (RFC 2033): one reply per accepted recipient after the message. */
  lmtp?: boolean
  /** Stopping after MAIL or RCPT is wanted: no pipelining of DATA then. */
  stopsBeforeData?: boolean
  /**
   * A transaction left open at the server by a failure (DATA refused after accepted
   * recipients) is ended with RSET (RFC 5321 4.1.1.5), so the session can go on.
   */
  resetAfterFailure?: boolean
  /** The envelope was already written, with the previous message's final dot: its replies. */
  written?: ReplyGroup
  /**
   * Asked as this message's body starts: the next transaction, when it is ready now. Its
   * MAIL, RCPT and DATA then leave with this message's final dot.
   */
  next?: () => TransactionPlan | undefined
}

/** DATA is the same command in every transaction of a connection: described once. */
const DATA_COMMANDS = new WeakMap<Timeouts, DescribedCommand>()

function dataCommand(timeouts: Timeouts): DescribedCommand {
  let command = DATA_COMMANDS.get(timeouts)
  if (!command) {
    command = transactionCommand('DATA', 'DATA', timeouts)
    DATA_COMMANDS.set(timeouts, command)
  }
  return command
}

export class MailTransaction {
  /** DATA was ended with a lone dot because no recipient was accepted. */
  emptyData = false
  /** The next transaction's envelope, written with this message's final dot (options.next). */
  nextWritten?: ReplyGroup
  private bodyStarted = false

  constructor(
    private readonly connection: SmtpConnection,
    private readonly plan: TransactionPlan,
    private readonly result: SendResult,
    private readonly options: TransactionOptions = {},
  ) {}

  /**
   * After a failure: could the server have taken the message? Only once this message's
   * final dot was written and no reply to it came (not after a lone dot ending an empty DATA).
   */
  get mayHaveDelivered(): boolean {
    return this.bodyStarted && this.connection.body.ended && !this.result.finalReply && !this.emptyData
  }

  /** Message bytes this transaction wrote through DATA (after dot-stuffing). */
  get dataBytes(): number {
    return this.bodyStarted ? this.connection.body.bytes : 0
  }

  /** Runs to the reply to the final dot. Sets status on success; throws SmtpError otherwise (see recordFailure). */
  async run(): Promise<void> {
    const { connection, plan, options } = this
    const pipelining = this.pipelining || options.written !== undefined
    const bdat = this.usesBdat()
    let mailReply: Reply
    let dataReply: Reply | undefined
    if (pipelining && !options.stopsBeforeData) {
      // RFC 2920: MAIL, every RCPT and DATA in one write; replies come back in order. BDAT
      // waits for them: a chunk once written is message bytes whatever RCPT said.
      const group = options.written ?? (bdat ? connection.pipelineGroup([plan.mail, ...plan.rcpt], plan.notes) : connection.pipelineGroup(plan.withData.entries, plan.notes, plan.withData.payload))
      let replies: readonly Reply[]
      try {
        // Already answered (in the read that brought the previous message's final reply):
        // on at once, so this body is written before that message's result is recorded.
        replies = group.complete ?? (await group.done)
      } catch (error) {
        // What came before the failure still counts (a 421 after the first RCPT...).
        this.recordRecipients(group.replies)
        throw error
      }
      mailReply = replies[0]!
      this.recordRecipients(replies)
      if (!bdat) dataReply = replies[replies.length - 1]!
    } else {
      for (const note of plan.notes) connection.wire.emit('info', note, { phase: 'mail' })
      mailReply = await connection.command(plan.mail.line)
      if (positive(mailReply)) {
        options.stopAfter?.('mail')
        for (const [index, address] of plan.envelope.to.entries()) this.recordRecipient(address, await connection.command(plan.rcpt[index]!.line))
        // Stopping after RCPT counts as success only when someone was accepted.
        if (this.result.recipients.some((recipient) => recipient.accepted)) options.stopAfter?.('rcpt')
      }
    }
    const accepted = this.result.recipients.some((recipient) => recipient.accepted)
    if (!positive(mailReply) || !accepted) {
      if (dataReply?.code === 354) await this.endEmptyData()
      if (!positive(mailReply)) {
        throw new SmtpError('EENVELOPE', `the server refused the sender: ${replySummary(mailReply)}`, { command: plan.mail.line, reply: mailReply, phase: 'mail' })
      }
      return this.allRefused()
    }
    if (!bdat) {
      dataReply ??= await connection.command('DATA')
      if (dataReply.code !== 354) {
        this.result.finalReply = dataReply
        // MAIL and RCPT were taken: the transaction stays open at the server until RSET.
        if (options.resetAfterFailure) await connection.command('RSET')
        throw new SmtpError('EMESSAGE', `the server refused DATA: ${replySummary(dataReply)}`, { command: 'DATA', reply: dataReply, phase: 'data' })
      }
    }
    options.stopAfter?.('data')
    await this.sendBody(bdat)
    options.stopAfter?.('dot')
  }

  /** PIPELINING offered and not turned off. */
  private get pipelining(): boolean {
    return this.connection.capabilities?.pipelining === true && this.options.pipelining !== false
  }

  /** BDAT when forced, or in auto when the server offers CHUNKING (RFC 3030). */
  private usesBdat(): boolean {
    return sendsChunks(this.options.chunking, this.connection.capabilities)
  }

  private recordRecipients(replies: readonly Reply[]): void {
    const to = this.plan.envelope.to
    for (let index = 0; index < to.length; index++) {
      const reply = replies[index + 1]
      if (!reply) return
      this.recordRecipient(to[index]!, reply)
    }
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
    // RFC 5321 4.1.1.5: end the transaction before QUIT (or the next MAIL).
    await this.connection.command('RSET')
  }

  private async sendBody(bdat: boolean): Promise<void> {
    const { connection, plan, options, result } = this
    const source = plan.source
    // Only to a server that offers PIPELINING: an envelope behind the final dot is a group
    // the server must read ahead for (RFC 2920 3.1); others get one command at a time.
    const next = this.pipelining && !bdat ? options.next?.() : undefined
    // Given now, while the server waits for this message: it leaves with this final dot.
    if (next) this.nextWritten = connection.pipelineGroup(next.withData.entries, next.notes, next.withData.payload)
    this.bodyStarted = true
    // LMTP answers the message once per accepted recipient (RFC 2033 4.2).
    const replies = options.lmtp ? result.recipients.filter((recipient) => recipient.accepted).length : 1
    const bytes = source.bytes ?? openSource(source)
    const finals = bdat
      ? await sendChunks(connection, bytes, {
          chunkSize: options.chunkSize ?? DEFAULT_CHUNK_BYTES,
          pipelining: this.pipelining,
          binary: source.binary === true,
          replies,
          onLast: options.afterDot,
          counted: (chunks) => (result.chunks = chunks),
        })
      : await connection.sendMessage(bytes, { totalBytes: source.size, replies, afterDot: options.afterDot }).done
    if (options.lmtp) return this.recordDeliveries(finals)
    const reply = finals[0]!
    result.finalReply = reply
    if (!positive(reply)) {
      throw new SmtpError('EMESSAGE', `the server refused the message: ${replySummary(reply)}`, { command: bdat ? 'BDAT' : '.', reply, phase: 'data' })
    }
    const queueId = parseQueueId(reply)
    if (queueId !== undefined) result.queueId = queueId
    result.status = result.recipients.every((recipient) => recipient.accepted) ? 'sent' : 'partial'
  }

  /** LMTP: each accepted recipient's own reply to the message, in RCPT order (RFC 2033 4.2). */
  private recordDeliveries(finals: Reply[]): void {
    const { result } = this
    const accepted = result.recipients.filter((recipient) => recipient.accepted)
    accepted.forEach((recipient, index) => {
      recipient.delivery = finals[index]!
      recipient.accepted = positive(recipient.delivery)
    })
    const delivered = accepted.filter((recipient) => recipient.accepted)
    result.finalReply = accepted.find((recipient) => !recipient.accepted)?.delivery ?? finals[finals.length - 1]
    // No queue id: an LMTP server delivers rather than queues, and each reply names its own
    // recipient (Dovecot: "250 2.0.0 <alice@example.test> urKYJ... Saved").
    if (delivered.length === result.recipients.length) result.status = 'sent'
    else if (delivered.length > 0) result.status = 'partial'
    else {
      result.status = 'refused'
      result.error = { code: 'EMESSAGE', message: 'the LMTP server delivered the message to no recipient', phase: 'data', ...(result.finalReply ? { reply: result.finalReply } : {}) }
    }
  }
}

/**
 * The message's bytes. An open() that throws lands where a read error does: the connection
 * is dropped without the final dot.
 */
function openSource(source: MessageSource): AsyncIterable<Uint8Array> {
  let opened: AsyncIterable<Uint8Array>
  try {
    opened = source.open()
  } catch (error) {
    return {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
    }
  }
  if (typeof opened?.[Symbol.asyncIterator] === 'function') return opened
  // Not what the type says (a plain iterable of chunks, or nothing): the generator takes
  // what iterates and turns the rest into a read error.
  return (async function* () {
    yield* opened as unknown as Iterable<Uint8Array>
  })()
}

/**
 * A failure (shown and masked by reportFailure) into the result. After the final dot with
 * no reply the message may have been delivered: 'unknown'.
 */
export function recordFailure(result: SendResult, info: SmtpErrorInfo, failure: SmtpError, mayHaveDelivered: boolean): void {
  result.error = info
  // A 421 to the final dot is still a reply to it: the message was not taken.
  if (failure.command === '.' && info.reply) result.finalReply ??= info.reply
  result.status = mayHaveDelivered && !result.finalReply ? 'unknown' : 'failed'
}
