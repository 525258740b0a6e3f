// The whole CLI as a function: argv and io in, exit code out. index.ts connects it to the
// process; tests call it in-process.
import { MessageInputError } from '../message/errors'
import { safeJson, safeText } from '../report/safe-text'
import type { ParsedArgs } from './arg-types'
import { parseArgs } from './args'
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK } from './exit-codes'
import { helpFor } from './help'
import { InputError } from './input-error'
import { SIGNAL_EXIT, untilInterrupted } from './interrupt'
import { PasswordInterrupted } from './password'
import type { CliIo } from './io'
import type { SendOutcome } from './send'
import { version } from './version'

export type { CliIo } from './io'

/** One line, safe for the terminal: a reason may quote server text. */
function fail(io: CliIo, exitCode: number, reason: string): number {
  io.stderr.write(`mailwire: ${safeText(reason)}\n`)
  return exitCode
}

// Each command loads its own parts when it runs, so `--help` and `--version` load none of
// the engine or the MIME library, and a probe no MIME library.
function runCommand(parsed: Exclude<ParsedArgs, { command: 'help' | 'version' }>, argv: string[], io: CliIo): Promise<SendOutcome> {
  switch (parsed.command) {
    case 'send': {
      const tool = parsed.args.printCommand
      if (tool) return import('./print-command').then(({ runPrintCommand }) => runPrintCommand(tool, parsed.args, argv, io))
      const load = parsed.args.load
      if (load) return import('./load').then(({ runLoadSend }) => runLoadSend({ ...parsed.args, load }, io))
      return import('./send').then(({ runSend }) => runSend(parsed.args, io))
    }
    // The capture server (smtp-server, mailparser, a certificate generator) takes longer to
    // load than a whole send: only the commands that run it load it.
    case 'send-local':
      return import('./send-local').then(({ runLocalSend }) => runLocalSend(parsed.args, io))
    case 'probe':
      return import('./probe').then(({ runProbe }) => runProbe(parsed.args, io))
    case 'probe-mx':
      return import('./probe').then(({ runMxProbe }) => runMxProbe(parsed.args, io))
    case 'probe-domain':
      return import('./probe-domain').then(({ runDomainProbe }) => runDomainProbe(parsed.args, io))
    case 'inbox':
      return import('./inbox').then(({ runInbox }) => runInbox(parsed.args, io))
    case 'diff':
      return import('./diff').then(({ runDiff }) => runDiff(parsed.args, io))
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // Known before parsing, so even a bad option gets its JSON answer.
  const json = argv.includes('--json')
  try {
    const parsed = parseArgs(argv)
    switch (parsed.command) {
      case 'help':
        io.stdout.write(helpFor(parsed.topic))
        return EXIT_OK
      case 'version':
        io.stdout.write(`mailwire ${version()}\n`)
        return EXIT_OK
      case 'send':
      case 'send-local':
      case 'probe':
      case 'probe-mx':
      case 'probe-domain':
      case 'diff':
      case 'inbox': {
        // The inbox runs until Ctrl-C, its normal end (exit 0); the others are interrupted.
        const command = runCommand(parsed, argv, io)
        const outcome = parsed.command === 'inbox' ? await command : await untilInterrupted(command, io.signal)
        return outcome.reason === undefined ? outcome.exitCode : fail(io, outcome.exitCode, outcome.reason)
      }
    }
  } catch (error) {
    if (error instanceof PasswordInterrupted) return fail(io, SIGNAL_EXIT.SIGINT, error.message)
    if (error instanceof InputError || error instanceof MessageInputError) {
      if (json) io.stdout.write(`${safeJson({ error: { code: 'EINPUT', message: error.message } }, 2)}\n`)
      return fail(io, EXIT_BAD_INPUT, error.message)
    }
    const message = error instanceof Error ? error.message : String(error)
    if (json) io.stdout.write(`${safeJson({ error: { code: 'EINTERNAL', message } }, 2)}\n`)
    return fail(io, EXIT_FAILURE, `unexpected failure: ${message}`)
  }
}
