// The probe view's work: a probe of one server (its wire events on their own channel, the
// capability diff and the certificates' days left computed by the same functions as
// `mailwire probe`), the port matrix, and MX lookups (shown in the probe's log). Nothing
// here sends credentials; a profile lends only its CA, certificate policy and EHLO name.
import { randomUUID } from 'node:crypto'
import type {
  MxLookup,
  PortMatrixReport,
  PortMatrixRequest,
  ProbeReport,
  ProbeRequest,
  ProbeResult,
} from '../../../preload/contract'
import { CHANNELS, IPC_ERROR } from '../../../preload/contract'
import { daysLeft } from '../../report/format-tls'
import { diffCapabilities, lookupMx, probePortMatrix, probeServer, probeTlsVersions } from '../../smtp'
import { domainSecurityReport } from '../../smtp/security/domain-report'
import type { DomainSecurityReport } from '../../smtp/security/types'
import type { ConnectionIdentity, WireEvent } from '../../smtp/types'
import { ServiceError } from '../errors'
import type { EventSink } from '../event-sink'
import { resolveProfileEndpoint, type LocalInboxSource } from '../profile-endpoint'
import { identityFor, timeoutsFor, type SecretSource } from '../profile-connection'
import type { ProfileService, StoredProfile } from '../profiles'
import { createWireBatcher } from '../session/wire-batcher'

export interface ProbeService {
  run(request: ProbeRequest): Promise<ProbeReport>
  matrix(request: PortMatrixRequest): Promise<PortMatrixReport>
  lookupMx(domain: string): Promise<MxLookup>
  /** The domain's mail security report, through the same DNS servers as the MX lookup. */
  domainSecurity(domain: string): Promise<DomainSecurityReport>
  /** Stop whatever runs (probe, lookup, matrix). */
  cancel(): void
}

export interface ProbeServiceDeps {
  profiles: ProfileService
  sink: EventSink
  /** DNS servers for MX lookups ("address[:port]"); the system's when absent. Tests use their own. */
  dnsServers?: readonly string[]
  /** Every wait of a matrix cell; probe-matrix.ts has the default. */
  matrixTimeoutMs?: number
  now?: () => number
  batchIntervalMs?: number
  batchMaxEvents?: number
  /** The local test inbox, for profiles of kind `local-inbox` (started when one is probed). */
  localInbox?: LocalInboxSource
}

/** What a profile lends a probe: whom to trust, what to call ourselves, and how to get there. */
interface Trust extends ConnectionIdentity {
  rejectUnauthorized: boolean
  ca?: string
  clientName?: string
}

export function createProbeService(deps: ProbeServiceDeps): ProbeService {
  const now = deps.now ?? Date.now
  /** The probe or MX lookup that feeds the log: one at a time, so the log tells one story. */
  let logged: AbortController | undefined
  let matrix: AbortController | undefined

  /** The chosen profile; the local inbox profile lends the running inbox's certificate. */
  const profileOf = async (profileId: string | undefined): Promise<StoredProfile | undefined> =>
    profileId === undefined ? undefined : resolveProfileEndpoint(deps.profiles.get(profileId), deps.localInbox)

  /** Run `work` as the logged operation: its own id, its events batched to probe:wire. */
  const logging = async <T>(work: (id: string, signal: AbortSignal, onWire: (event: WireEvent) => void) => Promise<T>): Promise<T> => {
    if (logged) throw new ServiceError(IPC_ERROR.busy, 'A probe or MX lookup is running: wait for it, or cancel it.')
    const controller = new AbortController()
    logged = controller
    const id = randomUUID()
    const batcher = createWireBatcher(
      (events) => deps.sink.send(CHANNELS.probeWire, { sessionId: id, events }),
      deps.batchIntervalMs,
      deps.batchMaxEvents,
    )
    try {
      return await work(id, controller.signal, (event) => batcher.push(event))
    } finally {
      batcher.flush()
      logged = undefined
    }
  }

  return {
    async run(request) {
      const profile = await profileOf(request.profileId)
      const trust = await trustOf(profile, deps.profiles)
      // A person waits on this probe: the short limits, unless the profile asks for the RFC's.
      const timeouts = timeoutsFor(profile)
      return logging(async (probeId, signal, onWire) => {
        const options = { host: request.host, port: request.port, security: request.security, ...trust, ...(timeouts ? { timeouts } : {}), signal }
        const result = await probeServer({ ...options, onWire })
        if (request.tlsVersions && !result.error) result.tlsVersions = await probeTlsVersions(options)
        return reportOf(probeId, result, now())
      })
    },

    lookupMx(domain) {
      return logging((_id, signal, onWire) =>
        lookupMx(domain, { ...(deps.dnsServers ? { servers: deps.dnsServers } : {}), signal, onWire }),
      )
    },

    domainSecurity: (domain) => domainSecurityReport(domain, deps.dnsServers ? { dnsServers: deps.dnsServers } : {}),

    async matrix(request) {
      const trust = await trustOf(await profileOf(request.profileId), deps.profiles)
      if (matrix) throw new ServiceError(IPC_ERROR.busy, 'The port matrix is already running.')
      const controller = new AbortController()
      matrix = controller
      try {
        const cells = await probePortMatrix({
          host: request.host,
          ...(request.ports ? { ports: request.ports } : {}),
          ...trust,
          signal: controller.signal,
          ...(deps.matrixTimeoutMs !== undefined ? { timeoutMs: deps.matrixTimeoutMs } : {}),
        })
        return { host: request.host, cells }
      } finally {
        matrix = undefined
      }
    },

    cancel() {
      logged?.abort()
      matrix?.abort()
    },
  }
}

/** What a profile lends a probe; without one, the system's CAs only. */
async function trustOf(profile: StoredProfile | undefined, secrets: SecretSource): Promise<Trust> {
  if (!profile) return { rejectUnauthorized: true }
  return {
    rejectUnauthorized: !profile.allowInvalidCertificate,
    ...(profile.caPem ? { ca: profile.caPem } : {}),
    ...(profile.clientName ? { clientName: profile.clientName } : {}),
    // The probe goes the profile's way too: its proxy, source address, TLS settings.
    ...(await identityFor(profile, secrets)),
  }
}

/** The same diff and days-left arithmetic the CLI report prints. */
export function reportOf(probeId: string, result: ProbeResult, now: number): ProbeReport {
  const { capabilitiesBeforeTls: before, capabilities: after } = result
  return {
    probeId,
    result,
    capabilityChanges: before && after ? diffCapabilities(before, after) : [],
    certificateDaysLeft: (result.tls?.certificates ?? []).map((cert) => daysLeft(cert.validTo, now) ?? null),
  }
}
