import type { SecurityMode } from '../../../preload/contract'

/** RFC 8314 section 3.3: implicit TLS submission. */
export const SUBMISSIONS_PORT = 465
/** RFC 6409 section 3.1: message submission. */
export const SUBMISSION_PORT = 587
/** RFC 5321 section 4.5.4.2: relay. */
export const SMTP_PORT = 25

/**
 * The port that goes with a security mode, unless the user typed one. Plain and STARTTLS
 * are both spoken on 587 and 25, so switching between them keeps either.
 */
export function defaultPortFor(security: SecurityMode, currentPort: number): number {
  switch (security) {
    case 'implicit':
      return SUBMISSIONS_PORT
    case 'auto':
      return SUBMISSION_PORT
    case 'none':
    case 'starttls':
      return currentPort === SMTP_PORT || currentPort === SUBMISSION_PORT ? currentPort : SUBMISSION_PORT
  }
}

export const SECURITY_MODES: ReadonlyArray<{ value: SecurityMode; label: string; hint: string }> = [
  { value: 'auto', label: 'Automatic', hint: 'STARTTLS when the server offers it, plain otherwise' },
  { value: 'starttls', label: 'STARTTLS', hint: 'upgrade to TLS after EHLO; fail if not offered' },
  { value: 'implicit', label: 'TLS from the start', hint: 'implicit TLS (port 465)' },
  { value: 'none', label: 'None (plain text)', hint: 'no encryption at all' },
]
