// The `mailwire` process: connects runCli to stdin, stdout, signals and the exit code. Everything else is in run.ts.
import { isatty } from 'node:tty'
import { SIGNAL_EXIT } from './interrupt'
import { runCli } from './run'

const controller = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // The first ends the session (or `mailwire inbox`) cleanly, and the result still says
    // what happened (run.ts exits 130 or 143 then); a second one leaves now.
    if (controller.signal.aborted) process.exit(SIGNAL_EXIT[signal])
    controller.abort(signal)
  })
}

// `mailwire … | head` closes the pipe early. The session still runs to its end (stopping
// half way would leave the outcome unknown), so the exit code stays the real one.
let stdoutOpen = true
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  stdoutOpen = false
})

void runCli(process.argv.slice(2), {
  stdout: { write: (text: string) => stdoutOpen && process.stdout.write(text) },
  stderr: process.stderr,
  // Made on first use: process.stdin builds a stream (a file, pipe or terminal one) that
  // only a password prompt reads, a few ms of every start.
  get stdin() {
    return process.stdin
  },
  env: process.env,
  isTTY: { stdin: isatty(0), stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY) },
  signal: controller.signal,
}).then((code) => {
  // Exit once stdout has drained, rather than waiting on anything still holding the loop.
  if (!stdoutOpen) process.exit(code)
  process.stdout.write('', () => process.exit(code))
})
