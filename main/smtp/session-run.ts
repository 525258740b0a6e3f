// The one way a session runs, whatever it carries (one message, many, a probe's look):
// the options checked, greeting, EHLO, TLS and AUTH (session-open.ts), the caller's
// transactions, then QUIT, with timings and TLS details written into the result. A stop
// asked for (quitAfter) and every failure end up in the result: it never rejects.
import type { SmtpConnection } from './connection'
import { asSmtpError, type SmtpError } from './errors'
import { checkSessionOptions, connectionFor, openSession, StopRequested, type OpenedSession } from './session-open'
import type { Capabilities, PhaseTiming, QuitAfter, SendResult, SessionOptions, SmtpErrorInfo, TlsInfo } from './types'

/** What the result of every session records (SendResult, BatchResult). */
export interface SessionRecord {
  timings: PhaseTiming[]
  capabilities?: Capabilities
  capabilitiesBeforeTls?: Capabilities
  tls?: TlsInfo
  error?: SmtpErrorInfo
  startedAt: string
  durationMs: number
  stoppedAfter?: QuitAfter
  hungUp?: boolean
}

export interface SessionSteps {
  /** What the caller will put into commands, checked before the connection opens. */
  check?(): void
  /** The work after AUTH: one transaction, or many. */
  transactions(connection: SmtpConnection, session: OpenedSession): Promise<void>
  /** The session stopped where quitAfter or dropAfter asked. */
  stopped?(stop: StopRequested): void
  /** A failure (already shown in the log, masked): write it into the result. */
  failed(info: SmtpErrorInfo, failure: SmtpError): void
}

/** The fields every result starts with; runOnSession sets them for real. */
export function freshRecord(started = Date.now()): Pick<SessionRecord, 'timings' | 'startedAt' | 'durationMs'> & { dataBytes: number } {
  return { timings: [], dataBytes: 0, startedAt: new Date(started).toISOString(), durationMs: 0 }
}

/** A SendResult for a send that never reached the server (malformed options, an internal error). */
export function failedSendResult(error: SmtpErrorInfo, started = Date.now()): SendResult {
  return { status: 'failed', recipients: [], ...freshRecord(started), durationMs: Date.now() - started, error }
}

/** Malformed options (no host, a list that is not one…), as an error for the result. */
export function invalidOptions(error: unknown, what = 'session'): SmtpErrorInfo {
  return { code: 'EPROTOCOL', message: `invalid ${what} options: ${error instanceof Error ? error.message : String(error)}` }
}

export async function runOnSession<R extends SessionRecord>(options: SessionOptions, record: R, steps: SessionSteps): Promise<R> {
  const started = Date.now()
  record.startedAt = new Date(started).toISOString()
  let connection: SmtpConnection
  try {
    connection = connectionFor(options)
  } catch (error) {
    record.error = invalidOptions(error)
    record.durationMs = Date.now() - started
    return record
  }
  try {
    checkSessionOptions(options)
    steps.check?.()
    const session = await openSession(connection, options, (seen) => {
      record.capabilities = seen.capabilities
      if (seen.capabilitiesBeforeTls) record.capabilitiesBeforeTls = seen.capabilitiesBeforeTls
    })
    await steps.transactions(connection, session)
  } catch (error) {
    if (error instanceof StopRequested) {
      record.stoppedAfter = error.step
      if (error.drop) record.hungUp = true
      steps.stopped?.(error)
      connection.wire.emit('info', stopNote(error, connection.stateName === 'data-ready'))
      if (error.drop) connection.destroy()
    } else {
      const failure = asSmtpError(error, connection.wire.phase)
      steps.failed(reportFailure(connection, failure), failure)
    }
  }
  await connection.close()
  record.timings = connection.wire.timings()
  if (connection.tls) record.tls = connection.tls
  record.durationMs = Date.now() - started
  return record
}

/** The log's word for a stop on purpose: where, how, and what it means for the message. */
function stopNote(stop: StopRequested, insideData: boolean): string {
  if (stop.drop && stop.step === 'dot') return 'hanging up right after the final dot, without waiting for its reply, as asked: the message may or may not be delivered'
  if (stop.drop) return `hanging up after ${stop.step} without QUIT, as asked`
  // After a 354 any line is message text: QUIT would be part of the message.
  if (insideData) return 'stopping after data, as asked: the server waits for the message, so the connection is closed without QUIT (nothing is delivered)'
  return `stopping after ${stop.step}, as asked`
}

/**
 * A failure as the result keeps it: shown once in the log, and every credential masked in
 * its message, command and reply (a server may echo what it was sent).
 */
export function reportFailure(connection: SmtpConnection, error: unknown): SmtpErrorInfo {
  const failure = asSmtpError(error, connection.wire.phase)
  if (!connection.hasReported(failure)) connection.wire.emit('error', failure.message, { phase: failure.phase })
  const info = failure.toInfo()
  info.message = connection.wire.mask(info.message)
  if (info.command !== undefined) info.command = connection.wire.mask(info.command)
  if (info.reply) info.reply = connection.wire.maskReply(info.reply)
  return info
}
