// Reads a session file (session-document.ts) and says in one sentence what is wrong with
// one that is not ours, is from a newer Mailwire, or is damaged. The checks cover what the
// wire log, the result and the comparison read, so an accepted file cannot break them.
import { SESSION_FORMAT, type SessionDocument } from './session-document'

export type SessionReadResult = { ok: true; document: SessionDocument } | { ok: false; error: string }

const WIRE_KINDS = new Set(['client', 'server', 'tls', 'info', 'error'])
const PHASES = new Set(['connect', 'greeting', 'ehlo', 'starttls', 'auth', 'mail', 'rcpt', 'data', 'quit'])

class Unreadable extends Error {}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function need(condition: boolean, problem: string): asserts condition {
  if (!condition) throw new Unreadable(problem)
}

function checkTranscript(transcript: unknown): void {
  need(Array.isArray(transcript), '"transcript" is not a list of wire events')
  transcript.forEach((event: unknown, index) => {
    const where = `transcript[${index}]`
    need(isObject(event), `${where} is not a wire event`)
    need(typeof event.seq === 'number' && typeof event.at === 'number', `${where} has no "seq" or "at" number`)
    need(typeof event.kind === 'string' && WIRE_KINDS.has(event.kind), `${where} has an unknown "kind"`)
    need(typeof event.text === 'string', `${where} has no "text"`)
    need(typeof event.phase === 'string' && PHASES.has(event.phase), `${where} has an unknown "phase"`)
    need(event.reply === undefined || (isObject(event.reply) && typeof event.reply.code === 'number'), `${where} has a "reply" without a code`)
    need(event.tls === undefined || isObject(event.tls), `${where} has a "tls" that is not an object`)
  })
}

function checkResult(result: unknown): void {
  need(isObject(result), '"result" is not an object')
  need(typeof result.status === 'string', '"result" has no "status"')
  need(Array.isArray(result.recipients), '"result" has no "recipients" list')
  need(Array.isArray(result.timings), '"result" has no "timings" list')
}

function checkProbe(probe: unknown): void {
  need(isObject(probe), '"probe" is not an object')
  need(typeof probe.host === 'string' && typeof probe.port === 'number', '"probe" has no host and port')
  need(Array.isArray(probe.timings), '"probe" has no "timings" list')
}

function checkDocument(value: unknown): SessionDocument {
  need(isObject(value), 'it is JSON, but not an object')
  const format = value.format
  if (format !== SESSION_FORMAT) {
    if (typeof format === 'string' && format.startsWith('mailwire-session/')) {
      throw new Unreadable(`it is a ${format} file, from a newer Mailwire; this version reads ${SESSION_FORMAT}`)
    }
    if (format === undefined && 'transcript' in value) {
      throw new Unreadable(`it has no "format": an export from before ${SESSION_FORMAT}; export it again, or run the command again with --json`)
    }
    throw new Unreadable(`it is not a Mailwire session file (no "format": "${SESSION_FORMAT}")`)
  }
  need(value.kind === 'send' || value.kind === 'probe', '"kind" is neither "send" nor "probe"')
  need(isObject(value.profile), '"profile" is missing')
  need(typeof value.profile.host === 'string' && typeof value.profile.port === 'number', '"profile" has no host and port')
  checkTranscript(value.transcript)
  if (value.kind === 'send') checkResult(value.result)
  else need(value.probe === undefined || isObject(value.probe), '"probe" is not an object')
  if (value.probe !== undefined) checkProbe(value.probe)
  need(value.envelope === undefined || (isObject(value.envelope) && Array.isArray(value.envelope.to)), '"envelope" has no "to" list')
  return value as unknown as SessionDocument
}

/** The document in `text`, or why it cannot be read; `name` (a file name) starts the error. */
export function readSessionDocument(text: string, name = 'the file'): SessionReadResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, error: `${name} is not a Mailwire session file: it is not JSON (${(error as Error).message})` }
  }
  try {
    return { ok: true, document: checkDocument(value) }
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error
    const prefix = error.message.startsWith('it ') ? `${name} cannot be opened: ` : `${name} is a damaged session file: `
    return { ok: false, error: `${prefix}${error.message}` }
  }
}
