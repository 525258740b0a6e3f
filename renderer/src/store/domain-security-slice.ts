import type { DomainSecurityReport } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'

export interface DomainSecurityData {
  domain: string
  running: boolean
  report?: DomainSecurityReport
  error?: string
}

/** The Probe view's mail security report of a domain (issue 17). */
export interface DomainSecuritySlice {
  domainSecurity: DomainSecurityData
  setSecurityDomain(domain: string): void
  checkDomainSecurity(): Promise<void>
}

export function createDomainSecuritySlice({ api }: StoreDeps): AppSlice<DomainSecuritySlice> {
  return (set, get) => {
    const patch = (next: Partial<DomainSecurityData>) => set((state) => ({ domainSecurity: { ...state.domainSecurity, ...next } }))
    return {
      domainSecurity: { domain: '', running: false },
      setSecurityDomain: (domain) => patch({ domain }),
      checkDomainSecurity: async () => {
        const { domain, running } = get().domainSecurity
        if (running || domain.trim() === '') return
        patch({ running: true, error: undefined, report: undefined })
        const result = await api.probe.domainSecurity(domain.trim())
        patch(result.ok ? { running: false, report: result.value } : { running: false, error: result.error.message })
      },
    }
  }
}
