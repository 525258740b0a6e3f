// The console of the window: at most one open connection (console-session.ts), its wire
// events streamed through the same batching as sends but on their own channel (so the
// Send view's log is never reset by it), and a state event when it closes by itself. The
// profile's password is read from the vault here, in main, and goes no further.
import { randomUUID } from 'node:crypto'
import type {
  ConsoleAuthRequest,
  ConsoleDataRequest,
  ConsoleLineRequest,
  ConsoleOpenRequest,
  ConsoleOutcome,
  Timeouts,
} from '../../../preload/contract'
import { CHANNELS, IPC_ERROR } from '../../../preload/contract'
import { ServiceError } from '../errors'
import type { EventSink } from '../event-sink'
import { identityFor, revealLoginSecret } from '../profile-connection'
import { resolveProfileEndpoint, type LocalInboxSource } from '../profile-endpoint'
import type { ProfileService } from '../profiles'
import { createWireBatcher } from '../session/wire-batcher'
import { ConsoleSession } from './console-session'

export interface ConsoleService {
  open(request: ConsoleOpenRequest): Promise<ConsoleOutcome>
  send(request: ConsoleLineRequest): Promise<ConsoleOutcome>
  startTls(consoleId: string): Promise<ConsoleOutcome>
  auth(request: ConsoleAuthRequest): Promise<ConsoleOutcome>
  sendData(request: ConsoleDataRequest): Promise<ConsoleOutcome>
  close(consoleId: string): Promise<ConsoleOutcome>
  /** Drop the open connection at once; nothing to do when none is open. */
  cancel(): void
  isOpen(): boolean
  /** QUIT and close whatever is open (the window is closing). */
  closeAll(): Promise<void>
}

export interface ConsoleServiceDeps {
  profiles: ProfileService
  sink: EventSink
  /** The engine's defaults (RFC 5321 section 4.5.3.2) unless a test shortens them. */
  timeouts?: Partial<Timeouts>
  batchIntervalMs?: number
  batchMaxEvents?: number
  /** The local test inbox, for profiles of kind `local-inbox` (started when one connects). */
  localInbox?: LocalInboxSource
}

export function createConsoleService(deps: ConsoleServiceDeps): ConsoleService {
  let current: ConsoleSession | undefined

  const find = (consoleId: string): ConsoleSession => {
    if (!current || current.id !== consoleId) {
      throw new ServiceError(IPC_ERROR.notFound, 'This console connection is gone: connect again.', { field: 'consoleId' })
    }
    return current
  }

  return {
    async open({ profileId }) {
      if (current && !current.closed) {
        throw new ServiceError(IPC_ERROR.busy, 'A console connection is already open: close it first (one per window).')
      }
      const profile = await resolveProfileEndpoint(deps.profiles.get(profileId), deps.localInbox)
      const id = randomUUID()
      const batcher = createWireBatcher(
        (events) => deps.sink.send(CHANNELS.consoleWire, { sessionId: id, events }),
        deps.batchIntervalMs,
        deps.batchMaxEvents,
      )
      const password = profile.username ? await revealLoginSecret(profile, deps.profiles) : undefined
      const identity = await identityFor(profile, deps.profiles)
      if (current && !current.closed) throw new ServiceError(IPC_ERROR.busy, 'A console connection is already open: close it first (one per window).')
      const session = new ConsoleSession({
        id,
        profile,
        ...(password !== undefined ? { password } : {}),
        identity,
        ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
        batcher,
        onClosed: (closed) => deps.sink.send(CHANNELS.consoleState, closed.status()),
      })
      current = session
      return session.open()
    },
    send: ({ consoleId, line, allowCleartext }) => find(consoleId).send(line, allowCleartext === true),
    startTls: (consoleId) => find(consoleId).startTls(),
    auth: ({ consoleId, allowCleartext }) => find(consoleId).auth(allowCleartext === true),
    sendData: ({ consoleId, body }) => find(consoleId).sendData(body),
    close: (consoleId) => find(consoleId).close(),
    cancel() {
      current?.cancel()
    },
    isOpen: () => current !== undefined && !current.closed,
    async closeAll() {
      if (current && !current.closed) await current.close()
    },
  }
}
