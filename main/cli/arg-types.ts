// What each command gets from its flags, once parsed and checked (args.ts builds them).
import type { HeaderInput } from '../message/types'
import type { SecurityMode } from '../smtp/types'
import type { ProtocolArgs } from './protocol-flags'
import type { InboxFaults } from '../inbox/types'
import type { AuthArgs, IdentityArgs } from './identity-flags'
import type { DkimArgs } from './dkim-flags'
import type { ServerAddress } from './server-address'
import type { LoadArgs } from './load-flags'

export type Command = 'send' | 'probe' | 'inbox'

export interface ConnectionArgs extends IdentityArgs {
  server: ServerAddress
  tls: SecurityMode
  insecure: boolean
  caPath?: string
  helo?: string
  /** --timeout in milliseconds: every single wait of the session. */
  timeoutMs?: number
  json: boolean
}

export type BodyArg =
  | { kind: 'text'; text: string }
  | { kind: 'file'; path: string }
  /** --data-file: the whole message, headers and body, sent as it is (raw mode). */
  | { kind: 'data-file'; path: string }

/** What a send needs besides where the server is and which CA to trust (send and send --local). */
export interface MessageArgs extends ProtocolArgs, AuthArgs, DkimArgs {
  tls: SecurityMode
  helo?: string
  timeoutMs?: number
  json: boolean
  from: string
  /** As given: each value may be a pasted list ("a@x, B <b@y>"). */
  to: string[]
  cc: string[]
  bcc: string[]
  subject?: string
  body?: BodyArg
  attach: string[]
  headers: HeaderInput[]
  user?: string
  allowPlaintextAuth: boolean
}

/** --print-command: the tools a send can be printed for (print-command.ts). */
export const PRINT_TOOLS = ['mailwire', 'swaks', 'curl', 'openssl'] as const
export type PrintTool = (typeof PRINT_TOOLS)[number]

export interface SendArgs extends ConnectionArgs, MessageArgs {
  /** Print the send as this tool's command and exit, without connecting. */
  printCommand?: PrintTool
  /** --repeat N (--connections C): a load send (load.ts). */
  load?: LoadArgs
}

/** send --local: the temporary inbox is the server and its own certificate the only one trusted. */
export interface LocalSendArgs extends MessageArgs {
  faults: InboxFaults
}

export type ProbeArgs = ConnectionArgs

/** probe --mx DOMAIN: the most preferred mail exchanger of the domain is the server. */
export interface MxProbeArgs extends Omit<ConnectionArgs, 'server'> {
  domain: string
  /** The port to probe on the exchanger: 25 (RFC 5321 section 4.5.4.1) unless --port says otherwise. */
  port: number
  /** --dns-server, as Resolver.setServers takes them; empty: the system's resolvers. */
  dnsServers: string[]
}

/** probe --domain DOMAIN: the domain's mail security report. */
export interface DomainProbeArgs {
  domain: string
  dnsServers: string[]
  caPath?: string
  /** The exchangers' port: 25 unless --port says otherwise. */
  port?: number
  /** --https-port: where the MTA-STS policy is fetched (443). */
  httpsPort?: number
  helo?: string
  timeoutMs?: number
  json: boolean
}

export interface InboxArgs {
  /** Where to listen: 127.0.0.1 unless --host says otherwise. */
  host: string
  /** 0: a free port. */
  port: number
  /** --data-dir; the per-user default folder when absent. */
  dataDir?: string
  /** --max-clients; the inbox's default (100) when absent. */
  maxClients?: number
  faults: InboxFaults
  json: boolean
  /** --dns-server: where the authentication check of each message asks; the system's resolvers when absent. */
  dnsServers?: string[]
}

/** diff A.json B.json: two session files. */
export interface DiffArgs {
  a: string
  b: string
  json: boolean
}

export type ParsedArgs =
  | { command: 'help'; topic?: Command | 'diff' }
  | { command: 'version' }
  | { command: 'send'; args: SendArgs }
  | { command: 'send-local'; args: LocalSendArgs }
  | { command: 'probe'; args: ProbeArgs }
  | { command: 'probe-mx'; args: MxProbeArgs }
  | { command: 'probe-domain'; args: DomainProbeArgs }
  | { command: 'inbox'; args: InboxArgs }
  | { command: 'diff'; args: DiffArgs }
