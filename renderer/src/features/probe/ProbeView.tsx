import { useAppStore } from '../../store/store-context'
import { LogStoreProvider } from '../../store/log-store-context'
import { SplitPane } from '../../shared/SplitPane'
import { WireLog } from '../wire-log/WireLog'
import { MxLookup } from './MxLookup'
import { DomainSecurity } from './DomainSecurity'
import { PortMatrix } from './PortMatrix'
import { ProbeAnnouncer } from './ProbeAnnouncer'
import { ProbeForm } from './ProbeForm'
import { ProbeResults } from './ProbeResults'
import styles from './probe.module.css'

/**
 * What does this server offer? The EHLO capabilities before and after STARTTLS side by
 * side, the certificate chain, which ports answer, and where a domain's mail goes. The
 * session itself is in the wire log on the right.
 */
export function ProbeView() {
  const logStore = useAppStore((state) => state.probe.logStore)
  return (
    <div className={styles['probe-view']} data-testid="probe-view">
      <SplitPane
        direction="columns"
        storageKey="mailwire.split.probe"
        initial={0.52}
        min={0.35}
        max={0.75}
        label="Resize the probe results and its log"
        first={
          <div className={styles['probe-main']}>
            {/* The view's own heading, so its sections' h3 follow an h2 as in the other views. */}
            <h2 className="visually-hidden">Probe a server</h2>
            <ProbeForm />
            <ProbeAnnouncer />
            <ProbeResults />
            <PortMatrix />
            <MxLookup />
            <DomainSecurity />
          </div>
        }
        second={
          logStore ? (
            <LogStoreProvider store={logStore}>
              <div className={styles['probe-log']}>
                <WireLog />
              </div>
            </LogStoreProvider>
          ) : (
            <div className={styles['probe-log-empty']} data-testid="probe-log-empty">
              <p className="muted">The probe's session (and MX lookups) will show here, line by line.</p>
            </div>
          )
        }
      />
    </div>
  )
}
