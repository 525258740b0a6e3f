// Mailwire's engine on one connection. The engine's public API has sendMail (one whole
// session) and SmtpConnection (one socket, several transactions); there is no multi-message
// call, so this loop does on a SmtpConnection what sendMail does for one message: the
// envelope checked and built by the engine's own helpers, MAIL + every RCPT + DATA in one
// pipelined write (RFC 2920), then the body through the DATA encoder and the final dot.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { SmtpConnection, type WireEvent } from '../../../main/smtp/index'
import { checkEnvelope, mailFromCommand, rcptToCommand } from '../../../main/smtp/envelope-commands'
import { jobFromArgs, printOutcome } from './protocol'

const job = jobFromArgs(process.argv.slice(2))
const message = readFileSync(job.messageFile)
const envelope = { from: job.from, to: job.to }

// A round trip, seen from the wire log: a client line, then a server line (we waited).
let roundTrips = 0
let events = 0
let lastDirection: 'client' | 'server' = 'server'
const onWire = (event: WireEvent) => {
  events++
  if (event.kind !== 'client' && event.kind !== 'server') return
  if (event.kind === 'server' && lastDirection === 'client') roundTrips++
  lastDirection = event.kind
}

const connection = new SmtpConnection({ host: job.host, port: job.port, onWire })
await connection.connect()
const ehlo = await connection.command('EHLO bench.mailwire.test')
if (ehlo.code !== 250 || !connection.capabilities?.pipelining) throw new Error('the sink must offer PIPELINING')

const positive = (code: number) => code >= 200 && code < 300
roundTrips = 0
events = 0
const started = performance.now()
const cpuStarted = process.cpuUsage()
for (let i = 0; i < job.messages; i++) {
  checkEnvelope(envelope)
  const replies = connection.pipeline([
    { line: mailFromCommand(envelope.from) },
    ...envelope.to.map((to) => ({ line: rcptToCommand(to) })),
    { line: 'DATA' },
  ])
  for (const [index, reply] of (await Promise.all(replies)).entries()) {
    const expected = index === replies.length - 1 ? 354 : 250
    if (reply.code !== expected) throw new Error(`message ${i}: reply ${reply.code} ${reply.lines.join(' ')}`)
  }
  const final = await connection.sendData(message, { totalBytes: message.length })
  if (!positive(final.code)) throw new Error(`message ${i}: final reply ${final.code}`)
}
const elapsedMs = performance.now() - started
const cpu = process.cpuUsage(cpuStarted)
const cpuMs = (cpu.user + cpu.system) / 1000
const wireRoundTrips = roundTrips
const wireEvents = events
await connection.close()
printOutcome({ client: 'mailwire', messages: job.messages, elapsedMs, cpuMs, wireRoundTrips, wireEvents })
