// The paragraph after the transcript: what happened, to whom, where it was queued, and
// how long each step took. One block of lines, no blank lines, so it reads as one paragraph.
import type { PhaseTiming, RecipientResult, SendResult } from '../smtp/types'
import { palette, type Palette } from './colors'
import { formatReply } from './format-reply'
import { formatTlsSummary } from './format-tls'
import { describeReply, type FormatOptions } from './format-wire-event'
import { safeText } from './safe-text'

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** Addresses longer than this are not padded to: one very long one would push every reply far right. */
const ADDRESS_COLUMN_MAX = 40

function headline(result: SendResult, colors: Palette): string {
  const accepted = result.recipients.filter((recipient) => recipient.accepted).length
  const total = result.recipients.length
  const queued = result.queueId ? `, queued as ${safeText(result.queueId)}` : ''
  const final = result.finalReply ? ` (${formatReply(result.finalReply)})` : ''
  switch (result.status) {
    case 'sent':
      if (result.stoppedAfter && result.stoppedAfter !== 'dot') {
        const how = result.hungUp ? 'Hung up after' : 'Stopped after'
        const flag = result.hungUp ? '--drop-after' : '--quit-after'
        return colors.green(`${how} ${result.stoppedAfter} as asked (${flag}): every step up to it succeeded; no message was sent.`)
      }
      if (overLmtp(result)) return colors.green(`Delivered: ${total === 1 ? 'the recipient has' : `all ${total} recipients have`} the message (LMTP).`)
      return colors.green(`Sent: ${total === 1 ? 'the recipient was' : `all ${total} recipients were`} accepted${queued}`) + `${final}.`
    case 'partial':
      if (overLmtp(result)) return colors.yellow(`Partly delivered: ${accepted} of ${plural(total, 'recipient')} delivered, the server refused the rest.`)
      return colors.yellow(`Partly sent: ${accepted} of ${plural(total, 'recipient')} accepted, the server refused the rest${queued}`) + `${final}.`
    case 'refused':
      if (total > 0 && accepted === 0) {
        return colors.red(`Refused: the server refused ${total === 1 ? 'the recipient' : `all ${total} recipients`}; nothing was delivered.`)
      }
      return colors.red('Refused: the server refused the message') + `${final}.`
    case 'failed':
      return colors.red(`Failed: ${result.error ? safeText(result.error.message) : 'the session did not complete'}.`)
    case 'unknown':
      if (result.hungUp) return colors.yellow('Hung up right after the final dot, as asked (--drop-after dot): the server never answered it, so the message may or may not be delivered.')
      return colors.yellow(
        'Outcome unknown: the message was sent but the server never confirmed it, so it may have been delivered. Check the mailbox before sending again.',
      )
  }
}

/** LMTP: each recipient that got the message has its own reply to it (RFC 2033 4.2). */
const overLmtp = (result: SendResult) => result.recipients.some((recipient) => recipient.delivery !== undefined)

/** One recipient's outcome; words and addresses padded so the replies line up. */
function recipientLine(recipient: RecipientResult, width: number, lmtp: boolean, colors: Palette): string {
  // Over LMTP the recipient's own reply after the message says whether it was delivered.
  const reply = recipient.delivery ?? recipient.reply
  const word = (recipient.accepted ? (lmtp ? 'delivered' : 'accepted') : 'refused').padEnd(lmtp ? 9 : 8)
  const outcome = recipient.accepted ? colors.green(word) : colors.red(word)
  const meaning = colors.dim(`(${describeReply(reply.code, reply.enhanced)})`)
  return `  ${outcome}  ${safeText(recipient.address).padEnd(width)}  ${formatReply(reply)}  ${meaning}`
}

export function formatTimings(timings: readonly PhaseTiming[], durationMs: number): string {
  const steps = timings.map((timing) => `${timing.phase} ${(timing.end - timing.start).toFixed(1)}ms`)
  return `Timings: ${[...steps, `total ${durationMs.toFixed(1)}ms`].join(', ')}.`
}

/** The result paragraph, ending with a line break. */
export function formatResult(result: SendResult, options: FormatOptions = {}): string {
  const colors = palette(options.color)
  const lines = [colors.bold(headline(result, colors))]
  if (result.recipients.length > 0) {
    const width = Math.min(ADDRESS_COLUMN_MAX, Math.max(...result.recipients.map((recipient) => safeText(recipient.address).length)))
    const lmtp = overLmtp(result)
    lines.push('Recipients:', ...result.recipients.map((recipient) => recipientLine(recipient, width, lmtp, colors)))
  }
  // 'failed' has the error in its headline; 'refused' and 'partial' in the recipient lines.
  if (result.error && result.status !== 'failed' && result.status !== 'refused' && result.status !== 'partial') lines.push(`Error: ${safeText(result.error.message)}`)
  if (result.error?.reply) {
    lines.push(`Server said: ${formatReply(result.error.reply)}  ${colors.dim(`(${describeReply(result.error.reply.code, result.error.reply.enhanced)})`)}`)
  }
  if (result.tls) lines.push(`TLS: ${formatTlsSummary(result.tls)}.`)
  if (result.dataBytes > 0) lines.push(`Message: ${plural(result.dataBytes, 'byte')} sent ${result.chunks ? `in ${plural(result.chunks, 'BDAT chunk')}` : 'through DATA'}.`)
  lines.push(colors.dim(formatTimings(result.timings, result.durationMs)))
  return `${lines.join('\n')}\n`
}
