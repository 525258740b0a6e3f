// Benchmark 1: 2,000 messages, 2 recipients each, on one connection to smtp-sink.
// Throughput is measured straight to the sink; round trips in a separate pass through the
// counting proxy (so the proxy's own cost never lands in the throughput figures).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startCountingProxy } from '../support/counting-proxy'
import type { BenchContext } from '../support/context'
import { pythonPath } from '../support/peers'
import { lastJsonLine, runMeasured } from '../support/process'
import { startSmtpSink } from '../support/sink'
import { best, fixed, median, ratio } from '../support/stats'
import type { Table } from '../support/table'
import { jobToArgs, type ManyJob, type ManyOutcome } from './protocol'
import { sampleMessage } from './sample-message'

export const MESSAGES = 2000
/** Issue 18: a long run too, so that V8's warm-up does not dominate the figure. */
export const LONG_RUN_MESSAGES = 20_000
const FROM = 'sender@bench.mailwire.test'
const TO = ['first@bench.mailwire.test', 'second@bench.mailwire.test']
/**
 * RFC 2920 with a reply needed before the body (the 354): 2 round trips per message when
 * each message starts alone, MAIL + RCPT + RCPT + DATA then body and dot. Section 3.1 lets
 * message content begin a group, so the next message's MAIL, RCPT and DATA may leave with
 * the final dot: 1 round trip per message (plus the first envelope's).
 */
const PIPELINED_ROUND_TRIPS = 1

interface Client {
  name: string
  command: string
  args: string[]
}

interface ClientFigures {
  name: string
  perSecond: number[]
  roundTripsPerMessage?: number
  chunksPerMessage?: number
  wireRoundTripsPerMessage?: number
  peakRssKiB: number[]
  /** Messages per second over LONG_RUN_MESSAGES. */
  longPerSecond: number[]
}

