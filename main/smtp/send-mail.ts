// sendMail: one whole session, from connect to QUIT, as a SendResult. It never rejects:
// every failure ends up in result.status and result.error (session-run.ts).
import type { SmtpConnection } from './connection'
import { checkEnvelope } from './envelope-commands'
import { abortable, composeMessage, StopRequested, stopsAt } from './session-open'
import { freshRecord, runOnSession } from './session-run'
import { capabilitiesForMessage, MailTransaction, planTransaction, recordFailure, sendsChunks } from './transaction'
import { announceWait } from './wait-notice'
import type { Envelope, MessageFactory, SendResult, SessionOptions } from './types'

export async function sendMail(options: SessionOptions, envelope: Envelope, message: MessageFactory): Promise<SendResult> {
  const result: SendResult = { status: 'failed', recipients: [], ...freshRecord() }
  let transaction: MailTransaction | undefined
  await runOnSession(options, result, {
    // An envelope with CR or LF (or no recipient) fails before the connection opens.
    check: () => checkEnvelope(envelope),
    async transactions(connection, session) {
      const caps = session.capabilities
      // Building the message is our time, not the server's: a phase of its own in the timings.
      connection.wire.setPhase('prepare')
      announceWait(options.onWait, connection.wire, 'Preparing the message', 'prepare')
      const source = await abortable(connection, options.signal, composeMessage(() => message(capabilitiesForMessage(caps, options.chunking))))
      const plan = planTransaction(envelope, source, caps, {
        timeouts: connection.timeouts,
        secure: connection.secure,
        forceExtensions: options.forceExtensions,
        chunked: sendsChunks(options.chunking, caps),
      })
      const quitAfter = options.quitAfter
      const droppingAtDot = options.dropAfter === 'dot'
      transaction = new MailTransaction(connection, plan, result, {
        stopsBeforeData: quitAfter === 'mail' || quitAfter === 'rcpt' || options.dropAfter === 'mail' || options.dropAfter === 'rcpt',
        stopAfter: stopsAt({ ...options, ...(droppingAtDot ? { dropAfter: undefined } : {}) }),
        ...(droppingAtDot ? { afterDot: () => connection.destroy() } : {}),
        ...transactionSettings(options),
      })
      await transaction.run().catch((error: unknown) => hungUpAtDot(connection, droppingAtDot, error))
    },
    stopped: (stop) => {
      // A hang-up right after the final dot leaves the message's fate unknown; any other stop is the step done.
      result.status = stop.drop && stop.step === 'dot' ? 'unknown' : stop.step === 'dot' ? result.status : 'sent'
    },
    failed: (info, failure) => recordFailure(result, info, failure, transaction?.mayHaveDelivered ?? false),
  })
  result.dataBytes = transaction?.dataBytes ?? 0
  return result
}

/** The session options a mail transaction follows. */
export function transactionSettings(options: SessionOptions) {
  return {
    pipelining: options.pipelining !== 'off',
    chunking: options.chunking ?? 'off',
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    lmtp: options.protocol === 'lmtp',
  } as const
}

/** The close we made after the final dot (dropAfter dot) is the stop asked for, not a failure. */
function hungUpAtDot(connection: SmtpConnection, dropping: boolean, error: unknown): never {
  if (dropping && connection.body.ended && connection.stateName === 'closed') throw new StopRequested('dot', true)
  throw error
}
