// Socket and DNS failures in plain words: what happened, not an errno.
import { SmtpError } from './errors'
import type { TlsInfo } from './types'

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

/**
 * What a failed handshake means, by OpenSSL's reason ("wrong version number") or Node's
 * code. `implicit`: TLS from the first byte; `starttls`: after the server's 220 to STARTTLS.
 */
const TLS_EXPLAIN: Array<{ pattern: RegExp; why: (mode: TlsInfo['mode']) => string }> = [
  {
    pattern: /wrong version number|unknown protocol|packet length too long|http request|record layer failure/i,
    why: (mode) =>
      mode === 'implicit'
        ? 'the server does not speak TLS on this port: is it plain SMTP (or STARTTLS) rather than implicit TLS?'
        : 'the server said yes to STARTTLS but did not speak TLS after it',
  },
  {
    pattern: /unsupported protocol|protocol version|no protocols available/i,
    why: () => 'no common TLS version: the server offers only versions older than TLS 1.2',
  },
  {
    pattern: /handshake failure|no shared cipher|no cipher/i,
    why: () => 'the server refused the handshake (no cipher in common, or it wants a client certificate)',
  },
  {
    pattern: /ECONNRESET|socket hang up|disconnected/i,
    why: () => 'the server closed the connection during the handshake',
  },
  { pattern: /alert/i, why: () => 'the server ended the handshake with an alert' },
]

/** "…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…/ssl3_record.c:350:" */
const OPENSSL_LINE = /^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/

/** The failure in a few words, without OpenSSL's file and line: its reason, else Node's message. */
function handshakeReason(error: unknown): string {
  const reason = (error as { reason?: unknown } | null)?.reason
  if (typeof reason === 'string' && reason !== '') return reason
  const message = error instanceof Error ? error.message.trim() : String(error)
  return OPENSSL_LINE.exec(message)?.[1] ?? message
}

/**
 * A TLS handshake that failed before any certificate could be judged: what failed, its
 * code, and what it usually means ("wrong version number (ERR_SSL_WRONG_VERSION_NUMBER) —
 * the server does not speak TLS on this port: …").
 */
export function handshakeError(error: unknown, where: string, mode: TlsInfo['mode']): SmtpError {
  const code = errnoOf(error)
  const reason = handshakeReason(error)
  const known = TLS_EXPLAIN.find(({ pattern }) => pattern.test(`${code ?? ''} ${reason}`))
  const coded = code && !reason.includes(code) ? `${reason} (${code})` : reason
  const certificate = clientCertificateAlert(error, where)
  if (certificate) return certificate
  return new SmtpError('ETLS', `TLS handshake with ${where} failed: ${coded}${known ? ` — ${known.why(mode)}` : ''}`, { cause: error })
}

/**
 * TLS alerts about our certificate. In TLS 1.3 the server judges the client certificate
 * after the handshake, so its refusal arrives as an alert on the first read, not as a
 * handshake failure; either way the fix is a (different) client certificate.
 */
const CLIENT_CERTIFICATE_ALERT = /alert (certificate required|bad certificate|unknown ca|certificate unknown|certificate revoked|certificate expired|unsupported certificate)/i

/** The alert as an ETLS that says what it means, or undefined for any other failure. */
export function clientCertificateAlert(error: unknown, where: string): SmtpError | undefined {
  const reason = handshakeReason(error)
  const alert = CLIENT_CERTIFICATE_ALERT.exec(`${reason} ${error instanceof Error ? error.message : ''}`)
  if (!alert) return undefined
  const why = alert[1]!.toLowerCase() === 'certificate required' ? 'the server requires a client certificate' : 'the server refused our client certificate'
  return new SmtpError('ETLS', `TLS with ${where} failed: ${why} (alert "${alert[1]}")`, { remedy: 'client-certificate', cause: error })
}
