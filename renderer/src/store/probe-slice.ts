import type {
  MxLookup,
  PortMatrixReport,
  Profile,
  ProfileInput,
  ProbeReport,
  SecurityMode,
  WireBatch,
} from '../../../preload/contract'
import { SMTP_PORT } from '../domain/default-port'
import type { AppSlice, StoreDeps } from './app-store'
import { savedServerAt } from './profiles-slice'
import type { LogStore, LogStoreFactory } from './log-store'

export interface ProbeForm {
  /** Lends its CA, certificate policy and EHLO name; '' probes with the system's CAs only. */
  profileId: string
  host: string
  port: number
  security: SecurityMode
  /** Also try each TLS version on its own connection. */
  tlsVersions: boolean
}

export interface ProbeData {
  form: ProbeForm
  /** The operation that feeds the probe's log. */
  running?: 'probe' | 'mx'
  report?: ProbeReport
  /** What the last probe asked: the certificate actions on its report change this server. */
  probed?: Pick<ProbeForm, 'profileId' | 'host' | 'port' | 'security'>
  /** Why the last probe or lookup could not start. */
  error?: string
  /** The log of the last probe or MX lookup, in a store of its own (transcript-store.ts). */
  logStore?: LogStore
  matrix: { running: boolean; report?: PortMatrixReport; error?: string; ports: string }
  mx: { domain: string; lookup?: MxLookup; error?: string }
}

/** Where a chosen mail exchanger goes next. */
export type MxTarget = 'probe' | 'console' | 'send'

export interface ProbeSlice {
  probe: ProbeData
  setProbeForm(patch: Partial<ProbeForm>): void
  /** Fills the form from a profile (host, port, security) and trusts what it trusts. */
  chooseProbeProfile(id: string): void
  runProbe(): Promise<void>
  runPortMatrix(): Promise<void>
  setMatrixPorts(ports: string): void
  setMxDomain(domain: string): void
  lookupMx(): Promise<void>
  cancelProbe(): Promise<void>
  /** Probe the exchanger, or open it in the console or Send (a profile is made for it). */
  goToMxExchange(exchange: string, target: MxTarget): Promise<void>
  appendProbeWire(batch: WireBatch): void
}

/** A profile for sending straight to a mail exchanger: port 25, STARTTLS when offered (RFC 3207). */
function mxProfileInput(exchange: string, domain: string): ProfileInput {
  return {
    name: `${exchange} (MX of ${domain})`,
    host: exchange,
    port: SMTP_PORT,
    security: 'auto',
    username: '',
    clientName: '',
    allowInvalidCertificate: false,
    allowPlaintextAuth: false,
    caPem: '',
  }
}

/** The ports a matrix tries by default: relay, implicit TLS submission, submission. */
export const DEFAULT_MATRIX_PORTS = '25, 465, 587'
/** As main allows (each port costs three connections at once). */
export const MAX_MATRIX_PORTS = 8

/** "25, 465 587" → [25, 465, 587]; a message when it is not a short list of ports. */
export function parsePorts(text: string): number[] | string {
  const words = text.split(/[\s,]+/).filter((word) => word !== '')
  if (words.length === 0) return 'Give at least one port.'
  if (words.length > MAX_MATRIX_PORTS) return `At most ${MAX_MATRIX_PORTS} ports at once.`
  const ports = words.map((word) => (/^\d{1,5}$/.test(word) ? Number(word) : NaN))
  if (ports.some((port) => !(port >= 1 && port <= 65535))) return 'Ports are numbers from 1 to 65535.'
  return [...new Set(ports)]
}

