// A load send: N copies of one message over C connections, each connection one sendMany
// session pulling the next copy from a shared count (so a fast connection takes more), the
// figures kept by LoadStats. Shared by `mailwire send --repeat` and the app's Load part.
import { performance } from 'node:perf_hooks'
import { sendMany } from '../send-many'
import type { BatchMessage, Capabilities, Envelope, MessageFactory, MessageSource, SessionOptions, WireEvent } from '../types'
import { LoadStats, type LoadSnapshot } from './stats'

export interface LoadOptions {
  /** The session settings of every connection (its onWire is replaced; its signal stops them all). */
  session: Omit<SessionOptions, 'onWire'>
  envelope: Envelope
  message: MessageFactory
  messages: number
  connections: number
  /** A snapshot at most every progressMs while it runs (default 250); a throw here is ignored. */
  onProgress?: (snapshot: LoadSnapshot) => void
  progressMs?: number
}

/** Progress at most this often: a terminal line or a window redrawn faster shows nothing more. */
export const LOAD_PROGRESS_MS = 250
/**
 * Wire events kept per connection for the transcript of a failure. Enough for the setup and
 * a message (with few data lines shown); older ones are dropped so memory stays flat.
 */
const TRANSCRIPT_EVENTS = 200
/** Data lines shown in a load send's transcripts: the headers are enough to tell which message. */
const LOAD_DATA_LINES_SHOWN = 5

/** Run the load; resolves with the final figures (never rejects: failures are in them). */
export async function runLoad(options: LoadOptions): Promise<LoadSnapshot> {
  const now = () => performance.now()
  const stats = new LoadStats(options.messages, options.connections, now())
  let handedOut = 0
  const message = reusedSource(options.message)
  const interval = options.progressMs ?? LOAD_PROGRESS_MS
  let lastProgress = 0
  const progress = (force = false) => {
    if (!options.onProgress) return
    const at = now()
    if (!force && at - lastProgress < interval) return
    lastProgress = at
    try {
      options.onProgress(stats.snapshot(at))
    } catch {
      // The caller's listener must not break the run.
    }
  }
  const timer = options.onProgress ? setInterval(() => progress(), interval) : undefined

  const connection = async (number: number) => {
    const log = new ConnectionLog()
    // The run-wide numbers of the copies this connection took, oldest first: results come in that order.
    const numbers: number[] = []
    let taken = 0
    let results = 0
    const copies: Iterable<BatchMessage> = {
      [Symbol.iterator]: () => ({
        next: () => {
          if (handedOut >= options.messages || options.session.signal?.aborted) return { done: true, value: undefined }
          numbers.push(handedOut++)
          taken++
          return { done: false, value: { envelope: options.envelope, message } }
        },
      }),
    }
    const batch = await sendMany(
      { dataLinesShown: LOAD_DATA_LINES_SHOWN, ...options.session, onWire: (event) => log.add(event) },
      copies,
      {
        // The figures are taken as results come (LoadStats): keeping each one would grow with N.
        keepResults: false,
        onResult: (result) => {
          results++
          stats.addResult(result, { connection: number, message: numbers.shift() ?? 0 }, () => log.current())
          log.next()
          progress()
        },
      },
    )
    // A session that failed before its first message (connect, TLS, AUTH) is a failure of
    // its own; one that failed during a message is already in that message's result.
    if (batch.error && results === 0 && !options.session.signal?.aborted) stats.addConnectionFailure(batch.error, number, () => log.current())
    // Taken from the shared count but never tried: its session ended with them planned ahead.
    stats.addNotSent(taken - results)
  }

  try {
    await Promise.all(Array.from({ length: options.connections }, (_, i) => connection(i + 1)))
  } finally {
    if (timer) clearInterval(timer)
  }
  stats.end(now(), options.session.signal?.aborted ?? false)
  const final = stats.snapshot(now())
  progress(true)
  return final
}

/**
 * The message composed once per set of capabilities when it is in memory, then handed out
 * again for each copy: MIME composition per copy would measure our composer, not the server.
 * A streamed message (a big file) is opened afresh for each copy.
 */
function reusedSource(factory: MessageFactory): MessageFactory {
  const composed = new WeakMap<Capabilities, MessageSource>()
  return (caps) => {
    const known = composed.get(caps)
    if (known) return known
    const made = factory(caps)
    const keep = (source: MessageSource) => {
      if (source.bytes) composed.set(caps, source)
      return source
    }
    return made instanceof Promise ? made.then(keep) : keep(made)
  }
}

const MAIL_FROM = /^MAIL FROM:/i

/**
 * A connection's recent wire events, and where each message's MAIL FROM is among them. A
 * message's transcript runs from its MAIL FROM (the session's first event for the first
 * message) to its result: replies arrive in one read and are logged before the result is
 * known, and with PIPELINING the next message's commands are already out, so cutting at the
 * previous result would hand a message's replies to the one before it.
 */
class ConnectionLog {
  private events: WireEvent[] = []
  /** Indexes in `events` of the MAIL FROM of each message that has no result yet. */
  private starts: number[] = []
  private first = true

  add(event: WireEvent): void {
    if (event.kind === 'client' && MAIL_FROM.test(event.text)) this.starts.push(this.events.length)
    this.events.push(event)
    if (this.events.length > TRANSCRIPT_EVENTS) this.drop(this.events.length - TRANSCRIPT_EVENTS / 2)
  }

  /** The transcript of the message whose result just came (or of the connection's failure). */
  current(): WireEvent[] {
    const start = this.first ? 0 : (this.starts[0] ?? 0)
    return this.events.slice(start)
  }

  /** That message is done: its events are no longer kept. */
  next(): void {
    this.first = false
    this.starts.shift()
    this.drop(this.starts[0] ?? this.events.length)
  }

  private drop(count: number): void {
    if (count <= 0) return
    this.events = this.events.slice(count)
    this.starts = this.starts.map((index) => index - count).filter((index) => index >= 0)
  }
}
