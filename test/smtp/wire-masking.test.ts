// The wire log masks a credential wherever it shows up, not only in our AUTH lines: in the
// server's replies (a server that echoes the password back) and in the message data lines
// (a body that quotes it). The bytes on the wire are the message's; the log never shows them.
import { afterEach, describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory } from '../../main/smtp/types'
import { startSecretEchoServer, type SecretEchoServer } from '../support/secret-echo-server'
import { recordWire } from './support/wire'

const USER = 'ann@example.test'
const PASSWORD = 'Echo-3x4mple!pw'
const b64 = (text: string) => Buffer.from(text).toString('base64')
const SECRET_FORMS = [PASSWORD, b64(PASSWORD), b64(`\u0000${USER}\u0000${PASSWORD}`)]

const BODY_LINE = `my password is ${PASSWORD}, keep it safe`
const message: MessageFactory = () => ({
  open: async function* () {
    yield Buffer.from(`Subject: masking\r\n\r\n${BODY_LINE}\r\n`)
  },
  eightBit: false,
})

let server: SecretEchoServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('wire log masking against a server that echoes the password', () => {
  it('masks the server lines and the message data lines that carry it', async () => {
    server = await startSecretEchoServer()
    const wire = recordWire()
    const result = await sendMail(
      {
        host: server.host,
        port: server.port,
        security: 'none',
        allowPlaintextAuth: true,
        auth: { user: USER, password: PASSWORD, mechanism: 'PLAIN' },
        onWire: wire.onWire,
      },
      { from: USER, to: ['bob@example.test'] },
      message,
    )
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    // The secret did cross: the server echoed what it was given and received the body line.
    expect(server.passwords).toEqual([PASSWORD])
    expect(server.data).toContain(BODY_LINE)

    const lines = wire.lines()
    expect(lines).toContain('S: 235-2.7.0 Welcome back, your password is ****')
    expect(lines).toContain('S: 235 2.7.0 and in base64 ****')
    expect(lines).toContain('S: 221 2.0.0 Bye, ****')
    expect(lines).toContain('C: my password is ****, keep it safe')
    for (const form of SECRET_FORMS) expect(wire.dump().includes(form), `leaked ${form}`).toBe(false)
  })
})
