import { useEffect, useState } from 'react'
import { useLogStore, useLogStoreApi } from '../../store/log-store-context'
import { WireLogList } from './WireLogList'
import { WireLogToolbar } from './WireLogToolbar'
import styles from './wire-log.module.css'

/** How long the "copied" note stays, in ms. */
const NOTICE_MS = 2500

/** The wire log panel: tools, the virtualized list, and under it "jump to latest" when paused. */
export function WireLog() {
  const store = useLogStoreApi()
  const follow = useLogStore((state) => state.wireLog.follow)
  const total = useLogStore((state) => state.wireLog.model.total)
  const exportNotice = useLogStore((state) => state.session.exportNotice)
  const [copied, setCopied] = useState<string>()

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(undefined), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [copied])

  const onCopied = (lines: number) => setCopied(`Copied ${lines.toLocaleString('en')} line${lines === 1 ? '' : 's'}`)

  return (
    <section className={styles['wire-log']} aria-label="Wire log" data-testid="wire-log">
      <WireLogToolbar onCopied={onCopied} />
      <div className={styles['wire-body']}>
        <WireLogList onCopied={onCopied} />
      </div>
      {/* Under the rows, not over them: floating, it hid the right end of the last rows (TLS Details). */}
      <div className={styles['wire-footer']}>
        <p className={styles['wire-notice']} role="status" data-testid="wire-notice">
          {copied ?? exportNotice ?? ''}
        </p>
        {!follow && total > 0 && (
          <button
            type="button"
            className={styles['jump-latest']}
            data-testid="jump-latest"
            onClick={() => store.getState().setFollow(true)}
          >
            ↓ Jump to latest
          </button>
        )}
      </div>
    </section>
  )
}
