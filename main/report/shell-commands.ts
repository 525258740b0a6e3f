// A send written as another tool's shell command: swaks, curl and openssl s_client. The
// CLI's --print-command and the app's Copy as command both write them here, so the two
// print the same thing. Secrets never appear: a password is a shell reference such as
// "$MAILWIRE_PASSWORD", expanded by the shell that runs the command. So is a file the
// command needs but only the app holds (the profile's CA, kept as PEM, not as a path).
import type { AuthMechanism, MailProtocol, SecurityMode } from '../smtp/types'

/** A word of a command: text is quoted for the shell, `{ env }` is left for the shell to expand. */
export type ShellWord = string | { env: string }

export const PASSWORD_ENV_NAME = 'MAILWIRE_PASSWORD'
export const OAUTH_TOKEN_ENV_NAME = 'MAILWIRE_OAUTH_TOKEN'
const HEREDOC = 'MAILWIRE_MESSAGE'

/** Where and how a command connects (no secret: those are environment references). */
export interface CommandConnection {
  host: string
  port: number
  security: SecurityMode
  /** Skip certificate verification. */
  insecure: boolean
  /** A CA file to trust: a path, or a reference to one. */
  ca?: ShellWord
  /** The EHLO name. */
  helo?: string
  protocol?: MailProtocol
  user?: string
  authMech?: AuthMechanism
}

/** A message a shell here-document cannot carry (NUL, not UTF-8). */
export class CommandTextError extends Error {}

/** POSIX shell single quotes: everything literal, a ' as '\''. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/** One word as the shell should read it: quoted text, or "$NAME" expanded there. */
export function shellWord(word: ShellWord): string {
  return typeof word === 'string' ? shellQuote(word) : `"$${word.env}"`
}

function line(words: readonly ShellWord[]): string {
  return words.map(shellWord).join(' ')
}

export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/** The message as text for a here-document: LF line ends (swaks and curl --crlf send CRLF). */
export function messageText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new CommandTextError('a message with NUL bytes in it cannot be printed as a command')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CommandTextError('a message that is not UTF-8 text cannot be printed as a command (a shell here-document carries text)')
  }
  return text.replace(/\r\n/g, '\n').replace(/\n?$/, '\n')
}

/** A here-document with a delimiter no line of the text equals. */
export function hereDocument(text: string): { open: string; body: string } {
  const lines = new Set(text.split('\n'))
  let delimiter = HEREDOC
  for (let n = 2; lines.has(delimiter); n++) delimiter = `${HEREDOC}_${n}`
  return { open: `<<'${delimiter}'`, body: `${text}${delimiter}\n` }
}

function usesToken(mech: AuthMechanism | undefined): boolean {
  return mech === 'XOAUTH2' || mech === 'OAUTHBEARER'
}

/** The secret a login needs, as a reference: the OAuth2 token or the password. */
export function secretReference(mech: AuthMechanism | undefined): { env: string } {
  return { env: usesToken(mech) ? OAUTH_TOKEN_ENV_NAME : PASSWORD_ENV_NAME }
}

export function swaksCommand(connection: CommandConnection, from: string, to: readonly string[], message: string): string {
  const tls: Record<SecurityMode, string[]> = { none: [], auto: ['--tls-optional'], starttls: ['--tls'], implicit: ['--tls-on-connect'] }
  const words: ShellWord[] = ['swaks', '--server', connection.host, '--port', String(connection.port), '--from', from || '<>', '--to', to.join(','), ...tls[connection.security]]
  if (connection.security !== 'none' && !connection.insecure) words.push('--tls-verify')
  if (connection.ca !== undefined) words.push('--tls-ca-path', connection.ca)
  if (connection.helo !== undefined) words.push('--ehlo', connection.helo)
  if (connection.protocol === 'lmtp') words.push('--protocol', 'LMTP')
  if (connection.user !== undefined) {
    if (connection.authMech) words.push('--auth', connection.authMech)
    words.push('--auth-user', connection.user, '--auth-password', secretReference(connection.authMech))
  }
  const document = hereDocument(message)
  return `${line(words)} --data - ${document.open}\n${document.body}`
}

export function curlCommand(connection: CommandConnection, from: string, to: readonly string[], message: string): string {
  const scheme = connection.security === 'implicit' ? 'smtps' : 'smtp'
  // curl's URL path is the name it sends in EHLO.
  const url = `${scheme}://${hostPort(connection.host, connection.port)}${connection.helo !== undefined ? `/${encodeURIComponent(connection.helo)}` : ''}`
  const words: ShellWord[] = ['curl', '--silent', '--show-error', '--url', url]
  if (connection.security === 'starttls') words.push('--ssl-reqd')
  if (connection.security === 'auto') words.push('--ssl')
  if (connection.ca !== undefined) words.push('--cacert', connection.ca)
  if (connection.insecure) words.push('--insecure')
  words.push('--mail-from', from)
  for (const address of to) words.push('--mail-rcpt', address)
  const document = hereDocument(message)
  return `${line(words)}${curlAuth(connection)} --crlf --upload-file - ${document.open}\n${document.body}`
}

function curlAuth(connection: CommandConnection): string {
  if (connection.user === undefined) return ''
  const secret = shellWord(secretReference(connection.authMech))
  if (usesToken(connection.authMech)) return ` --user ${shellQuote(connection.user)} --oauth2-bearer ${secret}`
  const mech = connection.authMech ? ` --login-options ${shellQuote(`AUTH=${connection.authMech}`)}` : ''
  // The user name quoted on its own, the password left to the shell: "user:$MAILWIRE_PASSWORD".
  return `${mech} --user ${shellQuote(`${connection.user}:`)}${secret}`
}

/** The connection alone, to look at the TLS handshake by hand: -starttls smtp unless TLS is implicit. */
export function opensslCommand(connection: Pick<CommandConnection, 'host' | 'port' | 'security' | 'ca' | 'protocol'>): string {
  const words: ShellWord[] = ['openssl', 's_client', '-connect', hostPort(connection.host, connection.port)]
  if (connection.security !== 'implicit') words.push('-starttls', connection.protocol === 'lmtp' ? 'lmtp' : 'smtp')
  if (!/^[\d.]+$|:/.test(connection.host)) words.push('-servername', connection.host)
  if (connection.ca !== undefined) words.push('-CAfile', connection.ca)
  words.push('-verify_return_error', '-crlf')
  return line(words)
}
