import type { ProbeReport } from '../../../../preload/contract'
import { useAppStore } from '../../store/store-context'
import { remedyHint } from '../../shared/remedy-hint'
import { VisibleText } from '../wire-log/VisibleText'
import { CapabilityList, CapabilityTable } from './CapabilityTable'
import { CertificateChain } from './CertificateChain'
import styles from './probe.module.css'
import resultStyles from '../result/result.module.css'

/** What the last probe found: greeting, capabilities before and after TLS, the certificates. */
export function ProbeResults() {
  const report = useAppStore((state) => state.probe.report)
  const error = useAppStore((state) => state.probe.error)
  const running = useAppStore((state) => state.probe.running === 'probe')
  if (error) {
    return (
      <p className="field-error" role="alert" data-testid="probe-error">
        {error}
      </p>
    )
  }
  if (running) return <p className="hint probe-running">Probing: greeting, EHLO, STARTTLS, EHLO again, QUIT…</p>
  if (!report) return null
  return <Report report={report} />
}

function Report({ report }: { report: ProbeReport }) {
  const { result, capabilityChanges, certificateDaysLeft } = report
  const where = result.host.includes(':') ? `[${result.host}]:${result.port}` : `${result.host}:${result.port}`
  const hint = result.error && remedyHint(result.error)
  return (
    <section className={styles['probe-report']} aria-label="Probe result" data-testid="probe-report" data-ok={result.error ? 'false' : 'true'}>
      <p className={`${resultStyles['status-banner']} ${resultStyles[result.error ? 'status-failed' : 'status-sent']}`} data-testid="probe-headline">
        <span className={resultStyles['status-pill']}>{result.error ? 'incomplete' : 'done'}</span>
        <span className={resultStyles['status-sentence']}>
          {result.error ? (
            <>
              Probe of <span className="mono">{where}</span> did not finish: <VisibleText text={result.error.message} />
            </>
          ) : (
            <>
              Probe of <span className="mono">{where}</span> finished in {Math.round(result.durationMs)} ms.
            </>
          )}
        </span>
      </p>
      {hint && (
        <p className="hint" data-testid="error-remedy">
          {hint}
        </p>
      )}
      {result.greeting && (
        <p className={styles['probe-fact']}>
          <span className="label">Greeting</span>
          <span className="mono" data-testid="probe-greeting">
            {result.greeting.code} <VisibleText text={result.greeting.lines.join(' ')} />
          </span>
        </p>
      )}
      {result.clientName && (
        <p className={styles['probe-fact']}>
          <span className="label">EHLO as</span>
          <span className="mono">
            <VisibleText text={result.clientName} />
          </span>
        </p>
      )}
      {capabilityChanges.length > 0 ? (
        <>
          <h3>Capabilities before and after STARTTLS</h3>
          <CapabilityTable changes={capabilityChanges} />
        </>
      ) : (
        result.capabilities && (
          <CapabilityList
            capabilities={result.capabilities}
            heading={
              result.tls?.mode === 'implicit'
                ? 'Capabilities (TLS from the first byte)'
                : `Capabilities without TLS (${result.capabilities.startTls ? 'STARTTLS offered, not used' : 'no STARTTLS offered'})`
            }
          />
        )
      )}
      {result.tls && (
        <>
          <h3>TLS and certificates</h3>
          <CertificateChain tls={result.tls} daysLeft={certificateDaysLeft} />
        </>
      )}
    </section>
  )
}
