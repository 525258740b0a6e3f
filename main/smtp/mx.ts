// The mail exchangers of a domain (RFC 5321 section 5.1): MX records by preference, the
// implicit MX when there are none, and the null MX of RFC 7505. Each step is an `info`
// wire event, so the lookup shows in the same log as the session that follows it.
import { Resolver } from 'node:dns/promises'
import { domainToASCII } from 'node:url'
import type { MxLookup, MxRecord, WireEvent } from './types'
import { WireLog } from './wire-log'

/** Per try; c-ares doubles it on each retry. Ours: a quick answer or a clear failure. */
export const MX_LOOKUP_TIMEOUT_MS = 3_000
export const MX_LOOKUP_TRIES = 2

export interface MxLookupOptions {
  /** DNS servers as "address" or "address:port"; the system's resolvers by default. */
  servers?: readonly string[]
  signal?: AbortSignal
  onWire?: (event: WireEvent) => void
  timeoutMs?: number
}

const DNS_ERRORS: Record<string, string> = {
  ENOTFOUND: 'the domain does not exist (NXDOMAIN)',
  ETIMEOUT: 'no answer from the DNS server',
  ECONNREFUSED: 'the DNS server refused the connection',
  ESERVFAIL: 'the DNS server failed to answer (SERVFAIL)',
  EREFUSED: 'the DNS server refused the query',
  ECANCELLED: 'the lookup was cancelled',
  EBADNAME: 'not a valid domain name',
}

/** Most preferred first; equal preferences in name order, so the list is stable. */
export function sortMx(records: readonly MxRecord[]): MxRecord[] {
  return [...records].sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange))
}

/** Never rejects: a failure is in `error`, and in the log. */
export async function lookupMx(domain: string, options: MxLookupOptions = {}): Promise<MxLookup> {
  const wire = new WireLog(options.onWire)
  const info = (text: string) => wire.emit('info', text, { phase: 'connect' })
  const asked = domain.trim().replace(/\.$/, '')
  const asciiDomain = domainToASCII(asked)
  if (!asciiDomain) {
    const error = `"${asked}" is not a valid domain name`
    wire.emit('error', error, { phase: 'connect' })
    return { domain: asked, asciiDomain: '', records: [], error }
  }
  const servers = options.servers ?? []
  info(`looking up the MX records of ${asciiDomain}${servers.length > 0 ? ` (DNS server ${servers.join(', ')})` : ''}`)
  const resolver = new Resolver({ timeout: options.timeoutMs ?? MX_LOOKUP_TIMEOUT_MS, tries: MX_LOOKUP_TRIES })
  if (servers.length > 0) resolver.setServers([...servers])
  const cancel = () => resolver.cancel()
  options.signal?.addEventListener('abort', cancel, { once: true })
  try {
    const records = sortMx(await resolver.resolveMx(asciiDomain))
    if (records.length === 1 && (records[0]!.exchange === '' || records[0]!.exchange === '.')) {
      info(`${asciiDomain} has a null MX: it accepts no mail (RFC 7505)`)
      return { domain: asked, asciiDomain, records: [], nullMx: true }
    }
    for (const record of records) info(`MX ${record.priority} ${record.exchange}`)
    info(`${records.length} mail exchanger${records.length === 1 ? '' : 's'}; the first is tried first`)
    return { domain: asked, asciiDomain, records }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'ENODATA') {
      info(`${asciiDomain} has no MX records: mail goes to the domain's own address (implicit MX, RFC 5321 section 5.1)`)
      return { domain: asked, asciiDomain, records: [{ exchange: asciiDomain, priority: 0 }], implicit: true }
    }
    const why = (typeof code === 'string' && DNS_ERRORS[code]) || (error instanceof Error ? error.message : String(error))
    const message = `cannot look up the MX records of ${asciiDomain}: ${why}`
    wire.emit('error', message, { phase: 'connect' })
    return { domain: asked, asciiDomain, records: [], error: message }
  } finally {
    options.signal?.removeEventListener('abort', cancel)
  }
}