export async function benchMany(context: BenchContext): Promise<Table> {
  const messageFile = join(context.workDir, 'many.eml')
  const message = sampleMessage(FROM, TO)
  writeFileSync(messageFile, message)
  const clients: Client[] = [
    { name: 'Mailwire (sendMany)', command: process.execPath, args: [join(context.bundleDir, 'many-mailwire.mjs')] },
    { name: 'nodemailer SMTPConnection', command: process.execPath, args: [join(context.bundleDir, 'many-nodemailer.mjs')] },
  ]
  const python = pythonPath()
  if (python) clients.push({ name: 'Python smtplib', command: python, args: [join(context.root, 'bench', 'peers', 'smtplib_many.py')] })

  const sink = await startSmtpSink()
  const proxy = await startCountingProxy(sink)
  const figures = new Map<string, ClientFigures>(clients.map((client) => [client.name, { name: client.name, perSecond: [], peakRssKiB: [], longPerSecond: [] }]))
  try {
    const job: ManyJob = { host: sink.host, port: sink.port, messages: MESSAGES, from: FROM, to: TO, messageFile }
    // Rounds interleave the clients, so a burst of load from elsewhere hits all of them.
    for (let round = 1; round <= context.runs; round++) {
      for (const client of clients) {
        const outcome = await runClient(client, job)
        const entry = figures.get(client.name)!
        entry.perSecond.push(outcome.outcome.messages / (outcome.outcome.elapsedMs / 1000))
        if (outcome.peakRssKiB !== undefined) entry.peakRssKiB.push(outcome.peakRssKiB)
        if (outcome.outcome.wireRoundTrips !== undefined) entry.wireRoundTripsPerMessage = outcome.outcome.wireRoundTrips / outcome.outcome.messages
        context.log(`many: round ${round}, ${client.name}: ${fixed(entry.perSecond.at(-1), 0)} msg/s`)
      }
    }
    // The long run as many times, interleaved as above: one run each swung from 1.3x to 2.6x
    // between two quiet runs of the whole benchmark, so a single figure said little.
    for (let round = 1; round <= context.runs; round++) {
      for (const client of clients) {
        const outcome = await runClient(client, { ...job, messages: LONG_RUN_MESSAGES })
        const entry = figures.get(client.name)!
        entry.longPerSecond.push(outcome.outcome.messages / (outcome.outcome.elapsedMs / 1000))
        context.log(`many: ${LONG_RUN_MESSAGES} messages, round ${round}, ${client.name}: ${fixed(entry.longPerSecond.at(-1), 0)} msg/s`)
      }
    }
    for (const client of clients) {
      proxy.reset()
      await runClient(client, { ...job, port: proxy.port })
      await proxy.idle()
      const counts = proxy.counts()
      const entry = figures.get(client.name)!
      entry.roundTripsPerMessage = counts.roundTrips / MESSAGES
      entry.chunksPerMessage = counts.clientChunks / MESSAGES
      context.log(`many: ${client.name} through the counting proxy: ${counts.roundTrips} round trips, ${counts.clientChunks} client chunks`)
    }
  } finally {
    await proxy.close()
    await sink.stop()
  }

  const ours = figures.get(clients[0]!.name)!
  const nodemailer = figures.get(clients[1]!.name)!
  const ourRate = median(ours.perSecond)
  const rows = [...figures.values()].map((entry) => [
    entry.name,
    fixed(median(entry.perSecond), 0),
    fixed(best(entry.perSecond, true), 0),
    entry === ours ? '1.00x' : ratio(ourRate, median(entry.perSecond), true),
    fixed(median(entry.longPerSecond), 0),
    entry === ours ? '1.00x' : ratio(median(ours.longPerSecond), median(entry.longPerSecond), true),
    fixed(entry.roundTripsPerMessage, 2),
    fixed(entry.chunksPerMessage, 2),
    entry.wireRoundTripsPerMessage !== undefined ? fixed(entry.wireRoundTripsPerMessage, 2) : '-',
    entry.peakRssKiB.length ? fixed(median(entry.peakRssKiB) / 1024, 0) : 'n/a',
  ])
  const speedup = ourRate / median(nodemailer.perSecond)
  const longSpeedup = median(ours.longPerSecond) / median(nodemailer.longPerSecond)
  return {
    title: `1. ${MESSAGES} messages x ${TO.length} recipients on one connection (${message.length} bytes each), smtp-sink on loopback`,
    columns: ['client', 'msg/s (median)', 'msg/s (best)', 'Mailwire vs this', `msg/s over ${LONG_RUN_MESSAGES}`, `Mailwire vs this (${LONG_RUN_MESSAGES})`, 'round trips/msg', 'client chunks/msg', 'round trips/msg (wire log)', 'peak RSS MiB'],
    rows,
    notes: [
      `median of ${context.runs} runs per client (of each length), rounds interleaved; time from the first MAIL FROM to the reply to the last final dot (connect, EHLO and QUIT excluded); each client is its own process`,
      'round trips counted by a relay in front of the sink: a client burst that follows server bytes; "client chunks" are the reads the relay saw (about one per TCP segment)',
      `target: at least 2x nodemailer: ${speedup >= 2 ? 'met' : 'MISSED'} (${speedup.toFixed(2)}x over ${MESSAGES}, ${longSpeedup.toFixed(2)}x over ${LONG_RUN_MESSAGES}); round trips at the RFC 2920 minimum (${PIPELINED_ROUND_TRIPS}/msg, each envelope with the previous final dot, section 3.1): ${ours.roundTripsPerMessage !== undefined && ours.roundTripsPerMessage <= PIPELINED_ROUND_TRIPS + 0.01 ? 'met' : 'MISSED'} (${fixed(ours.roundTripsPerMessage, 2)})`,
    ],
  }
}

async function runClient(client: Client, job: ManyJob): Promise<{ outcome: ManyOutcome; peakRssKiB?: number }> {
  const run = await runMeasured(client.command, [...client.args, ...jobToArgs(job)])
  const outcome = lastJsonLine<ManyOutcome>(run, client.name)
  if (run.exitCode !== 0) throw new Error(`${client.name} exited ${run.exitCode}: ${run.stderr.slice(-800)}`)
  return { outcome, ...(run.peakRssKiB !== undefined ? { peakRssKiB: run.peakRssKiB } : {}) }
}
