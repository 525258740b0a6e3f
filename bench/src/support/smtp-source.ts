// Postfix's load generator: `smtp-source -s SESSIONS -m MESSAGES host:port` sends MESSAGES
// messages, one per connection, SESSIONS connections at a time. It stops with a non-zero
// exit at the first reply that is not the expected positive one (without -A), so exit 0
// means every message was answered 250.
import { execFile } from 'node:child_process'
import { performance } from 'node:perf_hooks'

export const SMTP_SOURCE = '/usr/sbin/smtp-source'

export interface SourceRun {
  ok: boolean
  wallMs: number
  stderr: string
}

export function runSmtpSource(host: string, port: number, sessions: number, messages: number): Promise<SourceRun> {
  const started = performance.now()
  return new Promise((resolve) => {
    execFile(SMTP_SOURCE, ['-s', String(sessions), '-m', String(messages), `${host}:${port}`], { encoding: 'utf8' }, (error, _stdout, stderr) => {
      resolve({ ok: !error, wallMs: performance.now() - started, stderr: stderr.trim() })
    })
  })
}
