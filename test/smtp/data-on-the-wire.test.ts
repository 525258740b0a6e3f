// The body as real servers receive it: smtp-server (which un-stuffs dots) must deliver
// exactly the normalized input, and a raw server must see exactly the encoded bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory } from '../../main/smtp/types'
import { startScriptedServer } from './support/scripted-server'
import { startSmtpServer, type TestServer } from './support/smtp-server'

/** The message as a server stores it: every line ending CRLF, a final CRLF added if missing. */
function normalized(text: string): string {
  const lines = text.split(/\r\n|\r|\n/)
  const last = lines.pop()!
  return [...lines, ...(last === '' ? [] : [last])].map((line) => `${line}\r\n`).join('')
}

function chunked(text: string, chunkSize: number): MessageFactory {
  const bytes = Buffer.from(text, 'latin1')
  return () => ({
    open: async function* () {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize)
    },
    size: bytes.length,
    eightBit: false,
  })
}

const BODIES: Array<[string, string]> = [
  ['lone LF smuggling', 'Subject: a\n\nbody\n.\nMAIL FROM:<evil@x>\nRCPT TO:<victim@y>\nDATA\nevil\n.\n'],
  ['lone CR smuggling', 'Subject: a\r\rbody\r.\rQUIT\r'],
  ['CRLF dot LF', 'Subject: a\r\n\r\nx\r\n.\ny\r\n'],
  ['CR CR LF dots', 'Subject: a\r\n\r\nx\r\r\n.\r\r\ny'],
  ['dot lines', '.\r\n..\r\n...\r\nSubject: a\r\n\r\n.leading\r\n.'],
  ['no final newline', 'Subject: a\r\n\r\nlast line'],
]

describe('the body at a real server (smtp-server)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startSmtpServer({ hideSTARTTLS: true })
  })
  afterAll(() => server.close())

  for (const [name, body] of BODIES) {
    for (const chunkSize of [1, 7, 4096]) {
      it(`${name}, chunks of ${chunkSize}`, async () => {
        const before = server.received.length
        const result = await sendMail(
          { host: server.host, port: server.port, security: 'none' },
          { from: 'a@example.test', to: ['b@example.test'] },
          chunked(body, chunkSize),
        )
        expect(result.status, JSON.stringify(result.error)).toBe('sent')
        // Exactly one message arrived: nothing smuggled a second transaction in.
        expect(server.received.length).toBe(before + 1)
        expect(server.received.at(-1)!.raw.toString('latin1')).toBe(normalized(body))
      })
    }
  }
})

describe('the body on the wire (raw server)', () => {
  it('arrives byte-exact: CRLF everywhere, dots doubled, one terminator', async () => {
    const server = await startScriptedServer([
      { send: '220 raw ESMTP\r\n' },
      { expect: /^EHLO / },
      { send: '250 raw\r\n' },
      { expect: 'MAIL FROM:<a@example.test>' },
      { send: '250 ok\r\n' },
      { expect: 'RCPT TO:<b@example.test>' },
      { send: '250 ok\r\n' },
      { expect: 'DATA' },
      { send: '354 go\r\n' },
      { readData: true },
      { send: '250 ok\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
      { close: true },
    ])
    try {
      const body = 'Subject: x\n\n.\n..\r.\r\n\r\r\nend'
      const result = await sendMail(
        { host: server.host, port: server.port, security: 'none' },
        { from: 'a@example.test', to: ['b@example.test'] },
        chunked(body, 3),
      )
      expect(result.status).toBe('sent')
      expect(server.mismatches).toEqual([])
      expect(server.data[0]!.toString('latin1')).toBe('Subject: x\r\n\r\n..\r\n...\r\n..\r\n\r\n\r\nend\r\n.\r\n')
      expect(result.dataBytes).toBe(server.data[0]!.length - 3)
    } finally {
      await server.close()
    }
  })
})
