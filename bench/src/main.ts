// The benchmark run: which benchmarks (all by default), the machine, the tables on the
// terminal and in bench/results/latest.md. Called by bench/run.mjs after it bundled us.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { benchBig } from './big/bench-big'
import { benchInbox } from './inbox/bench-inbox'
import { benchMany } from './many/bench-many'
import { benchPaths } from './paths/bench-paths'
import { benchUi } from './ui/bench-ui'
import type { BenchContext } from './support/context'
import { describeMachine, loadNow } from './support/machine'
import { machineMarkdown, writeResults } from './support/results-file'
import { renderMarkdown, renderText, type Table } from './support/table'

const BENCHMARKS: Record<string, (context: BenchContext) => Promise<Table>> = {
  many: benchMany,
  big: benchBig,
  ui: benchUi,
  inbox: benchInbox,
  paths: benchPaths,
}
const ORDER = ['machine', ...Object.keys(BENCHMARKS)]
const DEFAULT_RUNS = 3

export async function main({ root, bundleDir, argv }: { root: string; bundleDir: string; argv: string[] }): Promise<void> {
  const { selected, runs } = parseArgs(argv)
  const workDir = mkdtempSync(join(os.tmpdir(), 'mailwire-bench-'))
  const context: BenchContext = { root, bundleDir, workDir, runs, log: (line) => process.stderr.write(`  ${line}\n`) }
  const machine = describeMachine(root)
  const sections = new Map<string, string>([['machine', machineMarkdown(machine)]])
  process.stdout.write(`${machineMarkdown(machine)}\n\n`)
  try {
    for (const id of selected) {
      const loadBefore = loadNow()
      const startedAt = new Date().toISOString()
      let table: Table
      try {
        table = await BENCHMARKS[id]!(context)
      } catch (error) {
        // One benchmark failing (a peer missing, a build not there) must not lose the others.
        table = { title: `${id}: could not run`, columns: ['error'], rows: [[String(error instanceof Error ? error.message : error)]], notes: [] }
        process.exitCode = 1
      }
      table.notes.push(`run ${startedAt}; load average (1, 5, 15 min) ${loadBefore} before, ${loadNow()} after`)
      process.stdout.write(`${renderText(table)}\n\n`)
      sections.set(id, renderMarkdown(table))
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
  writeResults(join(root, 'bench', 'results', 'latest.md'), ORDER, sections)
}

function parseArgs(argv: string[]): { selected: string[]; runs: number } {
  let runs = DEFAULT_RUNS
  const selected: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--runs') {
      runs = Number(argv[++i])
      if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1')
    } else if (arg in BENCHMARKS) {
      selected.push(arg)
    } else {
      throw new Error(`unknown benchmark "${arg}": choose from ${Object.keys(BENCHMARKS).join(', ')} (default: all), and --runs N`)
    }
  }
  return { selected: selected.length > 0 ? selected : Object.keys(BENCHMARKS), runs }
}
