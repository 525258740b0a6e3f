// The SMTP engine's public face. Pure Node: the CLI, the Electron services and the tests
// all drive this same code.
export { sendMail } from './send-mail'
export { SmtpConnection, type ConnectionOptions, type CommandOptions, type CommandLine } from './connection'
export { SmtpError } from './errors'
export { probeServer, type ProbeOptions, type ProbeResult } from './probe'
export { explainReply } from './reply-codes'
export { DEFAULT_TIMEOUTS } from './timeouts'
export { parseQueueId } from './queue-id'
export { DEFAULT_DATA_LINES_SHOWN } from './data-preview'
export { MASK } from './wire-log'
export type * from './types'
