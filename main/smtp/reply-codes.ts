// What SMTP reply codes mean, in words a person can act on. Basic codes from RFC 5321
// section 4.2 (plus the AUTH codes of RFC 4954 and 555 of RFC 1869); enhanced status codes
// from RFC 3463 (class.subject.detail) and its additions (RFC 3886, 4954, 5248, 6531, 7504).
// This file imports NOTHING: the renderer explains codes on hover through the contract.

const BASIC: Record<number, string> = {
  211: 'System status, or system help reply',
  214: 'Help message',
  220: 'Service ready',
  221: 'Service closing transmission channel',
  235: 'Authentication succeeded',
  250: 'Requested mail action okay, completed',
  251: 'User not local; will forward',
  252: 'Cannot verify the user, but will accept the message and attempt delivery',
  334: 'Authentication challenge: the server waits for the next step of the exchange',
  354: 'Start mail input; end with <CRLF>.<CRLF>',
  421: 'Service not available, closing transmission channel',
  432: 'A password transition is needed',
  450: 'Requested mail action not taken: mailbox unavailable (for example busy or temporarily blocked)',
  451: 'Requested action aborted: local error in processing',
  452: 'Requested action not taken: insufficient system storage (or too many recipients)',
  454: 'Temporary authentication failure (or TLS not available for a temporary reason)',
  455: 'Server unable to accommodate parameters',
  500: 'Syntax error, command unrecognized',
  501: 'Syntax error in parameters or arguments',
  502: 'Command not implemented',
  503: 'Bad sequence of commands',
  504: 'Command parameter not implemented',
  521: 'This host does not accept mail',
  530: 'Authentication required',
  534: 'Authentication mechanism is too weak',
  535: 'Authentication credentials invalid',
  538: 'Encryption required for the requested authentication mechanism',
  550: 'Requested action not taken: mailbox unavailable (not found, no access, or refused by policy)',
  551: 'User not local; please try the forward path given',
  552: 'Requested mail action aborted: exceeded storage allocation (message too large)',
  553: 'Requested action not taken: mailbox name not allowed (bad address syntax)',
  554: 'Transaction failed (or, at connection time: no SMTP service here)',
  555: 'MAIL FROM/RCPT TO parameters not recognized or not implemented',
}

const CLASS: Record<string, string> = {
  '2': 'Success',
  '4': 'Persistent transient failure: a later retry may succeed',
  '5': 'Permanent failure: retrying the same message will not help',
}

const SUBJECT: Record<string, string> = {
  '0': 'Other or undefined status',
  '1': 'Addressing status',
  '2': 'Mailbox status',
  '3': 'Mail system status',
  '4': 'Network and routing status',
  '5': 'Mail delivery protocol status',
  '6': 'Message content or media status',
  '7': 'Security or policy status',
}

