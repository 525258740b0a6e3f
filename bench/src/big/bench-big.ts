// Benchmark 2: one 100 MB message through DATA, each client a fresh process: the built
// `mailwire` CLI, curl --upload-file, and Python's smtplib. Wall time from spawn to exit
// (what a user waits for), throughput from it, and the kernel's peak RSS figure.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext } from '../support/context'
import { CURL, pythonPath } from '../support/peers'
import { runMeasured, type ProcessRun } from '../support/process'
import { startSmtpSink, type Sink } from '../support/sink'
import { best, fixed, median, ratio } from '../support/stats'
import type { Table } from '../support/table'
import { writeBigMessage } from './big-message'

const FROM = 'sender@bench.mailwire.test'
const TO = 'big@bench.mailwire.test'
const MB = 1e6
const MIB = 1024 * 1024
/** The targets of issue 9. */
const TARGET_THROUGHPUT_VS_CURL = 0.8
const TARGET_PEAK_RSS_MIB = 100

interface Client {
  name: string
  command: (sink: Sink, file: string) => { command: string; args: string[] }
}

interface Figures {
  name: string
  wallMs: number[]
  peakRssKiB: number[]
}

export async function benchBig(context: BenchContext): Promise<Table> {
  const cli = join(context.root, 'out', 'main', 'cli.js')
  if (!existsSync(cli)) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm run bench does)')
  const file = join(context.workDir, 'big.eml')
  const bytes = await writeBigMessage(file, FROM, TO)
  const clients: Client[] = [
    {
      name: 'Mailwire CLI (mailwire send --data-file)',
      command: (sink, path) => ({
        command: process.execPath,
        args: [cli, 'send', '--server', `${sink.host}:${sink.port}`, '--tls', 'none', '--helo', 'bench.mailwire.test', '--from', FROM, '--to', TO, '--data-file', path],
      }),
    },
    {
      name: 'curl --upload-file',
      command: (sink, path) => ({
        command: CURL,
        args: ['--silent', '--show-error', '--upload-file', path, `smtp://${sink.host}:${sink.port}/bench.mailwire.test`, '--mail-from', FROM, '--mail-rcpt', TO],
      }),
    },
  ]
  const python = pythonPath()
  clients.push({
    name: 'Mailwire engine alone (sendMail, file streamed)',
    command: (sink, path) => ({ command: process.execPath, args: [join(context.bundleDir, 'big-engine.mjs'), sink.host, String(sink.port), FROM, TO, path] }),
  })
  if (python) {
    clients.push({
      name: 'Python smtplib sendmail',
      command: (sink, path) => ({ command: python, args: [join(context.root, 'bench', 'peers', 'smtplib_big.py'), sink.host, String(sink.port), FROM, TO, path] }),
    })
  }

  const sink = await startSmtpSink()
  const figures = new Map<string, Figures>(clients.map((client) => [client.name, { name: client.name, wallMs: [], peakRssKiB: [] }]))
  try {
    for (let round = 1; round <= context.runs; round++) {
      for (const client of clients) {
        const { command, args } = client.command(sink, file)
        const run = await runMeasured(command, args)
        check(client.name, run)
        const entry = figures.get(client.name)!
        entry.wallMs.push(run.wallMs)
        if (run.peakRssKiB !== undefined) entry.peakRssKiB.push(run.peakRssKiB)
        context.log(`big: round ${round}, ${client.name}: ${fixed(run.wallMs, 0)} ms, peak RSS ${fixed((run.peakRssKiB ?? Number.NaN) / 1024, 0)} MiB`)
      }
    }
  } finally {
    await sink.stop()
  }

  const throughput = (entry: Figures) => bytes / MB / (median(entry.wallMs) / 1000)
  const ours = figures.get(clients[0]!.name)!
  const curl = figures.get(clients[1]!.name)!
  const rows = [...figures.values()].map((entry) => [
    entry.name,
    fixed(median(entry.wallMs), 0),
    fixed(best(entry.wallMs, false), 0),
    fixed(throughput(entry), 1),
    ratio(throughput(entry), throughput(curl), true),
    entry.peakRssKiB.length ? fixed(median(entry.peakRssKiB) / 1024, 0) : 'n/a',
  ])
  const vsCurl = throughput(ours) / throughput(curl)
  const ourRssMiB = median(ours.peakRssKiB) / 1024
  return {
    title: `2. One ${fixed(bytes / MB, 0)} MB message (${fixed(bytes / MIB, 1)} MiB, 76-char CRLF lines, every 40th starting with a dot) through DATA to smtp-sink`,
    columns: ['client', 'wall ms (median)', 'wall ms (best)', 'MB/s (median)', 'throughput vs curl', 'peak RSS MiB'],
    rows,
    notes: [
      `median of ${context.runs} runs per client, interleaved; wall time from spawn to exit (process start, connect, EHLO, DATA, QUIT); MB = 10^6 bytes; peak RSS from GNU time (ru_maxrss)`,
      `target (the CLI): throughput at least ${TARGET_THROUGHPUT_VS_CURL}x curl: ${vsCurl >= TARGET_THROUGHPUT_VS_CURL ? 'met' : 'MISSED'} (${vsCurl.toFixed(2)}x); peak RSS at most ${TARGET_PEAK_RSS_MIB} MiB: ${ourRssMiB <= TARGET_PEAK_RSS_MIB ? 'met' : 'MISSED'} (${fixed(ourRssMiB, 0)} MiB)`,
      'the "engine alone" row is a diagnostic: sendMail with MessageSource.open() = fs.createReadStream (a fresh 64 KiB buffer per chunk), no CLI or message layer; the CLI streams --data-file in 256 KiB chunks through one reused buffer after one inspection pass over the file (mailwire send prints nothing before it)',
    ],
  }
}

function check(name: string, run: ProcessRun): void {
  if (run.exitCode !== 0) throw new Error(`${name} exited ${run.exitCode}: ${(run.stderr || run.stdout).trim().slice(-800)}`)
}

