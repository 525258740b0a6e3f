// The password: from MAILWIRE_PASSWORD, or asked on the terminal without echo. Never from
// the command line (args.ts refuses --password): argv is visible in `ps` and shell history.
import { InputError } from './input-error'
import type { CliIo, InputStream, TextSink } from './io'
import { ttyOf } from './io'

export const PASSWORD_ENV = 'MAILWIRE_PASSWORD'
/** The OAuth2 access token for --auth-mech XOAUTH2 or OAUTHBEARER. */
export const OAUTH_TOKEN_ENV = 'MAILWIRE_OAUTH_TOKEN'
/** The passphrase of --tls-key or --tls-pfx. */
export const TLS_PASSPHRASE_ENV = 'MAILWIRE_TLS_PASSPHRASE'
/** The password of the user in --proxy. */
export const PROXY_PASSWORD_ENV = 'MAILWIRE_PROXY_PASSWORD'

const CTRL_C = '\u0003'
const CTRL_D = '\u0004'
const CTRL_U = '\u0015'
const BACKSPACE = '\u0008'
const DELETE = '\u007f'
const ENTER = ['\r', '\n']

export class PasswordCancelled extends InputError {}
/** Ctrl-C at the prompt: a raw terminal turns it into a byte, not SIGINT; it still exits 130. */
export class PasswordInterrupted extends PasswordCancelled {}

/**
 * Read one line from a terminal in raw mode: nothing is echoed, Backspace and Ctrl-U edit,
 * Enter ends, Ctrl-C (or Ctrl-D on an empty line) cancels.
 */
export function promptHidden(prompt: string, stdin: InputStream, stderr: TextSink): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed: string[] = []
    const wasRaw = (stdin as { isRaw?: boolean }).isRaw === true
    stdin.setRawMode?.(true)
    stdin.setEncoding('utf8')
    stdin.resume()
    stderr.write(prompt)

    const finish = (outcome: () => void) => {
      stdin.removeListener('data', onData)
      stdin.removeListener('end', onEnd)
      stdin.setRawMode?.(wasRaw)
      stdin.pause()
      stderr.write('\n')
      outcome()
    }
    const cancel = () => finish(() => reject(new PasswordCancelled('cancelled at the password prompt; nothing was sent')))
    const interrupt = () => finish(() => reject(new PasswordInterrupted('interrupted by Ctrl-C at the password prompt; nothing was sent')))
    const onEnd = () => cancel()
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk)) {
        if (ENTER.includes(char)) return finish(() => resolve(typed.join('')))
        if (char === CTRL_C) return interrupt()
        if (char === CTRL_D && typed.length === 0) return cancel()
        if (char === BACKSPACE || char === DELETE) typed = typed.slice(0, -1)
        else if (char === CTRL_U) typed = []
        else if (char >= ' ') typed.push(char)
      }
    }
    stdin.on('data', onData)
    stdin.once('end', onEnd)
  })
}

/** The password for `user`, or an InputError (exit 2) saying how to give one. */
export async function resolvePassword(user: string, where: string, io: CliIo): Promise<string> {
  const fromEnv = io.env[PASSWORD_ENV]
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!ttyOf(io).stdin || !io.stdin.setRawMode) {
    throw new InputError(
      `--user ${user} needs a password: set ${PASSWORD_ENV}, or run on a terminal to be asked (never pass it as an argument)`,
    )
  }
  const password = await promptHidden(`Password for ${user} at ${where}: `, io.stdin, io.stderr)
  if (password === '') throw new InputError('no password given; nothing was sent')
  return password
}

/**
 * A secret other than the password (a token, a passphrase, a proxy password), the same way:
 * from `env`, or asked on the terminal without echo; `what` names it in the prompt and errors.
 */
export async function resolveSecret(env: string, what: string, io: CliIo): Promise<string> {
  const fromEnv = io.env[env]
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!ttyOf(io).stdin || !io.stdin.setRawMode) {
    throw new InputError(`${what} is needed: set ${env}, or run on a terminal to be asked (never pass it as an argument)`)
  }
  const secret = await promptHidden(`${what[0]!.toUpperCase()}${what.slice(1)}: `, io.stdin, io.stderr)
  if (secret === '') throw new InputError(`no ${what.replace(/ for .*$/, '')} given; nothing was sent`)
  return secret
}
