import type { PortMatrixCell } from '../../../../preload/contract'
import { useAppStore } from '../../store/store-context'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './probe.module.css'

const MODE_LABEL: Record<PortMatrixCell['security'], string> = {
  none: 'no TLS',
  starttls: 'STARTTLS',
  implicit: 'TLS from the start',
}

function cellText(cell: PortMatrixCell): string {
  if (cell.outcome !== 'ok') return cell.outcome
  if (cell.tlsProtocol) return cell.tlsProtocol
  return cell.startTlsOffered ? 'ok · STARTTLS offered' : 'ok'
}

/** Which ports answer, and how: one row per port, one column per security mode. */
export function PortMatrix() {
  const matrix = useAppStore((state) => state.probe.matrix)
  if (matrix.error) return <p className="field-error">{matrix.error}</p>
  if (matrix.running && !matrix.report) return <p className="hint">Trying each port with each security mode at once…</p>
  const report = matrix.report
  if (!report) return null
  const ports = [...new Set(report.cells.map((cell) => cell.port))]
  const modes = [...new Set(report.cells.map((cell) => cell.security))]
  return (
    <section className={styles['port-matrix']} aria-label="Port matrix" data-testid="port-matrix">
      <h3>
        Ports of <span className="mono">{report.host}</span>
      </h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Port</th>
            {modes.map((mode) => (
              <th key={mode} scope="col">
                {MODE_LABEL[mode]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ports.map((port) => (
            <tr key={port}>
              <th scope="row" className="mono">
                {port}
              </th>
              {modes.map((mode) => {
                const cell = report.cells.find((candidate) => candidate.port === port && candidate.security === mode)
                if (!cell) return <td key={mode} />
                return (
                  <td
                    key={mode}
                    className={`${styles['matrix-cell']} ${styles[`outcome-${cell.outcome}`]}`}
                    title={cell.detail}
                    data-testid="matrix-cell"
                    data-port={port}
                    data-security={mode}
                    data-outcome={cell.outcome}
                  >
                    <span className={styles['matrix-outcome']}>{cellText(cell)}</span>
                    <span className={styles['matrix-detail']}>
                      <VisibleText text={cell.detail} />
                    </span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
