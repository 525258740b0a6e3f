// An EventSink that keeps what it was given, cloned the way IPC clones it, and lets a
// test wait for an event instead of sleeping.
import type { Channel } from '../../../preload/contract'
import type { EventSink } from '../../../main/services/event-sink'

export interface SentEvent {
  channel: Channel
  payload: unknown
}

export interface RecordingSink extends EventSink {
  readonly events: SentEvent[]
  of<T>(channel: Channel): T[]
  /** Resolves with the first event on `channel` that matches, past or future. */
  waitFor<T>(channel: Channel, match?: (payload: T) => boolean): Promise<T>
}

export function recordingSink(): RecordingSink {
  const events: SentEvent[] = []
  const waiters = new Set<() => void>()
  const find = <T>(channel: Channel, match: (payload: T) => boolean) =>
    events.find((event) => event.channel === channel && match(event.payload as T))
  return {
    events,
    send(channel, payload) {
      // structuredClone: what crosses Electron's IPC, and it fails on what IPC would refuse.
      events.push({ channel, payload: structuredClone(payload) })
      for (const wake of [...waiters]) wake()
    },
    of: <T>(channel: Channel) => events.filter((event) => event.channel === channel).map((event) => event.payload as T),
    waitFor<T>(channel: Channel, match: (payload: T) => boolean = () => true) {
      return new Promise<T>((resolve) => {
        const check = () => {
          const found = find(channel, match)
          if (!found) return
          waiters.delete(check)
          resolve(found.payload as T)
        }
        waiters.add(check)
        check()
      })
    },
  }
}
