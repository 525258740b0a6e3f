// The lookups of the security report through one resolver: the DNS servers given, or the
// system's. TXT, MX and A/AAAA through Node's resolver; TLSA (which Node 20's resolver cannot
// ask) as a raw query over UDP with dns-packet to the same first server.
import dgram from 'node:dgram'
import { getServers, Resolver } from 'node:dns/promises'
import { isIPv6 } from 'node:net'
import * as packet from 'dns-packet'
import type { RecordLookup, TlsaRecord } from './types'

/** Per try, two tries: a quick answer or a clear failure, like the probe's MX lookup. */
export const SECURITY_LOOKUP_TIMEOUT_MS = 3_000
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA'])
const RCODE_NXDOMAIN = 'NXDOMAIN'

export interface SecurityDns {
  txt(name: string): Promise<RecordLookup>
  mx(domain: string): Promise<{ records: Array<{ exchange: string; priority: number }>; error?: string }>
  addresses(host: string): Promise<string[]>
  tlsa(name: string): Promise<{ records: TlsaRecord[]; error?: string }>
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message

export function securityDns(servers: readonly string[], timeoutMs = SECURITY_LOOKUP_TIMEOUT_MS): SecurityDns {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 })
  if (servers.length > 0) resolver.setServers([...servers])
  return {
    async txt(name) {
      try {
        return { name, records: (await resolver.resolveTxt(name)).map((parts) => parts.join('')) }
      } catch (error) {
        return NO_RECORD.has(codeOf(error)) ? { name, records: [] } : { name, records: [], error: codeOf(error) }
      }
    },
    async mx(domain) {
      try {
        const records = await resolver.resolveMx(domain)
        return { records: records.sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange)) }
      } catch (error) {
        return NO_RECORD.has(codeOf(error)) ? { records: [] } : { records: [], error: codeOf(error) }
      }
    },
    async addresses(host) {
      const [v4, v6] = await Promise.all([resolver.resolve4(host).catch(() => []), resolver.resolve6(host).catch(() => [])])
      return [...v4, ...v6]
    },
    tlsa: (name) => queryTlsa(name, servers.length > 0 ? servers[0]! : (getServers()[0] ?? '127.0.0.1'), timeoutMs),
  }
}

/** "address", "address:port", "[v6]:port" → where to send the UDP query. */
function endpointOf(server: string): { address: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server)
  if (bracketed) return { address: bracketed[1]!, port: Number(bracketed[2] ?? 53) }
  if (isIPv6(server)) return { address: server, port: 53 }
  const [address = server, port = '53'] = server.split(':')
  return { address, port: Number(port) }
}

async function queryTlsa(name: string, server: string, timeoutMs: number): Promise<{ records: TlsaRecord[]; error?: string }> {
  const { address, port } = endpointOf(server)
  const socket = dgram.createSocket(isIPv6(address) ? 'udp6' : 'udp4')
  const id = Math.floor(Math.random() * 0x10000)
  try {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('ETIMEOUT')), timeoutMs)
      socket.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      socket.on('message', (message) => {
        if (message.length < 2 || message.readUInt16BE(0) !== id) return // not ours: keep waiting
        clearTimeout(timer)
        resolve(message)
      })
      socket.send(packet.encode({ type: 'query', id, flags: packet.RECURSION_DESIRED, questions: [{ type: 'TLSA', name }] }), port, address)
    })
    const answer = packet.decode(reply)
    if (answer.rcode === RCODE_NXDOMAIN) return { records: [] }
    if (answer.rcode && answer.rcode !== 'NOERROR') return { records: [], error: `E${answer.rcode}` }
    const records = (answer.answers ?? [])
      .filter((record) => record.type === 'TLSA')
      .map((record) => {
        const data = record.data as packet.TlsaData
        return { usage: data.usage, selector: data.selector, matchingType: data.matchingType, data: data.certificate.toString('hex') }
      })
    return { records }
  } catch (error) {
    return { records: [], error: codeOf(error) }
  } finally {
    socket.close()
  }
}
