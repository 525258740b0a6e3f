// bench/results/latest.md: the machine, then one section per benchmark. Running a subset
// (`node bench/run.mjs many`) replaces only its own sections and keeps the others, each of
// which says when it was measured and under what load.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Machine } from './machine'

const start = (id: string) => `<!-- bench:${id} -->`
const end = (id: string) => `<!-- /bench:${id} -->`

export function machineMarkdown(machine: Machine): string {
  return [
    '## Machine',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores`,
    `- RAM: ${machine.ramGiB} GiB`,
    `- OS: ${machine.os}`,
    `- Node: ${machine.node}`,
    ...(machine.removedEnvironment ? [`- removed from every benchmark process: ${machine.removedEnvironment}`] : []),
    ...Object.entries(machine.peers).map(([name, version]) => `- ${name}: ${version}`),
  ].join('\n')
}

export function writeResults(path: string, order: string[], sections: Map<string, string>): void {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const body = order
    .map((id) => {
      const text = sections.get(id) ?? extract(previous, id)
      return text === undefined ? undefined : `${start(id)}\n${text.trim()}\n${end(id)}`
    })
    .filter((section): section is string => section !== undefined)
  const header = [
    '# Benchmark results (latest run)',
    '',
    'Written by `npm run bench` (bench/run.mjs). Benchmarks print figures; they do not pass or',
    'fail. Each section says when it ran and the load average at the time: the build machine',
    'is shared, so compare ratios within a section rather than absolute numbers across runs.',
  ].join('\n')
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${[header, ...body].join('\n\n')}\n`)
}

function extract(text: string, id: string): string | undefined {
  const from = text.indexOf(start(id))
  const to = text.indexOf(end(id))
  if (from === -1 || to === -1 || to < from) return undefined
  return text.slice(from + start(id).length, to)
}
