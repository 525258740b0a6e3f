// Benchmark 4: the local inbox as the capture server of an application's test suite
// (issue 22). Postfix's load generator sends 1,000 messages, one per connection, 10
// connections at a time (`smtp-source -s 10 -m 1000`), to `mailwire inbox` (the built CLI),
// to aiosmtpd's Maildir handler (Debian's python3-aiosmtpd) and to smtp-sink (throws mail
// away: the loopback limit); a fresh server process per run, rounds interleaved. Then one
// more `mailwire inbox` takes 10,000 messages: its peak RSS after the first 1,000 and
// after all of them (memory must stay flat under load).
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext } from '../support/context'
import { pythonPath } from '../support/peers'
import { readHwmKiB, startServerProcess, waitForGreeting, type ServerProcess } from '../support/server-process'
import { freePort, startSmtpSink } from '../support/sink'
import { runSmtpSource } from '../support/smtp-source'
import { best, fixed, median } from '../support/stats'
import type { Table } from '../support/table'

const HOST = '127.0.0.1'
const SESSIONS = 10
const MESSAGES = 1000
const LONG_RUN_MESSAGES = 10_000

/** A server started for one run: where it listens, its peak RSS, how many messages it lists. */
interface Running {
  port: number
  peakRssKiB(): number | undefined
  /** Messages the server says it kept (after stop()); undefined for a server that keeps none. */
  listed(): number | undefined
  stop(): Promise<void>
}

interface Peer {
  name: string
  start(runDir: string): Promise<Running>
}

interface Figures {
  perSecond: number[]
  peakRssKiB: number[]
  /** "answered 250 / listed" per run. */
  listedNotes: string[]
  failures: string[]
}

/** The built CLI, as a user runs it: `mailwire inbox --json`, each arrival one JSON line. */
function mailwireInbox(root: string): Peer {
  return {
    name: 'mailwire inbox',
    async start(runDir) {
      const server = startServerProcess(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'inbox', '--data-dir', runDir, '--json'])
      const port = await listeningPort(server)
      return {
        port,
        peakRssKiB: () => server.peakRssKiB(),
        listed: () => server.stdout().split('\n').filter((line) => line.startsWith('{"event":"message"')).length,
        stop: () => server.stop(),
      }
    },
  }
}

