// smtp-server's `logger` option, used as a tap on what the server writes. smtp-server
// logs each reply at debug level as ('S:', payload) with `tnx: 'send'` and the connection
// id as `cid`, right after the socket write. Every level must exist: smtp-server sends
// a level the logger lacks to another level, which would mix its other messages in here.
import type { SessionRecorder } from './session-recorder'

type LogEntry = { tnx?: unknown; cid?: unknown } | undefined

export interface ProtocolLogger {
  trace(): void
  debug(entry: LogEntry, message?: unknown, ...args: unknown[]): void
  info(): void
  warn(): void
  error(): void
  fatal(): void
}

export function createProtocolLogger(recorderFor: (sessionId: string) => SessionRecorder | undefined): ProtocolLogger {
  const ignore = (): void => {}
  return {
    trace: ignore,
    info: ignore,
    warn: ignore,
    error: ignore,
    fatal: ignore,
    debug(entry, message, ...args) {
      if (entry?.tnx !== 'send' || message !== 'S:' || typeof entry.cid !== 'string') return
      const payload = args[0]
      if (typeof payload === 'string') recorderFor(entry.cid)?.serverReply(payload)
    },
  }
}
