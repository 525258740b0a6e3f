// A minimal authoritative DNS server over UDP on 127.0.0.1, port 0, for MX lookups in
// tests: no test ever asks a real resolver. It answers MX queries from a table (RFC 1035
// section 4 message format, names uncompressed but for the pointer to the question),
// NODATA for a known name without MX, NXDOMAIN for anything else.
import dgram from 'node:dgram'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'

const TYPE_MX = 15
const CLASS_IN = 1
const RCODE_NXDOMAIN = 3
const TTL_SECONDS = 60
/** A pointer to offset 12, where the question's name starts (RFC 1035 section 4.1.4). */
const POINTER_TO_QUESTION = 0xc00c

export interface DnsZone {
  /** Lower-case domain → its MX records; an empty list answers NODATA. Missing: NXDOMAIN. */
  [domain: string]: Array<{ priority: number; exchange: string }>
}

export interface DnsResponder {
  /** "127.0.0.1:PORT", for Resolver.setServers. */
  server: string
  /** Every question received: "name TYPE". */
  queries: string[]
  close(): Promise<void>
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((label) => label !== '')
  const parts = labels.map((label) => {
    const bytes = Buffer.from(label, 'ascii')
    return Buffer.concat([Buffer.from([bytes.length]), bytes])
  })
  return Buffer.concat([...parts, Buffer.from([0])])
}

/** The question's name and where the question ends. */
function readQuestion(query: Buffer): { name: string; type: number; end: number } {
  let offset = 12
  const labels: string[] = []
  for (;;) {
    const length = query[offset]!
    offset++
    if (length === 0) break
    labels.push(query.subarray(offset, offset + length).toString('ascii'))
    offset += length
  }
  const type = query.readUInt16BE(offset)
  return { name: labels.join('.'), type, end: offset + 4 }
}

function answer(query: Buffer, zone: DnsZone, queries: string[]): Buffer {
  const question = readQuestion(query)
  queries.push(`${question.name} ${question.type === TYPE_MX ? 'MX' : question.type}`)
  const records = zone[question.name.toLowerCase()]
  const answers =
    records && question.type === TYPE_MX
      ? records.map((record) => {
          const exchange = encodeName(record.exchange)
          const fixed = Buffer.alloc(12)
          fixed.writeUInt16BE(POINTER_TO_QUESTION, 0)
          fixed.writeUInt16BE(TYPE_MX, 2)
          fixed.writeUInt16BE(CLASS_IN, 4)
          fixed.writeUInt32BE(TTL_SECONDS, 6)
          fixed.writeUInt16BE(2 + exchange.length, 10)
          const preference = Buffer.alloc(2)
          preference.writeUInt16BE(record.priority)
          return Buffer.concat([fixed, preference, exchange])
        })
      : []
  const header = Buffer.alloc(12)
  query.copy(header, 0, 0, 2) // id
  const recursionDesired = query[2]! & 0x01
  header[2] = 0x84 | recursionDesired // QR, authoritative answer, RD echoed
  header[3] = 0x80 | (records ? 0 : RCODE_NXDOMAIN) // RA, rcode
  header.writeUInt16BE(1, 4) // one question
  header.writeUInt16BE(answers.length, 6)
  return Buffer.concat([header, query.subarray(12, question.end), ...answers])
}

export async function startDnsResponder(zone: DnsZone): Promise<DnsResponder> {
  const socket = dgram.createSocket('udp4')
  const queries: string[] = []
  socket.on('message', (query, peer) => {
    socket.send(answer(query, zone, queries), peer.port, peer.address)
  })
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  const { port } = socket.address() as AddressInfo
  return {
    server: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
