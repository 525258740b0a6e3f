// A transcript as the steps of an SMTP session (greeting, EHLO, STARTTLS, the handshake,
// AUTH, MAIL, each RCPT, DATA or BDAT, the final reply, QUIT): each command with the reply
// that answered it and its time. Replies are matched to commands in the order they were
// sent, as the server must answer them (RFC 2920 section 3.1), so pipelined sessions pair
// up too. Pure: the CLI's `mailwire diff` and the app's compare view both read this.
import type { TlsInfo, WireEvent } from '../smtp/types'

export interface StepReply {
  code: number
  enhanced?: string
  /** Each line's text after the code. */
  lines: string[]
}

export interface SessionStep {
  /** Steps of two sessions with the same key are compared with each other. */
  key: string
  label: string
  /** The first command line of the step, as logged (credentials masked). */
  command?: string
  /** The last reply of the step (AUTH has several, LMTP one per recipient after the dot). */
  reply?: StepReply
  /** ms since the session started. */
  startAt: number
  endAt?: number
  /** The EHLO keyword lines (after the greeting line). */
  capabilities?: string[]
  tls?: TlsInfo
  secure: boolean
}

/** Reply lines: "250-SIZE 1000" / "250 OK"; the dash says more lines follow (RFC 5321 4.2.1). */
const REPLY_LINE = /^(\d{3})([ -]?)(.*)$/
const BDAT_CHUNK = /^\[chunk \d+:/
const ADDRESS = /<([^>]*)>/

function keyOf(command: string, secure: boolean, inData: boolean): { key: string; label: string } | 'content' {
  if (inData) return command === '.' ? { key: 'final', label: 'final reply' } : 'content'
  // The engine notes each chunk's bytes after its BDAT command: message, not a command.
  if (BDAT_CHUNK.test(command)) return 'content'
  const verb = (command.split(/[\s:]/)[0] ?? '').toUpperCase()
  switch (verb) {
    case 'EHLO':
    case 'HELO':
    case 'LHLO':
      return secure ? { key: 'ehlo-tls', label: `${verb} (inside TLS)` } : { key: 'ehlo', label: verb }
    case 'DATA':
    case 'BDAT':
      // One step for the message either way, so a DATA session lines up with a BDAT one.
      return { key: 'data', label: verb }
    case 'MAIL':
      return { key: 'mail', label: 'MAIL FROM' }
    case 'RCPT': {
      const address = ADDRESS.exec(command)?.[1] ?? command.slice(8)
      return { key: `rcpt ${address.toLowerCase()}`, label: `RCPT TO:<${address}>` }
    }
    default:
      return { key: verb.toLowerCase(), label: verb }
  }
}

/** The steps of a transcript, in the order their commands were sent. */
export function sessionSteps(transcript: readonly WireEvent[]): SessionStep[] {
  const steps: SessionStep[] = []
  const used = new Map<string, number>()
  /** Commands still waiting for their reply, oldest first (a step once per command line). */
  const waiting: SessionStep[] = []
  let reply: StepReply | undefined
  let inMessage = false
  let lastAt = 0
  let authStep: SessionStep | undefined

  const add = (key: string, label: string, startAt: number, secure: boolean): SessionStep => {
    const count = (used.get(key) ?? 0) + 1
    used.set(key, count)
    const step: SessionStep = { key: count === 1 ? key : `${key}#${count}`, label, startAt, secure }
    steps.push(step)
    return step
  }

  for (const event of transcript) {
    if (event.kind === 'client') {
      const found = keyOf(event.text, event.secure, inMessage)
      if (found === 'content') continue
      if (found.key === 'final') inMessage = false
      // AUTH LOGIN's user name and password lines (masked) answer 334s: they belong to AUTH.
      const continuesAuth = event.phase === 'auth' && authStep !== undefined && found.key !== 'auth'
      const continuesBdat = found.label === 'BDAT' && steps.at(-1)?.label === 'BDAT'
      const step = continuesAuth ? authStep! : continuesBdat ? steps.at(-1)! : add(found.key, found.label, event.at, event.secure)
      step.command ??= event.text
      if (found.key === 'auth') authStep = step
      waiting.push(step)
    } else if (event.kind === 'server' && event.reply) {
      const [, , separator = '', text = ''] = REPLY_LINE.exec(event.text) ?? []
      reply ??= { code: event.reply.code, ...(event.reply.enhanced ? { enhanced: event.reply.enhanced } : {}), lines: [] }
      reply.lines.push(event.reply.enhanced && text.startsWith(event.reply.enhanced) ? text.slice(event.reply.enhanced.length).trimStart() : text)
      if (separator === '-') continue
      // Before any command, the reply is the greeting; later, one nobody asked for (a 421 on its own).
      const step =
        waiting.shift() ??
        (steps.some((s) => s.key === 'greeting') ? add('unsolicited', 'reply without a command', lastAt, event.secure) : add('greeting', 'greeting', lastAt, event.secure))
      step.reply = reply
      step.endAt = event.at
      if (step.key.startsWith('ehlo')) step.capabilities = reply.lines.slice(1)
      if (step.label === 'DATA' && reply.code === 354) inMessage = true
      reply = undefined
    } else if (event.kind === 'tls' && event.tls) {
      const step = add('tls', 'TLS handshake', lastAt, true)
      step.tls = event.tls
      step.endAt = event.at
    }
    lastAt = event.at
  }
  const bdat = steps.find((step) => step.label === 'BDAT')
  // BDAT has no dot: the reply to its LAST chunk is the final reply.
  if (bdat?.reply && !steps.some((step) => step.key === 'final')) {
    const final: SessionStep = { key: 'final', label: 'final reply', reply: bdat.reply, startAt: bdat.startAt, secure: bdat.secure }
    if (bdat.endAt !== undefined) final.endAt = bdat.endAt
    steps.splice(steps.indexOf(bdat) + 1, 0, final)
  }
  return steps
}

/** How long the step took, when it completed. */
export function stepDuration(step: SessionStep): number | undefined {
  return step.endAt === undefined ? undefined : Math.max(0, step.endAt - step.startAt)
}
