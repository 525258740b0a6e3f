// The command line, parsed by hand: every flag known up front, repeats collected, values
// checked, and a clear one-line error for anything else. Files are not read here (send.ts
// does), so parsing stays pure and testable.
import type { SecurityMode } from '../smtp/types'
import type {
  BodyArg,
  Command,
  ConnectionArgs,
  InboxArgs,
  LocalSendArgs,
  MessageArgs,
  MxProbeArgs,
  DomainProbeArgs,
  ParsedArgs,
  ProbeArgs,
  SendArgs,
} from './arg-types'
import { parseFaultFlags } from './fault-flags'
import { IDENTITY_FLAGS, parseAuthFlags, parseIdentityFlags } from './identity-flags'
import { PRINT_TOOLS } from './arg-types'
import { checkHelo, noLineBreaks, oneOf, parseHeader, parseTimeout } from './flag-values'
import { InputError } from './input-error'
import { parseListenHost, parseListenPort } from './listen-address'
import { parseDnsServer } from './dns-server'
import { DKIM_FLAGS, parseDkimFlags } from './dkim-flags'
import { parseProtocolFlags, PROTOCOL_FLAGS } from './protocol-flags'
import { LOAD_FLAGS, parseLoadFlags } from './load-flags'
import { DEFAULT_PORT, parseServerAddress } from './server-address'

export const SECURITY_MODES: readonly SecurityMode[] = ['auto', 'starttls', 'implicit', 'none']
export { QUIT_AFTER_STEPS } from './protocol-flags'
const MAX_PORT = 65535

const COMMANDS: readonly Command[] = ['send', 'probe', 'inbox']

interface FlagSpec {
  type: 'string' | 'list' | 'boolean'
  commands: readonly Command[]
}

const BOTH: readonly Command[] = ['send', 'probe']
const SEND: readonly Command[] = ['send']
const INBOX: readonly Command[] = ['inbox']
const SEND_INBOX: readonly Command[] = ['send', 'inbox']
const PROBE: readonly Command[] = ['probe']
const PROBE_INBOX: readonly Command[] = ['probe', 'inbox']
const ALL: readonly Command[] = COMMANDS

const FLAGS: Record<string, FlagSpec> = {
  server: { type: 'string', commands: BOTH },
  from: { type: 'string', commands: SEND },
  to: { type: 'list', commands: SEND },
  cc: { type: 'list', commands: SEND },
  bcc: { type: 'list', commands: SEND },
  subject: { type: 'string', commands: SEND },
  body: { type: 'string', commands: SEND },
  'body-file': { type: 'string', commands: SEND },
  'data-file': { type: 'string', commands: SEND },
  attach: { type: 'list', commands: SEND },
  header: { type: 'list', commands: SEND },
  tls: { type: 'string', commands: BOTH },
  insecure: { type: 'boolean', commands: BOTH },
  ca: { type: 'string', commands: BOTH },
  user: { type: 'string', commands: SEND },
  'allow-plaintext-auth': { type: 'boolean', commands: SEND },
  helo: { type: 'string', commands: BOTH },
  timeout: { type: 'string', commands: BOTH },
  local: { type: 'boolean', commands: SEND },
  fault: { type: 'list', commands: SEND_INBOX },
  port: { type: 'string', commands: PROBE_INBOX },
  mx: { type: 'string', commands: PROBE },
  domain: { type: 'string', commands: PROBE },
  'https-port': { type: 'string', commands: PROBE },
  'dns-server': { type: 'list', commands: PROBE_INBOX },
  host: { type: 'string', commands: INBOX },
  'data-dir': { type: 'string', commands: INBOX },
  'max-clients': { type: 'string', commands: INBOX },
  json: { type: 'boolean', commands: ALL },
  'auth-mech': { type: 'string', commands: SEND },
  'tls-cert': { type: 'string', commands: BOTH },
  'tls-key': { type: 'string', commands: BOTH },
  'tls-pfx': { type: 'string', commands: BOTH },
  'tls-min': { type: 'string', commands: BOTH },
  'tls-max': { type: 'string', commands: BOTH },
  'tls-ciphers': { type: 'string', commands: BOTH },
  'tls-sni': { type: 'string', commands: BOTH },
  proxy: { type: 'string', commands: BOTH },
  'proxy-protocol': { type: 'string', commands: BOTH },
  'proxy-source': { type: 'string', commands: BOTH },
  'local-address': { type: 'string', commands: BOTH },
  'tls-versions': { type: 'boolean', commands: PROBE },
  help: { type: 'boolean', commands: ALL },
  ...Object.fromEntries(DKIM_FLAGS.map((name) => [name, { type: 'string', commands: SEND }])),
  'print-command': { type: 'string', commands: SEND },
  // The conversation's own flags (protocol-flags.ts): envelope, DSN, LMTP, BDAT, stop and drop.
  ...Object.fromEntries(Object.entries(PROTOCOL_FLAGS).map(([name, type]) => [name, { type, commands: SEND }])),
  // A load send (load-flags.ts): N copies over C connections.
  ...Object.fromEntries(Object.entries(LOAD_FLAGS).map(([name, type]) => [name, { type, commands: SEND }])),
}

