// sendMail: one whole session, from connect to QUIT, as a SendResult. It never rejects:
// every failure ends up in result.status and result.error.
import type { SmtpConnection } from './connection'
import { checkEnvelope } from './envelope-commands'
import { abortable, checkSessionOptions, composeMessage, connectionFor, openSession, StopRequested, type OpenedSession } from './session-open'
import { MailTransaction, planTransaction, recordFailure } from './transaction'
import type { Envelope, MessageFactory, SendResult, SessionOptions } from './types'

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
  const connection = connectionFor(options)
  const result: SendResult = {
    status: 'failed',
    recipients: [],
    timings: [],
    dataBytes: 0,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
  }
  const running: Running = {}
  try {
    await run(connection, options, envelope, message, result, running)
  } catch (error) {
    if (error instanceof StopRequested) {
      result.status = 'sent'
      result.stoppedAfter = error.step
      connection.wire.emit('info', `stopping after ${error.step}, as asked`)
    } else {
      recordFailure(connection, result, error, running.transaction?.mayHaveDelivered ?? false)
    }
  }
  await connection.close()
  result.dataBytes = connection.body.bytes
  result.timings = connection.wire.timings()
  if (connection.tls) result.tls = connection.tls
  result.durationMs = Date.now() - started
  return result
}

/** The transaction once it runs: after a failure it says whether the final dot went out. */
interface Running {
  transaction?: MailTransaction
}

async function run(
  connection: SmtpConnection,
  options: SessionOptions,
  envelope: Envelope,
  factory: MessageFactory,
  result: SendResult,
  running: Running,
): Promise<void> {
  // Everything we would put into a command, checked before a byte is written.
  checkSessionOptions(options)
  checkEnvelope(envelope)
  const session = await openSession(connection, options, (seen: OpenedSession) => {
    result.capabilities = seen.capabilities
    if (seen.capabilitiesBeforeTls) result.capabilitiesBeforeTls = seen.capabilitiesBeforeTls
  })
  const caps = session.capabilities
  const source = await abortable(connection, options.signal, composeMessage(() => factory(caps)))
  const plan = planTransaction(envelope, source, caps, connection.timeouts)
  const quitAfter = options.quitAfter
  const transaction = new MailTransaction(connection, plan, result, {
    stopsBeforeData: quitAfter === 'mail' || quitAfter === 'rcpt',
    stopAfter: (step) => {
      if (quitAfter === step) throw new StopRequested(step)
    },
  })
  running.transaction = transaction
  await transaction.run()
}
