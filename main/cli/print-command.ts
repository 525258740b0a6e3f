// `mailwire send … --print-command mailwire|swaks|curl`: the same send as a command for
// another tool, printed instead of sent, so a session can be handed to someone without
// Mailwire or rerun elsewhere. swaks and curl get the message Mailwire composes, byte for
// byte, in a here-document, so the same headers and body arrive whichever tool sends it.
// Secrets never appear: a password is "$MAILWIRE_PASSWORD", expanded by the shell that runs
// it. The connection comes last as an `openssl s_client` line, commented out, so the whole
// output stays one runnable script.
import { composeEml } from '../message/index'
import type { SecurityMode } from '../smtp/types'
import type { PrintTool, SendArgs } from './arg-types'
import { InputError } from './input-error'
import { OAUTH_TOKEN_ENV } from './password'
import { envelopeFor, prepareMessage, type PreparedSend } from './send'
import type { CliIo } from './io'
import type { SendOutcome } from './send'
import { EXIT_OK } from './exit-codes'
import { readFile } from 'node:fs/promises'

const PASSWORD_REFERENCE = '"$MAILWIRE_PASSWORD"'
const HEREDOC = 'MAILWIRE_MESSAGE'

/** POSIX shell single quotes: everything literal, a ' as '\''. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/** The message as text for a here-document: LF line ends (swaks and curl --crlf send CRLF). */
function messageText(bytes: Buffer): string {
  if (bytes.includes(0)) throw new InputError('--print-command cannot print a message with NUL bytes in it')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new InputError('--print-command cannot print a message that is not UTF-8 text (a shell here-document carries text)')
  }
  return text.replace(/\r\n/g, '\n').replace(/\n?$/, '\n')
}

/** A delimiter no line of the message equals. */
function hereDocument(text: string): { open: string; body: string } {
  const lines = new Set(text.split('\n'))
  let delimiter = HEREDOC
  for (let n = 2; lines.has(delimiter); n++) delimiter = `${HEREDOC}_${n}`
  return { open: `<<'${delimiter}'`, body: `${text}${delimiter}\n` }
}

function swaksCommand(args: SendArgs, from: string, to: string[], message: string): string {
  const tls: Record<SecurityMode, string[]> = { none: [], auto: ['--tls-optional'], starttls: ['--tls'], implicit: ['--tls-on-connect'] }
  const words = ['swaks', '--server', args.server.host, '--port', String(args.server.port), '--from', from || '<>', '--to', to.join(','), ...tls[args.tls]]
  if (args.tls !== 'none' && !args.insecure) words.push('--tls-verify')
  if (args.caPath !== undefined) words.push('--tls-ca-path', args.caPath)
  if (args.helo !== undefined) words.push('--ehlo', args.helo)
  if (args.protocol === 'lmtp') words.push('--protocol', 'LMTP')
  const document = hereDocument(message)
  const auth = args.user !== undefined ? authWords(args, 'swaks') : ''
  return `${words.map(shellQuote).join(' ')}${auth} --data - ${document.open}\n${document.body}`
}

function curlCommand(args: SendArgs, from: string, to: string[], message: string): string {
  const scheme = args.tls === 'implicit' ? 'smtps' : 'smtp'
  // curl's URL path is the name it sends in EHLO.
  const url = `${scheme}://${hostPort(args.server.host, args.server.port)}${args.helo !== undefined ? `/${encodeURIComponent(args.helo)}` : ''}`
  const words = ['curl', '--silent', '--show-error', '--url', url]
  if (args.tls === 'starttls') words.push('--ssl-reqd')
  if (args.tls === 'auto') words.push('--ssl')
  if (args.caPath !== undefined) words.push('--cacert', args.caPath)
  if (args.insecure) words.push('--insecure')
  words.push('--mail-from', from)
  for (const address of to) words.push('--mail-rcpt', address)
  const document = hereDocument(message)
  const auth = args.user !== undefined ? authWords(args, 'curl') : ''
  return `${words.map(shellQuote).join(' ')}${auth} --crlf --upload-file - ${document.open}\n${document.body}`
}

function authWords(args: SendArgs, tool: 'swaks' | 'curl'): string {
  const user = args.user ?? ''
  const oauth = args.authMech === 'XOAUTH2' || args.authMech === 'OAUTHBEARER'
  const secret = oauth ? `"$${OAUTH_TOKEN_ENV}"` : PASSWORD_REFERENCE
  if (tool === 'swaks') {
    const mech = args.authMech ? ` --auth ${shellQuote(args.authMech)}` : ''
    return `${mech} --auth-user ${shellQuote(user)} --auth-password ${secret}`
  }
  if (oauth) return ` --user ${shellQuote(user)} --oauth2-bearer ${secret}`
  const mech = args.authMech ? ` --login-options ${shellQuote(`AUTH=${args.authMech}`)}` : ''
  // The user name quoted on its own, the password left to the shell: "user:$MAILWIRE_PASSWORD".
  return `${mech} --user ${shellQuote(`${user}:`)}${secret}`
}

/** The connection alone, to look at the TLS handshake by hand. */
export function opensslCommand(args: Pick<SendArgs, 'server' | 'tls' | 'caPath'>): string {
  const words = ['openssl', 's_client', '-connect', hostPort(args.server.host, args.server.port)]
  if (args.tls !== 'implicit') words.push('-starttls', 'smtp')
  if (!/^[\d.]+$|:/.test(args.server.host)) words.push('-servername', args.server.host)
  if (args.caPath !== undefined) words.push('-CAfile', args.caPath)
  words.push('-verify_return_error', '-crlf')
  return words.map(shellQuote).join(' ')
}

/** The mailwire command: the same flags, without --print-command (no secret is ever a flag). */
function mailwireCommand(argv: readonly string[]): string {
  const words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--print-command') i++
    else if (!arg.startsWith('--print-command=')) words.push(arg)
  }
  const password = argv.includes('--user') ? `# the password comes from ${PASSWORD_REFERENCE.replace(/"/g, '')} (or is asked)\n` : ''
  return `${password}${['mailwire', ...words].map(shellQuote).join(' ')}\n`
}

export async function printedCommand(tool: PrintTool, args: SendArgs, prepared: PreparedSend, argv: readonly string[]): Promise<string> {
  const connection = `# the connection alone:\n# ${opensslCommand(args)}\n`
  if (tool === 'mailwire') return `${mailwireCommand(argv)}${connection}`
  const envelope = envelopeFor(args, prepared.envelope)
  const dataFile = args.body?.kind === 'data-file' ? args.body.path : undefined
  const bytes = dataFile !== undefined ? await readFile(dataFile) : await composeEml(prepared.model)
  const message = messageText(bytes)
  const command = tool === 'swaks' ? swaksCommand(args, envelope.from, envelope.to, message) : curlCommand(args, envelope.from, envelope.to, message)
  return `${command}${connection}`
}

/** Checks the input as a send would (exit 2 on a problem), prints, connects to nothing. */
export async function runPrintCommand(tool: PrintTool, args: SendArgs, argv: readonly string[], io: CliIo): Promise<SendOutcome> {
  const prepared = await prepareMessage(args, io)
  io.stdout.write(await printedCommand(tool, args, prepared, argv))
  return { exitCode: EXIT_OK }
}
