import type { ProbeReport } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { remedyHint } from '../../shared/remedy-hint'
import { VisibleText } from '../wire-log/VisibleText'
import { CapabilityList, CapabilityTable } from './CapabilityTable'
import { CertificateChain } from './CertificateChain'
import { CertificateActions } from '../result/CertificateActions'
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
  return <Report key={report.probeId} report={report} />
}

function Report({ report }: { report: ProbeReport }) {
  const { result, capabilityChanges, certificateDaysLeft } = report
  const where = result.host.includes(':') ? `[${result.host}]:${result.port}` : `${result.host}:${result.port}`
  const hint = result.error && remedyHint(result.error)
  // The probe goes on past a certificate that fails verification; a send would stop there.
  const unverified = !result.error && result.tls !== undefined && !result.tls.authorized && !result.tls.verificationSkipped
  const banner = result.error ? 'status-failed' : unverified ? 'status-partial' : 'status-sent'
  return (
    <section className={styles['probe-report']} aria-label="Probe result" data-testid="probe-report" data-ok={result.error || unverified ? 'false' : 'true'}>
      <p className={`${resultStyles['status-banner']} ${resultStyles[banner]}`} data-testid="probe-headline">
        <span className={resultStyles['status-pill']}>{result.error ? 'incomplete' : unverified ? 'not verified' : 'done'}</span>
        <span className={resultStyles['status-sentence']}>
          {result.error ? (
            <>
              Probe of <span className="mono">{where}</span> did not finish: <VisibleText text={result.error.message} />
            </>
          ) : unverified ? (
            <>
              Probe of <span className="mono">{where}</span> finished, but its certificate is NOT verified (
              <VisibleText text={result.tls?.authorizationError ?? 'not trusted'} />
              ): a send would stop after the TLS handshake.
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
      {unverified && <UnverifiedActions report={report} />}
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
      {result.tlsVersions && result.tlsVersions.length > 0 && (
        <>
          <h3>TLS versions, each tried on its own connection</h3>
          <table className={styles['tls-versions']} data-testid="probe-tls-versions-table">
            <tbody>
              {result.tlsVersions.map((cell) => (
                <tr key={cell.version} data-testid="tls-version-row" data-accepted={cell.accepted}>
                  <th scope="row">TLS {cell.version}</th>
                  <td>{cell.accepted ? 'accepted' : 'refused'}</td>
                  <td className="mono">
                    <VisibleText text={cell.detail} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

/** The Send view's certificate fixes, for the server this probe asked (a typed one becomes a profile). */
function UnverifiedActions({ report }: { report: ProbeReport }) {
  const store = useAppStoreApi()
  const probed = useAppStore((state) => state.probe.probed)
  if (!probed) return null
  const presentedCa = report.result.tls?.presentedCa
  return (
    <CertificateActions
      {...(presentedCa ? { presentedCa } : {})}
      {...(probed.profileId ? { profileId: probed.profileId } : { typedServer: { host: probed.host, port: probed.port, security: probed.security } })}
      nextStep="Probe again"
      onSaved={(profileId) => store.getState().chooseProbeProfile(profileId)}
    />
  )
}
