// sendMany: many messages on one session (a load test, "send N copies", a queue flush).
// One connection, EHLO/TLS/AUTH once, then one mail transaction per message, each with its
// own SendResult. With PIPELINING the next message's MAIL, RCPT and DATA leave in the same
// write as the previous message's final dot (RFC 2920 3.1: message content may begin a
// group), so a message costs one round trip. A message the server refuses does not end the
// batch; a failure of the connection (or a cancel) does. Never rejects.
import type { SmtpConnection } from './connection'
import { SmtpError, asSmtpError } from './errors'
import type { ReplyGroup } from './reply-handlers'
import { checkEnvelope } from './envelope-commands'
import { isoTime } from './iso-clock'
import { abortable, composeFailure, composeMessage } from './session-open'
import { transactionSettings } from './send-mail'
import { freshRecord, reportFailure, runOnSession } from './session-run'
import { capabilitiesForMessage, MailTransaction, planTransaction, recordFailure, sendsChunks, type TransactionOptions, type TransactionPlan } from './transaction'
import type { BatchMessage, BatchResult, Capabilities, MessageSource, SendResult, SessionOptions } from './types'

export type BatchMessages = Iterable<BatchMessage> | AsyncIterable<BatchMessage>

export interface SendManyHandlers {
  /** Each message's result as soon as it is known (before the next message's reply). A throw here is ignored. */
  onResult?: (result: SendResult, index: number) => void
  /**
   * false: each result goes to onResult only, and BatchResult.results stays empty. A load
   * of 100,000 copies would otherwise keep 100,000 results (about 2 KB each) to the end,
   * and every major collection of the heap would walk them all.
   */
  keepResults?: boolean
}

/**
 * Send every message of `messages` on one session. `options.quitAfter` may stop the session
 * before the first message (connect … auth); mail and rcpt stop one message: use sendMail.
 */
export async function sendMany(options: SessionOptions, messages: BatchMessages, handlers: SendManyHandlers = {}): Promise<BatchResult> {
  const batch: BatchResult = { results: [], accepted: 0, ...freshRecord() }
  return runOnSession(options, batch, {
    check: () => {
      for (const [name, step] of [['quitAfter', options.quitAfter], ['dropAfter', options.dropAfter]] as const) {
        if (step && MESSAGE_STEPS.includes(step)) throw new SmtpError('EPROTOCOL', `${name} ${step} stops a single message: use sendMail for it`)
      }
    },
    transactions: (connection, session) => new Batch(connection, options, session.capabilities, batch, handlers).run(messages),
    failed: (info) => {
      batch.error = info
    },
  })
}

/** Steps inside one message: a stop there belongs to sendMail. */
const MESSAGE_STEPS: readonly string[] = ['mail', 'rcpt', 'data', 'dot']

/** The next message, planned while the current one is on the wire. */
type Prepared = { done: true } | { done: false; plan: TransactionPlan } | { done: false; error: unknown }

interface Upcoming {
  /** Set once planned: what a transaction may pipeline behind its final dot. */
  ready?: Prepared
  /** While the plan waits for the caller's code (an async list, a factory returning a promise). */
  promise?: Promise<Prepared>
}

/**
 * Messages planned beyond the one on the wire (see Batch.run); at least 1, since a
 * transaction pipelines the next plan behind its dot. 2 did not pay over 1 (20,000
 * messages to smtp-sink, load 12: 153-165 µs CPU a message with 2, 153 with 1).
 */
const PLANNED_AHEAD = 1

class Batch {
  /** The latest plan still waiting: an async list is read in order, one next() after the other. */
  private last?: Promise<Prepared>
  private finished = false
  /** The last plan, and the message flags it was made for. */
  private lastPlan?: { size?: number; eightBit: boolean; smtpUtf8?: boolean; binary?: boolean; plan: TransactionPlan }
  /** What each message's composer is told (capabilitiesForMessage). */
  private readonly messageCaps: Capabilities
  /** What every transaction of the batch follows. */
  private readonly settings: TransactionOptions

  constructor(
    private readonly connection: SmtpConnection,
    private readonly options: SessionOptions,
    private readonly caps: Capabilities,
    private readonly batch: BatchResult,
    private readonly handlers: SendManyHandlers,
  ) {
    this.messageCaps = capabilitiesForMessage(caps, options.chunking)
    this.settings = { ...transactionSettings(options), resetAfterFailure: true }
  }