/** send --local without --from / --to: addresses in the reserved .test domain (RFC 2606). */
export const LOCAL_DEFAULT_FROM = 'you@mailwire.test'
export const LOCAL_DEFAULT_TO = 'inbox@mailwire.test'
/** The inbox speaks STARTTLS, not implicit TLS; send --local requires it unless told otherwise. */
const LOCAL_SECURITY_MODES: readonly SecurityMode[] = ['starttls', 'auto', 'none']

/** Flags that would put a secret into shell history and `ps` output. */
const PASSWORD_FLAGS = new Set(['password', 'pass', 'passwd', 'pw', 'p'])

interface RawFlags {
  strings: Map<string, string>
  lists: Map<string, string[]>
  booleans: Set<string>
  positionals: string[]
}

function splitFlag(arg: string): { name: string; inline?: string } {
  const body = arg.replace(/^--?/, '')
  const eq = body.indexOf('=')
  return eq === -1 ? { name: body } : { name: body.slice(0, eq), inline: body.slice(eq + 1) }
}

function collect(command: Command, argv: readonly string[]): RawFlags {
  const raw: RawFlags = { strings: new Map(), lists: new Map(), booleans: new Set(), positionals: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--') {
      raw.positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('-') || arg === '-') {
      raw.positionals.push(arg)
      continue
    }
    const { name, inline } = splitFlag(arg)
    if (PASSWORD_FLAGS.has(name.toLowerCase())) {
      throw new InputError(
        `${arg.split('=')[0]} is refused: a password on the command line ends up in shell history and process lists; set MAILWIRE_PASSWORD or let mailwire ask for it`,
      )
    }
    if (arg === '-h') {
      raw.booleans.add('help')
      continue
    }
    const spec = arg.startsWith('--') ? FLAGS[name] : undefined
    if (!spec) throw new InputError(`unknown option ${arg.split('=')[0]} (see mailwire --help)`)
    if (!spec.commands.includes(command)) throw new InputError(`--${name} does not apply to 'mailwire ${command}'`)
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new InputError(`--${name} takes no value`)
      raw.booleans.add(name)
      continue
    }
    let value = inline
    if (value === undefined) {
      const next = argv[i + 1]
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new InputError(`--${name} needs a value${next ? ` (to pass one starting with --, write --${name}=VALUE)` : ''}`)
      }
      value = next
      i++
    }
    if (spec.type === 'list') raw.lists.set(name, [...(raw.lists.get(name) ?? []), value])
    else if (raw.strings.has(name)) throw new InputError(`--${name} given twice`)
    else raw.strings.set(name, value)
  }
  return raw
}

