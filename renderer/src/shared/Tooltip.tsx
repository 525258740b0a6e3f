import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { createPortal } from 'react-dom'

interface TooltipProps {
  id: string
  anchor: RefObject<HTMLElement | null>
  children: ReactNode
}

/** Space kept between the tooltip and the viewport's edges, in px. */
const EDGE = 8

/**
 * A real tooltip element (role=tooltip, referenced by aria-describedby) placed under
 * its anchor, in a portal so the log's scrolling container cannot clip it.
 */
export function Tooltip({ id, anchor, children }: TooltipProps) {
  const ref = useRef<HTMLDivElement>(null)
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null)

  useLayoutEffect(() => {
    const target = anchor.current
    const tip = ref.current
    if (!target || !tip) return
    const box = target.getBoundingClientRect()
    const width = tip.offsetWidth
    const height = tip.offsetHeight
    const below = box.bottom + 6
    const top = below + height + EDGE > window.innerHeight ? Math.max(EDGE, box.top - height - 6) : below
    const left = Math.max(EDGE, Math.min(box.left, window.innerWidth - width - EDGE))
    setPosition({ top, left })
  }, [anchor])

  return createPortal(
    <div
      ref={ref}
      id={id}
      role="tooltip"
      className="tooltip"
      data-testid="tooltip"
      style={position ? { top: position.top, left: position.left } : { top: -9999, left: -9999 }}
    >
      {children}
    </div>,
    document.body,
  )
}
