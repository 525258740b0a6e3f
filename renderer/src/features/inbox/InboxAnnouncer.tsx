import { useEffect, useRef, useState } from 'react'
import { useAppStore } from '../../store/store-context'
import { countOf } from '../../shared/format'

/**
 * Says a message arrived, once, for screen readers: the list grows live and is not a live
 * region (a burst of arrivals, or the first load, would read every row).
 */
export function InboxAnnouncer() {
  const loaded = useAppStore((state) => state.inbox.loaded)
  const messages = useAppStore((state) => state.inbox.messages)
  // The ids already known: the list as first loaded is not news.
  const known = useRef<Set<string> | undefined>(undefined)
  const [message, setMessage] = useState('')

  useEffect(() => {
    if (!loaded) return
    if (!known.current) {
      known.current = new Set(messages.map((entry) => entry.id))
      return
    }
    const arrived = messages.filter((entry) => !known.current!.has(entry.id))
    known.current = new Set(messages.map((entry) => entry.id))
    if (arrived.length === 0) return
    const newest = arrived[0]!
    const from = newest.from?.address || newest.envelope.mailFrom || 'an unknown sender'
    setMessage(
      arrived.length === 1
        ? `New message from ${from}: ${newest.subject ?? '(no subject)'}`
        : `${countOf(arrived.length, 'new message')}, the newest from ${from}: ${newest.subject ?? '(no subject)'}`,
    )
  }, [loaded, messages])

  return (
    <p className="visually-hidden" role="status" data-testid="inbox-announcer">
      {message}
    </p>
  )
}
