// runCli's io for in-process tests: stdout and stderr collected as text, no terminal.
import { PassThrough } from 'node:stream'
import type { CliIo } from '../../../main/cli/io'
import { runCli } from '../../../main/cli/run'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export interface CliOptions {
  env?: Record<string, string>
  isTTY?: CliIo['isTTY']
  signal?: AbortSignal
}

export interface RunningCli {
  /** What was printed so far: the transcript streams while the session runs. */
  stdout(): string
  done: Promise<CliRun>
}

export function startCli(argv: string[], options: CliOptions = {}): RunningCli {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: new PassThrough(),
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    ...(options.signal ? { signal: options.signal } : {}),
  }
  return { stdout: () => stdout, done: runCli(argv, io).then((code) => ({ code, stdout, stderr })) }
}

export function cli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(argv, options).done
}

/** The stderr lines that are not warnings: exactly one "mailwire: reason" for a failure. */
export function reasonLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('mailwire: warning:'))
}
