// Where a profile connects. An ordinary profile says it itself; the built-in local inbox
// profile stores placeholders (port 0, no CA) because the inbox's port is chosen when it
// starts. Send, the console and the probe all connect through this, so none of them meets
// port 0 or a certificate it cannot verify.
import { IPC_ERROR } from '../../preload/contract'
import { ServiceError } from './errors'
import type { LocalInboxEndpoint } from './local-inbox/inbox-service'
import type { StoredProfile } from './profiles'

/** The running local inbox, started on the first call. */
export interface LocalInboxSource {
  endpoint(): Promise<LocalInboxEndpoint>
}

/**
 * The profile to connect with. The local inbox profile gets the running inbox's address
 * (starting it when needed), STARTTLS, and the inbox's own certificate as its CA, so
 * verification stays on (no public CA certifies 127.0.0.1).
 */
export async function resolveProfileEndpoint(profile: StoredProfile, localInbox: LocalInboxSource | undefined): Promise<StoredProfile> {
  if (profile.kind !== 'local-inbox') return profile
  if (!localInbox) throw new ServiceError(IPC_ERROR.notFound, 'The local test inbox is not available in this build.')
  const { host, port, caPem } = await localInbox.endpoint()
  return { ...profile, host, port, caPem, security: 'starttls', allowInvalidCertificate: false }
}
