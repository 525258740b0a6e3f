import { useId, useRef, useState } from 'react'
import { explainReply } from '../../../../preload/contract'
import { Tooltip } from '../../shared/Tooltip'
import { replyClass } from './wire-kinds'
import styles from './wire-log.module.css'

interface ReplyBadgeProps {
  code: number
  enhanced?: string
  /** In the tab order (the selected row's badge); otherwise reachable by clicking. */
  tabbable: boolean
}

/** The reply code as a badge; its meaning appears on hover and on keyboard focus. */
export function ReplyBadge({ code, enhanced, tabbable }: ReplyBadgeProps) {
  const [open, setOpen] = useState(false)
  const anchor = useRef<HTMLButtonElement>(null)
  const tooltipId = useId()
  const meaning = open ? explainReply(code, enhanced) : undefined
  // A screen reader walking the log hears each code with its meaning, no hover needed.
  const spoken = explainReply(code, enhanced)
  return (
    <>
      <button
        ref={anchor}
        type="button"
        className={`${styles['reply-badge']} ${styles[`reply-${replyClass(code)}`]}`}
        data-testid="reply-badge"
        tabIndex={tabbable ? 0 : -1}
        aria-label={`Reply ${code}: ${spoken.basic}${enhanced ? `; ${enhanced}: ${spoken.enhanced ?? ''}` : ''}`}
        aria-describedby={open ? tooltipId : undefined}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation()
            setOpen(false)
          }
        }}
      >
        {code}
      </button>
      {meaning && (
        <Tooltip id={tooltipId} anchor={anchor}>
          <span className="tooltip-line">
            <strong>{code}</strong> {meaning.basic}
          </span>
          {enhanced && meaning.enhanced && (
            <span className="tooltip-line">
              <strong>{enhanced}</strong> {meaning.enhanced}
            </span>
          )}
        </Tooltip>
      )}
    </>
  )
}
