// The local test inbox: a capture SMTP server on loopback for a first Send with no setup.
// Pure Node (no electron), so the app's main process, the CLI and the tests share it.
export { startLocalInbox } from './server'
export { normalizeFaults, recipientMatches, FaultsError, FAULT_NAMES } from './faults'
export { DEFAULT_LIMITS } from './limits'
export { SECRET_MASK } from './session-recorder'
export type {
  AttachmentInfo,
  FaultName,
  HeaderLine,
  InboxFaults,
  InboxLimits,
  InboxSession,
  LocalInboxOptions,
  MailboxAddress,
  MessageSummary,
  ParsedMessage,
  ReceivedEnvelope,
  SessionEvent,
  SessionSummary,
  StoredMessage,
  Unsubscribe,
} from './types'
export type { LocalInbox } from './local-inbox'
export { authenticateStored, INBOX_AUTHSERV_ID } from './authenticate-stored'
export { authenticateMessage, dnsResolver, type DnsResolve } from './authenticate'
export type { AuthenticationReport, AuthenticationSettings, AuthMethod, AuthVerdict } from './authentication-types'