  async run(messages: BatchMessages): Promise<void> {
    const { connection } = this
    const list = listOf(messages)
    // PLANNED_AHEAD messages after the current one are planned while earlier ones are on
    // the wire: the next one was started a message ago, so it is ready by the final dot.
    const ahead: Upcoming[] = []
    let written: ReplyGroup | undefined
    // A message sent in full is recorded once the next one's body is written (when that
    // body can go at once): on the critical path between the server's reply and our next
    // bytes there is then only what those bytes need. Anything else is recorded at once.
    let unrecorded: Finished | undefined
    const recordPrevious = () => {
      if (!unrecorded) return
      const finished = unrecorded
      unrecorded = undefined
      this.finish(finished)
    }
    try {
      for (let index = 0; ; index++) {
        while (ahead.length < PLANNED_AHEAD + 1) ahead.push(this.prepare(list))
        const upcoming = ahead.shift()!
        if (!upcoming.ready) recordPrevious()
        const item = upcoming.ready ?? (await abortable(connection, this.options.signal, upcoming.promise!))
        if (item.done) return
        const next = ahead[0]!
        const result = this.newResult()
        const startedAt = connection.wire.now()
        const spanIndex = connection.wire.spanIndex
        let transaction: MailTransaction | undefined
        try {
          if ('error' in item) throw item.error
          // One shape for every message's options (written or not): monomorphic reads.
          transaction = new MailTransaction(connection, item.plan, result, {
            ...this.settings,
            written,
            next: () => (next.ready && 'plan' in next.ready ? next.ready.plan : undefined),
          })
          // Runs up to its first wait: with its envelope answered, that is after its body.
          const running = transaction.run()
          recordPrevious()
          await running
        } catch (error) {
          recordPrevious()
          const failure = asSmtpError(error, connection.wire.phase)
          recordFailure(result, reportFailure(connection, failure), failure, transaction?.mayHaveDelivered ?? false)
        }
        written = transaction?.nextWritten
        const finished: Finished = { result, index, startedAt, endedAt: connection.wire.now(), spanIndex, dataBytes: transaction?.dataBytes ?? 0 }
        if (result.status === 'sent' && written) unrecorded = finished
        else this.finish(finished)
        // A message already written with this one's dot gets its turn (and its failure) too.
        if (connection.closed && !written) {
          throw connection.error ?? new SmtpError('ECONNECT', 'the connection is closed')
        }
      }
    } finally {
      recordPrevious()
      list.close()
    }
  }

  private prepare(list: MessageList): Upcoming {
    if (this.finished) return { ready: { done: true } }
    if (list.sync && !this.last) return this.prepareNow(list.sync)
    const previous = this.last
    const promise = previous ? previous.then((ready) => (ready.done ? ready : this.prepareLater(list))) : this.prepareLater(list)
    const upcoming: Upcoming = { promise }
    this.last = promise
    promise.then(
      (ready) => {
        upcoming.ready = ready
        if (this.last === promise) this.last = undefined
      },
      () => undefined,
    )
    return upcoming
  }

  /**
   * A plain list and a factory that returns its source: planned at once, no promise, so
   * the plan is there when the previous message's dot is written. Pays in round trips:
   * planned through promises, only 10 of 19 envelopes left with the previous dot in the
   * Postfix batch test (send-many-postfix.test.ts), against all 19.
   */
  private prepareNow(iterator: Iterator<BatchMessage>): Upcoming {
    let next: IteratorResult<BatchMessage>
    try {
      next = iterator.next()
    } catch (error) {
      const failed = Promise.reject(listFailure(error))
      failed.catch(() => undefined)
      return { promise: failed }
    }
    if (next.done) {
      this.finished = true
      return { ready: { done: true } }
    }
    const { envelope, message } = next.value
    let source: MessageSource | Promise<MessageSource>
    try {
      source = message(this.messageCaps)
    } catch (error) {
      return { ready: { done: false, error: composeFailure(error) } }
    }
    if (!isPromise(source)) return { ready: this.planned(envelope, source) }
    const upcoming: Upcoming = { promise: composeMessage(() => source).then((ready) => this.planned(envelope, ready), (error: unknown) => ({ done: false, error }) as const) }
    upcoming.promise!.then((ready) => (upcoming.ready = ready))
    return upcoming
  }

  /** The next message composed and checked against the capabilities; its own failure is kept for its turn. */
  private async prepareLater(list: MessageList): Promise<Prepared> {
    let next: IteratorResult<BatchMessage>
    try {
      next = await list.next()
    } catch (error) {
      throw listFailure(error)
    }
    if (next.done) {
      this.finished = true
      return { done: true }
    }
    try {
      const { envelope, message } = next.value
      const source = await composeMessage(() => message(this.messageCaps))
      return this.planned(envelope, source)
    } catch (error) {
      return { done: false, error }
    }
  }

