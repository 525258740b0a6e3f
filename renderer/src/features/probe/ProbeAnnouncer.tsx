import { useAppStore } from '../../store/store-context'
import type { ProbeResult } from '../../../../preload/contract'
import { countOf } from '../../shared/format'

/**
 * What the probe view is doing, for screen readers: the results appear in several places
 * on the page, so one status region (always present, so changes are announced) says when
 * a probe, the port matrix or an MX lookup starts and how it ended.
 */
export function ProbeAnnouncer() {
  const message = useAppStore((state) => {
    const { running, report, error, matrix, mx } = state.probe
    if (running === 'probe') return 'Probing…'
    if (running === 'mx') return 'Looking up the MX records…'
    if (matrix.running) return 'Trying the ports…'
    if (error) return error
    const parts: string[] = []
    if (report) parts.push(probeOutcome(report.result))
    if (matrix.error) parts.push(matrix.error)
    else if (matrix.report) parts.push('Port matrix done.')
    if (mx.error) parts.push(mx.error)
    else if (mx.lookup) parts.push(`${countOf(mx.lookup.records.length, 'MX record')} found.`)
    return parts.join(' ')
  })
  return (
    <p className="visually-hidden" role="status" data-testid="probe-announcer">
      {message}
    </p>
  )
}

function probeOutcome(result: ProbeResult): string {
  if (result.error) return `Probe did not finish: ${result.error.message}`
  if (result.tls && !result.tls.authorized && !result.tls.verificationSkipped) return 'Probe finished; the certificate is NOT verified.'
  return 'Probe finished.'
}
