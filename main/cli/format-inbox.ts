// The local inbox as text: a message arriving, the inbox's own side of a session, and
// what it received. Everything here came from a client, so all of it is printed through
// safeText (a sender could put terminal escapes in a subject or an address).
import { formatElapsed } from '../report/format-wire-event'
import { paintForCode, palette, type Palette } from '../report/colors'
import { safeText } from '../report/safe-text'
import type { InboxSession, MailboxAddress, MessageSummary, SessionEvent, StoredMessage } from '../inbox/types'
import { flagNameOf } from './fault-flags'

/**
 * The inbox's side, marked apart from the client's `->`/`<-`: S for server, then the
 * direction as the server saw it, `~` once inside TLS, `==` for the inbox's own notes.
 */
export const INBOX_MARKERS = {
  received: 'S<-',
  sent: 'S->',
  secureReceived: 'S<~',
  secureSent: 'S~>',
  note: 'S==',
} as const

/** How the inbox's recorder words the end of a STARTTLS handshake (session-recorder.ts). */
const TLS_STARTED_NOTE = 'TLS started'
/** Lines of the received text body shown; the whole message is in the inbox. */
const PREVIEW_LINES = 3
const PREVIEW_CHARS = 200

function clock(iso: string): string {
  const date = new Date(iso)
  const two = (n: number) => String(n).padStart(2, '0')
  return Number.isNaN(date.getTime()) ? iso : `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
}

function mailbox(address: MailboxAddress): string {
  return address.name ? `${address.name} <${address.address}>` : address.address
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** One line per arriving message: time, envelope from and to, subject, size, id. */
export function formatArrival(message: MessageSummary, options: { color?: boolean } = {}): string {
  const colors = palette(options.color)
  const from = message.envelope.mailFrom === '' ? '<>' : message.envelope.mailFrom
  const to = message.envelope.rcptTo.join(', ')
  const subject = message.subject === undefined ? colors.dim('(no subject)') : `"${safeText(message.subject)}"`
  const extras = [message.secure ? 'TLS' : 'no TLS', ...(message.authUser !== undefined ? [`AUTH ${safeText(message.authUser)}`] : [])]
  return [
    colors.dim(clock(message.receivedAt)),
    `${safeText(from)} -> ${safeText(to)}`,
    subject,
    plural(message.size, 'byte'),
    colors.bold(message.id),
    colors.dim(`(${extras.join(', ')})`),
  ].join('  ')
}

/** A session that delivered nothing (refused, dropped, a fault acted): worth a line too. */
export function formatEmptySession(session: InboxSession, options: { color?: boolean } = {}): string {
  const colors = palette(options.color)
  const names = session.faults.map((field) => flagNameOf(field) ?? field)
  const faults = names.length > 0 ? `; fault ${names.join(', ')} acted` : ''
  const client = `${session.client.address}:${session.client.port}`
  return colors.dim(`${clock(session.endedAt ?? session.startedAt)}  session ${session.id} from ${client} ended without a message${faults}`)
}

function eventLine(event: SessionEvent, secure: boolean, colors: Palette): string {
  const text = safeText(event.text)
  const time = colors.dim(formatElapsed(event.at))
  switch (event.direction) {
    case 'in':
      return `${time} ${colors.dim(secure ? INBOX_MARKERS.secureReceived : INBOX_MARKERS.received)} ${colors.cyan(text)}`
    case 'out': {
      const code = /^([2-5]\d\d)/.exec(event.text)
      return `${time} ${colors.dim(secure ? INBOX_MARKERS.secureSent : INBOX_MARKERS.sent)} ${paintForCode(colors, code ? Number(code[1]) : undefined)(text)}`
    }
    case 'info':
      return `${time} ${colors.dim(INBOX_MARKERS.note)} ${colors.magenta(text)}`
  }
}

/** The inbox's record of one session as transcript lines, ending with a line break. */
export function formatInboxSession(session: InboxSession, options: { color?: boolean } = {}): string {
  const colors = palette(options.color)
  let secure = false
  const lines = session.events.map((event) => {
    const line = eventLine(event, secure, colors)
    if (event.direction === 'info' && event.text.startsWith(TLS_STARTED_NOTE)) secure = true
    return line
  })
  if (session.eventsTruncated) lines.push(colors.dim('          … (the inbox records a bounded number of lines per session)'))
  return `${lines.join('\n')}\n`
}

function addressLine(label: string, addresses: MailboxAddress[]): string[] {
  return addresses.length > 0 ? [`  ${label.padEnd(11)}${safeText(addresses.map(mailbox).join(', '))}`] : []
}

function textPreview(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return ['  Text       (none)']
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n')
  const shown = lines.slice(0, PREVIEW_LINES).map((line) => safeText(line, { maxChars: PREVIEW_CHARS }))
  const more = lines.length > PREVIEW_LINES ? [`             … (${plural(lines.length - PREVIEW_LINES, 'more line')})`] : []
  return [`  Text       ${shown[0] ?? ''}`, ...shown.slice(1).map((line) => `             ${line}`), ...more]
}

/**
 * What the inbox kept: its envelope, main headers, a glance at the body, and its size next
 * to what the client sent through DATA (`dataBytes`, dot-stuffed: one more byte per line
 * that starts with a dot, RFC 5321 section 4.5.2; the server removes them on arrival).
 */
export function formatReceived(message: StoredMessage, dataBytes: number, options: { color?: boolean } = {}): string {
  const colors = palette(options.color)
  const { parsed, envelope } = message
  const how = [message.secure ? 'inside TLS' : 'without TLS', ...(message.authUser !== undefined ? [`logged in as "${safeText(message.authUser)}" (test credentials)`] : [])]
  const stuffed = dataBytes - message.size
  const sizeNote =
    stuffed === 0
      ? 'exactly the bytes Mailwire sent through DATA'
      : stuffed > 0
        ? `Mailwire sent ${plural(dataBytes, 'byte')} through DATA; the ${stuffed} more were dots doubled at line starts (dot-stuffing), removed on arrival`
        : `Mailwire sent ${plural(dataBytes, 'byte')} through DATA`
  const lines = [
    colors.bold(`Received by the inbox: message ${message.id}, ${plural(message.size, 'byte')}, ${how.join(', ')}.`),
    `  Envelope   MAIL FROM:<${safeText(envelope.mailFrom)}>  ${envelope.rcptTo.map((rcpt) => `RCPT TO:<${safeText(rcpt)}>`).join('  ')}`,
    ...addressLine('From', parsed.from),
    ...addressLine('To', parsed.to),
    ...addressLine('Cc', parsed.cc),
    `  Subject    ${parsed.subject === undefined ? '(none)' : safeText(parsed.subject)}`,
    ...(parsed.date ? [`  Date       ${safeText(parsed.date)}`] : []),
    ...(parsed.messageId ? [`  Message-ID ${safeText(parsed.messageId)}`] : []),
    ...textPreview(parsed.text),
    ...(parsed.html !== undefined ? [`  HTML       ${plural(parsed.html.length, 'character')}`] : []),
    ...(parsed.attachments.length > 0
      ? [`  Attached   ${parsed.attachments.map((a) => `${safeText(a.filename ?? '(unnamed)')} (${plural(a.size, 'byte')})`).join(', ')}`]
      : []),
    colors.dim(`  Size       ${plural(message.size, 'byte')} as stored: ${sizeNote}.`),
  ]
  return `${lines.join('\n')}\n`
}
