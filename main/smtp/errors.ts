// One error class for the whole engine. The code says what kind of failure it is (see
// SmtpErrorCode in types.ts); command and reply say where it happened.
//
// Code choices, so callers can rely on them:
// - ECONNECT: DNS, TCP, a 421/554 greeting, or the server closing the connection.
// - ETIMEOUT: a step took longer than its timeout (timeouts.ts).
// - ETLS: STARTTLS missing or refused when required, handshake or certificate failure.
// - EPROTOCOL: the server broke the protocol (garbage, unsolicited or oversized replies,
//   bytes after the STARTTLS 220), or a command line we were asked to send is unsafe.
// - EAUTH: authentication refused or impossible (no common mechanism).
// - EENVELOPE: MAIL FROM / RCPT TO refused, or an address we cannot send (CR/LF, non-ASCII
//   without SMTPUTF8).
// - EMESSAGE: the message itself: larger than the advertised SIZE, 8-bit without
//   8BITMIME, DATA or the final dot refused.
// - EPOLICY: our own safety policy refused a step (AUTH over cleartext).
// - ECANCELLED: the caller's AbortSignal fired.
import type { OAuthErrorInfo, Phase, PresentedCa, Reply, SmtpErrorCode, SmtpErrorInfo, SmtpErrorRemedy } from './types'

export interface SmtpErrorDetails {
  command?: string
  reply?: Reply
  phase?: Phase
  /** A 4xx reply or a condition that may pass on a later attempt. */
  temporary?: boolean
  /** The setting that would get past this failure (SmtpErrorInfo.remedy). */
  remedy?: SmtpErrorRemedy
  /** The OAuth2 server's decoded error (AUTH XOAUTH2, OAUTHBEARER). */
  oauth?: OAuthErrorInfo
  /** The CA the server presented, when its certificate did not verify. */
  presentedCa?: PresentedCa
  cause?: unknown
}

export class SmtpError extends Error {
  readonly code: SmtpErrorCode
  /** The command being answered (credentials already masked). */
  readonly command?: string
  readonly reply?: Reply
  phase?: Phase
  readonly temporary: boolean
  readonly remedy?: SmtpErrorRemedy
  readonly oauth?: OAuthErrorInfo
  readonly presentedCa?: PresentedCa

  constructor(code: SmtpErrorCode, message: string, details: SmtpErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'SmtpError'
    this.code = code
    this.command = details.command
    this.reply = details.reply
    this.phase = details.phase
    this.temporary = details.temporary ?? (details.reply ? Math.floor(details.reply.code / 100) === 4 : false)
    this.remedy = details.remedy
    if (details.oauth) this.oauth = details.oauth
    if (details.presentedCa) this.presentedCa = details.presentedCa
  }

  /** Plain data for JSON and IPC: no stack, no cause. */
  toInfo(): SmtpErrorInfo {
    const info: SmtpErrorInfo = { code: this.code, message: this.message }
    if (this.command !== undefined) info.command = this.command
    if (this.reply !== undefined) info.reply = this.reply
    if (this.phase !== undefined) info.phase = this.phase
    if (this.temporary) info.temporary = true
    if (this.remedy !== undefined) info.remedy = this.remedy
    if (this.oauth !== undefined) info.oauth = this.oauth
    if (this.presentedCa !== undefined) info.presentedCa = this.presentedCa
    return info
  }
}

/** Any thrown value as an SmtpError (unexpected ones become EPROTOCOL with their message). */
export function asSmtpError(error: unknown, phase?: Phase): SmtpError {
  if (error instanceof SmtpError) {
    if (error.phase === undefined && phase !== undefined) error.phase = phase
    return error
  }
  const message = error instanceof Error ? error.message : String(error)
  return new SmtpError('EPROTOCOL', `unexpected failure: ${message}`, { phase, cause: error })
}

/** "250 2.1.5 Ok" style summary of a reply, for error messages. */
export function replySummary(reply: Reply): string {
  const enhanced = reply.enhanced ? ` ${reply.enhanced}` : ''
  const text = reply.lines.join(' ').trim()
  return `${reply.code}${enhanced}${text ? ` ${text}` : ''}`
}
