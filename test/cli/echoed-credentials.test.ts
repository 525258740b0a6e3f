// A server that echoes what it was sent must not get the password printed: the built CLI
// against scripted servers that put the credential, in every form AUTH sends it, into a
// refusal of AUTH and into a later refusal of a recipient. stdout, stderr and --json are
// searched for each form, and for the start of the PLAIN blob (masked short-first it
// showed as "AHUA…****", which gives the user name away).
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuiltCli, runBuiltCli, type ChildRun } from './support/built-cli'
import { greetAndEhlo, scriptedServer, type ScriptedPeer, type ScriptedServer } from './support/scripted-server'

const USER = 'mailwire-user'
const PASSWORD = 'Tr0ub4dor&3-secret'
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const PLAIN_BLOB = b64(`\0${USER}\0${PASSWORD}`)
const FORMS = { password: PASSWORD, base64: b64(PASSWORD), plainBlob: PLAIN_BLOB, blobStart: PLAIN_BLOB.slice(0, 12) }

let server: ScriptedServer | undefined
beforeAll(() => ensureBuiltCli())
afterEach(async () => {
  await server?.stop()
  server = undefined
})

async function sendAgainst(script: (peer: ScriptedPeer) => Promise<void>, ...extra: string[]): Promise<ChildRun> {
  server = await scriptedServer(script)
  return runBuiltCli(
    ['send', '--server', `127.0.0.1:${server.port}`, '--tls', 'none', '--allow-plaintext-auth', '--user', USER,
      '--from', 'ann@sender.test', '--to', 'bob@rcpt.test', '--body', 'Hello', ...extra],
    { MAILWIRE_PASSWORD: PASSWORD },
  )
}

function expectNoSecret(run: ChildRun): void {
  for (const [form, text] of Object.entries(FORMS)) {
    expect(run.stdout.includes(text), `stdout holds the ${form}`).toBe(false)
    expect(run.stderr.includes(text), `stderr holds the ${form}`).toBe(false)
  }
}

/** AUTH PLAIN refused with an echo of the initial response and the password. */
async function echoingAuthRefusal(peer: ScriptedPeer): Promise<void> {
  await greetAndEhlo(peer, ['AUTH PLAIN LOGIN'])
  const auth = await peer.line()
  peer.send(`535 5.7.8 you sent ${auth} pw=${PASSWORD}\r\n`)
  await peer.line()
  peer.send('221 bye\r\n')
}

describe('mailwire send: credentials a server echoes', () => {
  it('masks every form in the result line, the stderr reason and the transcript', async () => {
    const run = await sendAgainst(echoingAuthRefusal)
    expect(run.code).toBe(1)
    // The echo arrived and was shown, masked.
    expect(run.stdout).toMatch(/535 5\.7\.8 you sent AUTH PLAIN \*+ pw=\*+/)
    expect(run.stderr).toMatch(/^mailwire: .*535/m)
    expectNoSecret(run)
  })

  it('masks every form in --json, the error reply lines included', async () => {
    const run = await sendAgainst(echoingAuthRefusal, '--json')
    expect(run.code).toBe(1)
    const output = JSON.parse(run.stdout) as { result: { error: { reply: { lines: string[] }; message: string } } }
    expect(output.result.error.reply.lines.join(' ')).toMatch(/you sent AUTH PLAIN \*+ pw=\*+/)
    expectNoSecret(run)
  })

  it('masks a password echoed in a recipient refusal after a successful login', async () => {
    const run = await sendAgainst(async (peer) => {
      await greetAndEhlo(peer, ['AUTH LOGIN'])
      await peer.line()
      peer.send(`334 ${b64('Username:')}\r\n`)
      await peer.line()
      peer.send(`334 ${b64('Password:')}\r\n`)
      const sent = await peer.line()
      peer.send('235 2.7.0 ok\r\n')
      await peer.line()
      peer.send('250 2.1.0 ok\r\n')
      await peer.line()
      peer.send(`550 5.1.1 no such user (your login was ${Buffer.from(sent, 'base64').toString()} / ${sent})\r\n`)
      await peer.line()
      peer.send('250 2.0.0 reset\r\n')
      await peer.line()
      peer.send('221 bye\r\n')
    }, '--json')
    expect(run.code).toBe(1)
    const output = JSON.parse(run.stdout) as { result: { status: string; recipients: { reply: { lines: string[] } }[] } }
    expect(output.result.status).toBe('refused')
    expect(output.result.recipients[0]!.reply.lines[0]).toMatch(/your login was \*+ \/ \*+/)
    expectNoSecret(run)
  })
})
