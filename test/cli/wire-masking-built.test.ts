// The built `mailwire send` against a server that echoes the password back: the transcript
// on stdout, stderr and the --json transcript show every echo and every message line that
// quotes the password masked, never the password or its base64.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WireEvent } from '../../main/smtp/types'
import { startSecretEchoServer, type SecretEchoServer } from '../support/secret-echo-server'
import { ensureBuiltCli, runBuiltCli } from './support/built-cli'

const USER = 'ann@example.test'
const PASSWORD = 'Echo-3x4mple!pw'
const b64 = (text: string) => Buffer.from(text).toString('base64')
const SECRET_FORMS = [PASSWORD, b64(PASSWORD), b64(`\u0000${USER}\u0000${PASSWORD}`)]
const BODY_LINE = `my password is ${PASSWORD}, keep it safe`

let server: SecretEchoServer
beforeAll(async () => {
  ensureBuiltCli()
  server = await startSecretEchoServer()
})
afterAll(() => server.close())

const send = (...extra: string[]) =>
  runBuiltCli(
    [
      'send', '--server', `${server.host}:${server.port}`, '--tls', 'none', '--user', USER, '--allow-plaintext-auth',
      '--from', USER, '--to', 'bob@example.test', '--subject', 'masking', '--body', BODY_LINE, ...extra,
    ],
    { MAILWIRE_PASSWORD: PASSWORD },
  )

function expectNoSecret(text: string): void {
  for (const form of SECRET_FORMS) expect(text.includes(form), `leaked ${form} in:\n${text}`).toBe(false)
}

describe('the built mailwire send against a server that echoes the password', () => {
  it('masks the echoes and the quoting message line in the printed transcript', async () => {
    const before = server.data.length
    const run = await send()
    expect(run.code, run.stderr).toBe(0)
    // The secret did cross: in the body to the server, and back in its replies.
    expect(server.data.slice(before)).toContain(BODY_LINE)
    expect(run.stdout).toMatch(/ <- 235-2\.7\.0 Welcome back, your password is \*\*\*\*/)
    expect(run.stdout).toMatch(/ <- 235 2\.7\.0 and in base64 \*\*\*\*/)
    expect(run.stdout).toMatch(/ <- 221 2\.0\.0 Bye, \*\*\*\*/)
    expect(run.stdout).toMatch(/ -> my password is \*\*\*\*, keep it safe$/m)
    expectNoSecret(run.stdout)
    expectNoSecret(run.stderr)
  })

  it('masks them in the --json transcript too', async () => {
    const run = await send('--json')
    expect(run.code, run.stderr).toBe(0)
    const { transcript } = JSON.parse(run.stdout) as { transcript: WireEvent[] }
    const texts = transcript.map((event) => `${event.kind}: ${event.text}`)
    expect(texts).toContain('server: 235-2.7.0 Welcome back, your password is ****')
    expect(texts).toContain('server: 221 2.0.0 Bye, ****')
    expect(texts).toContain('client: my password is ****, keep it safe')
    expectNoSecret(run.stdout)
    expectNoSecret(run.stderr)
  })
})
