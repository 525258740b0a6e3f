// One command line as the connection sends it: refused when it carries CR, LF or NUL, its
// verb, the phase it belongs to, how long its reply may take, and the text the wire log
// shows (credentials masked).
import { SmtpError } from './errors'
import { replyTimeoutFor } from './timeouts'
import type { Phase, Timeouts } from './types'
import { MASK } from './wire-log'

export interface CommandOptions {
  /** What the wire log and errors show instead of the line (credentials masked). */
  display?: string
  /** The phase the command belongs to; by default from its verb. */
  phase?: Phase
}

export interface CommandLine extends CommandOptions {
  line: string
}

export interface DescribedCommand {
  line: string
  /** Upper case; "AUTH" for a response inside an AUTH exchange. */
  verb: string
  display: string
  phase: Phase
  timeoutMs: number
}

/** CR, LF or NUL in a command line would end it early and inject another (RFC 5321 2.3.8). */
const UNSAFE_IN_COMMAND = /[\r\n\0]/

const VERB_PHASE: Record<string, Phase> = {
  EHLO: 'ehlo',
  HELO: 'ehlo',
  LHLO: 'ehlo',
  STARTTLS: 'starttls',
  AUTH: 'auth',
  MAIL: 'mail',
  RCPT: 'rcpt',
  DATA: 'data',
  BDAT: 'data',
  QUIT: 'quit',
}

/**
 * The command word, upper case ("MAIL" from "mail from:<a@b>"). Leading blanks are skipped
 * as servers skip them (Postfix takes " DATA" as DATA): a typed line with one must still
 * count as AUTH (masked), DATA (the body guarded) or STARTTLS.
 */
export function verbOf(line: string): string {
  return (/^\s*(\S*)/.exec(line)?.[1] ?? '').toUpperCase()
}

/** "AUTH PLAIN ****": the mechanism stays visible, an initial response never does. */
export function maskAuth(line: string): string {
  const match = /^(\s*AUTH\s+\S+)\s+\S/i.exec(line)
  return match ? `${match[1]} ${MASK}` : line
}

/**
 * Describe a line for sending. `authContinues`: the last reply was a 334 inside AUTH, so
 * this line is a (secret) response, not a command.
 */
export function describeCommand(
  command: CommandLine,
  context: { authContinues: boolean; phase: Phase; timeouts: Timeouts },
): DescribedCommand {
  const { line } = command
  const verb = context.authContinues ? 'AUTH' : verbOf(line)
  const phase = command.phase ?? (context.authContinues ? 'auth' : (VERB_PHASE[verb] ?? context.phase))
  if (UNSAFE_IN_COMMAND.test(line)) {
    const shown = command.display ?? (context.authContinues ? MASK : verb)
    throw new SmtpError('EPROTOCOL', `refusing to send a command containing CR, LF or NUL: ${JSON.stringify(shown)}`, { phase })
  }
  const display = command.display ?? (context.authContinues ? MASK : maskAuth(line))
  return { line, verb, display, phase, timeoutMs: replyTimeoutFor(verb, context.timeouts) }
}

/**
 * A command of a mail transaction (MAIL, RCPT, DATA, BDAT) built by the engine from a checked
 * envelope: its verb and phase are known and it carries no credential, so only the CR, LF
 * and NUL check runs (a second line of defence behind the envelope checks).
 */
export function transactionCommand(line: string, verb: 'MAIL' | 'RCPT' | 'DATA' | 'BDAT', timeouts: Timeouts): DescribedCommand {
  const phase = VERB_PHASE[verb]!
  if (UNSAFE_IN_COMMAND.test(line)) {
    throw new SmtpError('EPROTOCOL', `refusing to send a command containing CR, LF or NUL: ${JSON.stringify(verb)}`, { phase })
  }
  return { line, verb, display: line, phase, timeoutMs: replyTimeoutFor(verb, timeouts) }
}

/** Command lines as written: each ends with CRLF. */
export function linesPayload(entries: readonly DescribedCommand[]): Buffer {
  let text = ''
  for (const entry of entries) text += `${entry.line}\r\n`
  return Buffer.from(text, 'utf8')
}
