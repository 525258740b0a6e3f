import type { HeaderLine } from '../../../../preload/contract'
import { VisibleText } from '../wire-log/VisibleText'
import styles from './inbox.module.css'

/** Header lines exactly as received, folded lines kept on their own rows. */
export function HeaderList({ headers, truncated }: { headers: HeaderLine[]; truncated: boolean }) {
  return (
    <div className={`${styles['header-list']} mono`} data-testid="message-headers">
      {headers.map((header, index) => (
        <div key={index} className={styles['header-line']}>
          {header.line.split(/\r?\n/).map((part, row) => (
            <div key={row} className={row === 0 ? undefined : styles['header-fold']}>
              {/* Folding whitespace becomes the indent; the raw source keeps it as sent. */}
              <VisibleText text={row === 0 ? part : part.replace(/^[ \t]+/, '')} />
            </div>
          ))}
        </div>
      ))}
      {truncated && <p className="hint">More header lines than the inbox keeps in parsed form: the raw source has them all.</p>}
    </div>
  )
}
