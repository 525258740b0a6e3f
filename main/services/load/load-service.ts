// The app's load send (the Send view's Load part, issue 18): N copies of the composed
// message over C connections through a saved profile, with the figures pushed to the
// window while it runs (load:progress) and cancel stopping every connection. The engine
// part is main/smtp/load, the one `mailwire send --repeat` runs; the bounds and the
// loopback rule are its limits.ts. One load at a time, beside (not instead of) a session.
import { randomUUID } from 'node:crypto'
import { CHANNELS, IPC_ERROR, type LoadSnapshot, type LoadStarted, type LoadStartRequest } from '../../../preload/contract'
import { loadRefusal } from '../../smtp/load/limits'
import { runLoad } from '../../smtp/load/run'
import { conversationOptions, envelopeWith } from '../../smtp/conversation'
import { ServiceError } from '../errors'
import type { EventSink } from '../event-sink'
import type { FileGrants } from '../file-grants'
import { identityFor } from '../profile-connection'
import { resolveProfileEndpoint, type LocalInboxSource } from '../profile-endpoint'
import type { ProfileService } from '../profiles'
import { createRedactor, identitySecretForms, secretForms } from '../session/redact'
import { checkedEnvelope, passwordFor, sessionOptionsFor, type SessionEngine } from '../session/session-service'

export interface LoadService {
  start(request: LoadStartRequest): Promise<LoadStarted>
  /** Stop the running load (every connection); nothing to do when none runs. */
  cancel(): void
  /** Resolves when no load runs. */
  idle(): Promise<void>
}

export interface LoadServiceDeps {
  engine: Pick<SessionEngine, 'validateCompose' | 'buildEnvelope' | 'messageFactory'>
  profiles: ProfileService
  sink: EventSink
  /** The files the user gave this window: an attachment naming another is refused, as for a send. */
  grants: Pick<FileGrants, 'ungrantedAttachments'>
  localInbox?: LocalInboxSource
  /** How often figures are pushed (default the engine's 250 ms). */
  progressMs?: number
}

/** Where a refusal points in the form, so the field shows it. */
const REFUSAL_FIELD = { messages: 'loadMessages', connections: 'loadConnections', remote: 'loadAllowRemote', proxy: 'loadAllowRemote' } as const

export function createLoadService(deps: LoadServiceDeps): LoadService {
  let running: { controller: AbortController; done: Promise<void> } | undefined

  return {
    async start(request) {
      if (running) throw new ServiceError(IPC_ERROR.busy, 'A load send is already running: wait for it or cancel it.')
      const issues = deps.grants.ungrantedAttachments(request.compose)
      if (issues.length > 0) throw new ServiceError(IPC_ERROR.invalidPayload, issues[0]!.message, { field: issues[0]!.field, fields: issues })
      const controller = new AbortController()
      let finished!: () => void
      // Claimed before anything asynchronous, so a second start sees EBUSY.
      running = { controller, done: new Promise<void>((resolve) => (finished = resolve)) }
      const release = () => {
        running = undefined
        finished()
      }
      try {
        const profile = deps.profiles.get(request.profileId)
        const envelope = envelopeWith(request.compose.envelope, checkedEnvelope(deps.engine as SessionEngine, request.compose))
        const password = await passwordFor(deps.profiles, profile)
        const target = await resolveProfileEndpoint(profile, deps.localInbox)
        const identity = await identityFor(target, deps.profiles)
        const refusal = loadRefusal({ host: target.host, proxied: identity.proxy !== undefined }, request, request.allowRemote)
        if (refusal) {
          const remedy = refusal.kind === 'remote' || refusal.kind === 'proxy' ? ': tick "This server is mine" if it is' : ''
          throw new ServiceError(IPC_ERROR.invalidPayload, `${capitalised(refusal.message)}${remedy}.`, { field: REFUSAL_FIELD[refusal.kind] })
        }
        const redact = createRedactor([...(password ? secretForms(profile.username, password) : []), ...identitySecretForms(identity)])
        const loadId = randomUUID()
        const push = (snapshot: LoadSnapshot) => deps.sink.send(CHANNELS.loadProgress, { loadId, snapshot: redact(snapshot) })
        void runLoad({
          session: { ...sessionOptionsFor(target, password), ...identity, ...conversationOptions(undefined, target.protocol), signal: controller.signal },
          envelope,
          message: deps.engine.messageFactory(request.compose),
          messages: request.messages,
          connections: request.connections,
          onProgress: push,
          ...(deps.progressMs !== undefined ? { progressMs: deps.progressMs } : {}),
        })
          .catch((error: Error) => {
            // A bug, not an outcome (failures are in the figures): say so rather than hang.
            console.error(`Load ${loadId} failed inside the service:`, error)
          })
          .finally(release)
        return { loadId }
      } catch (error) {
        release()
        throw error
      }
    },
    cancel() {
      running?.controller.abort()
    },
    idle: async () => {
      while (running) await running.done
    },
  }
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`