// Keyed by "subject.detail"; the class (2/4/5) says success, temporary or permanent.
const DETAIL: Record<string, string> = {
  '0.0': 'other undefined status',
  '1.0': 'other address status',
  '1.1': 'bad destination mailbox address',
  '1.2': 'bad destination system address',
  '1.3': 'bad destination mailbox address syntax',
  '1.4': 'destination mailbox address ambiguous',
  '1.5': 'destination address valid',
  '1.6': 'destination mailbox has moved, no forwarding address',
  '1.7': "bad sender's mailbox address syntax",
  '1.8': "bad sender's system address",
  '1.9': 'message relayed to non-compliant mailer',
  '1.10': 'recipient address has null MX',
  '2.0': 'other or undefined mailbox status',
  '2.1': 'mailbox disabled, not accepting messages',
  '2.2': 'mailbox full',
  '2.3': 'message length exceeds administrative limit',
  '2.4': 'mailing list expansion problem',
  '3.0': 'other or undefined mail system status',
  '3.1': 'mail system full',
  '3.2': 'system not accepting network messages',
  '3.3': 'system not capable of selected features',
  '3.4': 'message too big for system',
  '3.5': 'system incorrectly configured',
  '3.6': 'requested priority was changed',
  '4.0': 'other or undefined network or routing status',
  '4.1': 'no answer from host',
  '4.2': 'bad connection',
  '4.3': 'directory server failure',
  '4.4': 'unable to route',
  '4.5': 'mail system congestion',
  '4.6': 'routing loop detected',
  '4.7': 'delivery time expired',
  '5.0': 'other or undefined protocol status',
  '5.1': 'invalid command',
  '5.2': 'syntax error',
  '5.3': 'too many recipients',
  '5.4': 'invalid command arguments',
  '5.5': 'wrong protocol version',
  '5.6': 'authentication exchange line is too long',
  '6.0': 'other or undefined media error',
  '6.1': 'media not supported',
  '6.2': 'conversion required and prohibited',
  '6.3': 'conversion required but not supported',
  '6.4': 'conversion with loss performed',
  '6.5': 'conversion failed',
  '6.6': 'message content not available',
  '6.7': 'non-ASCII addresses not permitted for that sender/recipient',
  '6.8': 'UTF-8 string reply is required, but not permitted by the SMTP client',
  '6.9': 'UTF-8 header message cannot be transferred to one or more recipients',
  '7.0': 'other or undefined security status',
  '7.1': 'delivery not authorized, message refused',
  '7.2': 'mailing list expansion prohibited',
  '7.3': 'security conversion required but not possible',
  '7.4': 'security features not supported',
  '7.5': 'cryptographic failure',
  '7.6': 'cryptographic algorithm not supported',
  '7.7': 'message integrity failure',
  '7.8': 'authentication credentials invalid',
  '7.9': 'authentication mechanism is too weak',
  '7.10': 'encryption needed',
  '7.11': 'encryption required for requested authentication mechanism',
  '7.12': 'a password transition is needed',
  '7.13': 'user account disabled',
  '7.14': 'trust relationship required',
  '7.15': 'priority level is too low',
  '7.16': 'message is too big for the specified priority',
  '7.17': 'mailbox owner has changed',
  '7.18': 'domain owner has changed',
  '7.19': 'RRVS test cannot be completed',
  '7.20': 'no passing DKIM signature found',
  '7.21': 'no acceptable DKIM signature found',
  '7.22': 'no valid author-matched DKIM signature found',
  '7.23': 'SPF validation failed',
  '7.24': 'SPF validation error',
  '7.25': 'reverse DNS validation failed',
  '7.26': 'multiple authentication checks failed',
  '7.27': 'sender address has null MX',
  '7.28': 'mail flood detected',
  '7.29': 'ARC validation failure',
  '7.30': 'REQUIRETLS support required',
}

/** The generic meaning of a code we have no entry for, from its first digit (RFC 5321 4.2.1). */
function byFirstDigit(code: number): string {
  switch (Math.floor(code / 100)) {
    case 2:
      return 'Positive completion'
    case 3:
      return 'Positive intermediate: the server waits for more input'
    case 4:
      return 'Transient negative completion: the command was not accepted, a retry may succeed'
    case 5:
      return 'Permanent negative completion: the command was not accepted'
    default:
      return 'Not a valid SMTP reply code'
  }
}

function explainEnhanced(enhanced: string): string | undefined {
  const match = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(enhanced)
  if (!match) return undefined
  const [, cls, subject, detail] = match as unknown as [string, string, string, string]
  // A success with detail 0 (250 2.6.0) names only its subject: the registry's X.Y.0 text
  // ("other or undefined media error") would read as a failure on a reply that succeeded.
  const subjectOnly = cls === '2' && detail === '0' && subject !== '0' ? SUBJECT[subject]?.toLowerCase() : undefined
  const what = subjectOnly ?? DETAIL[`${subject}.${detail}`] ?? SUBJECT[subject]?.toLowerCase() ?? 'unknown status'
  return `${CLASS[cls]}: ${what}`
}

/** Explain a reply code, and its enhanced status code (e.g. "5.1.1") when there is one. */
export function explainReply(code: number, enhanced?: string): { basic: string; enhanced?: string } {
  const basic = BASIC[code] ?? byFirstDigit(code)
  if (enhanced === undefined) return { basic }
  return { basic, enhanced: explainEnhanced(enhanced) ?? 'Not a valid enhanced status code' }
}
