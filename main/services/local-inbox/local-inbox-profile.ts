// The built-in "Local test inbox" profile, the default on first run, and the draft a
// newcomer finds in the form then: press Send with no setup and watch both ends.
import { LOCAL_INBOX_WELCOME_TEXT, type ComposeModel, type Profile } from '../../../preload/contract'

export const LOCAL_INBOX_PROFILE_ID = 'local-inbox'

/** The inbox listens on loopback only; its port is chosen when it starts. */
const LOCAL_INBOX_HOST = '127.0.0.1'

/**
 * The profile as stored: connection fields are placeholders (port 0, no CA). The session
 * service replaces them with the running inbox's address and certificate at each send, so
 * no stale port is ever written to profiles.json.
 */
export function localInboxProfile(): Omit<Profile, 'hasPassword'> {
  return {
    id: LOCAL_INBOX_PROFILE_ID,
    name: 'Local test inbox',
    host: LOCAL_INBOX_HOST,
    port: 0,
    security: 'starttls',
    username: '',
    clientName: '',
    allowInvalidCertificate: false,
    allowPlaintextAuth: false,
    caPem: '',
    kind: 'local-inbox',
  }
}

/** What the form holds on first run (only then, and only when there is no draft yet). */
export function firstRunDraft(): ComposeModel {
  return {
    from: 'you@mailwire.test',
    to: ['inbox@mailwire.test'],
    cc: [],
    bcc: [],
    subject: 'Hello from Mailwire',
    text: LOCAL_INBOX_WELCOME_TEXT,
    attachments: [],
    headers: [],
  }
}
