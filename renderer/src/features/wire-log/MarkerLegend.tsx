import type { ReactNode } from 'react'
import { LockIcon } from '../../shared/icons'
import { KIND_STYLES } from './wire-kinds'
import styles from './wire-log.module.css'

/** What the markers mean, read from the same table the rows use. */
export function MarkerLegend() {
  const { client, server, info, error } = KIND_STYLES
  const entries: Array<{ markers: Array<[ReactNode, string]>; text: string }> = [
    { markers: [[client.marker, 'kind-client'], [server.marker, 'kind-server']], text: 'you send, the server replies' },
    { markers: [[client.secureMarker, 'kind-client'], [server.secureMarker, 'kind-server']], text: 'the same, inside TLS' },
    { markers: [[<LockIcon key="lock" className={styles['marker-icon']} />, 'kind-tls']], text: 'TLS begins (certificate details)' },
    { markers: [[info.marker, 'kind-info']], text: 'a note from Mailwire' },
    { markers: [[error.marker, 'kind-error-text']], text: 'an error' },
  ]
  return (
    <dl className={styles['marker-legend']} aria-label="Markers">
      {entries.map((entry) => (
        <div key={entry.text}>
          <dt>
            {entry.markers.map(([marker, className], position) => (
              <span key={position} className={styles[className]}>
                {marker}
              </span>
            ))}
          </dt>
          <dd>{entry.text}</dd>
        </div>
      ))}
    </dl>
  )
}
