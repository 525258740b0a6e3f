// The mail security report of a domain (issue 17, point 3): MX, SPF, DMARC, MTA-STS (TXT and
// policy over HTTPS), TLS-RPT, each exchanger's TLSA records, then per exchanger a STARTTLS
// check against the policy's mx patterns and the TLSA records, and what a conforming sender
// would do. DANE comes first where both apply (RFC 8461 section 2).
import { domainToASCII } from 'node:url'
import { tlsaMatches, usableTlsa } from './dane'
import { securityDns, type SecurityDns } from './dns-lookups'
import { fetchMtaStsPolicy } from './mta-sts-fetch'
import { mxMatchesPattern, parseDmarc, parseMtaStsTxt, parseSpf, parseTlsRpt } from './record-parsers'
import { checkStarttls, type StarttlsCheck } from './starttls-check'
import type { DomainSecurityReport, MtaStsPolicy, MxSecurity } from './types'

export const DNSSEC_NOTE =
  "Node's resolver does not validate DNSSEC: the TLSA records (and every other answer) are trusted only as far as the DNS server asked is trusted. A DANE sender uses TLSA records only from a validating resolver."

/** RFC 7672 section 2.2 and RFC 5321: SMTP between MTAs is port 25. */
const SMTP_PORT = 25

export interface DomainReportOptions {
  dnsServers?: readonly string[]
  /** A PEM CA trusted besides the system's roots, for the policy's HTTPS and the STARTTLS checks. */
  ca?: string
  /** The exchangers' port (25); a test's Postfix elsewhere. */
  smtpPort?: number
  /** The policy server's port (443); a test's HTTPS server elsewhere. */
  httpsPort?: number
  clientName?: string
  timeoutMs?: number
}

export async function domainSecurityReport(domainInput: string, options: DomainReportOptions = {}): Promise<DomainSecurityReport> {
  const domain = domainToASCII(domainInput.trim().replace(/\.$/, '')) || domainInput.trim()
  const servers = [...(options.dnsServers ?? [])]
  const dns = securityDns(servers, options.timeoutMs)
  const [mx, spfTxt, dmarcTxt, stsTxt, rptTxt] = await Promise.all([
    dns.mx(domain),
    dns.txt(domain),
    dns.txt(`_dmarc.${domain}`),
    dns.txt(`_mta-sts.${domain}`),
    dns.txt(`_smtp._tls.${domain}`),
  ])
  const mtaSts = { lookup: stsTxt, ...parseMtaStsTxt(stsTxt.records) }
  const policy = mtaSts.record ? await policyFor(domain, dns, options) : undefined
  // RFC 5321 section 5.1: no MX records means the domain itself is the exchanger.
  const exchangers = mx.records.length > 0 || mx.error ? mx.records : [{ exchange: domain, priority: 0 }]
  return {
    domain,
    dnsServers: servers,
    mx,
    spf: { lookup: spfTxt, ...withLookupError(parseSpf(spfTxt.records), spfTxt.error) },
    dmarc: { lookup: dmarcTxt, ...withLookupError(parseDmarc(dmarcTxt.records), dmarcTxt.error) },
    mtaSts: { ...mtaSts, ...withLookupError(mtaSts, stsTxt.error), ...(policy ? { policy } : {}) },
    tlsRpt: { lookup: rptTxt, ...withLookupError(parseTlsRpt(rptTxt.records), rptTxt.error) },
    exchangers: await Promise.all(exchangers.map((record) => exchangerReport(record, dns, policy, options))),
    dnssecNote: DNSSEC_NOTE,
  }
}

function withLookupError<T extends { errors: string[] }>(parsed: T, error: string | undefined): T {
  return error ? { ...parsed, errors: [`the lookup failed (${error}): a receiver would try again later`, ...parsed.errors.filter((e) => !e.startsWith('no '))] } : parsed
}

async function policyFor(domain: string, dns: SecurityDns, options: DomainReportOptions): Promise<MtaStsPolicy> {
  const host = `mta-sts.${domain}`
  const [address] = await dns.addresses(host)
  if (!address) return { url: `https://${host}/.well-known/mta-sts.txt`, mx: [], errors: [`${host} has no address`] }
  return fetchMtaStsPolicy(domain, { address, ...(options.httpsPort ? { port: options.httpsPort } : {}), ...(options.ca ? { ca: options.ca } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) })
}

