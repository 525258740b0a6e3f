import type { Profile } from '../../../../preload/contract'
import { securityLabel } from './security-label'
import styles from './profiles.module.css'

/**
 * Where a profile connects, beside its picker. The local inbox's port is chosen when it
 * starts, so it has no address to show until then.
 */
export function ProfileSummary({ profile, testId }: { profile: Profile; testId: string }) {
  if (profile.kind === 'local-inbox') {
    return (
      <span
        className={styles['server-summary']}
        data-testid={testId}
        title={`Built into Mailwire: a capture server on ${profile.host}, a free port chosen when it starts, STARTTLS verified against its own certificate`}
      >
        built in · STARTTLS
      </span>
    )
  }
  return (
    <span className={`${styles['server-summary']} mono`} data-testid={testId} title={`${profile.host}:${profile.port} · ${securityLabel(profile.security)}`}>
      {profile.host}:{profile.port} · {securityLabel(profile.security)}
    </span>
  )
}
