import type { TlsInfo } from '../../../../preload/contract'
import { VisibleText } from '../wire-log/VisibleText'
import { commonName, describeDaysLeft, tlsVerdict } from '../wire-log/tls-summary'
import styles from './probe.module.css'

/** Protocol, cipher, the verdict, then each certificate as the server sent it, leaf first. */
export function CertificateChain({ tls, daysLeft }: { tls: TlsInfo; daysLeft: Array<number | null> }) {
  const verdict = tlsVerdict(tls)
  return (
    <section className="tls-facts" aria-label="TLS" data-testid="probe-tls">
      <p className={styles['tls-line']}>
        <span className={`${styles['verdict']} ${styles[`verdict-${verdict.tone}`]}`} data-testid="probe-verdict">
          {verdict.text}
        </span>
        <span className="mono">{tls.protocol}</span>
        <span className="mono muted">{tls.cipher}</span>
        <span className="muted">{tls.mode === 'starttls' ? 'via STARTTLS' : 'TLS from the first byte'}</span>
      </p>
      <ol className={styles['probe-cert-chain']}>
        {tls.certificates.map((cert, index) => {
          const days = daysLeft[index] ?? undefined
          const expiring = days !== undefined && days < 0 ? 'bad' : days !== undefined && days < 14 ? 'warn' : 'ok'
          return (
            <li key={cert.fingerprint256 || index} className={styles['probe-cert']} data-testid="probe-certificate">
              <p className={styles['probe-cert-title']}>
                <span className={styles['probe-cert-role']}>{index === 0 ? 'Server' : index === tls.certificates.length - 1 ? 'Root' : 'Intermediate'}</span>
                <strong>
                  <VisibleText text={commonName(cert.subject)} />
                </strong>
                <span className={`${styles['days']} ${styles[`days-${expiring}`]}`} data-testid="probe-days-left">
                  {describeDaysLeft(days)}
                </span>
              </p>
              <dl className={styles['probe-cert-facts']}>
                <dt>Subject</dt>
                <dd className="mono">
                  <VisibleText text={cert.subject} />
                </dd>
                <dt>Issuer</dt>
                <dd className="mono">
                  <VisibleText text={cert.issuer} />
                </dd>
                {cert.altNames.length > 0 && (
                  <>
                    <dt>Names</dt>
                    <dd className="mono" data-testid="probe-san">
                      <VisibleText text={cert.altNames.join(', ')} />
                    </dd>
                  </>
                )}
                <dt>Valid</dt>
                <dd className="mono">
                  {cert.validFrom.slice(0, 10)} → {cert.validTo.slice(0, 10)}
                </dd>
                <dt>SHA-256</dt>
                <dd className={`mono ${styles['probe-fingerprint']}`}>{cert.fingerprint256}</dd>
              </dl>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
