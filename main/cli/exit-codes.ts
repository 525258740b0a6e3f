// Exit codes, the contract scripts rely on (documented in --help):
//   0 every recipient accepted and the message queued (or --quit-after's step succeeded)
//   1 the server refused: some or all recipients, the sender, the message, or the login
//   2 bad input, nothing sent (including what the engine's own checks stop before sending:
//     AUTH over cleartext, an address or message this server cannot take)
//   3 connection, TLS, protocol or timeout failure, or an unknown outcome
import { formatReply } from '../report/format-reply'
import { messageWithFlagHint } from './cli-wording'
import type { SendResult, SmtpErrorCode } from '../smtp/types'

export const EXIT_OK = 0
export const EXIT_REFUSED = 1
export const EXIT_BAD_INPUT = 2
export const EXIT_FAILURE = 3

/** RFC 5321 section 3.8: 421 means the server is closing the channel, whatever the step. */
const SERVICE_CLOSING = 421

const EXIT_FOR_ERROR: Record<SmtpErrorCode, number> = {
  ECONNECT: EXIT_FAILURE,
  ETIMEOUT: EXIT_FAILURE,
  ETLS: EXIT_FAILURE,
  EPROTOCOL: EXIT_FAILURE,
  ECANCELLED: EXIT_FAILURE,
  EAUTH: EXIT_REFUSED,
  EENVELOPE: EXIT_REFUSED,
  EMESSAGE: EXIT_REFUSED,
  // Our own rule stopped the session before it did harm (e.g. no password in cleartext).
  EPOLICY: EXIT_BAD_INPUT,
}

/**
 * A refusal-kind error without a server reply came from the engine's own checks before the
 * step was sent (no common AUTH mechanism, a non-ASCII address without SMTPUTF8, a message
 * above the advertised SIZE): this input cannot go to this server, and nothing was sent.
 */
const REFUSED_LOCALLY: ReadonlySet<SmtpErrorCode> = new Set(['EAUTH', 'EENVELOPE', 'EMESSAGE'])

/** What the CLI asked of the session, where the result alone cannot tell. */
export interface SessionContext {
  /** A password was to be sent (--user). */
  credentials?: boolean
  allowPlaintextAuth?: boolean
}

/**
 * The engine's auto mode requires TLS only because a password is to be sent; when the
 * server offers no STARTTLS it stops with ETLS before AUTH. For the user that is the
 * cleartext password refused (exit 2), not a TLS failure of the server.
 */
function cleartextPasswordRefused(result: SendResult, context: SessionContext): boolean {
  const error = result.error
  if (!error || result.status !== 'failed' || !context.credentials || context.allowPlaintextAuth) return false
  if (error.code === 'EPOLICY') return true
  return error.code === 'ETLS' && !error.reply && result.capabilities?.startTls === false
}

export function exitCodeFor(result: SendResult, context: SessionContext = {}): number {
  if (cleartextPasswordRefused(result, context)) return EXIT_BAD_INPUT
  switch (result.status) {
    case 'sent':
      return EXIT_OK
    case 'partial':
    case 'refused':
      return EXIT_REFUSED
    case 'unknown':
      return EXIT_FAILURE
    case 'failed':
      if (!result.error || result.error.reply?.code === SERVICE_CLOSING) return EXIT_FAILURE
      if (!result.error.reply && REFUSED_LOCALLY.has(result.error.code)) return EXIT_BAD_INPUT
      return EXIT_FOR_ERROR[result.error.code]
  }
}

function refusedRecipients(result: SendResult): string {
  const refused = result.recipients.filter((recipient) => !recipient.accepted)
  const first = refused[0]
  if (!first) return ''
  const more = refused.length > 1 ? ` and ${refused.length - 1} more` : ''
  return ` (${first.address}: ${formatReply(first.reply)}${more})`
}

/** The one-line reason printed on stderr for a non-zero exit; undefined for a success. */
export function reasonFor(result: SendResult, context: SessionContext = {}): string | undefined {
  if (cleartextPasswordRefused(result, context)) {
    return 'the connection has no TLS, so the password would go out in cleartext: refused, nothing was sent (use a server or port with TLS, or --allow-plaintext-auth)'
  }
  const total = result.recipients.length
  const refused = result.recipients.filter((recipient) => !recipient.accepted).length
  switch (result.status) {
    case 'sent':
      return undefined
    case 'partial':
      return `the server refused ${refused} of ${total} recipients${refusedRecipients(result)}`
    case 'refused':
      if (total > 0 && refused === total) return `the server refused every recipient${refusedRecipients(result)}`
      return `the server refused the message${result.finalReply ? ` (${formatReply(result.finalReply)})` : ''}`
    case 'unknown':
      return 'no reply after the final dot: the message may have been delivered (check before sending again)'
    case 'failed': {
      const error = result.error
      if (!error) return 'the session failed'
      const reply = error.reply ? ` (${formatReply(error.reply)})` : ''
      return messageWithFlagHint({ ...error, message: `${error.message}${reply}` })
    }
  }
}
