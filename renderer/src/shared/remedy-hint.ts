import type { SmtpErrorInfo, SmtpErrorRemedy } from '../../../preload/contract'

/**
 * The engine's messages name no setting; where one would get past a failure, the error
 * says which (its remedy), and the app names the server profile's option for it, as the
 * profile editor labels it.
 */
const PROFILE_HINT: Record<SmtpErrorRemedy, string> = {
  'trust-certificate':
    'To trust it, paste its CA under "Custom CA (PEM)" in the server\'s settings (More options), or turn on "Accept an invalid certificate" there.',
  'allow-cleartext-auth':
    'Use a server or port with TLS, or turn on "Allow the password over a connection without TLS" in the server\'s settings (More options).',
  'client-certificate': 'Give a client certificate in the server\'s settings (More options).',
}

/** What the user could change in the server profile to get past this error, if anything. */
export function remedyHint(error: Pick<SmtpErrorInfo, 'remedy'>): string | undefined {
  return error.remedy ? PROFILE_HINT[error.remedy] : undefined
}

/** The error's message followed by the profile option that would get past it. */
export function messageWithHint(error: Pick<SmtpErrorInfo, 'message' | 'remedy'>): string {
  const hint = remedyHint(error)
  return hint ? `${error.message}. ${hint}` : error.message
}
