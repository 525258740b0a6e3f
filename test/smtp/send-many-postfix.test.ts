// sendMany against the real Postfix: many messages on one session all arrive; a refused or
// deferred recipient in one message does not keep the next from being delivered.
import { expect, it } from 'vitest'
import { sendMany } from '../../main/smtp/index'
import type { BatchMessage, MessageFactory, SessionOptions } from '../../main/smtp/types'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { startRecordingProxy, turns } from './support/recording-proxy'

function message(subject: string): MessageFactory {
  const bytes = Buffer.from(`From: batch@mailwire.test\nSubject: ${subject}\nMessage-ID: <${subject}@mailwire.test>\n\nOne of many.\n.a dot line\n`)
  return () => ({
    open: async function* () {
      yield bytes
    },
    size: bytes.length,
    eightBit: false,
  })
}

describeWithPostfix('sendMany ↔ Postfix', (postfix) => {
  const base = (options: Partial<SessionOptions> = {}): SessionOptions => ({
    host: postfix.host,
    port: postfix.port,
    security: 'none',
    clientName: 'batch.mailwire.test',
    ...options,
  })

  it('delivers every message of a batch sent on one connection, each envelope behind the previous dot', async () => {
    const to = uniqueMailbox('batch')
    const tag = `batch-${Date.now()}`
    const proxy = await startRecordingProxy({ host: postfix.host, port: postfix.port })
    try {
      const messages: BatchMessage[] = Array.from({ length: 20 }, (_, n) => ({ envelope: { from: 'batch@mailwire.test', to: [to] }, message: message(`${tag}-${n}`) }))
      const batch = await sendMany(base({ port: proxy.port }), messages)
      expect(batch.error).toBeUndefined()
      expect(batch.results.map((result) => result.status)).toEqual(Array(20).fill('sent'))
      expect(new Set(batch.results.map((result) => result.queueId)).size).toBe(20)
      const received = await waitForMail(to, 20)
      expect(received.map((raw) => /^Subject: (.*)$/m.exec(raw)?.[1]).sort()).toEqual(messages.map((_, n) => `${tag}-${n}`).sort())
      for (const raw of received) expect(raw).toMatch(/^\.a dot line$/m)
      const behindDot = turns(proxy.segments).filter((turn) => turn.from === 'client' && /\r\n\.\r\nMAIL FROM:/.test(turn.text))
      expect(behindDot).toHaveLength(19)
    } finally {
      await proxy.close()
    }
  })

  it('a refused and a deferred recipient fail their own message only', async () => {
    const to = uniqueMailbox('after-refusal')
    const tag = `refusal-${Date.now()}`
    const batch = await sendMany(base(), [
      { envelope: { from: 'batch@mailwire.test', to: [to] }, message: message(`${tag}-0`) },
      { envelope: { from: 'batch@mailwire.test', to: [uniqueMailbox('reject')] }, message: message(`${tag}-1`) },
      { envelope: { from: 'batch@mailwire.test', to: [uniqueMailbox('defer')] }, message: message(`${tag}-2`) },
      { envelope: { from: 'batch@mailwire.test', to: [uniqueMailbox('reject'), to] }, message: message(`${tag}-3`) },
      { envelope: { from: 'batch@mailwire.test', to: [to] }, message: message(`${tag}-4`) },
    ])
    expect(batch.error).toBeUndefined()
    expect(batch.results.map((result) => result.status)).toEqual(['sent', 'refused', 'refused', 'partial', 'sent'])
    expect(batch.results[1]!.recipients[0]!.reply).toMatchObject({ code: 550, enhanced: '5.1.1' })
    expect(batch.results[2]!.recipients[0]!.reply).toMatchObject({ code: 450, enhanced: '4.2.1' })
    const received = await waitForMail(to, 3)
    expect(received.map((raw) => /^Subject: (.*)$/m.exec(raw)?.[1]).sort()).toEqual([`${tag}-0`, `${tag}-3`, `${tag}-4`])
  })
})
