// The mail security report of a domain (issue 17, point 3): what a sending server that
// honours SPF, DMARC, MTA-STS (RFC 8461), TLS-RPT (RFC 8460) and DANE (RFC 7672) would find.
// Imports nothing, so the IPC contract and the renderer can re-export it.

/** A DNS record set as found: the records, none, or why the lookup failed. */
export interface RecordLookup {
  name: string
  records: string[]
  /** The lookup failed (not "no such record"): SERVFAIL, timeout, refused. */
  error?: string
}

export interface ParsedRecord {
  /** The record that applies (the one starting with the version tag). */
  record?: string
  /** Tag=value pairs (DMARC, MTA-STS, TLS-RPT) or mechanisms (SPF). */
  fields: Record<string, string>
  /** Problems a receiver would act on, each named. */
  errors: string[]
}

export interface MtaStsPolicy {
  url: string
  /** What was fetched: the policy, or why not (a conforming sender then has no policy). */
  mode?: 'enforce' | 'testing' | 'none'
  mx: string[]
  maxAge?: number
  errors: string[]
}

export interface TlsaRecord {
  usage: number
  selector: number
  matchingType: number
  /** Hex. */
  data: string
}

export interface MxSecurity {
  exchange: string
  priority: number
  addresses: string[]
  tlsa: { name: string; records: TlsaRecord[]; error?: string }
  starttls?: {
    offered: boolean
    protocol?: string
    /** The chain validates to a trusted CA and names the MX host (RFC 8461 section 4.2). */
    pkixValid?: boolean
    pkixError?: string
    leafSubject?: string
    leafNames?: string[]
    error?: string
  }
  /** Matches one of the policy's mx patterns (absent without a policy). */
  mtaStsMxMatch?: boolean
  /** A TLSA record matches the certificate chain presented (absent without TLSA records). */
  daneMatch?: boolean
  /** What a conforming sender would do, and why. */
  verdict: { deliver: boolean; reason: string }
}

export interface DomainSecurityReport {
  domain: string
  dnsServers: string[]
  mx: { records: Array<{ exchange: string; priority: number }>; error?: string }
  spf: ParsedRecord & { lookup: RecordLookup }
  dmarc: ParsedRecord & { lookup: RecordLookup }
  mtaSts: ParsedRecord & { lookup: RecordLookup; policy?: MtaStsPolicy }
  tlsRpt: ParsedRecord & { lookup: RecordLookup }
  exchangers: MxSecurity[]
  /** Said plainly in every report: Node's resolver does not validate DNSSEC. */
  dnssecNote: string
}
