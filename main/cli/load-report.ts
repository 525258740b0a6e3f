// A load send's figures as people read them: the progress bar while it runs and the summary
// at the end (the JSON face is the snapshot itself).
import { formatWireEvent } from '../report/format-wire-event'
import { safeText } from '../report/safe-text'
import type { LoadSnapshot } from '../smtp/load/stats'
import { formatDuration } from './terminal-line'

const BAR_WIDTH = 24

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`

/** "[######..........]  2,310/10,000  812 msg/s  9.5 s left": fits STATUS_LINE_MAX. */
export function loadProgressLine(snapshot: LoadSnapshot): string {
  const done = snapshot.finished + snapshot.notSent
  const filled = Math.min(BAR_WIDTH, Math.floor((done / snapshot.requested) * BAR_WIDTH))
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`
  const counts = `${done.toLocaleString('en-US')}/${snapshot.requested.toLocaleString('en-US')}`
  const parts = [bar, counts, `${Math.round(snapshot.messagesPerSecond).toLocaleString('en-US')} msg/s`]
  if (snapshot.messagesPerSecond > 0 && done < snapshot.requested) {
    parts.push(`${formatDuration(((snapshot.requested - done) / snapshot.messagesPerSecond) * 1000)} left`)
  }
  if (snapshot.failed > 0) parts.push(`${snapshot.failed.toLocaleString('en-US')} failed`)
  return parts.join('  ')
}

/** The summary after the run: rate, latency, codes, then the first of each kind of failure with its transcript. */
export function formatLoadSummary(snapshot: LoadSnapshot, server: string, options: { color: boolean }): string {
  const lines: string[] = []
  const { latencyMs } = snapshot
  const how = snapshot.cancelled ? 'Load send cancelled' : 'Load send'
  lines.push(`${how}: ${plural(snapshot.requested, 'message')} over ${plural(snapshot.connections, 'connection')} to ${server} in ${formatDuration(snapshot.elapsedMs)}`)
  lines.push(`  accepted   ${snapshot.accepted.toLocaleString('en-US')}, failed ${snapshot.failed.toLocaleString('en-US')}, not sent ${snapshot.notSent.toLocaleString('en-US')}`)
  lines.push(`  rate       ${snapshot.messagesPerSecond.toLocaleString('en-US')} messages/s`)
  if (latencyMs) lines.push(`  latency    p50 ${latencyMs.p50} ms, p95 ${latencyMs.p95} ms, p99 ${latencyMs.p99} ms (max ${latencyMs.max} ms)`)
  const codes = Object.entries(snapshot.replyCodes).map(([code, count]) => `${code} x${count.toLocaleString('en-US')}`)
  if (codes.length > 0) lines.push(`  replies    ${codes.join(', ')}`)
  if (snapshot.failures.length > 0) {
    lines.push('', 'Failures (the first of each kind):')
    for (const failure of snapshot.failures) {
      const where = failure.message !== undefined ? `first message ${failure.message + 1} on connection ${failure.connection}` : `connection ${failure.connection}`
      lines.push(`  ${safeText(failure.summary)}: ${plural(failure.count, 'time')}, ${where}`)
      for (const event of failure.transcript) lines.push(`    ${formatWireEvent(event, options)}`)
    }
  }
  return `${lines.join('\n')}\n`
}
