// sendMail: one whole session, from connect to QUIT, as a SendResult. It never rejects:
// every failure ends up in result.status and result.error (session-run.ts).
import { checkEnvelope } from './envelope-commands'
import { abortable, composeMessage, StopRequested } from './session-open'
import { freshRecord, runOnSession } from './session-run'
import { MailTransaction, planTransaction, recordFailure } from './transaction'
import type { Envelope, MessageFactory, SendResult, SessionOptions } from './types'

export async function sendMail(options: SessionOptions, envelope: Envelope, message: MessageFactory): Promise<SendResult> {
  const result: SendResult = { status: 'failed', recipients: [], ...freshRecord() }
  let transaction: MailTransaction | undefined
  const quitAfter = options?.quitAfter
  await runOnSession(options, result, {
    // An envelope with CR or LF (or no recipient) fails before the connection opens.
    check: () => checkEnvelope(envelope),
    async transactions(connection, session) {
      const caps = session.capabilities
      const source = await abortable(connection, options.signal, composeMessage(() => message(caps)))
      const plan = planTransaction(envelope, source, caps, connection.timeouts)
      transaction = new MailTransaction(connection, plan, result, {
        stopsBeforeData: quitAfter === 'mail' || quitAfter === 'rcpt',
        stopAfter: (step) => {
          if (quitAfter === step) throw new StopRequested(step)
        },
      })
      await transaction.run()
    },
    stopped: () => {
      result.status = 'sent'
    },
    failed: (info, failure) => recordFailure(result, info, failure, transaction?.mayHaveDelivered ?? false),
  })
  result.dataBytes = transaction?.dataBytes ?? 0
  return result
}