async function exchangerReport(
  record: { exchange: string; priority: number },
  dns: SecurityDns,
  policy: MtaStsPolicy | undefined,
  options: DomainReportOptions,
): Promise<MxSecurity> {
  const port = options.smtpPort ?? SMTP_PORT
  // TLSA for SMTP is always at _25._tcp (RFC 7672 section 2.2), whatever port a test reaches the exchanger on.
  const tlsaName = `_${SMTP_PORT}._tcp.${record.exchange}`
  const [addresses, tlsa] = await Promise.all([dns.addresses(record.exchange), dns.tlsa(tlsaName)])
  const check: StarttlsCheck | undefined = addresses[0]
    ? await checkStarttls({ address: addresses[0], port, exchange: record.exchange, ...(options.ca ? { ca: options.ca } : {}), ...(options.clientName ? { clientName: options.clientName } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) })
    : undefined
  const policyApplies = policy?.mode !== undefined && policy.errors.length === 0
  const mtaStsMxMatch = policyApplies ? policy.mx.some((pattern) => mxMatchesPattern(record.exchange, pattern)) : undefined
  const usable = usableTlsa(tlsa.records)
  const daneMatch = usable.length > 0 && check ? tlsaMatches(usable, check.chain) : undefined
  const report: MxSecurity = {
    exchange: record.exchange,
    priority: record.priority,
    addresses,
    tlsa: { name: tlsaName, records: tlsa.records, ...(tlsa.error ? { error: tlsa.error } : {}) },
    ...(check
      ? {
          starttls: {
            offered: check.offered,
            ...(check.protocol ? { protocol: check.protocol } : {}),
            ...(check.pkixValid !== undefined ? { pkixValid: check.pkixValid } : {}),
            ...(check.pkixError ? { pkixError: check.pkixError } : {}),
            ...(check.leafSubject ? { leafSubject: check.leafSubject } : {}),
            ...(check.leafNames ? { leafNames: check.leafNames } : {}),
            ...(check.error ? { error: check.error } : {}),
          },
        }
      : {}),
    ...(mtaStsMxMatch !== undefined ? { mtaStsMxMatch } : {}),
    ...(daneMatch !== undefined ? { daneMatch } : {}),
    verdict: { deliver: true, reason: '' },
  }
  report.verdict = verdictFor(report, usable.length > 0, policyApplies ? policy : undefined)
  return report
}

function verdictFor(mx: MxSecurity, hasTlsa: boolean, policy: MtaStsPolicy | undefined): MxSecurity['verdict'] {
  const tls = mx.starttls
  if (mx.addresses.length === 0) return { deliver: false, reason: `${mx.exchange} has no address` }
  if (mx.tlsa.error) return { deliver: false, reason: `the TLSA lookup failed (${mx.tlsa.error}): a DANE sender defers the mail (RFC 7672 section 2.1.1)` }
  if (hasTlsa) {
    if (!tls?.offered) return { deliver: false, reason: `TLSA records are published but STARTTLS ${tls?.error ? `failed (${tls.error})` : 'is not offered'}: a DANE sender refuses (RFC 7672 section 2.2)` }
    if (!mx.daneMatch) return { deliver: false, reason: 'no TLSA record matches the certificate chain presented: a DANE sender refuses (RFC 7672 section 3.1)' }
    return { deliver: true, reason: 'DANE: a TLSA record matches the certificate chain (DANE comes before MTA-STS)' }
  }
  if (policy && policy.mode !== 'none') {
    const enforce = policy.mode === 'enforce'
    const problem = !mx.mtaStsMxMatch
      ? `${mx.exchange} matches none of the policy's mx patterns (${policy.mx.join(', ')})`
      : !tls?.offered
        ? `STARTTLS ${tls?.error ? `failed (${tls.error})` : 'is not offered'}`
        : !tls.pkixValid
          ? `the certificate does not validate for ${mx.exchange} (${tls.pkixError ?? 'not trusted'})`
          : undefined
    if (problem && enforce) return { deliver: false, reason: `MTA-STS enforce: ${problem}, so a conforming sender refuses (RFC 8461 section 5)` }
    if (problem) return { deliver: true, reason: `MTA-STS testing: ${problem}; a sender delivers anyway and reports it through TLS-RPT` }
    return { deliver: true, reason: `MTA-STS ${policy.mode}: the MX matches the policy and its certificate validates` }
  }
  return { deliver: true, reason: tls?.offered ? 'no DANE or MTA-STS policy: delivered over opportunistic TLS (no certificate check)' : 'no DANE or MTA-STS policy: delivered, in cleartext where STARTTLS is not offered' }
}
