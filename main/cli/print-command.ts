// `mailwire send … --print-command mailwire|swaks|curl|openssl`: the same send as a command for
// another tool, printed instead of sent, so a session can be handed to someone without
// Mailwire or rerun elsewhere. swaks and curl get the message Mailwire composes, byte for
// byte, in a here-document, so the same headers and body arrive whichever tool sends it.
// Secrets never appear: a password is "$MAILWIRE_PASSWORD", expanded by the shell that runs
// it. The connection comes last as an `openssl s_client` line, commented out, so the whole
// output stays one runnable script; `openssl` prints that line alone. The commands are
// written by main/report/shell-commands.ts, which the app's Copy as command uses too.
import { composeEml } from '../message/index'
import { CommandTextError, curlCommand, messageText, opensslCommand, shellQuote, swaksCommand, type CommandConnection } from '../report/shell-commands'
import type { PrintTool, SendArgs } from './arg-types'
import { InputError } from './input-error'
import { envelopeFor, prepareMessage, type PreparedSend } from './send'
import type { CliIo } from './io'
import type { SendOutcome } from './send'
import { EXIT_OK } from './exit-codes'
import { readFile } from 'node:fs/promises'

const PASSWORD_REFERENCE = '"$MAILWIRE_PASSWORD"'


/** The flags as the shared command builders take them. */
function connectionOf(args: SendArgs): CommandConnection {
  return {
    host: args.server.host,
    port: args.server.port,
    security: args.tls,
    insecure: args.insecure,
    ...(args.caPath !== undefined ? { ca: args.caPath } : {}),
    ...(args.helo !== undefined ? { helo: args.helo } : {}),
    ...(args.protocol !== undefined ? { protocol: args.protocol } : {}),
    ...(args.user !== undefined ? { user: args.user } : {}),
    ...(args.authMech !== undefined ? { authMech: args.authMech } : {}),
  }
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
  const target = connectionOf(args)
  if (tool === 'openssl') return `${opensslCommand(target)}\n`
  const connection = `# the connection alone:\n# ${opensslCommand(target)}\n`
  if (tool === 'mailwire') return `${mailwireCommand(argv)}${connection}`
  const envelope = envelopeFor(args, prepared.envelope)
  const dataFile = args.body?.kind === 'data-file' ? args.body.path : undefined
  const bytes = dataFile !== undefined ? await readFile(dataFile) : await composeEml(prepared.model)
  const message = inCliTerms(() => messageText(bytes))
  const command = tool === 'swaks' ? swaksCommand(target, envelope.from, envelope.to, message) : curlCommand(target, envelope.from, envelope.to, message)
  return `${command}${connection}`
}

/** A message the shell cannot carry is bad input: exit 2, in the flag's words. */
function inCliTerms<T>(make: () => T): T {
  try {
    return make()
  } catch (error) {
    if (error instanceof CommandTextError) throw new InputError(`--print-command: ${error.message}`)
    throw error
  }
}

/** Checks the input as a send would (exit 2 on a problem), prints, connects to nothing. */
export async function runPrintCommand(tool: PrintTool, args: SendArgs, argv: readonly string[], io: CliIo): Promise<SendOutcome> {
  const prepared = await prepareMessage(args, io)
  io.stdout.write(await printedCommand(tool, args, prepared, argv))
  return { exitCode: EXIT_OK }
}
