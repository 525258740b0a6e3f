import { passwordBoundChanges, type PasswordBoundField, type Profile } from '../../../../preload/contract'
import type { ProfileFields } from '../../store/profiles-slice'

const FIELD_WORDS: Record<PasswordBoundField, string> = {
  host: 'host',
  port: 'port',
  security: 'security',
  allowPlaintextAuth: 'cleartext opt-in',
  allowInvalidCertificate: 'invalid-certificate opt-in',
  caPem: 'custom CA',
}

/**
 * Main clears a stored password when the server or its protections change (a typo in the
 * host must not send it elsewhere): say so before Save, while the old values are in view.
 */
export function PasswordMoveNotice({ saved, fields }: { saved: Profile; fields: ProfileFields }) {
  const changed = passwordBoundChanges(saved, fields)
  if (changed.length === 0) return null
  const words = changed.map((field) => FIELD_WORDS[field])
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
  return (
    <p className="warning" role="status" data-testid="password-cleared-notice">
      The {list} changed: saving clears the stored password, so it never goes to a server it was not given for.
      Type it again to keep one.
    </p>
  )
}