  private planned(envelope: BatchMessage['envelope'], source: MessageSource): Prepared {
    try {
      const reused = this.samePlan(envelope, source)
      if (reused) return { done: false, plan: reused }
      checkEnvelope(envelope)
      const { connection, options } = this
      const plan = planTransaction(envelope, source, this.caps, {
        timeouts: connection.timeouts,
        secure: connection.secure,
        forceExtensions: options.forceExtensions,
        chunked: sendsChunks(options.chunking, this.caps),
      })
      this.lastPlan = { size: source.size, eightBit: source.eightBit, smtpUtf8: source.smtpUtf8, binary: source.binary, plan }
      return { done: false, plan }
    } catch (error) {
      return { done: false, error }
    }
  }

  /**
   * The previous message's commands when this one has the same envelope and the same
   * message flags (the usual batch: one envelope, many messages): the checks and the
   * command lines depend on nothing else, so they are not redone per message. Pays:
   * 20,000 messages to smtp-sink (load 12-15) took 175-185 µs CPU a message without it,
   * 149-165 with it.
   */
  private samePlan(envelope: BatchMessage['envelope'], source: MessageSource): TransactionPlan | undefined {
    const last = this.lastPlan
    // The last plan's envelope is its own copy: safe to compare with, and to share.
    const planned = last?.plan.envelope
    if (!last || !planned || envelope.dsn !== undefined || planned.dsn !== undefined) return undefined
    if (envelope.from !== planned.from || source.size !== last.size || source.eightBit !== last.eightBit || source.smtpUtf8 !== last.smtpUtf8 || source.binary !== last.binary) return undefined
    if (envelope.to.length !== planned.to.length) return undefined
    for (let i = 0; i < planned.to.length; i++) if (envelope.to[i] !== planned.to[i]) return undefined
    return { envelope: planned, source, mail: last.plan.mail, rcpt: last.plan.rcpt, notes: last.plan.notes, withData: last.plan.withData }
  }

  private newResult(): SendResult {
    const result: SendResult = { status: 'failed', recipients: [], timings: [], dataBytes: 0, startedAt: isoTime(), durationMs: 0 }
    result.capabilities = this.caps
    if (this.batch.capabilitiesBeforeTls) result.capabilitiesBeforeTls = this.batch.capabilitiesBeforeTls
    if (this.connection.tls) result.tls = this.connection.tls
    return result
  }

  private finish({ result, index, startedAt, endedAt, spanIndex, dataBytes }: Finished): void {
    const { wire } = this.connection
    result.dataBytes = dataBytes
    // From the span in which its MAIL FROM was the oldest command (written with the previous
    // message's dot, or just now) to its final reply; the next message's MAIL may follow.
    const spans = wire.timingsFrom(spanIndex, startedAt, endedAt)
    const mail = Math.max(0, spans.findIndex((span) => span.phase === 'mail'))
    const nextMail = spans.findIndex((span, index) => index > mail && span.phase === 'mail')
    result.timings = spans.slice(mail, nextMail === -1 ? undefined : nextMail)
    result.durationMs = Math.round(endedAt - startedAt)
    if (this.handlers.keepResults !== false) this.batch.results.push(result)
    this.batch.dataBytes += result.dataBytes
    if (result.status === 'sent' || result.status === 'partial') this.batch.accepted++
    try {
      this.handlers.onResult?.(result, index)
    } catch {
      // The caller's listener must not break the session.
    }
  }
}

/** A message's outcome as it was when its transaction ended, to be recorded (Batch.finish). */
interface Finished {
  result: SendResult
  index: number
  startedAt: number
  endedAt: number
  spanIndex: number
  /** Read when the transaction ended: the connection's count moves on with the next body. */
  dataBytes: number
}

/** The caller's messages, read one by one: synchronously when the list allows it. */
interface MessageList {
  sync?: Iterator<BatchMessage>
  next(): Promise<IteratorResult<BatchMessage>>
  /** Lets a generator clean up when the batch stops early. */
  close(): void
}

function listOf(messages: BatchMessages): MessageList {
  if (Symbol.asyncIterator in messages) {
    const iterator = messages[Symbol.asyncIterator]()
    return { next: () => iterator.next(), close: () => void iterator.return?.()?.catch(() => undefined) }
  }
  const iterator = messages[Symbol.iterator]()
  return {
    sync: iterator,
    next: () => Promise.resolve(iterator.next()),
    close: () => {
      try {
        iterator.return?.()
      } catch {
        // The caller's generator failing to clean up changes nothing here.
      }
    },
  }
}

function listFailure(error: unknown): SmtpError {
  const why = error instanceof Error ? error.message : String(error)
  return new SmtpError('EMESSAGE', `could not get the next message to send: ${why}`, { cause: error })
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
