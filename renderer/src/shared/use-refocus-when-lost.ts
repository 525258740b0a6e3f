import { useLayoutEffect, useRef } from 'react'

/**
 * True when the focus fell, or is about to fall, to the page: the focused element was
 * removed, or was disabled (Chromium blurs a disabled element a moment later).
 */
export function focusIsLost(): boolean {
  const active = document.activeElement
  if (active === null || active === document.body || !active.isConnected) return true
  return (active as HTMLElement & { disabled?: boolean }).disabled === true
}

/**
 * When `trigger` changes (a view, a panel or a state that swaps or disables controls) and
 * that change took the focus away, puts it on `target()`. A keyboard user would otherwise
 * start again from the top of the window (WCAG 2.4.3). Focus that is anywhere else is
 * never taken, and nothing happens on mount. A layout effect: the focus moves in the same
 * frame, never showing on the page in between.
 */
export function useRefocusWhenLost(trigger: unknown, target: () => HTMLElement | null | undefined): void {
  const latestTarget = useRef(target)
  const previous = useRef(trigger)
  useLayoutEffect(() => {
    latestTarget.current = target
  })
  useLayoutEffect(() => {
    if (Object.is(previous.current, trigger)) return
    previous.current = trigger
    if (focusIsLost()) latestTarget.current()?.focus()
  }, [trigger])
}
