// The flags that shape the SMTP conversation rather than the message (issue 14): the
// envelope apart from the headers, DSN and REQUIRETLS, LMTP, BDAT, pipelining, and where
// to stop or hang up. Parsed into what the engine's SessionOptions and Envelope take.
import type { ChunkingMode, DropAfter, DsnOptions, MailProtocol, QuitAfter } from '../smtp/types'
import { oneOf } from './flag-values'
import { InputError } from './input-error'

export const QUIT_AFTER_STEPS: readonly QuitAfter[] = ['connect', 'greeting', 'ehlo', 'tls', 'auth', 'mail', 'rcpt', 'data', 'dot']
export const DROP_AFTER_STEPS: readonly DropAfter[] = QUIT_AFTER_STEPS
const DSN_NOTIFY = ['NEVER', 'SUCCESS', 'FAILURE', 'DELAY'] as const
/** BDAT chunks from 1 byte; above 100 MiB a chunk would hold a whole message in memory. */
const MAX_CHUNK_BYTES = 100 * 1024 * 1024

export interface ProtocolArgs {
  /** --envelope-from: the reverse path instead of --from's address; '' is the null sender <>. */
  envelopeFrom?: string
  /** --envelope-to: the recipients instead of those of --to, --cc and --bcc. */
  envelopeTo: string[]
  dsn?: DsnOptions
  requireTls: boolean
  forceExtensions: boolean
  protocol: MailProtocol
  chunking: ChunkingMode
  chunkSize?: number
  pipelining: 'auto' | 'off'
  quitAfter?: QuitAfter
  dropAfter?: DropAfter
}

/** The flags above as the parser collected them (args.ts). */
export interface FlagValues {
  string(name: string): string | undefined
  list(name: string): string[]
  boolean(name: string): boolean
}

export const PROTOCOL_FLAGS = {
  'envelope-from': 'string',
  'envelope-to': 'list',
  'dsn-notify': 'string',
  'dsn-ret': 'string',
  'dsn-envid': 'string',
  'dsn-orcpt': 'boolean',
  'require-tls': 'boolean',
  'force-extensions': 'boolean',
  protocol: 'string',
  chunking: 'string',
  'chunk-size': 'string',
  pipelining: 'string',
  'quit-after': 'string',
  'drop-after': 'string',
} as const

export function parseProtocolFlags(flags: FlagValues): ProtocolArgs {
  const envelopeFrom = flags.string('envelope-from')
  const quitAfter = flags.string('quit-after')
  const dropAfter = flags.string('drop-after')
  if (quitAfter !== undefined && dropAfter !== undefined) throw new InputError('give --quit-after or --drop-after, not both')
  const chunkSize = flags.string('chunk-size')
  const dsn = dsnOptions(flags)
  return {
    ...(envelopeFrom !== undefined ? { envelopeFrom: reversePath(envelopeFrom) } : {}),
    envelopeTo: flags.list('envelope-to').map((value) => bareAddress('envelope-to', value)),
    ...(dsn ? { dsn } : {}),
    requireTls: flags.boolean('require-tls'),
    forceExtensions: flags.boolean('force-extensions'),
    protocol: oneOf('protocol', flags.string('protocol'), ['smtp', 'lmtp'] as const, 'smtp'),
    chunking: oneOf('chunking', flags.string('chunking'), ['off', 'auto', 'force'] as const, 'off'),
    ...(chunkSize !== undefined ? { chunkSize: parseChunkSize(chunkSize) } : {}),
    pipelining: oneOf('pipelining', flags.string('pipelining'), ['auto', 'off'] as const, 'auto'),
    ...(quitAfter !== undefined ? { quitAfter: oneOf('quit-after', quitAfter, QUIT_AFTER_STEPS, 'rcpt') } : {}),
    ...(dropAfter !== undefined ? { dropAfter: oneOf('drop-after', dropAfter, DROP_AFTER_STEPS, 'rcpt') } : {}),
  }
}

/** "<>" (or an empty value) is the null sender of bounces (RFC 5321 4.5.5). */
function reversePath(value: string): string {
  return value.trim() === '<>' || value.trim() === '' ? '' : bareAddress('envelope-from', value)
}

/** The address as it goes between < and >: "<a@b>" and "a@b" alike; no name, no line break. */
function bareAddress(flag: string, value: string): string {
  const address = value.trim().replace(/^<(.*)>$/, '$1')
  if (/[\r\n\0]/.test(address)) throw new InputError(`--${flag} cannot contain CR, LF or NUL: a line break in an address would inject SMTP commands`)
  if (address === '' || /[\s<>]/.test(address)) throw new InputError(`--${flag} takes one bare address, as in MAIL FROM:<address> (got '${value}')`)
  return address
}

function dsnOptions(flags: FlagValues): DsnOptions | undefined {
  const notifyText = flags.string('dsn-notify')
  const ret = flags.string('dsn-ret')
  const envid = flags.string('dsn-envid')
  const orcpt = flags.boolean('dsn-orcpt')
  if (notifyText === undefined && ret === undefined && envid === undefined && !orcpt) return undefined
  const notify = notifyText?.split(',').map((word) => word.trim().toUpperCase())
  if (notify && notify.some((word) => !(DSN_NOTIFY as readonly string[]).includes(word))) {
    throw new InputError(`--dsn-notify takes NEVER, or a list of SUCCESS, FAILURE and DELAY (got '${notifyText}')`)
  }
  if (notify?.includes('NEVER') && notify.length > 1) throw new InputError('--dsn-notify NEVER cannot be combined with other values (RFC 3461 4.1)')
  if (envid !== undefined && /[\r\n\0]/.test(envid)) throw new InputError('--dsn-envid cannot contain CR, LF or NUL')
  return {
    ...(notify ? { notify: notify as DsnOptions['notify'] } : {}),
    ...(ret !== undefined ? { ret: oneOf('dsn-ret', ret.toUpperCase(), ['FULL', 'HDRS'] as const, 'FULL') } : {}),
    ...(envid !== undefined ? { envid } : {}),
    ...(orcpt ? { orcpt } : {}),
  }
}

function parseChunkSize(value: string): number {
  const bytes = Number(value)
  if (!/^\d+$/.test(value.trim()) || bytes < 1 || bytes > MAX_CHUNK_BYTES) {
    throw new InputError(`--chunk-size must be a number of bytes from 1 to ${MAX_CHUNK_BYTES} (got '${value}')`)
  }
  return bytes
}
