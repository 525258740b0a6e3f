import { memo } from 'react'
import type { WireEvent } from '../../../../preload/contract'
import { LockIcon } from '../../shared/icons'
import { ReplyBadge } from './ReplyBadge'
import { TlsBoundary } from './TlsBoundary'
import { VisibleText } from './VisibleText'
import { LINE_CUT_LENGTH } from './visible-text'
import { formatDuration, formatRowTime } from './format-line'
import { KIND_STYLES, markerLabelOf, markerOf, PHASE_LABELS } from './wire-kinds'
import styles from './wire-log.module.css'

export interface WireRowProps {
  event: WireEvent
  /** Absolute index of the event in the session. */
  index: number
  selected: boolean
  /** This row holds the highlighted search hit. */
  activeHit: boolean
  query: string
  /** First visible row of its phase: the gutter names the phase. */
  phaseStart: boolean
  expanded: boolean
  tlsOpen: boolean
  onSelect(index: number, extend: boolean): void
  onToggleExpanded(index: number): void
  onToggleTls(index: number): void
}

/** Splits a server line into its code (shown as a badge) and the rest ("-" or " " onwards). */
function splitReply(event: WireEvent): { code?: number; rest: string } {
  const code = event.reply?.code
  if (event.kind === 'server' && code !== undefined && event.text.startsWith(String(code))) {
    return { code, rest: event.text.slice(String(code).length) }
  }
  return { rest: event.text }
}

export const WireRow = memo(function WireRow(props: WireRowProps) {
  const { event, index, selected, activeHit, query, phaseStart, expanded, tlsOpen } = props
  const style = KIND_STYLES[event.kind]
  const { code, rest } = splitReply(event)
  const long = rest.length > LINE_CUT_LENGTH
  const shown = long && !expanded ? rest.slice(0, LINE_CUT_LENGTH) : rest
  const classes = [
    styles['wire-row'],
    styles[style.className],
    event.secure ? styles['secure'] : '',
    selected ? styles['selected'] : '',
    activeHit ? styles['active-hit'] : '',
    phaseStart ? styles['phase-start'] : '',
    `phase-${event.phase}`,
  ]
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      role="option"
      aria-selected={selected}
      data-testid="wire-row"
      data-kind={event.kind}
      data-seq={event.seq}
      data-active-hit={activeHit || undefined}
      onClick={(mouse) => {
        // Clicking a control inside the row (badge, expand) must not change the selection.
        if ((mouse.target as HTMLElement).closest('button')) return
        props.onSelect(index, mouse.shiftKey)
      }}
    >
      <span className={styles['wire-phase']} data-testid={phaseStart ? 'phase-label' : undefined}>
        {phaseStart ? PHASE_LABELS[event.phase] : ''}
      </span>
      <span className={styles['wire-time']} data-testid="wire-time" title="time since the session started">
        {formatRowTime(event.at)}
      </span>
      {/* The TLS boundary draws its own lock, larger, in its summary. */}
      <span className={styles['wire-marker']} data-testid="wire-marker" title={markerLabelOf(event)} aria-label={markerLabelOf(event)}>
        {event.tls ? null : style.icon === 'lock' ? <LockIcon className={styles['marker-icon']} /> : markerOf(event)}
        {event.secure && (event.kind === 'client' || event.kind === 'server') && <LockIcon className={styles['marker-lock']} testId="marker-lock" />}
      </span>
      <span className={styles['wire-text']} data-testid="wire-text">
        {event.kind === 'tls' && event.tls ? (
          <TlsBoundary tls={event.tls} open={tlsOpen} onToggle={() => props.onToggleTls(index)} />
        ) : (
          <>
            {code !== undefined && (
              <ReplyBadge code={code} enhanced={event.reply?.enhanced} tabbable={selected} />
            )}
            <VisibleText text={shown} query={query} />
            {long && (
              <button
                type="button"
                className={styles['expand-line']}
                data-testid="expand-line"
                aria-expanded={expanded}
                onClick={() => props.onToggleExpanded(index)}
              >
                {expanded ? 'show less' : `… ${(rest.length - LINE_CUT_LENGTH).toLocaleString('en')} more characters, show all`}
              </button>
            )}
          </>
        )}
      </span>
      <span className={styles['wire-rtt']} data-testid="wire-rtt" title={event.rtt !== undefined ? 'round-trip time of this reply' : undefined}>
        {event.rtt !== undefined ? formatDuration(event.rtt) : ''}
      </span>
    </div>
  )
})