/** The flags every connection takes, without the server. */
function connectionFlags(raw: RawFlags): Omit<ConnectionArgs, 'server'> {
  const tls = oneOf('tls', raw.strings.get('tls'), SECURITY_MODES, 'auto')
  const caPath = raw.strings.get('ca')
  const helo = checkHelo(raw.strings.get('helo'))
  const timeoutMs = parseTimeout(raw.strings.get('timeout'))
  return {
    tls,
    insecure: raw.booleans.has('insecure'),
    ...(caPath !== undefined ? { caPath } : {}),
    ...(helo !== undefined ? { helo } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    json: raw.booleans.has('json'),
    ...parseIdentityFlags(raw),
  }
}

function connectionArgs(raw: RawFlags, serverText: string): ConnectionArgs {
  const flags = connectionFlags(raw)
  return { server: parseServerAddress(serverText, flags.tls), ...flags }
}

function bodyArg(raw: RawFlags): BodyArg | undefined {
  const given = (['body', 'body-file', 'data-file'] as const).filter((flag) => raw.strings.has(flag))
  if (given.length > 1) throw new InputError(`give only one of --body, --body-file and --data-file (got ${given.map((f) => `--${f}`).join(' and ')})`)
  const body = raw.strings.get('body')
  if (body !== undefined) return { kind: 'text', text: body }
  const bodyFile = raw.strings.get('body-file')
  if (bodyFile !== undefined) return { kind: 'file', path: bodyFile }
  const dataFile = raw.strings.get('data-file')
  if (dataFile === undefined) return undefined
  // Raw mode sends the file as it is: anything composed from flags would be silently dropped.
  for (const flag of ['subject', 'attach', 'header'] as const) {
    if (raw.strings.has(flag) || raw.lists.has(flag)) {
      throw new InputError(`--${flag} cannot be used with --data-file: the file is sent as the whole message, headers included`)
    }
  }
  return { kind: 'data-file', path: dataFile }
}

function required(raw: RawFlags, flag: string): string {
  const value = raw.strings.get(flag)
  if (value === undefined || value.trim() === '') throw new InputError(`--${flag} is required (see mailwire --help)`)
  return value
}

/** The message flags of send, with the defaults send --local fills in. */
function messageFlags(raw: RawFlags, defaults?: { from: string; to: string }): Omit<MessageArgs, 'tls' | 'helo' | 'timeoutMs' | 'json'> {
  const fromText = defaults && !raw.strings.has('from') ? defaults.from : required(raw, 'from')
  const [from = ''] = noLineBreaks('from', [fromText])
  const givenTo = raw.lists.get('to') ?? []
  const to = noLineBreaks('to', givenTo.length === 0 && defaults ? [defaults.to] : givenTo)
  if (to.length === 0) throw new InputError('--to is required: give at least one recipient')
  const subject = raw.strings.get('subject')
  const body = bodyArg(raw)
  const user = raw.strings.get('user')
  if (user !== undefined && /[\r\n\0]/.test(user)) throw new InputError('--user cannot contain CR, LF or NUL')
  return {
    from,
    to,
    cc: noLineBreaks('cc', raw.lists.get('cc') ?? []),
    bcc: noLineBreaks('bcc', raw.lists.get('bcc') ?? []),
    ...(subject !== undefined ? { subject } : {}),
    ...(body !== undefined ? { body } : {}),
    attach: raw.lists.get('attach') ?? [],
    headers: (raw.lists.get('header') ?? []).map(parseHeader),
    ...(user !== undefined ? { user } : {}),
    allowPlaintextAuth: raw.booleans.has('allow-plaintext-auth'),
    ...parseProtocolFlags({ string: (name) => raw.strings.get(name), list: (name) => raw.lists.get(name) ?? [], boolean: (name) => raw.booleans.has(name) }),
    ...parseAuthFlags(raw),
    ...parseDkimFlags(raw.strings),
  }
}

function parseSend(raw: RawFlags): SendArgs {
  if (raw.lists.has('fault')) {
    throw new InputError('--fault needs --local (a temporary inbox that plays it), or run mailwire inbox --fault … and send to it')
  }
  if (!raw.strings.has('server')) throw new InputError('--server is required (or --local, to send to a temporary local test inbox; see mailwire --help)')
  const server = required(raw, 'server')
  const printText = raw.strings.get('print-command')
  const printCommand = printText === undefined ? undefined : oneOf('print-command', printText, PRINT_TOOLS, 'mailwire')
  const load = parseLoadFlags({ string: (name) => raw.strings.get(name), boolean: (name) => raw.booleans.has(name) })
  if (printCommand && load.load) throw new InputError('--print-command cannot be used with --repeat: the other tools send one message')
  return { ...connectionArgs(raw, server), ...messageFlags(raw), ...(printCommand ? { printCommand } : {}), ...load }
}

function parseLocalSend(raw: RawFlags): LocalSendArgs {
  const loadFlag = Object.keys(LOAD_FLAGS).find((flag) => raw.strings.has(flag) || raw.booleans.has(flag))
  if (loadFlag) throw new InputError(`--${loadFlag} cannot be used with --local: load a server of your own (mailwire inbox, then --server 127.0.0.1:PORT)`)
  if (raw.strings.has('print-command')) throw new InputError('--print-command cannot be used with --local: the temporary inbox exists only while mailwire runs')
  for (const flag of ['server', 'ca', 'insecure'] as const) {
    if (raw.strings.has(flag) || raw.booleans.has(flag)) {
      throw new InputError(`--${flag} cannot be used with --local: the temporary inbox is the server, and only its own certificate is trusted`)
    }
  }
  const notLocal = IDENTITY_FLAGS.find((flag) => raw.strings.has(flag))
  if (notLocal) throw new InputError(`--${notLocal} cannot be used with --local: the temporary inbox is on this machine, reached directly`)
  const tlsText = raw.strings.get('tls')
  if (tlsText === 'implicit') throw new InputError('--tls implicit cannot be used with --local: the local inbox offers STARTTLS (use starttls, auto or none)')
  const helo = checkHelo(raw.strings.get('helo'))
  const timeoutMs = parseTimeout(raw.strings.get('timeout'))
  return {
    tls: oneOf('tls', tlsText, LOCAL_SECURITY_MODES, 'starttls'),
    ...(helo !== undefined ? { helo } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    json: raw.booleans.has('json'),
    ...messageFlags(raw, { from: LOCAL_DEFAULT_FROM, to: LOCAL_DEFAULT_TO }),
    faults: parseFaultFlags(raw.lists.get('fault') ?? []),
  }
}

/** --max-clients: each client holds a file descriptor, and many systems allow 1,024 a process. */
const MAX_CLIENTS_FLAG = 1000

function parseMaxClients(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d{1,4}$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_CLIENTS_FLAG) {
    throw new InputError(`--max-clients must be a number from 1 to ${MAX_CLIENTS_FLAG} (got '${text}')`)
  }
  return Number(text)
}

function parseInbox(raw: RawFlags): InboxArgs {
  if (raw.positionals.length > 0) throw new InputError(`unexpected argument '${raw.positionals[0]}' (mailwire inbox takes only options; see mailwire --help)`)
  const dataDir = raw.strings.get('data-dir')
  if (dataDir !== undefined && dataDir.trim() === '') throw new InputError('--data-dir is empty: give a folder')
  const host = raw.strings.get('host')
  const port = raw.strings.get('port')
  const maxClients = parseMaxClients(raw.strings.get('max-clients'))
  return {
    host: host === undefined ? '127.0.0.1' : parseListenHost(host),
    port: port === undefined ? 0 : parseListenPort(port),
    ...(dataDir !== undefined ? { dataDir } : {}),
    ...(maxClients !== undefined ? { maxClients } : {}),
    faults: parseFaultFlags(raw.lists.get('fault') ?? []),
    json: raw.booleans.has('json'),
    ...(raw.lists.has('dns-server') ? { dnsServers: (raw.lists.get('dns-server') ?? []).map(parseDnsServer) } : {}),
  }
}

function parseProbe(raw: RawFlags): ProbeArgs {
  for (const flag of ['port', 'dns-server'] as const) {
    if (raw.strings.has(flag) || raw.lists.has(flag)) throw new InputError(`--${flag} goes with --mx DOMAIN (for a server, write HOST:PORT)`)
  }
  const flagged = raw.strings.get('server')
  if (raw.positionals.length > 1) throw new InputError(`probe takes one HOST[:PORT] (got ${raw.positionals.join(' ')})`)
  if (flagged !== undefined && raw.positionals.length > 0) throw new InputError('give the server once: HOST[:PORT] or --server HOST[:PORT]')
  const server = flagged ?? raw.positionals[0]
  if (server === undefined) throw new InputError('probe needs a server: mailwire probe HOST[:PORT]')
  return connectionArgs(raw, server)
}

function parseMxProbe(raw: RawFlags): MxProbeArgs {
  if (raw.positionals.length > 0 || raw.strings.has('server')) {
    throw new InputError('give either a server (HOST[:PORT] or --server) or --mx DOMAIN, not both')
  }
  const domain = required(raw, 'mx')
  if (/[\s\0]/.test(domain.trim())) throw new InputError(`--mx takes one domain name (got '${domain}')`)
  const portText = raw.strings.get('port')
  if (portText !== undefined && (!/^\d{1,5}$/.test(portText.trim()) || Number(portText) < 1 || Number(portText) > MAX_PORT)) {
    throw new InputError(`--port must be a number from 1 to ${MAX_PORT} (got '${portText}')`)
  }
  return {
    ...connectionFlags(raw),
    domain: domain.trim(),
    port: portText === undefined ? DEFAULT_PORT : Number(portText),
    dnsServers: (raw.lists.get('dns-server') ?? []).map(parseDnsServer),
  }
}

/** The flags probe --domain reads; a session's own (--tls, --insecure, a proxy...) would be silently ignored. */
const DOMAIN_PROBE_FLAGS: ReadonlySet<string> = new Set(['domain', 'dns-server', 'ca', 'port', 'https-port', 'helo', 'timeout', 'json', 'server', 'mx'])

/** probe --domain: DNS, HTTPS and STARTTLS checks, none of the connection flags of a session. */
function parseDomainProbe(raw: RawFlags): DomainProbeArgs {
  if (raw.positionals.length > 0 || raw.strings.has('server') || raw.strings.has('mx')) {
    throw new InputError('give one of a server (HOST[:PORT]), --mx DOMAIN or --domain DOMAIN')
  }
  const ignored = [...raw.strings.keys(), ...raw.lists.keys(), ...raw.booleans].find((flag) => !DOMAIN_PROBE_FLAGS.has(flag))
  if (ignored !== undefined) {
    throw new InputError(`--${ignored} does not apply to 'mailwire probe --domain': it checks each exchanger's STARTTLS as a sending server would (only --dns-server, --ca, --port, --https-port, --helo, --timeout and --json apply)`)
  }
  const domain = required(raw, 'domain').trim()
  if (/[\s\0/:@]/.test(domain)) throw new InputError(`--domain takes one domain name (got '${domain}')`)
  const port = (flag: string): number | undefined => {
    const text = raw.strings.get(flag)
    if (text === undefined) return undefined
    if (!/^\d{1,5}$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_PORT) throw new InputError(`--${flag} must be a number from 1 to ${MAX_PORT} (got '${text}')`)
    return Number(text)
  }
  const caPath = raw.strings.get('ca')
  const helo = checkHelo(raw.strings.get('helo'))
  const timeoutMs = parseTimeout(raw.strings.get('timeout'))
  const smtpPort = port('port')
  const httpsPort = port('https-port')
  return {
    domain,
    dnsServers: (raw.lists.get('dns-server') ?? []).map(parseDnsServer),
    ...(caPath !== undefined ? { caPath } : {}),
    ...(smtpPort !== undefined ? { port: smtpPort } : {}),
    ...(httpsPort !== undefined ? { httpsPort } : {}),
    ...(helo !== undefined ? { helo } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    json: raw.booleans.has('json'),
  }
}

/** diff takes two files and --json, nothing else. */
function parseDiff(rest: readonly string[]): ParsedArgs {
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help', topic: 'diff' }
  const json = rest.includes('--json')
  const unknown = rest.find((arg) => arg.startsWith('-') && arg !== '--json')
  if (unknown !== undefined) throw new InputError(`${unknown} does not apply to 'mailwire diff' (only --json)`)
  const files = rest.filter((arg) => arg !== '--json')
  const [a, b] = files
  if (files.length !== 2 || a === undefined || b === undefined) throw new InputError('mailwire diff takes two session files or two messages: mailwire diff A.json B.json, or mailwire diff sent.eml arrived.eml')
  return { command: 'diff', args: { a, b, json } }
}

function isCommand(word: string): word is Command {
  return (COMMANDS as readonly string[]).includes(word)
}

/** argv without the node and script paths. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h') return { command: 'help' }
  if (first === 'help') {
    const topic = rest[0]
    if (topic === 'diff') return { command: 'help', topic }
    return topic !== undefined && isCommand(topic) ? { command: 'help', topic } : { command: 'help' }
  }
  if (first === '--version' || first === '-V') return { command: 'version' }
  if (first === 'diff') return parseDiff(rest)
  if (!isCommand(first)) {
    if (first.startsWith('-')) collect('send', [first]) // refuse --password and unknown flags with their own message
    throw new InputError(`unknown command '${first}': use 'mailwire send', 'mailwire probe', 'mailwire inbox' or 'mailwire diff' (see mailwire --help)`)
  }
  // Help first, so `mailwire send --help` works whatever else is on the line.
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help', topic: first }
  const raw = collect(first, rest)
  switch (first) {
    case 'send':
      if (raw.positionals.length > 0) throw new InputError(`unexpected argument '${raw.positionals[0]}' (use --to, --body, …; see mailwire --help)`)
      return raw.booleans.has('local') ? { command: 'send-local', args: parseLocalSend(raw) } : { command: 'send', args: parseSend(raw) }
    case 'probe':
      if (raw.strings.has('domain')) return { command: 'probe-domain', args: parseDomainProbe(raw) }
      if (raw.strings.has('https-port')) throw new InputError('--https-port goes with --domain DOMAIN')
      return raw.strings.has('mx') ? { command: 'probe-mx', args: parseMxProbe(raw) } : { command: 'probe', args: parseProbe(raw) }
    case 'inbox':
      return { command: 'inbox', args: parseInbox(raw) }
  }
}
