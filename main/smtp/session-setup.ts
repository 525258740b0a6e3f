// The steps every session starts with, shared by sendMail and probeServer: the greeting,
// EHLO (HELO when EHLO is refused), and TLS as the security mode asks.
import type { SmtpConnection } from './connection'
import { SmtpError, replySummary } from './errors'
import type { Capabilities, MailProtocol, SecurityMode } from './types'

/** RFC 8314 3.3: port 465 is implicit TLS ("submissions"). */
export const IMPLICIT_TLS_PORT = 465

export function usesImplicitTls(security: SecurityMode, port: number): boolean {
  return security === 'implicit' || (security === 'auto' && port === IMPLICIT_TLS_PORT)
}

/** Connect and read the greeting; anything but 220 ends here (RFC 5321 3.1). */
export async function greet(connection: SmtpConnection): Promise<void> {
  const greeting = await connection.connect()
  if (greeting.code !== 220) {
    throw new SmtpError('ECONNECT', `the server refuses the session: ${replySummary(greeting)}`, {
      reply: greeting,
      phase: 'greeting',
    })
  }
}

/**
 * EHLO, or HELO when EHLO gets a 5xx (RFC 5321 4.1.4: an old server without extensions).
 * LMTP says LHLO and has no fallback (RFC 2033 4.1).
 */
export async function hello(connection: SmtpConnection, clientName: string, protocol: MailProtocol = 'smtp'): Promise<Capabilities> {
  const verb = protocol === 'lmtp' ? 'LHLO' : 'EHLO'
  const ehlo = await connection.command(`${verb} ${clientName}`)
  if (ehlo.code === 250 && connection.capabilities) return connection.capabilities
  if (Math.floor(ehlo.code / 100) !== 5 || protocol === 'lmtp') {
    throw new SmtpError('EPROTOCOL', `the server refused ${verb}: ${replySummary(ehlo)}`, { command: `${verb} ${clientName}`, reply: ehlo, phase: 'ehlo' })
  }
  connection.wire.emit('info', 'EHLO refused: trying HELO (no ESMTP extensions)', { phase: 'ehlo' })
  const helo = await connection.command(`HELO ${clientName}`)
  if (helo.code === 250 && connection.capabilities) return connection.capabilities
  throw new SmtpError('EPROTOCOL', `the server refused both EHLO and HELO: ${replySummary(helo)}`, {
    command: `HELO ${clientName}`,
    reply: helo,
    phase: 'ehlo',
  })
}

export interface TlsPolicy {
  security: SecurityMode
  port: number
  /** TLS is required because a password will be sent (auto mode). */
  credentials: boolean
  allowPlaintextAuth: boolean
}

export interface TlsOutcome {
  capabilities: Capabilities
  /** Set when STARTTLS was used: the capabilities seen before it. */
  before?: Capabilities
}

/**
 * STARTTLS when the mode asks for it (RFC 3207), then EHLO again on the fresh session.
 * `starttls` requires it; `auto` uses it when offered and requires it when credentials
 * are set (unless plaintext AUTH is explicitly allowed).
 */
export async function negotiateTls(
  connection: SmtpConnection,
  policy: TlsPolicy,
  capabilities: Capabilities,
  clientName: string,
  protocol: MailProtocol = 'smtp',
): Promise<TlsOutcome> {
  if (connection.secure || policy.security === 'none' || usesImplicitTls(policy.security, policy.port)) {
    return { capabilities }
  }
  const required =
    policy.security === 'starttls' || (policy.credentials && !policy.allowPlaintextAuth)
  const why = policy.security === 'starttls' ? 'the security mode is STARTTLS' : 'a password would be sent'
  // Required only for the password's sake: allowing it over cleartext would get past this.
  const remedy = policy.security === 'starttls' ? {} : { remedy: 'allow-cleartext-auth' as const }
  if (!capabilities.startTls) {
    if (!required) {
      connection.wire.emit('info', 'the server does not offer STARTTLS: continuing without TLS', { phase: 'ehlo' })
      return { capabilities }
    }
    throw new SmtpError('ETLS', `the server does not offer STARTTLS, and TLS is required (${why}); nothing was sent`, { phase: 'starttls', ...remedy })
  }
  const { reply } = await connection.startTls()
  if (reply.code !== 220) {
    if (!required) {
      connection.wire.emit('info', `STARTTLS refused (${replySummary(reply)}): continuing without TLS`, { phase: 'starttls' })
      return { capabilities }
    }
    throw new SmtpError('ETLS', `the server refused STARTTLS: ${replySummary(reply)}`, { command: 'STARTTLS', reply, phase: 'starttls', ...remedy })
  }
  // RFC 3207 4.2: forget what was learned in plaintext, ask again.
  const after = await hello(connection, clientName, protocol)
  return { capabilities: after, before: capabilities }
}
