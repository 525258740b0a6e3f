import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { MessageFactory } from '../../main/smtp/types'
import { startSmtpServer, type TestServer } from './support/smtp-server'
import { recordWire } from './support/wire'

const text = (body: string, eightBit = false): MessageFactory => () => ({
  open: async function* () {
    yield Buffer.from(body)
  },
  size: Buffer.byteLength(body),
  eightBit,
})

describe('sendMail against smtp-server', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startSmtpServer({ hideSTARTTLS: true })
  })
  afterAll(() => server.close())

  it('sends a message to two recipients over plain SMTP', async () => {
    const wire = recordWire()
    const result = await sendMail(
      { host: server.host, port: server.port, security: 'none', onWire: wire.onWire },
      { from: 'ann@example.test', to: ['bob@example.test', 'cy@example.test'] },
      text('Subject: hi\r\n\r\nHello.\r\n'),
    )
    expect(result.error).toBeUndefined()
    expect(result.status).toBe('sent')
    expect(result.queueId).toBe('TESTQ1')
    expect(result.recipients.map((r) => [r.address, r.accepted])).toEqual([
      ['bob@example.test', true],
      ['cy@example.test', true],
    ])
    const got = server.received.at(-1)!
    expect(got.to).toEqual(['bob@example.test', 'cy@example.test'])
    expect(got.raw.toString()).toBe('Subject: hi\r\n\r\nHello.\r\n')
  })
})
