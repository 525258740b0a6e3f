// The mail security report of a domain as text: each record with its errors named, each
// exchanger with what a conforming sender would do. Everything here came from DNS, an HTTPS
// server or an SMTP server, so it is printed through safeText.
import type { DomainSecurityReport, ParsedRecord, RecordLookup } from '../smtp/security/types'
import { palette } from './colors'
import { safeText } from './safe-text'

function recordLines(label: string, parsed: ParsedRecord & { lookup: RecordLookup }, colors: ReturnType<typeof palette>): string[] {
  const head = parsed.record ? `${label}: ${safeText(parsed.record)}` : `${label}: ${colors.dim('none')}`
  const lines = [`  ${head}  ${colors.dim(`(${parsed.lookup.name})`)}`]
  for (const error of parsed.errors) if (parsed.record || !error.startsWith('no ')) lines.push(`    ${colors.red('!')} ${safeText(error)}`)
  return lines
}

export function formatDomainSecurity(report: DomainSecurityReport, options: { color?: boolean } = {}): string {
  const colors = palette(options.color)
  const lines: string[] = [colors.bold(`Mail security of ${safeText(report.domain)}`) + colors.dim(` (DNS ${report.dnsServers.length > 0 ? report.dnsServers.join(', ') : "the system's resolvers"})`), '']
  lines.push(`  MX: ${report.mx.error ? colors.red(`lookup failed (${report.mx.error})`) : report.mx.records.length === 0 ? 'none (the domain itself, RFC 5321 section 5.1)' : report.mx.records.map((r) => `${r.priority} ${safeText(r.exchange)}`).join(', ')}`)
  lines.push(...recordLines('SPF', report.spf, colors))
  lines.push(...recordLines('DMARC', report.dmarc, colors))
  lines.push(...recordLines('MTA-STS', report.mtaSts, colors))
  const policy = report.mtaSts.policy
  if (policy) {
    lines.push(`    policy ${safeText(policy.url)}: ${policy.errors.length === 0 ? `mode ${policy.mode}, mx ${policy.mx.map((text) => safeText(text)).join(', ')}, max_age ${policy.maxAge}` : colors.red('not usable')}`)
    for (const error of policy.errors) lines.push(`    ${colors.red('!')} ${safeText(error)}`)
  }
  lines.push(...recordLines('TLS-RPT', report.tlsRpt, colors))
  for (const mx of report.exchangers) {
    lines.push('', `  ${colors.bold(safeText(mx.exchange))} (preference ${mx.priority}; ${mx.addresses.length > 0 ? mx.addresses.join(', ') : 'no address'})`)
    const tlsa = mx.tlsa.error ? colors.red(`lookup failed (${mx.tlsa.error})`) : mx.tlsa.records.length === 0 ? 'none' : mx.tlsa.records.map((r) => `${r.usage} ${r.selector} ${r.matchingType} ${r.data.slice(0, 16)}…`).join('; ')
    lines.push(`    TLSA ${safeText(mx.tlsa.name)}: ${tlsa}${mx.daneMatch !== undefined ? ` -> ${mx.daneMatch ? colors.green('matches') : colors.red('no match')}` : ''}`)
    const tls = mx.starttls
    if (tls) {
      const cert = tls.pkixValid === undefined ? '' : tls.pkixValid ? colors.green(', certificate valid for this name') : colors.red(`, certificate not valid: ${safeText(tls.pkixError ?? '')}`)
      lines.push(`    STARTTLS: ${tls.offered ? `offered${tls.protocol ? ` (${tls.protocol})` : ''}${cert}` : colors.red('not offered')}${tls.error ? colors.red(` (${safeText(tls.error)})`) : ''}`)
      if (tls.leafNames && tls.leafNames.length > 0) lines.push(`    certificate names: ${tls.leafNames.map((text) => safeText(text)).join(', ')}`)
    }
    if (mx.mtaStsMxMatch !== undefined) lines.push(`    MTA-STS mx patterns: ${mx.mtaStsMxMatch ? colors.green('match') : colors.red('no match')}`)
    const verdict = mx.verdict.deliver ? colors.green('deliver') : colors.red('refuse')
    lines.push(`    A conforming sender would ${verdict}: ${safeText(mx.verdict.reason)}`)
  }
  lines.push('', colors.dim(`Note: ${report.dnssecNote}`), '')
  return lines.join('\n')
}
