// Socket and DNS failures in plain words: what happened, not an errno.
import { SmtpError } from './errors'

const EXPLAIN: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing is listening there, or a firewall rejected it',
  EHOSTUNREACH: 'host unreachable: no route to that address',
  ENETUNREACH: 'network unreachable: no route to that network',
  EADDRNOTAVAIL: 'address not available on this machine',
  ETIMEDOUT: 'the connection attempt timed out',
  ECONNRESET: 'the server reset the connection',
  EPIPE: 'the server closed the connection while we were writing',
  ENOTFOUND: 'name not found: the host name does not resolve (check the spelling or the DNS)',
  EAI_AGAIN: 'the DNS lookup failed temporarily (no answer from the resolver)',
  ENODATA: 'name not found: the host name has no address',
  EAI_FAIL: 'the DNS lookup failed',
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** A failure to resolve `host`. */
export function dnsError(error: unknown, host: string): SmtpError {
  const code = errnoOf(error)
  const why = (code && EXPLAIN[code]) ?? (error instanceof Error ? error.message : String(error))
  return new SmtpError('ECONNECT', `cannot resolve ${host}: ${why}`, {
    phase: 'connect',
    temporary: code === 'EAI_AGAIN',
    cause: error,
  })
}

/** A failure to connect to, or a break of the connection with, `where` ("host:port"). */
export function socketError(error: unknown, where: string, during: string): SmtpError {
  const code = errnoOf(error)
  const why = (code && EXPLAIN[code]) ?? (error instanceof Error ? error.message : String(error))
  return new SmtpError('ECONNECT', `${during} ${where}: ${why}${code && EXPLAIN[code] ? ` [${code}]` : ''}`, {
    temporary: true,
    cause: error,
  })
}

const TLS_EXPLAIN: Array<[RegExp, string]> = [
  [/wrong version number|unknown protocol|packet length too long|http request/i, 'the server did not answer in TLS (is this port plain SMTP or STARTTLS rather than implicit TLS?)'],
  [/unsupported protocol|protocol version|no protocols available/i, 'no common TLS version: the server offers only versions older than TLS 1.2'],
  [/handshake failure|no shared cipher|sslv3 alert/i, 'the server refused the handshake (no common cipher or a client certificate required)'],
  [/ECONNRESET|socket hang up|disconnected/i, 'the server closed the connection during the TLS handshake'],
]

/** A TLS handshake that failed before any certificate could be judged. */
export function handshakeError(error: unknown, where: string): SmtpError {
  const text = error instanceof Error ? `${errnoOf(error) ?? ''} ${error.message}` : String(error)
  const known = TLS_EXPLAIN.find(([pattern]) => pattern.test(text))
  const why = known ? `${known[1]} [${text.trim()}]` : text.trim()
  return new SmtpError('ETLS', `TLS handshake with ${where} failed: ${why}`, { cause: error })
}
