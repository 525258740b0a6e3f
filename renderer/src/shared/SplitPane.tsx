import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'
import { readPreference, writePreference } from '../store/preferences'

const SPLIT_KEY = 'mailwire.split'
/** Share of the width the left pane gets, and its bounds. */
const DEFAULT_SPLIT = 0.4
const MIN_SPLIT = 0.25
const MAX_SPLIT = 0.7
/** Arrow keys move the divider by this share. */
const KEY_STEP = 0.02

const clamp = (value: number) => Math.min(MAX_SPLIT, Math.max(MIN_SPLIT, value))

function initialSplit(): number {
  const stored = Number(readPreference(SPLIT_KEY))
  return Number.isFinite(stored) && stored > 0 ? clamp(stored) : DEFAULT_SPLIT
}

/** Two panes side by side with a divider dragged by pointer or moved with arrow keys. */
export function SplitPane({ left, right }: { left: ReactNode; right: ReactNode }) {
  const [split, setSplit] = useState(initialSplit)
  const container = useRef<HTMLDivElement>(null)

  const commit = (value: number) => {
    const next = clamp(value)
    setSplit(next)
    writePreference(SPLIT_KEY, next.toFixed(3))
  }

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!event.currentTarget.hasPointerCapture(event.pointerId)) return
    const box = container.current?.getBoundingClientRect()
    if (box && box.width > 0) commit((event.clientX - box.left) / box.width)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowLeft') commit(split - KEY_STEP)
    else if (event.key === 'ArrowRight') commit(split + KEY_STEP)
    else if (event.key === 'Home') commit(MIN_SPLIT)
    else if (event.key === 'End') commit(MAX_SPLIT)
    else return
    event.preventDefault()
  }

  return (
    <div className="split" ref={container} style={{ gridTemplateColumns: `${split * 100}% 6px minmax(0, 1fr)` }}>
      <div className="split-pane">{left}</div>
      <div
        className="split-divider"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the compose and log panes"
        aria-valuemin={MIN_SPLIT * 100}
        aria-valuemax={MAX_SPLIT * 100}
        aria-valuenow={Math.round(split * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane">{right}</div>
    </div>
  )
}
