// `mailwire probe`: greeting, EHLO, STARTTLS when offered, EHLO again, QUIT; then what the
// server offers and who its certificate says it is.
import { formatProbe } from '../report/format-probe'
import { safeJson } from '../report/safe-text'
import { probeServer, type ProbeResult } from '../smtp/index'
import type { ProbeArgs } from './args'
import { EXIT_FAILURE, EXIT_OK } from './exit-codes'
import type { CliIo } from './io'
import { cliWording } from './cli-wording'
import { connectionOptions, inCliWords, type SendOutcome } from './send'
import { sessionOutput } from './session-output'

/** A probe only talks: any failure is the connection's, TLS's or the protocol's (exit 3). */
function outcomeOf(result: ProbeResult): SendOutcome {
  if (!result.error) return { exitCode: EXIT_OK }
  return { exitCode: EXIT_FAILURE, reason: cliWording(result.error.message) }
}

export async function runProbe(args: ProbeArgs, io: CliIo): Promise<SendOutcome> {
  const options = connectionOptions(args, io)
  const output = sessionOutput(io, args.json)
  const result = await probeServer({ ...options, onWire: output.onWire })
  if (args.json) io.stdout.write(`${safeJson({ transcript: output.transcript, probe: result }, 2)}\n`)
  else io.stdout.write(`\n${formatProbe(inCliWords(result), { color: output.color })}`)
  return outcomeOf(result)
}
