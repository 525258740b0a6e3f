#!/usr/bin/env node
// The `mailwire` command: connects runCli to this process. Everything else is in run.ts.
import { runCli } from './run'

const controller = new AbortController()
process.on('SIGINT', () => {
  // First Ctrl-C ends the session cleanly (the result still says what happened); a second one leaves now.
  if (controller.signal.aborted) process.exit(130)
  controller.abort()
})
// `mailwire … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  isTTY: { stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY) },
  signal: controller.signal,
}).then((code) => {
  // Exit once stdout has drained, rather than waiting on anything still holding the loop.
  process.stdout.write('', () => process.exit(code))
})
