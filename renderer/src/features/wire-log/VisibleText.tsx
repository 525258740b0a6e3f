import { Fragment, type ReactNode } from 'react'
import { matchRanges, visibleSegments, type TextSegment } from './visible-text'
import styles from './wire-log.module.css'
import { classNames } from '../../shared/class-names'

interface VisibleTextProps {
  text: string
  /** Highlight case-insensitive occurrences of this. */
  query?: string
}

/**
 * Untrusted text, shown as text: plain runs are React text nodes (never HTML), control
 * and bidi characters become labelled stand-ins, search hits are wrapped in <mark>.
 */
export function VisibleText({ text, query = '' }: VisibleTextProps) {
  const ranges = matchRanges(text, query)
  const segments = visibleSegments(text)
  return <>{segments.map((segment) => renderSegment(segment, ranges))}</>
}

function renderSegment(segment: TextSegment, ranges: Array<[number, number]>): ReactNode {
  const end = segment.start + segment.text.length
  if (segment.kind === 'control') {
    const hit = ranges.some(([from, to]) => from < end && to > segment.start)
    return (
      <span
        key={segment.start}
        className={classNames(styles['ctl'], styles[`ctl-${segment.family}`], hit && styles['hit'])}
        title={segment.label}
        aria-label={segment.label}
        data-testid="control-char"
      >
        {segment.glyph}
      </span>
    )
  }
  const pieces: ReactNode[] = []
  let cursor = segment.start
  for (const [from, to] of ranges) {
    if (to <= cursor || from >= end) continue
    const markFrom = Math.max(from, cursor)
    const markTo = Math.min(to, end)
    if (markFrom > cursor) pieces.push(segment.text.slice(cursor - segment.start, markFrom - segment.start))
    pieces.push(
      <mark key={markFrom} className={styles['hit']}>
        {segment.text.slice(markFrom - segment.start, markTo - segment.start)}
      </mark>,
    )
    cursor = markTo
  }
  if (cursor < end) pieces.push(segment.text.slice(cursor - segment.start))
  return <Fragment key={segment.start}>{pieces}</Fragment>
}
