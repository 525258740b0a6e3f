// The engine's messages name no option: where a setting would get past a failure, the
// error says which one (its remedy), and the CLI names the flag that sets it.
import type { SmtpErrorInfo, SmtpErrorRemedy } from '../smtp/types'

const FLAG_HINT: Record<SmtpErrorRemedy, string> = {
  'trust-certificate': 'trust its CA with --ca PATH, or accept it anyway with --insecure',
  'allow-cleartext-auth': 'use a server or port with TLS, or add --allow-plaintext-auth',
  'client-certificate': 'give one with --tls-cert PATH --tls-key PATH, or --tls-pfx PATH',
}

/** The error's message, with the flag that would get past it when there is one. */
export function messageWithFlagHint(error: Pick<SmtpErrorInfo, 'message' | 'remedy'>): string {
  return error.remedy ? `${error.message} (${FLAG_HINT[error.remedy]})` : error.message
}
