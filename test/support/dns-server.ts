// A tiny authoritative DNS server over UDP on 127.0.0.1, port 0, built on dns-packet: it
// answers TXT, MX, A, AAAA and TLSA questions from a table, NXDOMAIN for a name it does not
// know, and SERVFAIL for names the test marks as broken. No test asks a resolver off the machine.
import dgram from 'node:dgram'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import * as packet from 'dns-packet'

/** RFC 1035 section 3.3.14: one character-string holds at most 255 bytes. */
const TXT_STRING_BYTES = 255
const RCODE_SERVFAIL = 2
const RCODE_NXDOMAIN = 3
const TTL_SECONDS = 60

export interface ZoneRecords {
  TXT?: string[]
  MX?: Array<{ priority: number; exchange: string }>
  A?: string[]
  AAAA?: string[]
  TLSA?: Array<{ usage: number; selector: number; matchingType: number; certificate: Buffer }>
}

/** Lower-case name → its records; a name with no record of the type asked answers NODATA. */
export type Zone = Record<string, ZoneRecords | 'servfail'>

export interface DnsServer {
  /** "127.0.0.1:PORT", as Resolver.setServers and --dns-server take it. */
  address: string
  /** Every question: "name TYPE". */
  queries: string[]
  /** The zone, changeable between tests. */
  zone: Zone
  close(): Promise<void>
}

function txtData(text: string): Buffer[] {
  const bytes = Buffer.from(text, 'utf8')
  const parts: Buffer[] = []
  for (let offset = 0; offset < bytes.length || parts.length === 0; offset += TXT_STRING_BYTES) parts.push(bytes.subarray(offset, offset + TXT_STRING_BYTES))
  return parts
}

function answersFor(name: string, type: string, records: ZoneRecords): packet.Answer[] {
  const base = { name, type, class: 'IN', ttl: TTL_SECONDS }
  switch (type) {
    case 'TXT':
      return (records.TXT ?? []).map((text) => ({ ...base, data: txtData(text) }))
    case 'MX':
      return (records.MX ?? []).map((mx) => ({ ...base, data: { preference: mx.priority, exchange: mx.exchange } }))
    case 'A':
      return (records.A ?? []).map((address) => ({ ...base, data: address }))
    case 'AAAA':
      return (records.AAAA ?? []).map((address) => ({ ...base, data: address }))
    case 'TLSA':
      return (records.TLSA ?? []).map((tlsa) => ({ ...base, data: tlsa }))
    default:
      return []
  }
}

function respond(query: Buffer, zone: Zone, queries: string[]): Buffer {
  const request = packet.decode(query)
  const question = request.questions?.[0]
  const name = question?.name.toLowerCase().replace(/\.$/, '') ?? ''
  queries.push(`${name} ${question?.type ?? '?'}`)
  const records = zone[name]
  let rcode = 0
  let answers: packet.Answer[] = []
  if (records === 'servfail') rcode = RCODE_SERVFAIL
  else if (!records) rcode = RCODE_NXDOMAIN
  else if (question) answers = answersFor(question.name, question.type, records)
  return packet.encode({
    type: 'response',
    id: request.id ?? 0,
    flags: packet.AUTHORITATIVE_ANSWER | packet.RECURSION_AVAILABLE | ((request.flags ?? 0) & packet.RECURSION_DESIRED) | rcode,
    questions: request.questions ?? [],
    answers,
  })
}

export async function startDnsServer(zone: Zone): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4')
  const server: DnsServer = {
    address: '',
    queries: [],
    zone,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
  socket.on('message', (query, peer) => {
    let reply: Buffer
    try {
      reply = respond(query, server.zone, server.queries)
    } catch {
      return // not a DNS question: no answer, as a real server would drop it
    }
    socket.send(reply, peer.port, peer.address)
  })
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  server.address = `127.0.0.1:${(socket.address() as AddressInfo).port}`
  return server
}
