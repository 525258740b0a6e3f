// Benchmark 5: the send paths of issue 18, each a fresh process against smtp-sink beside
// its peer in the same run: --body-file (100 MB of text) and --data-file (a 100 MB message)
// against curl --upload-file of the same file, --attach (50 MB binary) against curl
// uploading the same MIME message, and one small message against a bare `node -e 0`,
// swaks and curl. Wall time, CPU time (user + system) and peak RSS; the targets of the issue.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext } from '../support/context'
import { CURL } from '../support/peers'
import { runMeasured, type ProcessRun } from '../support/process'
import { startSmtpSink, type Sink } from '../support/sink'
import { fixed, median } from '../support/stats'
import type { Table } from '../support/table'
import { writeBigMessage } from '../big/big-message'
import { writeBinaryFile, writeMimeMessage, writeTextFile } from './path-files'

const FROM = 'sender@bench.mailwire.test'
const TO = 'paths@bench.mailwire.test'
const HELO = 'bench.mailwire.test'
const SWAKS = '/usr/bin/swaks'
const TEXT_BYTES = 100_000_000
const ATTACHMENT_BYTES = 50_000_000
/** The small send is over in tens of ms: more runs for a steady median. */
const START_RUNS_PER_RUN = 5

type Command = { command: string; args: string[]; env?: NodeJS.ProcessEnv }
interface Path {
  name: string
  ours: (sink: Sink) => Command
  peer: { name: string; command: (sink: Sink) => Command }
  /** Met when ours/peer wall time is at most this (a throughput target is its inverse). */
  maxWallRatio: number
  maxRssMiB?: number
  runs: number
}

interface Figures {
  wallMs: number[]
  cpuMs: number[]
  rssKiB: number[]
}

