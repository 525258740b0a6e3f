import type { AuthenticationReport } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'

/** One message's check: running, its report, or why it could not run. */
export interface InboxAuthCheck {
  running: boolean
  report?: AuthenticationReport
  error?: string
}

export interface InboxAuthData {
  /** By message id; only the messages the user asked about. */
  checks: Record<string, InboxAuthCheck>
  /** The DNS servers the check asks; empty: the system's resolvers. */
  dnsServers: string[]
  settingsError?: string
}

/** The local inbox's authentication check (issue 17): verdicts per message, and where DNS is asked. */
export interface InboxAuthSlice {
  inboxAuth: InboxAuthData
  /** Checks (again) the message: DNS is asked each time, so a fixed record shows at once. */
  authenticateInboxMessage(id: string): Promise<void>
  loadInboxAuthSettings(): Promise<void>
  /** False when main refused a server (the reason is in settingsError). */
  setInboxDnsServers(servers: string[]): Promise<boolean>
}

export function createInboxAuthSlice({ api }: StoreDeps): AppSlice<InboxAuthSlice> {
  return (set, get) => {
    const setCheck = (id: string, check: InboxAuthCheck) =>
      set((state) => ({ inboxAuth: { ...state.inboxAuth, checks: { ...state.inboxAuth.checks, [id]: check } } }))
    return {
      inboxAuth: { checks: {}, dnsServers: [] },

      authenticateInboxMessage: async (id) => {
        if (get().inboxAuth.checks[id]?.running) return
        setCheck(id, { running: true, report: get().inboxAuth.checks[id]?.report })
        const result = await api.inbox.authenticate(id)
        setCheck(id, result.ok ? { running: false, report: result.value } : { running: false, error: result.error.message })
      },

      loadInboxAuthSettings: async () => {
        const settings = await api.inbox.authSettings()
        if (settings.ok) set((state) => ({ inboxAuth: { ...state.inboxAuth, dnsServers: settings.value.dnsServers } }))
      },

      setInboxDnsServers: async (servers) => {
        const applied = await api.inbox.setAuthSettings({ dnsServers: servers })
        if (!applied.ok) {
          set((state) => ({ inboxAuth: { ...state.inboxAuth, settingsError: applied.error.message } }))
          return false
        }
        set((state) => ({ inboxAuth: { ...state.inboxAuth, dnsServers: applied.value.dnsServers, settingsError: undefined } }))
        return true
      },
    }
  }
}
