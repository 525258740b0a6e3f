// Runs one SMTP session at a time for the window: from a compose model and a saved
// profile to sendMail, with wire events streamed to the renderer in batches, state
// changes and the result pushed as events, cancel on request, and the session saved to
// history when it ends. The password is read from the vault here and nowhere else.
import { randomUUID } from 'node:crypto'
import type {
  ComposeModel,
  ConnectionIdentity,
  Envelope,
  FieldIssue,
  MessageFactory,
  Phase,
  SendResult,
  SessionOptions,
  SessionStarted,
  SessionStartRequest,
  SessionState,
  SessionWait,
  WireEvent,
} from '../../../preload/contract'
import { CHANNELS, IPC_ERROR } from '../../../preload/contract'
import { failedSendResult } from '../../smtp'
import { ServiceError } from '../errors'
import type { EventSink } from '../event-sink'
import type { HistoryStore } from '../history/history-store'
import type { ProfileService, StoredProfile } from '../profiles'
import { keepMessage, rememberingFactory, type KeptMessage } from './kept-message'
import { identityFor, missingLoginSecret, revealLoginSecret, timeoutsFor } from '../profile-connection'
import { dkimSigningFor } from '../profile-dkim'
import { dkimSignedFactory, type DkimSigning } from '../../message/index'
import { createRedactor, identitySecretForms, secretForms, type Redactor } from './redact'
import { createWireBatcher } from './wire-batcher'
import { conversationOptions, envelopeWith } from '../../smtp/conversation'
import { resolveProfileEndpoint, type LocalInboxSource } from '../profile-endpoint'
import { messageInfoOf, type SessionProfile } from '../../report/session-document'

/**
 * Events kept in history per session. The engine already summarises message data, so
 * only a server that talks without end (a reply of a million lines) gets here.
 */
export const MAX_TRANSCRIPT_EVENTS = 100_000

/** The reason a history row shows: a line, not the whole error. */
const MAX_LISTED_REASON_CHARS = 200

/** What the session needs from the engine and the message layer (main/smtp, main/message). */
export interface SessionEngine {
  sendMail(options: SessionOptions, envelope: Envelope, message: MessageFactory): Promise<SendResult>
  validateCompose(model: ComposeModel): FieldIssue[]
  buildEnvelope(model: ComposeModel): Envelope
  messageFactory(model: ComposeModel): MessageFactory
  composeEml(model: ComposeModel): Promise<Buffer>
}

export interface SessionService {
  start(request: SessionStartRequest): Promise<SessionStarted>
  /** Cancel the running session; nothing to do when none runs. */
  cancel(): void
  isRunning(): boolean
  /** Resolves when no session runs (at once when none does). */
  idle(): Promise<void>
}

export interface SessionServiceDeps {
  engine: SessionEngine
  profiles: ProfileService
  history: HistoryStore
  sink: EventSink
  now: () => Date
  batchIntervalMs?: number
  batchMaxEvents?: number
  keptMessageBound?: number
  /** The local test inbox, for profiles of kind `local-inbox` (started on their first send). */
  localInbox?: LocalInboxSource
}

interface Running {
  id: string
  controller: AbortController
  /**
   * Resolves when the session gives up its claim (release()), from the moment it claims it:
   * idle() awaits it, and a promise already resolved while the claim stands would make
   * idle() spin on microtasks and starve the very I/O that ends the session.
   */
  done: Promise<void>
  release: () => void
  state: SessionState
  phase: Phase
  wait?: SessionWait
}

