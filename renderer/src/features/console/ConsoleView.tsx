import { useRef } from 'react'
import { useAppStore } from '../../store/store-context'
import { useRefocusWhenLost } from '../../shared/use-refocus-when-lost'
import { LogStoreProvider } from '../../store/log-store-context'
import { messageWithHint } from '../../shared/remedy-hint'
import { WireLog } from '../wire-log/WireLog'
import { CleartextConsent } from './CleartextConsent'
import { CommandLine } from './CommandLine'
import { ConsoleBar } from './ConsoleBar'
import { DataEntry } from './DataEntry'
import styles from './console.module.css'

/**
 * SMTP typed by hand: connect to a server profile, type any command and read the reply in
 * the same wire log as Send (reply codes explained, TLS boundary, search). TLS, AUTH and
 * the message's dots are handled by the app, safely.
 */
export function ConsoleView() {
  const logStore = useAppStore((state) => state.smtpConsole.logStore)
  const dataMode = useAppStore((state) => state.smtpConsole.status?.state === 'data' || state.smtpConsole.pending === 'data')
  const notice = useAppStore((state) => state.smtpConsole.notice)
  const error = useAppStore((state) => (state.smtpConsole.status?.state === 'closed' ? state.smtpConsole.status.error : undefined))
  const view = useRef<HTMLDivElement>(null)
  // Connect, the command line and the message box replace or disable each other as the
  // session moves on (and STARTTLS disables itself): the focus goes to whichever now
  // takes input, or to Cancel while nothing does (connecting), rather than to the page.
  const phase = useAppStore(({ smtpConsole: { status, pending } }) => `${status?.state}|${status?.secure}|${pending}`)
  useRefocusWhenLost(phase, () => {
    const enabled = (selector: string) => view.current?.querySelector<HTMLElement>(`${selector}:not(:disabled)`)
    return enabled('[data-console-input]') ?? enabled('[data-console-cancel]')
  })
  return (
    <div className={styles['console-view']} data-testid="console-view" ref={view}>
      <ConsoleBar />
      <CleartextConsent />
      <div className={styles['console-log']}>
        {logStore ? (
          <LogStoreProvider store={logStore}>
            <WireLog />
          </LogStoreProvider>
        ) : (
          <div className={styles['console-intro']} data-testid="console-intro">
            <p>
              <strong>Type SMTP yourself.</strong> Connect to a server, then send any command (EHLO, MAIL FROM, RCPT TO,
              DATA, RSET, NOOP, VRFY, EXPN, HELP, QUIT, or anything else) and read each reply, explained.
            </p>
            <p className="muted">
              STARTTLS and AUTH are buttons: the certificate is checked as the profile says, and the stored password never
              appears in the log. After DATA, the message goes in a box of its own; a lone dot in it cannot end it.
            </p>
          </div>
        )}
      </div>
      {notice && (
        <p className={`${styles['console-notice']} ${styles[`notice-${notice.tone}`]}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="console-notice">
          {notice.text}
        </p>
      )}
      {!notice && error && (
        <p className={`${styles['console-notice']} ${styles['notice-error']}`} role="status" data-testid="console-closed-reason">
          Connection ended: {messageWithHint(error)}
        </p>
      )}
      {dataMode ? <DataEntry /> : <CommandLine />}
    </div>
  )
}
