import { useAppStore } from '../../store/store-context'

/**
 * The console's connection state for screen readers, said once per change: connecting,
 * connected (with TLS and login as they come), closed. The visible state beside it also
 * flips between "waiting for the reply" and "connected" on every command; announcing
 * that would interrupt the reply being read, so it is not a live region.
 */
export function ConsoleAnnouncer() {
  const message = useAppStore((state) => {
    const { status, pending } = state.smtpConsole
    if (pending === 'open' || status?.state === 'connecting') return 'Connecting…'
    if (!status) return ''
    if (status.state === 'closed') return `Connection to ${status.host}:${status.port} closed.`
    const parts = [`Connected to ${status.host}:${status.port}`]
    if (status.secure && status.tls) parts.push(`inside TLS (${status.tls.protocol})`)
    if (status.authenticated) parts.push('logged in')
    return `${parts.join(', ')}.`
  })
  return (
    <p className="visually-hidden" role="status" data-testid="console-announcer">
      {message}
    </p>
  )
}
