import { useId } from 'react'
import type { MxSecurity, ParsedRecord } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './domain-security.module.css'

function RecordRow({ label, parsed }: { label: string; parsed: ParsedRecord & { lookup: { name: string } } }) {
  return (
    <tr data-testid={`security-record-${label.toLowerCase()}`}>
      <th scope="row">{label}</th>
      <td className="mono">{parsed.record ? <VisibleText text={parsed.record} /> : <span className="muted">none</span>}</td>
      <td>
        {parsed.errors.length > 0 && (
          <ul className={styles['errors']}>
            {parsed.errors.map((error) => (
              <li key={error}>
                <VisibleText text={error} />
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  )
}

function Exchanger({ mx }: { mx: MxSecurity }) {
  const tls = mx.starttls
  return (
    <li className={styles['exchanger']} data-testid="security-mx">
      <p>
        <span className="mono">
          <VisibleText text={mx.exchange} />
        </span>{' '}
        <span className="muted">
          (preference {mx.priority}; {mx.addresses.length > 0 ? mx.addresses.join(', ') : 'no address'})
        </span>
      </p>
      <ul className={styles['facts']}>
        <li>
          TLSA <span className="mono">{mx.tlsa.name}</span>:{' '}
          {mx.tlsa.error ? `lookup failed (${mx.tlsa.error})` : mx.tlsa.records.length === 0 ? 'none' : `${mx.tlsa.records.length} record${mx.tlsa.records.length === 1 ? '' : 's'}`}
          {mx.daneMatch !== undefined && (mx.daneMatch ? ', matches the certificate chain' : ', matches no certificate presented')}
        </li>
        <li>
          STARTTLS:{' '}
          {!tls ? 'not checked' : tls.offered ? `offered${tls.protocol ? ` (${tls.protocol})` : ''}` : 'not offered'}
          {tls?.pkixValid === true && ', certificate valid for this name'}
          {tls?.pkixValid === false && `, certificate not valid (${tls.pkixError ?? 'not trusted'})`}
          {tls?.error && ` (${tls.error})`}
        </li>
        {mx.mtaStsMxMatch !== undefined && <li>MTA-STS mx patterns: {mx.mtaStsMxMatch ? 'match' : 'no match'}</li>}
      </ul>
      <p className={mx.verdict.deliver ? styles['deliver'] : styles['refuse']} data-testid="security-verdict">
        A conforming sender would {mx.verdict.deliver ? 'deliver' : 'refuse'}: <VisibleText text={mx.verdict.reason} />
      </p>
    </li>
  )
}

/** A domain's mail security: the records, the MTA-STS policy, DANE, and each exchanger's verdict. */
export function DomainSecurity() {
  const store = useAppStoreApi()
  const id = useId()
  const { domain, running, report, error } = useAppStore((state) => state.domainSecurity)
  const actions = store.getState()
  return (
    <section className={styles['domain-security']} aria-labelledby={`${id}-title`} data-testid="domain-security">
      <h3 className={styles['title']} id={`${id}-title`}>
        Will a careful sender deliver to this domain?
      </h3>
      <form
        className={styles['row']}
        onSubmit={(event) => {
          event.preventDefault()
          void actions.checkDomainSecurity()
        }}
      >
        <label htmlFor={id}>Domain</label>
        <input
          id={id}
          className="mono"
          data-testid="security-domain"
          spellCheck={false}
          autoComplete="off"
          placeholder="example.com"
          value={domain}
          onChange={(event) => actions.setSecurityDomain(event.target.value)}
        />
        <button type="submit" data-testid="security-run" disabled={domain.trim() === '' || running}>
          {running ? 'Checking…' : 'Check SPF, DMARC, MTA-STS, DANE'}
        </button>
      </form>
      {error && <p className="field-error">{error}</p>}
      {report && (
        <div data-testid="security-report">
          <p className="hint">
            MX:{' '}
            {report.mx.error
              ? `lookup failed (${report.mx.error})`
              : report.mx.records.length === 0
                ? 'none (the domain itself)'
                : report.mx.records.map((r) => `${r.priority} ${r.exchange}`).join(', ')}
          </p>
          <table className={styles['records']}>
            <tbody>
              <RecordRow label="SPF" parsed={report.spf} />
              <RecordRow label="DMARC" parsed={report.dmarc} />
              <RecordRow label="MTA-STS" parsed={report.mtaSts} />
              <RecordRow label="TLS-RPT" parsed={report.tlsRpt} />
            </tbody>
          </table>
          {report.mtaSts.policy && (
            <p className="hint" data-testid="security-policy">
              Policy <span className="mono">{report.mtaSts.policy.url}</span>:{' '}
              {report.mtaSts.policy.errors.length === 0
                ? `mode ${report.mtaSts.policy.mode}, mx ${report.mtaSts.policy.mx.join(', ')}`
                : `not usable (${report.mtaSts.policy.errors.join('; ')})`}
            </p>
          )}
          <ul className={styles['exchangers']}>
            {report.exchangers.map((mx) => (
              <Exchanger key={mx.exchange} mx={mx} />
            ))}
          </ul>
          <p className="muted">{report.dnssecNote}</p>
        </div>
      )}
    </section>
  )
}
