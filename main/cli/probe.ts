// `mailwire probe`: greeting, EHLO, STARTTLS when offered, EHLO again, QUIT; then what the
// server offers and who its certificate says it is. With --mx DOMAIN, the domain's most
// preferred mail exchanger is looked up first and probed.
import { formatProbe } from '../report/format-probe'
import { safeJson } from '../report/safe-text'
import { lookupMx, probeServer, probeTlsVersions, type ProbeResult } from '../smtp/index'
import type { MxLookup } from '../smtp/types'
import type { MxProbeArgs, ProbeArgs } from './arg-types'
import { EXIT_FAILURE, EXIT_OK, EXIT_REFUSED } from './exit-codes'
import type { CliIo } from './io'
import { messageWithFlagHint } from './cli-wording'
import { identityOptions } from './identity'
import { connectionOptions, inCliWords, type SendOutcome } from './send'
import { connectionOf, probeDocument } from './session-file'
import { sessionOutput } from './session-output'

/**
 * A probe only talks: any failure is the connection's, TLS's or the protocol's (exit 3). A
 * certificate that failed verification, the probe having gone on past it, is exit 1.
 */
function outcomeOf(result: ProbeResult): SendOutcome {
  if (result.error) return { exitCode: EXIT_FAILURE, reason: messageWithFlagHint(result.error) }
  if (result.tls && !result.tls.authorized && !result.tls.verificationSkipped) {
    return { exitCode: EXIT_REFUSED, reason: `the server's certificate is NOT verified (${result.tls.authorizationError ?? 'not trusted'}): a send would stop after STARTTLS (trust its CA with --ca PATH, or accept it anyway with --insecure)` }
  }
  return { exitCode: EXIT_OK }
}

export async function runProbe(args: ProbeArgs, io: CliIo, mx?: MxLookup): Promise<SendOutcome> {
  const options = { ...connectionOptions(args, io), ...(await identityOptions(args, io)) }
  const output = sessionOutput(io, args.json)
  const result = await probeServer({ ...options, onWire: output.onWire })
  if (args.tlsVersions && !result.error) result.tlsVersions = await probeTlsVersions(options)
  if (args.json) io.stdout.write(`${safeJson(probeDocument(connectionOf(args), output.transcript, result, mx), 2)}\n`)
  else io.stdout.write(`\n${formatProbe(inCliWords(result), { color: output.color })}`)
  return outcomeOf(result)
}

/** The MX lookup in the transcript as `==` lines, then the probe of the first exchanger. */
export async function runMxProbe(args: MxProbeArgs, io: CliIo): Promise<SendOutcome> {
  // Printed live in text mode; in JSON the lookup is its own key, not part of the session.
  const lookupOutput = sessionOutput(io, args.json)
  const mx = await lookupMx(args.domain, {
    servers: args.dnsServers,
    onWire: lookupOutput.onWire,
    ...(io.signal ? { signal: io.signal } : {}),
  })
  const best = mx.records[0]
  if (!best) {
    if (args.json) io.stdout.write(`${safeJson(probeDocument(connectionOf({ ...args, server: { host: mx.asciiDomain, port: args.port } }), [], undefined, mx), 2)}\n`)
    const reason = mx.nullMx ? `${mx.asciiDomain} accepts no mail (null MX, RFC 7505)` : (mx.error ?? `${mx.asciiDomain} has no mail exchanger`)
    return { exitCode: EXIT_FAILURE, reason }
  }
  return runProbe({ ...args, server: { host: best.exchange, port: args.port } }, io, mx)
}
