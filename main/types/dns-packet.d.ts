// The part of dns-packet 5 that Mailwire uses (the package ships no types): encoding and
// decoding whole DNS messages (RFC 1035 section 4), TLSA (RFC 6698) among the record types.
declare module 'dns-packet' {
  export interface Question {
    type: string
    name: string
    class?: string
  }
  export interface TlsaData {
    usage: number
    selector: number
    matchingType: number
    certificate: Buffer
  }
  export interface Answer {
    type: string
    name: string
    class?: string
    ttl?: number
    data?: unknown
  }
  export interface Packet {
    type?: 'query' | 'response'
    id?: number
    flags?: number
    /** Set on decoding: the response code ('NOERROR', 'NXDOMAIN', 'SERVFAIL', …). */
    rcode?: string
    questions?: Question[]
    answers?: Answer[]
    authorities?: Answer[]
    additionals?: Answer[]
  }
  export const RECURSION_DESIRED: number
  export const RECURSION_AVAILABLE: number
  export const AUTHORITATIVE_ANSWER: number
  export const AUTHENTIC_DATA: number
  export function encode(packet: Packet): Buffer
  export function decode(buffer: Buffer): Packet
}
