import type { ReactNode } from 'react'
import type { SendResult, SmtpErrorInfo } from '../../../../preload/contract'
import { useLogStore, useLogStoreApi } from '../../store/log-store-context'
import { isRunning } from '../../store/session-slice'
import { remedyHint } from '../../shared/remedy-hint'
import { VisibleText } from '../wire-log/VisibleText'
import { formatDuration } from '../wire-log/format-line'
import { PHASE_LABELS } from '../wire-log/wire-kinds'
import { PhaseWaterfall } from './PhaseWaterfall'
import { RecipientTable } from './RecipientTable'
import { UploadProgress } from './UploadProgress'
import { wireSizeText } from './wire-size'
import { WaitNotice } from './WaitNotice'
import { CertificateActions } from './CertificateActions'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import { OUTCOME_LABELS, outcomeOf, statusSentence } from './status-text'
import { stopLabel } from './stop-text'
import styles from './result.module.css'

/** The outcome of the last session, or its progress while it runs. */
export function ResultPanel() {
  const session = useLogStore((state) => state.session)
  const running = isRunning(session.status)
  const showWait = session.wait !== undefined && session.status !== 'cancelling'
  return (
    // Focusable: it scrolls, and a keyboard must be able to scroll it (WCAG 2.1.1).
    <section className={styles['result']} aria-label="Result" data-testid="result" tabIndex={0}>
      <div className={styles['result-live']} role="status" aria-live="polite" data-testid="session-status">
        {running && (
          <p className={styles['running']}>
            <span className={styles['spinner']} aria-hidden="true" />
            {/* Said once each, "Connecting…" then "Sending…"; the waits and phases are shown, not announced. */}
            <span className={showWait ? 'visually-hidden' : undefined}>
              {session.status === 'cancelling' ? 'Cancelling…' : session.status === 'connecting' ? 'Connecting…' : 'Sending…'}
            </span>
            {showWait ? (
              <span aria-hidden="true">
                <WaitNotice wait={session.wait!} />
              </span>
            ) : (
              session.phase &&
              session.status !== 'cancelling' && (
                <span className="muted" aria-hidden="true">
                  {' '}
                  {PHASE_LABELS[session.phase]}
                </span>
              )
            )}
          </p>
        )}
        {!running && session.result && <StatusBanner result={session.result} />}
      </div>
      {running && session.progress && session.phase === 'data' && (
        <UploadProgress bytes={session.progress.bytes} totalBytes={session.progress.totalBytes} />
      )}
      {!running && session.result && <ResultDetails result={session.result} />}
      {!running && !session.result && (
        <p className={`muted ${styles['result-empty']}`}>The outcome of the session (recipients, queue id, timing) appears here.</p>
      )}
    </section>
  )
}

function StatusBanner({ result }: { result: SendResult }) {
  const outcome = outcomeOf(result.status, result.error?.code)
  return (
    <p
      className={`${styles['status-banner']} ${styles[`status-${outcome}`]}`}
      data-testid="result-status"
      data-status={result.status}
      data-outcome={outcome}
    >
      <span className={styles['status-pill']} data-testid="status-pill">{stopLabel(result) ?? OUTCOME_LABELS[outcome]}</span>
      <span className={styles['status-sentence']} data-testid="status-sentence">{statusSentence(result)}</span>
    </p>
  )
}

function ResultDetails({ result }: { result: SendResult }) {
  const attachmentBytes = useLogStore((state) => state.session.attachmentBytes)
  return (
    <div className={styles['result-details']}>
      <dl className={styles['result-facts']}>
        {result.queueId && (
          <Fact label="Queue id" testId="queue-id">
            <VisibleText text={result.queueId} />
          </Fact>
        )}
        {result.finalReply && (
          <Fact label="Final reply" testId="final-reply" serverText>
            {result.finalReply.code}
            {result.finalReply.enhanced ? ` ${result.finalReply.enhanced}` : ''} <VisibleText text={result.finalReply.lines.join(' ')} />
          </Fact>
        )}
        <Fact label="Duration">{formatDuration(result.durationMs)}</Fact>
        {result.dataBytes > 0 && (
          <Fact label="Size" testId="message-size">
            {wireSizeText(result.dataBytes, attachmentBytes)}
          </Fact>
        )}
      </dl>
      {/* A cancel is no error to explain: the banner says it, neutrally. */}
      {result.error && result.error.code !== 'ECANCELLED' && <ErrorDetails error={result.error} />}
      <RecipientTable recipients={result.recipients} />
      {result.timings.length > 0 && <PhaseWaterfall timings={result.timings} durationMs={result.durationMs} />}
    </div>
  )
}

/** A label and its value, kept together when the facts wrap (a div groups them in a dl). */
function Fact({ label, testId, serverText, children }: { label: string; testId?: string; serverText?: boolean; children: ReactNode }) {
  return (
    <div className={styles['result-fact']}>
      <dt>{label}</dt>
      <dd className={serverText ? `mono ${styles['server-text']}` : 'mono'} data-testid={testId}>
        {children}
      </dd>
    </div>
  )
}

function ErrorDetails({ error }: { error: SmtpErrorInfo }) {
  const hint = remedyHint(error)
  // The live session ran with the selected server: the certificate actions change that
  // profile. A History entry's log has a store of its own, and no actions.
  const live = (useLogStoreApi() as unknown) === (useAppStoreApi() as unknown)
  const selectedId = useAppStore((state) => state.profiles.selectedId)
  const profileId = live ? selectedId : undefined
  return (
    <div className={styles['result-error']} data-testid="result-error" role="alert">
      <p>
        <span className={`mono ${styles['error-code']}`}>{error.code}</span> <VisibleText text={error.message} />
      </p>
      {error.command && (
        <p className="mono">
          <span className="muted">after </span>
          <VisibleText text={error.command} />
        </p>
      )}
      {error.reply && (
        <p className={`mono ${styles['server-text']}`}>
          {error.reply.code}
          {error.reply.enhanced ? ` ${error.reply.enhanced}` : ''} <VisibleText text={error.reply.lines.join(' ')} />
        </p>
      )}
      {hint && (
        <p className={styles['error-remedy']} data-testid="error-remedy">
          {hint}
        </p>
      )}
      {error.remedy === 'trust-certificate' && profileId && <CertificateActions profileId={profileId} {...(error.presentedCa ? { presentedCa: error.presentedCa } : {})} />}
    </div>
  )
}