export const createProbeSlice =
  ({ api }: StoreDeps, fresh: LogStoreFactory): AppSlice<ProbeSlice> =>
  (set, get) => {
    const patch = (change: Partial<ProbeData> | ((data: ProbeData) => Partial<ProbeData>)) =>
      set((state) => ({ probe: { ...state.probe, ...(typeof change === 'function' ? change(state.probe) : change) } }))

    /** The profile an exchanger already has, or a new one. */
    const profileFor = async (exchange: string, domain: string): Promise<Profile | undefined> => {
      const existing = savedServerAt(get().profiles.list, exchange, SMTP_PORT)
      if (existing) return existing
      const saved = await api.profiles.save(mxProfileInput(exchange, domain))
      if (!saved.ok) {
        patch((data) => ({ mx: { ...data.mx, error: `Could not add a server for ${exchange}: ${saved.error.message}` } }))
        return undefined
      }
      set((state) => ({ profiles: { ...state.profiles, list: [...state.profiles.list, saved.value] } }))
      return saved.value
    }

    /**
     * The local inbox profile stores port 0: its port is chosen when it starts. Ask main
     * where it runs (starting it), unless another server was chosen meanwhile.
     */
    const fillLocalInboxAddress = async (profileId: string) => {
      const status = await api.inbox.status()
      if (get().probe.form.profileId !== profileId) return
      patch((data) =>
        status.ok
          ? { form: { ...data.form, host: status.value.host, port: status.value.port } }
          : { error: `The local test inbox did not start: ${status.error.message}` },
      )
    }

    return {
      probe: {
        form: { profileId: '', host: '', port: SMTP_PORT, security: 'auto', tlsVersions: false },
        matrix: { running: false, ports: DEFAULT_MATRIX_PORTS },
        mx: { domain: '' },
      },

      setProbeForm: (change) => patch((data) => ({ form: { ...data.form, ...change } })),

      chooseProbeProfile: (id) => {
        const profile = get().profiles.list.find((candidate) => candidate.id === id)
        patch((data) => ({
          form: profile ? { ...data.form, profileId: id, host: profile.host, port: profile.port, security: profile.security } : { ...data.form, profileId: '' },
          error: undefined,
        }))
        if (profile?.kind === 'local-inbox') void fillLocalInboxAddress(id)
      },

      runProbe: async () => {
        const { form, running } = get().probe
        if (running || form.host.trim() === '') return
        const probed = { profileId: form.profileId, host: form.host.trim(), port: form.port, security: form.security }
        patch({ running: 'probe', error: undefined, report: undefined, probed, logStore: fresh() })
        const result = await api.probe.run({
          host: form.host.trim(),
          port: form.port,
          security: form.security,
          ...(form.profileId ? { profileId: form.profileId } : {}),
          ...(form.tlsVersions ? { tlsVersions: true } : {}),
        })
        patch(result.ok ? { running: undefined, report: result.value } : { running: undefined, error: result.error.message })
      },

      runPortMatrix: async () => {
        const { form, matrix } = get().probe
        if (matrix.running || form.host.trim() === '') return
        const ports = parsePorts(matrix.ports)
        if (typeof ports === 'string') {
          patch({ matrix: { ...matrix, error: ports } })
          return
        }
        patch({ matrix: { running: true, ports: matrix.ports } })
        const result = await api.probe.matrix({ host: form.host.trim(), ports, ...(form.profileId ? { profileId: form.profileId } : {}) })
        patch((data) => ({
          matrix: result.ok
            ? { running: false, ports: data.matrix.ports, report: result.value }
            : { running: false, ports: data.matrix.ports, error: result.error.message },
        }))
      },

      setMatrixPorts: (ports) => patch((data) => ({ matrix: { ...data.matrix, ports, error: undefined } })),

      setMxDomain: (domain) => patch((data) => ({ mx: { ...data.mx, domain } })),

      lookupMx: async () => {
        const { mx, running } = get().probe
        if (running || mx.domain.trim() === '') return
        patch({ running: 'mx', error: undefined, logStore: fresh(), mx: { domain: mx.domain } })
        const result = await api.probe.lookupMx(mx.domain.trim())
        patch((data) => ({
          running: undefined,
          mx: result.ok ? { ...data.mx, lookup: result.value } : { ...data.mx, error: result.error.message },
        }))
      },

      cancelProbe: async () => {
        await api.probe.cancel()
      },

      goToMxExchange: async (exchange, target) => {
        const domain = get().probe.mx.lookup?.asciiDomain ?? get().probe.mx.domain
        if (target === 'probe') {
          patch((data) => ({ form: { ...data.form, profileId: '', host: exchange, port: SMTP_PORT, security: 'auto' as const } }))
          await get().runProbe()
          return
        }
        const profile = await profileFor(exchange, domain)
        if (!profile) return
        if (target === 'send') get().selectProfile(profile.id)
        else get().setConsoleProfile(profile.id)
        get().showView(target)
      },

      appendProbeWire: (batch) => {
        const { logStore } = get().probe
        logStore?.getState().appendWireBatch(batch)
      },
    }
  }
