import { memo } from 'react'
import type { WireEvent } from '../../../../preload/contract'
import { LockIcon } from '../../shared/icons'
import { ReplyBadge } from './ReplyBadge'
import { TlsBoundary } from './TlsBoundary'
import { VisibleText } from './VisibleText'
import { LINE_CUT_LENGTH } from './visible-text'
import { formatDuration, formatRowTime } from './format-line'
import { KIND_STYLES, markerLabelOf, markerOf, PHASE_LABELS } from './wire-kinds'
import { STOP_LABELS, stopNoteOf } from './stop-note'
import styles from './wire-log.module.css'

export interface WireRowProps {
  /** The row's element id (the list's aria-activedescendant names it). */
  id: string
  /** 1-based position among all rows, rendered or not (aria-rowindex). */
  rowIndex: number
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
  const stop = stopNoteOf(event)
  const classes = [
    styles['wire-row'],
    styles[style.className],
    event.secure ? styles['secure'] : '',
    selected ? styles['selected'] : '',
    activeHit ? styles['active-hit'] : '',
    phaseStart ? styles['phase-start'] : '',
    stop ? styles['stop-note'] : '',
    `phase-${event.phase}`,
  ]
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      id={props.id}
      role="row"
      aria-rowindex={props.rowIndex}
      aria-selected={selected}
      data-testid="wire-row"
      data-kind={event.kind}
      data-seq={event.seq}
      data-stop={stop}
      data-progress={event.progress || undefined}
      data-active-hit={activeHit || undefined}
      onClick={(mouse) => {
        // Clicking a control inside the row (badge, expand) must not change the selection.
        if ((mouse.target as HTMLElement).closest('button')) return
        props.onSelect(index, mouse.shiftKey)
      }}
    >
      <span className={styles['wire-phase']} role="gridcell" data-testid={phaseStart ? 'phase-label' : undefined}>
        {phaseStart ? PHASE_LABELS[event.phase] : ''}
      </span>
      <span className={styles['wire-time']} role="gridcell" data-testid="wire-time" title="time since the session started">
        {formatRowTime(event.at)}
      </span>
      {/* The TLS boundary draws its own lock, larger, in its summary. */}
      {/* Read as its label ("client sent", "server replied", "TLS"), not as the arrow glyph. */}
      <span className={styles['wire-marker']} role="gridcell" data-testid="wire-marker" title={markerLabelOf(event)} aria-label={markerLabelOf(event)}>
        {event.tls ? null : style.icon === 'lock' ? <LockIcon className={styles['marker-icon']} /> : markerOf(event)}
        {event.secure && (event.kind === 'client' || event.kind === 'server') && <LockIcon className={styles['marker-lock']} testId="marker-lock" />}
      </span>
      <span className={styles['wire-text']} role="gridcell" data-testid="wire-text">
        {event.kind === 'tls' && event.tls ? (
          <TlsBoundary tls={event.tls} open={tlsOpen} tabbable={selected} onToggle={() => props.onToggleTls(index)} />
        ) : (
          <>
            {stop && (
              <span className={styles['stop-badge']} data-testid="stop-badge">
                ■ {STOP_LABELS[stop]}
              </span>
            )}
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
                // Like the reply code: a Tab stop only in the selected row, so Tab leaves the log.
                tabIndex={selected ? 0 : -1}
                onClick={() => props.onToggleExpanded(index)}
              >
                {expanded ? 'show less' : `… ${(rest.length - LINE_CUT_LENGTH).toLocaleString('en')} more characters, show all`}
              </button>
            )}
          </>
        )}
      </span>
      <span className={styles['wire-rtt']} role="gridcell" data-testid="wire-rtt" title={event.rtt !== undefined ? 'round-trip time of this reply' : undefined}>
        {event.rtt !== undefined ? formatDuration(event.rtt) : ''}
      </span>
    </div>
  )
})
