// Checks a received message the way a receiving MTA would (issue 17): DKIM signatures, SPF
// for the client address and MAIL FROM, DMARC alignment and policy, and ARC, with mailauth.
// DNS goes through a resolver the user picks (the system's by default); a lookup that fails
// is named in the report, and the verdict that needed it stays temperror rather than a guess.
import { Resolver } from 'node:dns/promises'
import { authenticate } from 'mailauth'
import type { AuthenticationReport, AuthMethod, AuthVerdict } from './authentication-types'

/** Per try, two tries: a quick answer or a clear failure, like the probe's MX lookup. */
export const AUTH_LOOKUP_TIMEOUT_MS = 3_000
const AUTH_LOOKUP_TRIES = 2

/** Answers that mean "no such record": a real answer, not a failed lookup. */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA'])

export interface AuthenticateInput {
  /** The message as received. */
  raw: Buffer
  /** The SMTP client's address (an IPv4-mapped IPv6 address is taken as IPv4). */
  clientAddress: string
  heloName?: string
  /** MAIL FROM; empty for the null sender. */
  mailFrom: string
  /** The name the inbox writes in Authentication-Results. */
  authservId: string
}

export type DnsResolve = (name: string, type: string) => Promise<unknown>

/** A resolver for mailauth: the given servers, or the system's when none are given; cancel() ends every lookup in flight. */
export function dnsResolver(servers: readonly string[], timeoutMs = AUTH_LOOKUP_TIMEOUT_MS): { resolve: DnsResolve; cancel(): void } {
  const resolver = new Resolver({ timeout: timeoutMs, tries: AUTH_LOOKUP_TRIES })
  if (servers.length > 0) resolver.setServers([...servers])
  return { resolve: (name, type) => resolver.resolve(name, type), cancel: () => resolver.cancel() }
}

export async function authenticateMessage(input: AuthenticateInput, servers: readonly string[], resolve: DnsResolve = dnsResolver(servers).resolve): Promise<AuthenticationReport> {
  const lookupFailures: string[] = []
  const recording: DnsResolve = async (name, type) => {
    try {
      return await resolve(name, type)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN'
      if (!NO_RECORD.has(code)) lookupFailures.push(`${type} ${name}: ${code}${servers.length > 0 ? ` (asked ${servers.join(', ')})` : ''}`)
      throw error
    }
  }
  const clientAddress = input.clientAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
  const result = await authenticate(input.raw, {
    ip: clientAddress,
    ...(input.heloName ? { helo: input.heloName } : {}),
    sender: input.mailFrom,
    mta: input.authservId,
    resolver: recording as never,
    // BIMI would fetch logos and certificates over HTTPS: not a question for a test inbox.
    disableBimi: true,
  })
  const verdicts: AuthVerdict[] = [
    ...(result.dkim?.results ?? []).map((row) => verdict('dkim', row.status)),
    ...(result.dkim?.results?.length ? [] : [{ method: 'dkim' as const, result: 'none', reason: 'message not signed', properties: '' }]),
    ...(result.spf ? [verdict('spf', result.spf.status)] : []),
    ...(result.dmarc ? [verdict('dmarc', result.dmarc.status)] : []),
    ...(result.arc ? [verdict('arc', result.arc.status)] : []),
  ]
  return {
    checkedAt: new Date().toISOString(),
    dnsServers: [...servers],
    clientAddress,
    ...(input.heloName ? { heloName: input.heloName } : {}),
    mailFrom: input.mailFrom,
    verdicts,
    lookupFailures: [...new Set(lookupFailures)],
    header: result.headers.split(/\r?\n(?=\S)/).find((line) => /^Authentication-Results:/i.test(line))?.trim() ?? '',
  }
}

interface Status {
  result?: string
  comment?: string | boolean
  [group: string]: unknown
}

/** RFC 8601 ptype.property=value pairs of a mailauth status (policy, smtp, body, header). */
function verdict(method: AuthMethod, status: unknown): AuthVerdict {
  const fields = (status ?? {}) as Status
  const properties: string[] = []
  for (const group of ['policy', 'smtp', 'body', 'header']) {
    const values = fields[group]
    if (!values || typeof values !== 'object') continue
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      if (value !== undefined && value !== null && value !== false && value !== '') properties.push(`${group}.${name}=${String(value)}`)
    }
  }
  return {
    method,
    result: fields.result ?? 'none',
    ...(typeof fields.comment === 'string' && fields.comment !== '' ? { reason: fields.comment } : {}),
    properties: properties.join(' '),
  }
}
