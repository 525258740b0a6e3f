// Wire events arrive one per line, thousands for a large DATA; the renderer wants them in
// few messages. Events are held until 50 ms have passed since the first one waiting, or
// 500 are waiting, whichever comes first: one IPC message (and one store update) per batch.
import type { WireEvent } from '../../../preload/contract'

export const WIRE_BATCH_INTERVAL_MS = 50
export const WIRE_BATCH_MAX_EVENTS = 500

export interface WireBatcher {
  push(event: WireEvent): void
  /** Deliver whatever is waiting now (before a state change, at the end of a session). */
  flush(): void
}

export function createWireBatcher(
  deliver: (events: WireEvent[]) => void,
  intervalMs = WIRE_BATCH_INTERVAL_MS,
  maxEvents = WIRE_BATCH_MAX_EVENTS,
): WireBatcher {
  let pending: WireEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
    if (pending.length === 0) return
    const events = pending
    pending = []
    deliver(events)
  }

  return {
    push(event) {
      pending.push(event)
      if (pending.length >= maxEvents) flush()
      else if (timer === undefined) timer = setTimeout(flush, intervalMs)
    },
    flush,
  }
}
