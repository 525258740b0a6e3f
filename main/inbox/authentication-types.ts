// What the inbox's authentication check found for one message (issue 17): each method's
// verdict with its reason, as an Authentication-Results header (RFC 8601) would put it.
// Imports nothing, so the IPC contract and the renderer can re-export it.

export type AuthMethod = 'dkim' | 'spf' | 'dmarc' | 'arc'

export interface AuthVerdict {
  method: AuthMethod
  /** RFC 8601 result: pass, fail, softfail, neutral, none, temperror, permerror, policy. */
  result: string
  /** Why, in the verifier's words (a comment), when it gave one. */
  reason?: string
  /** The method's properties as in Authentication-Results: header.d=…, smtp.mailfrom=…, header.from=…. */
  properties: string
}

export interface AuthenticationReport {
  /** ISO time of the check. */
  checkedAt: string
  /** The DNS servers asked, or empty for the system's. */
  dnsServers: string[]
  /** The client address and HELO name SPF was checked for, and the MAIL FROM. */
  clientAddress: string
  heloName?: string
  mailFrom: string
  verdicts: AuthVerdict[]
  /** DNS lookups that failed (not "no such record"): a verdict that needed them is temperror, not a guess. */
  lookupFailures: string[]
  /** The Authentication-Results header mailauth wrote. */
  header: string
}

/** How the inbox asks DNS: the system's resolver, or these servers ("address" or "address:port"). */
export interface AuthenticationSettings {
  dnsServers: string[]
}
