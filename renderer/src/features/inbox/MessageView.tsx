import { useState, type ReactNode } from 'react'
import type { StoredMessage } from '../../../../preload/contract'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { formatBytes } from '../../shared/format'
import { formatFullTime } from '../../shared/format-time'
import { SubjectText } from '../../shared/SubjectText'
import { VisibleText } from '../wire-log/VisibleText'
import { mailbox, mailboxes } from './addresses'
import { AttachmentTable } from './AttachmentTable'
import { AuthenticationResults } from './AuthenticationResults'
import { HeaderList } from './HeaderList'
import { HtmlPreview } from './HtmlPreview'
import { InboxSessionRecord } from './InboxSessionRecord'
import { OurSideLink } from './OurSideLink'
import { RawSource } from './RawSource'
import styles from './inbox.module.css'
import listStyles from '../../shared/record-list.module.css'

type Tab = 'html' | 'text' | 'headers' | 'raw' | 'session' | 'authentication'

/** The open message, or why there is none. */
export function MessagePanel() {
  const open = useAppStore((state) => state.inbox.open)
  if (!open) {
    return (
      <div className={listStyles['panel-empty']}>
        <p>Choose a message to see its headers, bodies, attachments, raw source, and the session that delivered it.</p>
      </div>
    )
  }
  if (open.error) return <p className={`${listStyles['panel-empty']} field-error`}>{open.error}</p>
  if (!open.message) return <p className={`${listStyles['panel-empty']} hint`}>Opening the message…</p>
  return <MessageView key={open.id} message={open.message} />
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

function MessageView({ message }: { message: StoredMessage }) {
  const store = useAppStoreApi()
  const notice = useAppStore((state) => state.inbox.notice)
  const { parsed } = message
  const [tab, setTab] = useState<Tab>(parsed.html !== undefined ? 'html' : 'text')
  const [confirmDelete, setConfirmDelete] = useState(false)
  const tabs: Array<{ id: Tab; label: string }> = [
    ...(parsed.html !== undefined ? [{ id: 'html' as const, label: 'HTML' }] : []),
    { id: 'text', label: 'Text' },
    { id: 'headers', label: 'Headers' },
    { id: 'raw', label: 'Raw source' },
    { id: 'session', label: 'Session (server side)' },
    { id: 'authentication', label: 'Authentication' },
  ]
  const actions = store.getState()
  const envelopeTo = message.envelope.rcptTo.join(', ')

  return (
    <section className={styles['message-view']} aria-label="Message" data-testid="inbox-message" data-id={message.id}>
      <header className={styles['message-head']}>
        <div className={styles['message-title-row']}>
          <h2 className={styles['message-subject']} data-testid="message-subject">
            <SubjectText subject={parsed.subject} />
          </h2>
          <button type="button" data-testid="save-raw" onClick={() => void actions.saveInboxRaw(message.id)}>
            Save .eml…
          </button>
          {confirmDelete ? (
            <button type="button" className="danger" data-testid="confirm-delete-message" onClick={() => void actions.removeInboxMessage(message.id)}>
              Delete it
            </button>
          ) : (
            <button type="button" className="danger-quiet" data-testid="delete-message" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          )}
        </div>
        <dl className={styles['message-facts']}>
          <Fact label="From">
            <VisibleText text={mailboxes(parsed.from) || '(none)'} />
          </Fact>
          <Fact label="To">
            <VisibleText text={mailboxes(parsed.to) || '(none)'} />
          </Fact>
          {parsed.cc.length > 0 && (
            <Fact label="Cc">
              <VisibleText text={mailboxes(parsed.cc)} />
            </Fact>
          )}
          {parsed.replyTo.length > 0 && (
            <Fact label="Reply-To">
              <VisibleText text={mailbox(parsed.replyTo[0])} />
            </Fact>
          )}
          {parsed.date && <Fact label="Date">{formatFullTime(parsed.date)}</Fact>}
          <Fact label="Envelope">
            <span className="mono" title="MAIL FROM and RCPT TO: where the server delivers, whatever the headers say">
              <VisibleText text={`<${message.envelope.mailFrom}> → ${envelopeTo}`} />
            </span>
          </Fact>
          <Fact label="Received">
            {formatFullTime(message.receivedAt)} · {formatBytes(message.size)}
            {message.size >= 1000 && ` (${message.size.toLocaleString('en')} bytes)`}
            {message.secure ? ' · inside TLS' : ' · in clear text'}
            {message.envelope.bodyType === '8bitmime' && ' · 8BITMIME'}
            {message.envelope.smtpUtf8 && ' · SMTPUTF8'}
            {message.authUser !== undefined && ` · AUTH as "${message.authUser}"`}
          </Fact>
          <Fact label="Session">
            <button type="button" className="link-button mono" data-testid="show-inbox-session" onClick={() => setTab('session')}>
              {message.sessionId}
            </button>{' '}
            <OurSideLink messageId={message.id} />
          </Fact>
        </dl>
        {parsed.parseError && <p className="warning">The message could not be fully parsed ({parsed.parseError}); the raw source is complete.</p>}
        {notice && (
          <p className="hint" role="status" data-testid="inbox-notice">
            {notice}
          </p>
        )}
      </header>
      {parsed.attachments.length > 0 && <AttachmentTable messageId={message.id} attachments={parsed.attachments} />}
      <div className={styles['message-tabs']} role="tablist" aria-label="Message parts">
        {tabs.map((entry) => (
          <button
            key={entry.id}
            type="button"
            role="tab"
            aria-selected={tab === entry.id}
            className={styles['message-tab']}
            data-testid={`message-tab-${entry.id}`}
            onClick={() => setTab(entry.id)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <div className={styles['message-body']} role="tabpanel">
        {tab === 'html' && parsed.html !== undefined && <HtmlPreview html={parsed.html} truncated={parsed.htmlTruncated} />}
        {tab === 'text' && <TextBody text={parsed.text} truncated={parsed.textTruncated} />}
        {tab === 'headers' && <HeaderList headers={parsed.headers} truncated={parsed.headersTruncated} />}
        {tab === 'raw' && <RawSource messageId={message.id} />}
        {tab === 'session' && <InboxSessionRecord messageId={message.id} />}
        {tab === 'authentication' && <AuthenticationResults messageId={message.id} />}
      </div>
    </section>
  )
}

function TextBody({ text, truncated }: { text: string | undefined; truncated: boolean }) {
  if (text === undefined) return <p className={`hint ${styles['padded']}`}>The message has no text body.</p>
  return (
    <div className={styles['text-body']}>
      {truncated && <p className="warning">The text is cut at the parsed-body limit; the raw source has all of it.</p>}
      <pre className={styles['message-text']} data-testid="message-text">
        {text}
      </pre>
    </div>
  )
}
