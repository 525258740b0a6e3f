// A whole reply on one line, for result summaries: "550 5.1.1 User unknown / try later".
import type { Reply } from '../smtp/types'
import { safeText } from './safe-text'

/** Characters of reply text kept in a one-line summary; the transcript above has all of it. */
const SUMMARY_REPLY_CHARS = 200

export function formatReply(reply: Reply): string {
  const text = reply.lines.filter((line) => line !== '').join(' / ')
  const head = reply.enhanced ? `${reply.code} ${reply.enhanced}` : String(reply.code)
  return text ? `${head} ${safeText(text, { maxChars: SUMMARY_REPLY_CHARS })}` : head
}
