// `mailwire send --repeat N --connections C`: N copies of the message over C connections
// (main/smtp/load), a progress bar on a terminal's stderr, the summary at the end. Refused
// before anything connects when the server is not on loopback and --allow-remote is absent.
import { conversationOptions } from '../smtp/conversation'
import { runLoad } from '../smtp/load/run'
import { loadRefusal } from '../smtp/load/limits'
import type { LoadSnapshot } from '../smtp/load/stats'
import { shouldUseColor } from '../report/colors'
import { safeJson } from '../report/safe-text'
import type { SessionOptions } from '../smtp/types'
import type { SendArgs } from './arg-types'
import type { LoadArgs } from './load-flags'
import { messageFactory } from '../message/index'
import { EXIT_FAILURE, EXIT_OK, EXIT_REFUSED } from './exit-codes'
import { identityOptions } from './identity'
import { InputError } from './input-error'
import { ttyOf, type CliIo } from './io'
import { formatLoadSummary, loadProgressLine } from './load-report'
import { connectionOptions, credentialsFor, envelopeFor, prepareMessage, type SendOutcome } from './send'
import { TerminalLine } from './terminal-line'

function serverLabel(args: SendArgs): string {
  const { host, port } = args.server
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/** 0 every copy accepted by every recipient; 1 the server refused some; 3 a connection failed, so some were never tried. */
function outcomeOf(snapshot: LoadSnapshot): SendOutcome {
  if (snapshot.accepted === snapshot.requested && snapshot.failures.length === 0) return { exitCode: EXIT_OK }
  const counts = `${snapshot.accepted} of ${snapshot.requested} messages accepted`
  if (snapshot.notSent > 0) return { exitCode: EXIT_FAILURE, reason: `${counts}; ${snapshot.notSent} never sent (see the failures above)` }
  return { exitCode: EXIT_REFUSED, reason: `${counts} (see the failures above)` }
}

export async function runLoadSend(args: SendArgs & { load: LoadArgs }, io: CliIo): Promise<SendOutcome> {
  const { load } = args
  const refusal = loadRefusal({ host: args.server.host, proxied: args.proxy !== undefined }, load, load.allowRemote)
  // The limits' words, with the flag that says the server is the user's.
  if (refusal) throw new InputError(`--repeat: ${refusal.message}${refusal.kind === 'remote' || refusal.kind === 'proxy' ? '; add --allow-remote if it is yours' : ''}`)
  const prepared = await prepareMessage(args, io)
  const connection = { ...connectionOptions(args, io), ...(await identityOptions(args, io)) }
  const { auth } = await credentialsFor(args, serverLabel(args), io)
  const session: Omit<SessionOptions, 'onWire'> = {
    ...connection,
    ...(auth ? { auth } : {}),
    ...(args.allowPlaintextAuth ? { allowPlaintextAuth: true } : {}),
    ...conversationOptions(args, args.protocol),
  }
  const line = !args.json && ttyOf(io).stderr ? new TerminalLine(io.stderr) : undefined
  const snapshot = await runLoad({
    session,
    envelope: envelopeFor(args, prepared.envelope),
    message: prepared.message ?? messageFactory(prepared.model),
    messages: load.messages,
    connections: load.connections,
    ...(line ? { onProgress: (progress: LoadSnapshot) => line.draw(loadProgressLine(progress)) } : {}),
  })
  line?.clear()
  if (args.json) io.stdout.write(`${safeJson({ server: { host: args.server.host, port: args.server.port }, load: snapshot }, 2)}\n`)
  else io.stdout.write(formatLoadSummary(snapshot, serverLabel(args), { color: shouldUseColor({ isTTY: ttyOf(io).stdout, env: io.env }) }))
  return outcomeOf(snapshot)
}