async function listeningPort(server: ServerProcess): Promise<number> {
  for (;;) {
    const first = server.stdout().split('\n')[0] ?? ''
    if (server.stdout().includes('\n') && first.startsWith('{')) return (JSON.parse(first) as { port: number }).port
    if (server.child.exitCode !== null) throw new Error(`mailwire inbox exited ${server.child.exitCode}: ${server.stdout().slice(-800)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** aiosmtpd's Mailbox handler: each message into a Maildir (Python's mailbox.Maildir.add). */
function aiosmtpdMaildir(python: string): Peer {
  return {
    name: "aiosmtpd's Maildir handler (Python)",
    async start(runDir) {
      const port = await freePort()
      const maildir = join(runDir, 'Maildir')
      const server = startServerProcess(python, ['-m', 'aiosmtpd', '-n', '-c', 'aiosmtpd.handlers.Mailbox', '-l', `${HOST}:${port}`, maildir])
      await waitForGreeting(server, HOST, port)
      return {
        port,
        peakRssKiB: () => server.peakRssKiB(),
        listed: () => readdirSync(join(maildir, 'new')).length,
        stop: () => server.stop(),
      }
    },
  }
}

const smtpSink: Peer = {
  name: "Postfix's smtp-sink (discards)",
  async start() {
    const sink = await startSmtpSink()
    return { port: sink.port, peakRssKiB: () => readHwmKiB(sink.pid), listed: () => undefined, stop: () => sink.stop() }
  },
}

function hasAiosmtpd(python: string): Promise<boolean> {
  return new Promise((resolve) => execFile(python, ['-c', 'import aiosmtpd'], (error) => resolve(!error)))
}

export async function benchInbox(context: BenchContext): Promise<Table> {
  const python = pythonPath()
  const aiosmtpd = python && (await hasAiosmtpd(python)) ? aiosmtpdMaildir(python) : undefined
  const peers = [mailwireInbox(context.root), ...(aiosmtpd ? [aiosmtpd] : []), smtpSink]
  const figures = new Map<Peer, Figures>(peers.map((peer) => [peer, { perSecond: [], peakRssKiB: [], listedNotes: [], failures: [] }]))
  const baseDir = join(context.workDir, 'inbox')
  mkdirSync(baseDir, { recursive: true })

  // Rounds interleave the servers, so a burst of load from elsewhere hits all of them.
  for (let round = 1; round <= context.runs; round++) {
    for (const peer of peers) {
      const entry = figures.get(peer)!
      const running = await peer.start(mkdtempSync(join(baseDir, 'run-')))
      const run = await runSmtpSource(HOST, running.port, SESSIONS, MESSAGES)
      const peak = running.peakRssKiB()
      await running.stop()
      if (!run.ok) entry.failures.push(run.stderr.slice(-300))
      else entry.perSecond.push(MESSAGES / (run.wallMs / 1000))
      if (peak !== undefined) entry.peakRssKiB.push(peak)
      const listed = running.listed()
      if (listed !== undefined) entry.listedNotes.push(`${run.ok ? MESSAGES : 'not all'} / ${listed}`)
      context.log(`inbox: round ${round}, ${peer.name}: ${run.ok ? `${fixed(entry.perSecond.at(-1), 0)} msg/s` : `FAILED ${run.stderr.slice(-200)}`}, peak RSS ${fixed((peak ?? NaN) / 1024, 0)} MiB`)
    }
  }

  const flat = await longRun(context, mailwireInbox(context.root), baseDir)

  const ours = figures.get(peers[0]!)!
  const theirs = aiosmtpd ? figures.get(aiosmtpd) : undefined
  const ourRate = median(ours.perSecond)
  const ourRss = median(ours.peakRssKiB)
  const rows = peers.map((peer) => {
    const entry = figures.get(peer)!
    return [
      peer.name,
      entry.failures.length ? `${entry.failures.length} run(s) failed` : fixed(median(entry.perSecond), 0),
      fixed(best(entry.perSecond, true), 0),
      fixed(MESSAGES / median(entry.perSecond), 2),
      fixed(median(entry.peakRssKiB) / 1024, 0),
      entry.listedNotes.length ? entry.listedNotes.join(', ') : '-',
    ]
  })
  const notes = [
    `\`smtp-source -s ${SESSIONS} -m ${MESSAGES}\` (Postfix): one message per connection, ${SESSIONS} connections at a time, on loopback; median of ${context.runs} runs per server, a fresh server process and folder per run, rounds interleaved; time is smtp-source's wall time; peak RSS is the server's VmHWM`,
    'answered 250 / listed: smtp-source stops with an error at the first reply that is not positive, so a clean exit means all were answered 250; listed: the inbox\'s --json message lines (printed once a message is on disk, before its 250), the files in the Maildir\'s new/',
  ]
  if (theirs && theirs.perSecond.length) {
    const pyRate = median(theirs.perSecond)
    const pyRss = median(theirs.peakRssKiB)
    notes.push(
      `target: at least aiosmtpd's msg/s: ${ourRate >= pyRate ? 'met' : 'MISSED'} (${(ourRate / pyRate).toFixed(2)}x); peak RSS at most 2x aiosmtpd's: ${ourRss <= 2 * pyRss ? 'met' : 'MISSED'} (${(ourRss / pyRss).toFixed(2)}x); every message answered 250 listed: ${ours.failures.length === 0 && ours.listedNotes.every((note) => note === `${MESSAGES} / ${MESSAGES}`) ? 'met' : 'MISSED'}`,
    )
  } else {
    notes.push('aiosmtpd is not installed (Debian: apt-get install python3-aiosmtpd): no target verdict')
  }
  notes.push(
    `memory under load: one mailwire inbox, ${LONG_RUN_MESSAGES.toLocaleString('en')} messages in the same way: peak RSS ${fixed(flat.afterFirstKiB / 1024, 0)} MiB after the first ${MESSAGES.toLocaleString('en')}, ${fixed(flat.afterAllKiB / 1024, 0)} MiB after all ${LONG_RUN_MESSAGES.toLocaleString('en')} (${fixed(flat.perSecond, 0)} msg/s, ${flat.listed} listed); target: no higher after ${LONG_RUN_MESSAGES.toLocaleString('en')}: ${flat.afterAllKiB <= flat.afterFirstKiB ? 'met' : `MISSED (+${fixed((flat.afterAllKiB - flat.afterFirstKiB) / 1024, 1)} MiB)`}`,
  )
  return {
    title: `4. The local inbox under load: ${MESSAGES.toLocaleString('en')} messages from smtp-source, ${SESSIONS} connections at a time, one message each`,
    columns: ['server', 'msg/s (median)', 'msg/s (best)', `s per ${MESSAGES.toLocaleString('en')} (median)`, 'peak RSS MiB (median)', 'answered 250 / listed'],
    rows,
    notes,
  }
}

async function longRun(
  context: BenchContext,
  peer: Peer,
  baseDir: string,
): Promise<{ afterFirstKiB: number; afterAllKiB: number; perSecond: number; listed: number }> {
  const running = await peer.start(mkdtempSync(join(baseDir, 'long-')))
  try {
    const first = await runSmtpSource(HOST, running.port, SESSIONS, MESSAGES)
    const afterFirstKiB = running.peakRssKiB() ?? NaN
    const rest = await runSmtpSource(HOST, running.port, SESSIONS, LONG_RUN_MESSAGES - MESSAGES)
    const afterAllKiB = running.peakRssKiB() ?? NaN
    if (!first.ok || !rest.ok) throw new Error(`smtp-source failed against mailwire inbox: ${first.stderr || rest.stderr}`)
    const perSecond = LONG_RUN_MESSAGES / ((first.wallMs + rest.wallMs) / 1000)
    context.log(`inbox: ${LONG_RUN_MESSAGES} messages: ${fixed(perSecond, 0)} msg/s, peak RSS ${fixed(afterFirstKiB / 1024, 0)} -> ${fixed(afterAllKiB / 1024, 0)} MiB`)
    await running.stop()
    return { afterFirstKiB, afterAllKiB, perSecond, listed: running.listed() ?? 0 }
  } finally {
    await running.stop()
  }
}
