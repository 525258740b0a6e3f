// `mailwire probe --domain DOMAIN`: the domain's mail security report (SPF, DMARC, MTA-STS,
// TLS-RPT, DANE, and each exchanger's STARTTLS judged against them).
import { formatDomainSecurity } from '../report/format-domain-security'
import { safeJson } from '../report/safe-text'
import { domainSecurityReport } from '../smtp/security/domain-report'
import type { DomainProbeArgs } from './arg-types'
import { EXIT_OK } from './exit-codes'
import { readUtf8 } from './input-files'
import type { CliIo } from './io'
import { shouldUseColor } from '../report/colors'
import { ttyOf } from './io'
import type { SendOutcome } from './send'

/** Exit 0 when every exchanger would get the mail, 1 when a conforming sender would refuse one. */
export async function runDomainProbe(args: DomainProbeArgs, io: CliIo): Promise<SendOutcome> {
  const ca = args.caPath !== undefined ? readUtf8('--ca', args.caPath) : undefined
  const report = await domainSecurityReport(args.domain, {
    dnsServers: args.dnsServers,
    ...(ca ? { ca } : {}),
    ...(args.port !== undefined ? { smtpPort: args.port } : {}),
    ...(args.httpsPort !== undefined ? { httpsPort: args.httpsPort } : {}),
    ...(args.helo ? { clientName: args.helo } : {}),
    ...(args.timeoutMs ? { timeoutMs: args.timeoutMs } : {}),
  })
  if (args.json) io.stdout.write(`${safeJson({ security: report }, 2)}\n`)
  else io.stdout.write(formatDomainSecurity(report, { color: shouldUseColor({ isTTY: ttyOf(io).stdout, env: io.env }) }))
  const refused = report.exchangers.filter((mx) => !mx.verdict.deliver)
  return refused.length === 0 ? { exitCode: EXIT_OK } : { exitCode: 1, reason: `a conforming sender would refuse ${refused.map((mx) => mx.exchange).join(', ')}` }
}
