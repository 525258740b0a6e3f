import { formatBytes } from '../../shared/format'
import styles from './result.module.css'

/** Progress of the message upload during DATA, from the wire events' byte counts. */
export function UploadProgress({ bytes, totalBytes }: { bytes: number; totalBytes?: number }) {
  const fraction = totalBytes ? Math.min(1, bytes / totalBytes) : undefined
  return (
    <div className={styles['upload']} data-testid="upload-progress">
      <progress
        max={totalBytes ?? undefined}
        value={totalBytes ? bytes : undefined}
        aria-label="Message upload"
      />
      <span className="mono">
        {formatBytes(bytes)}
        {totalBytes ? ` of ${formatBytes(totalBytes)} (${Math.round((fraction ?? 0) * 100)}%)` : ' sent'}
      </span>
    </div>
  )
}
