import { useLayoutEffect, type ReactNode, type RefObject } from 'react'
import { createPortal } from 'react-dom'
import { autoUpdate, flip, offset, shift, useFloating } from '@floating-ui/react'

interface TooltipProps {
  id: string
  anchor: RefObject<HTMLElement | null>
  children: ReactNode
}

/** Space kept between the tooltip and the viewport's edges, in px. */
const EDGE = 8
/** Space between the anchor and the tooltip, in px. */
const GAP = 6
const UNPLACED = { position: 'fixed', top: -9999, left: -9999 } as const

/**
 * A real tooltip element (role=tooltip, referenced by aria-describedby) under its anchor,
 * above it when there is no room below, in a portal so the log's scrolling container
 * cannot clip it. Floating UI keeps it on its anchor while the log scrolls or the window
 * is resized (autoUpdate), which our own one-time placement did not.
 */
export function Tooltip({ id, anchor, children }: TooltipProps) {
  const { refs: { setReference, setFloating }, floatingStyles, isPositioned } = useFloating({
    open: true,
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [offset(GAP), flip({ padding: EDGE }), shift({ padding: EDGE })],
    whileElementsMounted: autoUpdate,
  })
  useLayoutEffect(() => setReference(anchor.current), [setReference, anchor])

  return createPortal(
    <div
      ref={setFloating}
      id={id}
      role="tooltip"
      className="tooltip"
      data-testid="tooltip"
      // Off screen until placed (still read by aria-describedby): its first frame would
      // otherwise show at the viewport's corner.
      style={isPositioned ? floatingStyles : UNPLACED}
    >
      {children}
    </div>,
    // In the main landmark, as all the page's content is; fixed, so nothing there clips it.
    document.querySelector('main') ?? document.body,
  )
}