export function createSessionService(deps: SessionServiceDeps): SessionService {
  let current: Running | undefined
  /** The one session gives up its claim: a second start may begin, idle() returns. */
  const release = (session: Running) => {
    if (current === session) current = undefined
    session.release()
  }

  const emitState = (session: Running) =>
    deps.sink.send(CHANNELS.sessionState, {
      sessionId: session.id,
      state: session.state,
      phase: session.phase,
      ...(session.wait && session.state !== 'done' ? { wait: session.wait } : {}),
    })

  return {
    async start(request) {
      if (current) throw new ServiceError(IPC_ERROR.busy, 'A session is already running: wait for it or cancel it.')
      const profile = deps.profiles.get(request.profileId)
      const envelope = envelopeWith(request.compose.envelope, checkedEnvelope(deps.engine, request.compose))
      let released!: () => void
      const session: Running = {
        id: randomUUID(),
        controller: new AbortController(),
        done: new Promise<void>((resolve) => (released = resolve)),
        release: () => released(),
        state: 'connecting',
        phase: 'connect',
      }
      // Claimed before anything asynchronous, so a second start sees EBUSY.
      current = session
      let password: string | undefined
      let target: StoredProfile
      let identity: ConnectionIdentity
      let signing: DkimSigning | undefined
      try {
        password = await passwordFor(deps.profiles, profile)
        target = await resolveProfileEndpoint(profile, deps.localInbox)
        identity = await identityFor(target, deps.profiles)
        signing = await dkimSigningFor(target)
      } catch (error) {
        release(session)
        throw error
      }
      void run(session, target, request, envelope, password, identity, signing)
        .catch((error: Error) => {
          // A bug, not a session outcome (those are in the result): never leave the UI waiting.
          console.error(`Session ${session.id} failed inside the service:`, error)
          session.state = 'done'
          emitState(session)
        })
        .finally(() => release(session))
      void deps.profiles.markUsed(profile.id).catch(() => undefined)
      return { sessionId: session.id }
    },
    cancel() {
      if (!current || current.controller.signal.aborted) return
      current.state = 'cancelling'
      emitState(current)
      current.controller.abort()
    },
    isRunning: () => current !== undefined,
    idle: async () => {
      while (current) await current.done
    },
  }

  async function run(
    session: Running,
    profile: StoredProfile,
    request: SessionStartRequest,
    envelope: Envelope,
    password: string | undefined,
    identity: ConnectionIdentity,
    signing: DkimSigning | undefined,
  ): Promise<void> {
    const { compose } = request
    const redact = createRedactor([...(password ? secretForms(profile.username, password) : []), ...identitySecretForms(identity)])
    const batcher = createWireBatcher(
      (events) => deps.sink.send(CHANNELS.sessionWire, { sessionId: session.id, events }),
      deps.batchIntervalMs,
      deps.batchMaxEvents,
    )
    const transcript: WireEvent[] = []
    emitState(session)

    const onWire = (raw: WireEvent) => {
      const event = redact(raw)
      if (transcript.length < MAX_TRANSCRIPT_EVENTS) transcript.push(event)
      if (event.phase !== session.phase) {
        // The renderer sees the state change between the last line of one phase and the first of the next.
        batcher.flush()
        session.phase = event.phase
        if (session.state === 'connecting') session.state = 'running'
        emitState(session)
      }
      batcher.push(event)
    }
    const onWait = (wait: SessionWait) => {
      // The log first ("connected"), then the state that names the wait after it.
      batcher.flush()
      session.wait = wait
      if (session.state === 'connecting' && wait.phase !== 'connect') session.state = 'running'
      if (wait.phase !== session.phase) session.phase = wait.phase
      emitState(session)
    }

    const composed = deps.engine.messageFactory(compose)
    const message = rememberingFactory(signing ? dkimSignedFactory(composed, signing) : composed)
    const startedAt = deps.now()
    const options: SessionOptions = {
      ...sessionOptionsFor(profile, password),
      ...identity,
      ...conversationOptions(request.controls, profile.protocol),
      signal: session.controller.signal,
      onWire,
      onWait,
    }
    const result = redact(await sendSafely(deps.engine, options, envelope, message.factory, startedAt))
    batcher.flush()
    if (transcript.length >= MAX_TRANSCRIPT_EVENTS) transcript.push(truncationNote(transcript))

    const kept = await keepMessage(message.source(), () => deps.engine.composeEml(compose), deps.keptMessageBound).catch(
      (error: Error): KeptMessage => ({ info: { kept: false, reason: `it could not be composed (${error.message})` } }),
    )
    const historyId = await saveToHistory(deps.history, redact, { profile, compose, controls: request.controls, envelope, result, transcript, kept })
    // Free before telling: a renderer that starts again on the result must not meet EBUSY.
    release(session)
    deps.sink.send(CHANNELS.sessionResult, { sessionId: session.id, result, historyId, ...(kept.info.kept ? {} : { emlNotKept: kept.info.reason ?? 'it was not kept' }) })
    session.state = 'done'
    emitState(session)
  }
}

/** Field problems become one EINVALID error that names every field. */
export function checkedEnvelope(engine: SessionEngine, compose: ComposeModel): Envelope {
  const issues = engine.validateCompose(compose)
  if (issues.length > 0) {
    const first = issues[0]!
    throw new ServiceError(IPC_ERROR.invalidPayload, first.message, { field: first.field, fields: issues })
  }
  try {
    return engine.buildEnvelope(compose)
  } catch (error) {
    const field = (error as { field?: unknown }).field
    throw new ServiceError(IPC_ERROR.invalidPayload, (error as Error).message, typeof field === 'string' ? { field } : {})
  }
}

