import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'
import { readPreference, writePreference } from '../store/preferences'

/** Arrow keys move the divider by this share. */
const KEY_STEP = 0.02

interface SplitPaneProps {
  /** 'columns': side by side, divider dragged left/right; 'rows': stacked. */
  direction: 'columns' | 'rows'
  first: ReactNode
  second: ReactNode
  /** Where the split is remembered. */
  storageKey: string
  /** Share of the space the first pane gets, and its bounds. */
  initial: number
  min: number
  max: number
  label: string
  /**
   * The second pane takes only the height its content needs, up to its share, and the
   * first fills the rest (a short result under a log leaves no empty band below it).
   */
  fitSecond?: boolean
}

/** Two panes with a divider moved by pointer or by arrow keys (a focusable separator). */
export function SplitPane({ direction, first, second, storageKey, initial, min, max, label, fitSecond = false }: SplitPaneProps) {
  const clamp = (value: number) => Math.min(max, Math.max(min, value))
  const [split, setSplit] = useState(() => {
    const stored = Number(readPreference(storageKey))
    return Number.isFinite(stored) && stored > 0 ? clamp(stored) : initial
  })
  const container = useRef<HTMLDivElement>(null)
  const columns = direction === 'columns'

  const commit = (value: number) => {
    const next = clamp(value)
    setSplit(next)
    writePreference(storageKey, next.toFixed(3))
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return
    const box = container.current?.getBoundingClientRect()
    if (!box) return
    const share = columns ? (event.clientX - box.left) / box.width : (event.clientY - box.top) / box.height
    if (Number.isFinite(share)) commit(share)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const back = columns ? 'ArrowLeft' : 'ArrowUp'
    const forward = columns ? 'ArrowRight' : 'ArrowDown'
    if (event.key === back) commit(split - KEY_STEP)
    else if (event.key === forward) commit(split + KEY_STEP)
    else if (event.key === 'Home') commit(min)
    else if (event.key === 'End') commit(max)
    else return
    event.preventDefault()
  }
  const template = fitSecond
    ? `minmax(0, 1fr) 6px fit-content(${((1 - split) * 100).toFixed(2)}%)`
    : `${(split * 100).toFixed(2)}% 6px minmax(0, 1fr)`

  return (
    <div
      className={`split split-${direction}`}
      ref={container}
      style={columns ? { gridTemplateColumns: template } : { gridTemplateRows: template }}
    >
      <div className="split-pane">{first}</div>
      <div
        className="split-divider"
        role="separator"
        aria-orientation={columns ? 'vertical' : 'horizontal'}
        aria-label={label}
        aria-valuemin={Math.round(min * 100)}
        aria-valuemax={Math.round(max * 100)}
        aria-valuenow={Math.round(split * 100)}
        tabIndex={0}
        onPointerDown={(event) => event.currentTarget.setPointerCapture(event.pointerId)}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane">{second}</div>
    </div>
  )
}
