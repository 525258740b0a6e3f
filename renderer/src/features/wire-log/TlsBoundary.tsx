import type { CertificateInfo, TlsInfo } from '../../../../preload/contract'
import { LockIcon } from '../../shared/icons'
import { commonName, daysLeft, describeDaysLeft, tlsVerdict } from './tls-summary'
import styles from './wire-log.module.css'

interface TlsBoundaryProps {
  tls: TlsInfo
  open: boolean
  /** In the tab order (the selected row's, as the reply codes); otherwise reachable by clicking. */
  tabbable: boolean
  onToggle(): void
}

/** The row where TLS begins: a lock, the certificate summary, details on demand. */
export function TlsBoundary({ tls, open, tabbable, onToggle }: TlsBoundaryProps) {
  const leaf = tls.certificates[0]
  const verdict = tlsVerdict(tls)
  return (
    <div className={styles['tls-boundary']} data-tone={verdict.tone} data-testid="tls-boundary">
      <div className={styles['tls-summary']}>
        <LockIcon className={styles['tls-lock']} testId="tls-lock" />
        <span className={styles['tls-title']}>TLS {tls.mode === 'starttls' ? 'started (STARTTLS)' : 'from the first byte'}</span>
        <span className={styles['tls-fact']}>{tls.protocol}</span>
        <span className={styles['tls-fact']}>{tls.cipher}</span>
        {leaf && (
          <span className={styles['tls-fact']} title={leaf.subject}>
            {commonName(leaf.subject)} <span className="muted">by</span> {commonName(leaf.issuer)}
          </span>
        )}
        <span className={`${styles['tls-verdict']} ${styles[`tone-${verdict.tone}`]}`} data-testid="tls-verdict">
          {verdict.tone === 'ok' ? '✓' : '⚠'} {verdict.text}
        </span>
        <button
          type="button"
          className="link-button"
          aria-expanded={open}
          tabIndex={tabbable ? 0 : -1}
          data-testid="tls-details-toggle"
          onClick={(event) => {
            event.stopPropagation()
            onToggle()
          }}
        >
          {open ? 'Hide details' : 'Details'}
        </button>
      </div>
      {open && (
        <div className={styles['tls-details']} data-testid="tls-details">
          {tls.certificates.map((certificate, position) => (
            <CertificateDetails key={certificate.fingerprint256 || position} certificate={certificate} position={position} />
          ))}
          {tls.certificates.length === 0 && <p className="muted">The server sent no certificate.</p>}
        </div>
      )}
    </div>
  )
}

function CertificateDetails({ certificate, position }: { certificate: CertificateInfo; position: number }) {
  const days = daysLeft(certificate)
  return (
    <dl className={styles['cert']}>
      <dt className={styles['cert-title']}>{position === 0 ? 'Server certificate' : `Chain #${position}`}</dt>
      <dt>Subject</dt>
      <dd>{certificate.subject}</dd>
      <dt>Issuer</dt>
      <dd>{certificate.issuer}</dd>
      {certificate.altNames.length > 0 && (
        <>
          <dt>Names (SAN)</dt>
          <dd>{certificate.altNames.join(', ')}</dd>
        </>
      )}
      <dt>Valid</dt>
      <dd>
        {certificate.validFrom} – {certificate.validTo}{' '}
        <span className={days !== undefined && days < 14 ? styles['tone-bad'] : 'muted'}>({describeDaysLeft(days)})</span>
      </dd>
      <dt>SHA-256</dt>
      <dd className={styles['fingerprint']}>{certificate.fingerprint256}</dd>
      <dt>Serial</dt>
      <dd className={styles['fingerprint']}>{certificate.serialNumber}</dd>
    </dl>
  )
}