export async function passwordFor(profiles: ProfileService, profile: StoredProfile): Promise<string | undefined> {
  if (!profile.username) return undefined
  const secret = await revealLoginSecret(profile, profiles)
  if (secret === undefined) throw missingLoginSecret(profile)
  return secret
}

export function sessionOptionsFor(profile: StoredProfile, password: string | undefined): SessionOptions {
  return {
    host: profile.host,
    port: profile.port,
    security: profile.security,
    ...(profile.clientName ? { clientName: profile.clientName } : {}),
    rejectUnauthorized: !profile.allowInvalidCertificate,
    ...(profile.caPem ? { ca: profile.caPem } : {}),
    ...(profile.username && password !== undefined
      ? { auth: { user: profile.username, password, ...(profile.authMechanism ? { mechanism: profile.authMechanism } : {}) } }
      : {}),
    allowPlaintextAuth: profile.allowPlaintextAuth,
    timeouts: timeoutsFor(profile),
  }
}

/** The profile as the session file keeps it: where and how, never a secret nor the CA's PEM. */
export function sessionProfileOf(profile: StoredProfile): SessionProfile {
  return {
    name: profile.name,
    host: profile.host,
    port: profile.port,
    security: profile.security,
    ...(profile.username ? { username: profile.username } : {}),
    ...(profile.clientName ? { clientName: profile.clientName } : {}),
    ...(profile.authMechanism ? { authMechanism: profile.authMechanism } : {}),
    ...(profile.allowInvalidCertificate ? { allowInvalidCertificate: true } : {}),
    ...(profile.allowPlaintextAuth ? { allowPlaintextAuth: true } : {}),
    ...(profile.caPem ? { customCa: true } : {}),
  }
}

/** sendMail never rejects by contract; should it ever, the user still gets a result. */
async function sendSafely(
  engine: SessionEngine,
  options: SessionOptions,
  envelope: Envelope,
  message: MessageFactory,
  startedAt: Date,
): Promise<SendResult> {
  try {
    return await engine.sendMail(options, envelope, message)
  } catch (error) {
    return failedSendResult({ code: 'EPROTOCOL', message: `Internal error: ${(error as Error).message}` }, startedAt.getTime())
  }
}

function truncationNote(transcript: WireEvent[]): WireEvent {
  const last = transcript[transcript.length - 1]!
  return {
    seq: last.seq + 1,
    at: last.at,
    kind: 'info',
    text: `History keeps the first ${MAX_TRANSCRIPT_EVENTS} lines of a session; the rest were shown live only.`,
    phase: last.phase,
    secure: last.secure,
  }
}

async function saveToHistory(
  history: HistoryStore,
  redact: Redactor,
  session: {
    profile: StoredProfile
    compose: ComposeModel
    controls: SessionStartRequest['controls']
    envelope: Envelope
    result: SendResult
    transcript: WireEvent[]
    kept: KeptMessage
  },
): Promise<string> {
  const { profile, compose, controls, envelope, result, transcript, kept } = session
  try {
    const summary = await history.add({
      summary: redact({
        startedAt: result.startedAt,
        profileName: profile.name,
        host: profile.host,
        port: profile.port,
        // The null sender has no address: History shows it as MAIL FROM wrote it.
        from: envelope.from === '' ? '<>' : envelope.from,
        recipients: envelope.to.length,
        subject: compose.subject,
        status: result.status,
        durationMs: result.durationMs,
        ...(result.queueId !== undefined ? { queueId: result.queueId } : {}),
        // The list says why a session failed, without opening it.
        ...(result.error ? { error: { code: result.error.code, message: result.error.message.slice(0, MAX_LISTED_REASON_CHARS) } } : {}),
      }),
      transcript,
      result,
      eml: kept.info,
      // Through the redactor like the summary: a subject that quotes the password is masked too.
      ...redact({ profile: sessionProfileOf(profile), envelope, message: messageInfoOf(compose, result.dataBytes) }),
      // Send again runs the same request: the compose model as sent (paths, never bytes), no secret.
      replay: redact({ profileId: profile.id, compose: { ...compose, attachments: compose.attachments.map(({ content: _bytes, ...file }) => file) }, ...(controls ? { controls } : {}) }),
      ...(kept.bytes ? { emlBytes: kept.bytes } : {}),
    })
    return summary.id
  } catch {
    // A full disk must not cost the user the result on screen: it arrives without a history id.
    return ''
  }
}
