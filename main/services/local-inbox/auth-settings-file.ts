// The inbox's authentication settings (the DNS servers its DKIM, SPF, DMARC and ARC checks
// ask) kept in a file of their own, so a restart keeps what the user set. Written only
// from settings the IPC layer already checked; a file that is missing, or that someone
// broke by hand, means the system's resolvers again.
import type { AuthenticationSettings } from '../../../preload/contract'
import { readJsonFile, writeJsonAtomic } from '../../storage/atomic-file'

const DEFAULT_SETTINGS: AuthenticationSettings = { dnsServers: [] }

export interface AuthSettingsFile {
  initial: AuthenticationSettings
  save(settings: AuthenticationSettings): Promise<void>
}

export async function openAuthSettingsFile(path: string): Promise<AuthSettingsFile> {
  const read = await readJsonFile<{ dnsServers?: unknown }>(path)
  const servers = read.state === 'ok' ? read.value?.dnsServers : undefined
  const valid = Array.isArray(servers) && servers.length <= 4 && servers.every((server) => typeof server === 'string')
  return {
    initial: valid ? { dnsServers: [...(servers as string[])] } : DEFAULT_SETTINGS,
    save: async (settings) => void (await writeJsonAtomic(path, { dnsServers: settings.dnsServers })),
  }
}
