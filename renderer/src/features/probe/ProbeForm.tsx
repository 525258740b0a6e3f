import { useId } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SecurityMode } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { SECURITY_MODES } from '../../domain/default-port'
import styles from './probe.module.css'

/** Which server to ask: a profile's, or any host and port, with a security mode. */
export function ProbeForm() {
  const store = useAppStoreApi()
  const ids = { profile: useId(), host: useId(), port: useId(), ports: useId() }
  const { form, running, matrixRunning, matrixPorts, profiles } = useAppStore(
    useShallow((state) => ({
      form: state.probe.form,
      running: state.probe.running,
      matrixRunning: state.probe.matrix.running,
      matrixPorts: state.probe.matrix.ports,
      profiles: state.profiles.list,
    })),
  )
  const actions = store.getState()
  const localInbox = profiles.some((profile) => profile.id === form.profileId && profile.kind === 'local-inbox')
  const canRun = form.host.trim() !== '' && form.port >= 1 && form.port <= 65535
  return (
    <form
      className={styles['probe-form']}
      data-testid="probe-form"
      onSubmit={(event) => {
        event.preventDefault()
        void actions.runProbe()
      }}
    >
      <div className={styles['probe-row']}>
        <label htmlFor={ids.profile}>Server</label>
        <select id={ids.profile} data-testid="probe-profile" value={form.profileId} onChange={(event) => actions.chooseProbeProfile(event.target.value)}>
          <option value="">None: any host, the system's CAs</option>
          {profiles.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.name || profile.host}
            </option>
          ))}
        </select>
        <span className="hint" data-testid="probe-profile-hint">
          {localInbox
            ? "the built-in inbox: where it runs and its own certificate"
            : 'lends its CA, certificate policy and EHLO name; no password is sent'}
        </span>
      </div>
      <div className={styles['probe-row']}>
        <label htmlFor={ids.host}>Host</label>
        <input
          id={ids.host}
          className={`mono ${styles['probe-host']}`}
          data-testid="probe-host"
          spellCheck={false}
          autoComplete="off"
          placeholder="smtp.example.com"
          value={form.host}
          onChange={(event) => actions.setProbeForm({ host: event.target.value })}
        />
        <label htmlFor={ids.port}>Port</label>
        <input
          id={ids.port}
          className={`mono ${styles['probe-port']}`}
          data-testid="probe-port"
          type="number"
          min={1}
          max={65535}
          value={Number.isNaN(form.port) ? '' : form.port}
          onChange={(event) => actions.setProbeForm({ port: event.target.valueAsNumber })}
        />
      </div>
      <div className={styles['probe-row']}>
        <span className="label" id={`${ids.host}-security`}>
          Security
        </span>
        <div className="segmented" role="radiogroup" aria-labelledby={`${ids.host}-security`} data-testid="probe-security">
          {SECURITY_MODES.map((mode) => (
            <label key={mode.value} className={form.security === mode.value ? 'active' : ''} title={mode.hint}>
              <input
                type="radio"
                name="probe-security"
                value={mode.value}
                checked={form.security === mode.value}
                onChange={() => actions.setProbeForm({ security: mode.value as SecurityMode })}
              />
              {mode.label}
            </label>
          ))}
        </div>
      </div>
      <div className={`${styles['probe-row']} ${styles['probe-actions']}`}>
        <button type="submit" className="primary" data-testid="probe-run" disabled={!canRun || running !== undefined}>
          {running === 'probe' ? 'Probing…' : 'Probe'}
        </button>
        <label className="toggle" title="One more connection per version: which of TLS 1.0, 1.1, 1.2 and 1.3 the server accepts">
          <input type="checkbox" data-testid="probe-tls-versions" checked={form.tlsVersions} onChange={(event) => actions.setProbeForm({ tlsVersions: event.target.checked })} />
          Try each TLS version
        </label>
        {(running !== undefined || matrixRunning) && (
          <button type="button" data-testid="probe-cancel" onClick={() => void actions.cancelProbe()}>
            Cancel
          </button>
        )}
      </div>
      <div className={styles['probe-row']}>
        <label htmlFor={ids.ports}>Ports</label>
        <input
          id={ids.ports}
          className={`mono ${styles['probe-ports']}`}
          data-testid="probe-matrix-ports"
          spellCheck={false}
          autoComplete="off"
          value={matrixPorts}
          onChange={(event) => actions.setMatrixPorts(event.target.value)}
        />
        <button
          type="button"
          data-testid="probe-matrix-run"
          disabled={form.host.trim() === '' || matrixRunning}
          title="Each port without TLS, with STARTTLS and with TLS from the start, all at once, with a short timeout"
          onClick={() => void actions.runPortMatrix()}
        >
          {matrixRunning ? 'Trying ports…' : 'Port matrix'}
        </button>
        <span className="hint">every port with every security mode</span>
      </div>
    </form>
  )
}
