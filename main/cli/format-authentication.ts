// The inbox's authentication verdicts as text, one method a line, worded as an
// Authentication-Results header would word them (RFC 8601): result, (reason), properties.
import { palette } from '../report/colors'
import { safeText } from '../report/safe-text'
import type { AuthenticationReport } from '../inbox/index'

const GOOD = new Set(['pass'])
const BAD = new Set(['fail', 'softfail', 'permerror', 'temperror', 'policy'])

export function formatAuthentication(id: string, report: AuthenticationReport, options: { color?: boolean } = {}): string {
  const colors = palette(options.color)
  const dns = report.dnsServers.length > 0 ? `DNS ${report.dnsServers.join(', ')}` : "the system's DNS resolver"
  const lines = [`  ${colors.bold(id)} authentication (client ${safeText(report.clientAddress)}, ${dns}):`]
  for (const verdict of report.verdicts) {
    const result = `${verdict.method}=${verdict.result}`
    const painted = GOOD.has(verdict.result) ? colors.green(result) : BAD.has(verdict.result) ? colors.red(result) : result
    const reason = verdict.reason ? ` (${safeText(verdict.reason)})` : ''
    lines.push(`    ${painted}${reason}${verdict.properties ? ` ${safeText(verdict.properties)}` : ''}`)
  }
  for (const failure of report.lookupFailures) lines.push(`    ${colors.red('DNS lookup failed:')} ${safeText(failure)}`)
  return lines.join('\n')
}
