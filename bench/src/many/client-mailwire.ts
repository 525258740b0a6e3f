// Mailwire's engine on one connection: sendMany, the engine's own multi-message API (one
// session, one SendResult per message; with PIPELINING each next envelope leaves with the
// previous message's final dot, RFC 2920 3.1). The wire log listener stays on, as in the
// app: the events are the product, so their cost is part of the figure.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { sendMany, type BatchMessage, type MessageSource, type SendResult, type WireEvent } from '../../../main/smtp/index'
import { jobFromArgs, printOutcome } from './protocol'

const job = jobFromArgs(process.argv.slice(2))
const message = readFileSync(job.messageFile)
const envelope = { from: job.from, to: job.to }
// The same bytes for every message, in memory (so the engine writes them without a stream).
const source: MessageSource = {
  open: async function* () {
    yield message
  },
  bytes: message,
  size: message.length,
  eightBit: false,
}

// A round trip, seen from the wire log: a client line, then a server line (we waited).
let roundTrips = 0
let events = 0
let lastDirection: 'client' | 'server' = 'server'
// Timed like every client: from the first MAIL FROM to the reply to the last final dot.
let started = 0
let cpuStarted: NodeJS.CpuUsage | undefined
const onWire = (event: WireEvent) => {
  if (cpuStarted === undefined) {
    if (event.kind !== 'client' || event.phase !== 'mail') return
    started = performance.now()
    cpuStarted = process.cpuUsage()
  }
  events++
  if (event.kind !== 'client' && event.kind !== 'server') return
  if (event.kind === 'server' && lastDirection === 'client') roundTrips++
  lastDirection = event.kind
}

function* messages(): Generator<BatchMessage> {
  for (let i = 0; i < job.messages; i++) yield { envelope, message: () => source }
}

let elapsedMs = 0
let cpuMs = 0
let wireRoundTrips = 0
let wireEvents = 0
let results = 0
let refused: SendResult | undefined
const batch = await sendMany(
  { host: job.host, port: job.port, security: 'none', clientName: 'bench.mailwire.test', onWire },
  messages(),
  {
    // As `mailwire send --repeat` runs it (main/smtp/load/run.ts): results are looked at as
    // they come, not kept to the end (nodemailer's client keeps none either).
    keepResults: false,
    onResult: (result, index) => {
      results++
      if (result.status !== 'sent') refused ??= result
      if (index !== job.messages - 1) return
      elapsedMs = performance.now() - started
      const cpu = process.cpuUsage(cpuStarted)
      cpuMs = (cpu.user + cpu.system) / 1000
      // QUIT is not part of the measured span.
      wireRoundTrips = roundTrips
      wireEvents = events
    },
  },
)
if (batch.error || refused || results !== job.messages) {
  throw new Error(`${batch.accepted} of ${job.messages} sent: ${JSON.stringify(batch.error ?? refused?.error ?? refused?.finalReply)}`)
}
if (!batch.capabilities?.pipelining) throw new Error('the sink must offer PIPELINING')
printOutcome({ client: 'mailwire', messages: job.messages, elapsedMs, cpuMs, wireRoundTrips, wireEvents })
