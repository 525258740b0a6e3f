import { useEffect, useState } from 'react'
import type { AuthVerdict } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './authentication.module.css'

const BAD_RESULTS = new Set(['fail', 'softfail', 'permerror', 'temperror', 'policy'])

function resultClass(verdict: AuthVerdict): string | undefined {
  if (verdict.result === 'pass') return styles['result-pass']
  return BAD_RESULTS.has(verdict.result) ? styles['result-bad'] : undefined
}

/**
 * The message's DKIM, SPF, DMARC and ARC verdicts as a receiving server would judge them,
 * each with its reason (an Authentication-Results header, RFC 8601, as a table). Checked when
 * the tab opens and on request, through the DNS servers set here (the system's by default).
 */
export function AuthenticationResults({ messageId }: { messageId: string }) {
  const store = useAppStoreApi()
  const check = useAppStore((state) => state.inboxAuth.checks[messageId])
  const dnsServers = useAppStore((state) => state.inboxAuth.dnsServers)
  const settingsError = useAppStore((state) => state.inboxAuth.settingsError)
  // What the user is typing; until then, the servers in force.
  const [typed, setTyped] = useState<string | undefined>(undefined)
  const serversText = typed ?? dnsServers.join(', ')
  useEffect(() => {
    void store.getState().loadInboxAuthSettings()
  }, [store])
  useEffect(() => {
    void store.getState().authenticateInboxMessage(messageId)
  }, [store, messageId])

  const applyServers = async () => {
    const servers = serversText.split(/[\s,]+/).filter((server) => server !== '')
    if (!(await store.getState().setInboxDnsServers(servers))) return
    setTyped(undefined)
    void store.getState().authenticateInboxMessage(messageId)
  }
  const report = check?.report

  return (
    <div className={styles['auth-panel']} data-testid="inbox-authentication">
      <form
        className={styles['auth-bar']}
        onSubmit={(event) => {
          event.preventDefault()
          void applyServers()
        }}
      >
        <label htmlFor="inbox-dns-servers">DNS servers</label>
        <input
          id="inbox-dns-servers"
          data-testid="inbox-dns-servers"
          className="mono"
          value={serversText}
          placeholder="the system's resolvers"
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" data-testid="inbox-dns-apply">
          Use and check again
        </button>
        <button type="button" data-testid="inbox-auth-recheck" disabled={check?.running} onClick={() => void store.getState().authenticateInboxMessage(messageId)}>
          Check again
        </button>
      </form>
      {settingsError && <p className="field-error">{settingsError}</p>}
      {check?.running && !report && <p className="hint">Asking DNS…</p>}
      {check?.error && <p className="field-error">The check could not run: {check.error}</p>}
      {report && (
        <>
          <p className="hint">
            As a receiving server would judge it: client <span className="mono">{report.clientAddress}</span>
            {report.heloName && (
              <>
                {' '}
                (HELO <span className="mono"><VisibleText text={report.heloName} /></span>)
              </>
            )}
            , MAIL FROM <span className="mono">&lt;<VisibleText text={report.mailFrom} />&gt;</span>, DNS{' '}
            {report.dnsServers.length > 0 ? <span className="mono">{report.dnsServers.join(', ')}</span> : "the system's resolvers"}.
          </p>
          <table className={styles['verdicts']} data-testid="auth-verdicts">
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col">Result</th>
                <th scope="col">Reason</th>
                <th scope="col">Properties</th>
              </tr>
            </thead>
            <tbody>
              {report.verdicts.map((verdict, index) => (
                <tr key={`${verdict.method}-${index}`} data-testid={`auth-verdict-${verdict.method}`}>
                  <th scope="row">{verdict.method.toUpperCase()}</th>
                  <td className={resultClass(verdict)}>{verdict.result}</td>
                  <td>
                    <VisibleText text={verdict.reason ?? ''} />
                  </td>
                  <td className="mono">
                    <VisibleText text={verdict.properties} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.lookupFailures.length > 0 && (
            <div className="warning" role="status" data-testid="auth-lookup-failures">
              DNS lookups that failed (their verdicts are temperror, not a guess):
              <ul>
                {report.lookupFailures.map((failure) => (
                  <li key={failure} className="mono">
                    <VisibleText text={failure} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          <pre className={`${styles['header-text']} mono`} data-testid="auth-header">
            <VisibleText text={report.header} />
          </pre>
        </>
      )}
    </div>
  )
}
