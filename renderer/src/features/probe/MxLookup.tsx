import { useId } from 'react'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './probe.module.css'

/** A domain's mail exchangers, by preference; each can be probed, typed to, or sent to. */
export function MxLookup() {
  const store = useAppStoreApi()
  const id = useId()
  const mx = useAppStore((state) => state.probe.mx)
  const running = useAppStore((state) => state.probe.running)
  const actions = store.getState()
  const lookup = mx.lookup
  return (
    <section className={styles['mx-lookup']} aria-labelledby={`${id}-title`} data-testid="mx-lookup">
      <h3 className={styles['section-title']} id={`${id}-title`}>
        Where does a domain's mail go?
      </h3>
      <form
        className={styles['probe-row']}
        onSubmit={(event) => {
          event.preventDefault()
          void actions.lookupMx()
        }}
      >
        <label htmlFor={id}>Domain</label>
        <input
          id={id}
          className={`mono ${styles['probe-host']}`}
          data-testid="mx-domain"
          spellCheck={false}
          autoComplete="off"
          placeholder="example.com"
          value={mx.domain}
          onChange={(event) => actions.setMxDomain(event.target.value)}
        />
        <button type="submit" data-testid="mx-run" disabled={mx.domain.trim() === '' || running !== undefined}>
          {running === 'mx' ? 'Looking up…' : 'Look up MX'}
        </button>
      </form>
      {mx.error && <p className="field-error">{mx.error}</p>}
      {lookup?.error && <p className="field-error" data-testid="mx-error">{lookup.error}</p>}
      {lookup?.nullMx && <p className="warning">{lookup.asciiDomain} accepts no mail: it publishes a null MX (RFC 7505).</p>}
      {lookup && lookup.records.length > 0 && (
        <>
          {lookup.implicit && (
            <p className="hint">No MX records: mail goes to the domain's own address (implicit MX, RFC 5321 section 5.1).</p>
          )}
          <table className={styles['mx-table']} data-testid="mx-table">
            <thead>
              <tr>
                <th scope="col">Preference</th>
                <th scope="col">Exchanger</th>
                <th scope="col">
                  <span className="visually-hidden">Use it</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lookup.records.map((record) => (
                <tr key={`${record.priority} ${record.exchange}`} data-testid="mx-record">
                  <td className="mono">{record.priority}</td>
                  <td className="mono">
                    <VisibleText text={record.exchange} />
                  </td>
                  <td className={styles['mx-actions']}>
                    <button type="button" className="link-button" disabled={running !== undefined} onClick={() => void actions.goToMxExchange(record.exchange, 'probe')}>
                      Probe
                    </button>
                    <button type="button" className="link-button" data-testid="mx-console" onClick={() => void actions.goToMxExchange(record.exchange, 'console')}>
                      Console
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      data-testid="mx-send"
                      title="Send straight to this exchanger (port 25, STARTTLS when offered): a server profile is added for it"
                      onClick={() => void actions.goToMxExchange(record.exchange, 'send')}
                    >
                      Send to it
                    </button>
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