export async function benchPaths(context: BenchContext): Promise<Table> {
  const cli = join(context.root, 'out', 'main', 'cli.js')
  if (!existsSync(cli)) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm run bench does)')
  const text = join(context.workDir, 'body.txt')
  const binary = join(context.workDir, 'attachment.bin')
  const mime = join(context.workDir, 'attachment.eml')
  const message = join(context.workDir, 'message.eml')
  const small = join(context.workDir, 'small.eml')
  await writeTextFile(text, TEXT_BYTES)
  await writeBinaryFile(binary, ATTACHMENT_BYTES)
  await writeMimeMessage(mime, FROM, TO, binary)
  await writeBigMessage(message, FROM, TO)
  writeFileSync(small, `From: ${FROM}\r\nTo: ${TO}\r\nSubject: small\r\n\r\nhi\r\n`)

  // The CLI's code cache (main/cli/code-cache.ts) in the bench's folder, made by the
  // warm-up run below: what every start after a user's first one finds.
  const cacheEnv = { ...process.env, XDG_CACHE_HOME: join(context.workDir, 'cache') }
  const mailwire =
    (...args: string[]) =>
    (sink: Sink, env: NodeJS.ProcessEnv = cacheEnv) => ({
      command: process.execPath,
      args: [cli, 'send', '--server', `${sink.host}:${sink.port}`, '--tls', 'none', '--helo', HELO, '--from', FROM, '--to', TO, ...args],
      env,
    })
  const curl = (file: string) => ({
    name: 'curl --upload-file',
    command: (sink: Sink) => ({ command: CURL, args: ['--silent', '--show-error', '--upload-file', file, `smtp://${sink.host}:${sink.port}/${HELO}`, '--mail-from', FROM, '--mail-rcpt', TO] }),
  })
  const paths: Path[] = [
    { name: 'send --body-file, 100 MB text', ours: mailwire('--body-file', text), peer: curl(text), maxWallRatio: 1.25, maxRssMiB: 100, runs: context.runs },
    { name: 'send --attach, 50 MB binary', ours: mailwire('--body', 'See the attachment.', '--attach', binary), peer: curl(mime), maxWallRatio: 1.4, maxRssMiB: 100, runs: context.runs },
    { name: 'send --data-file, 100 MB message', ours: mailwire('--data-file', message), peer: curl(message), maxWallRatio: 1 / 0.9, runs: context.runs },
    {
      name: 'one small message, whole process',
      ours: mailwire('--body', 'hi'),
      peer: { name: 'node -e 0', command: () => ({ command: process.execPath, args: ['-e', '0'] }) },
      maxWallRatio: 1.3,
      runs: context.runs * START_RUNS_PER_RUN,
    },
  ]
  const extras = [
    { name: 'Mailwire, no code cache (NODE_DISABLE_COMPILE_CACHE=1)', command: (sink: Sink) => mailwire('--body', 'hi')(sink, { ...cacheEnv, NODE_DISABLE_COMPILE_CACHE: '1' }) },
    { name: 'swaks (small message)', command: (sink: Sink) => ({ command: SWAKS, args: ['--silent', '2', '--server', `${sink.host}:${sink.port}`, '--helo', HELO, '--from', FROM, '--to', TO, '--body', 'hi'] }) },
    curl(small),
  ].filter((extra) => extra.name !== 'swaks (small message)' || existsSync(SWAKS))

  const sink = await startSmtpSink()
  const rows: string[][] = []
  const verdicts: string[] = []
  try {
    await measured('warm-up (makes the code cache)', mailwire('--body', 'hi')(sink))
    for (const path of paths) {
      const ours = { wallMs: [], cpuMs: [], rssKiB: [] } as Figures
      const peer = { wallMs: [], cpuMs: [], rssKiB: [] } as Figures
      const others = extras.map(() => ({ wallMs: [], cpuMs: [], rssKiB: [] }) as Figures)
      const small = path.runs > context.runs
      for (let round = 1; round <= path.runs; round++) {
        record(ours, await measured(`${path.name}: Mailwire`, path.ours(sink)))
        record(peer, await measured(`${path.name}: ${path.peer.name}`, path.peer.command(sink)))
        if (small) for (const [i, extra] of extras.entries()) record(others[i]!, await measured(extra.name, extra.command(sink)))
      }
      context.log(`paths: ${path.name}: Mailwire ${fixed(median(ours.wallMs), 0)} ms, ${path.peer.name} ${fixed(median(peer.wallMs), 0)} ms`)
      const wallRatio = median(ours.wallMs) / median(peer.wallMs)
      const rssMiB = median(ours.rssKiB) / 1024
      rows.push(row(`${path.name}: Mailwire`, ours, peer), row(`  ${path.peer.name}`, peer, peer))
      if (small) for (const [i, extra] of extras.entries()) rows.push(row(`  ${extra.name}`, others[i]!, peer))
      const wallMet = wallRatio <= path.maxWallRatio
      const rssMet = path.maxRssMiB === undefined || rssMiB <= path.maxRssMiB
      verdicts.push(
        `${path.name}: wall at most ${path.maxWallRatio.toFixed(2)}x ${path.peer.name}: ${wallMet ? 'met' : 'MISSED'} (${wallRatio.toFixed(2)}x)` +
          (path.maxRssMiB !== undefined ? `; peak RSS at most ${path.maxRssMiB} MiB: ${rssMet ? 'met' : 'MISSED'} (${fixed(rssMiB, 0)} MiB)` : ''),
      )
    }
  } finally {
    await sink.stop()
  }
  return {
    title: '5. Send paths of issue 18, each a fresh process, smtp-sink on loopback',
    columns: ['path and client', 'wall ms (median)', 'CPU ms (median)', 'wall vs the peer', 'CPU vs the peer', 'peak RSS MiB'],
    rows,
    notes: [
      `median of ${context.runs} runs per client (${context.runs * START_RUNS_PER_RUN} for the small message), interleaved; wall from spawn to exit; CPU = user + system and peak RSS from GNU time`,
      'Mailwire runs with its code cache made by one warm-up send before the first measured run (main/cli/code-cache.ts), as every start after a user\'s first finds it; the row without it shows a first start',
      'the --data-file target is 0.9x curl\'s throughput, i.e. at most 1.11x its wall time; --attach\'s peer uploads a MIME message of the same size (base64 in 76-character lines)',
      ...verdicts.map((verdict) => `target: ${verdict}`),
    ],
  }
}

async function measured(name: string, { command, args, env }: Command): Promise<ProcessRun> {
  const run = await runMeasured(command, args, env ? { env } : {})
  if (run.exitCode !== 0) throw new Error(`${name} exited ${run.exitCode}: ${(run.stderr || run.stdout).trim().slice(-800)}`)
  return run
}

function record(figures: Figures, run: ProcessRun): void {
  figures.wallMs.push(run.wallMs)
  if (run.cpuMs !== undefined) figures.cpuMs.push(run.cpuMs)
  if (run.peakRssKiB !== undefined) figures.rssKiB.push(run.peakRssKiB)
}

function row(name: string, figures: Figures, peer: Figures): string[] {
  const times = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a')
  return [
    name,
    fixed(median(figures.wallMs), 0),
    fixed(median(figures.cpuMs), 0),
    times(median(figures.wallMs), median(peer.wallMs)),
    times(median(figures.cpuMs), median(peer.cpuMs)),
    figures.rssKiB.length ? fixed(median(figures.rssKiB) / 1024, 0) : 'n/a',
  ]
}
