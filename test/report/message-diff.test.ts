// Sent versus arrived, with real messages: composed by our message layer, re-encoded as a
// server without 8BITMIME makes us send it, and delivered through Postfix into a Maildir.
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { buildEnvelope, messageFactory } from '../../main/message/index'
import { compareMessages } from '../../main/report/message-diff'
import { sendMail } from '../../main/smtp/index'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { caps, model, readSource } from '../message/helpers'

const fixed = { date: new Date('2026-12-03T10:00:00Z'), messageId: 'diff.1@mailwire.test' }

async function composed(eightBitMime: boolean, overrides: Parameters<typeof model>[0] = {}): Promise<Buffer> {
  const m = model({ subject: 'Привет', text: 'Привет, мир!\nA second line.\n', ...overrides })
  return readSource(await messageFactory(m, fixed)(caps({ eightBitMime })))
}

const kinds = (comparison: ReturnType<typeof compareMessages>) => comparison.headers.map((change) => `${change.kind} ${change.name}`)

describe('compareMessages', () => {
  it('a message against itself: every header the same, the body byte for byte', async () => {
    const sent = await composed(true)
    const comparison = compareMessages(sent, sent)
    expect(comparison.headers.length).toBeGreaterThan(5)
    expect(comparison.headers.every((change) => change.kind === 'same' && !change.refolded)).toBe(true)
    expect(comparison.body).toBe('same')
    expect(comparison.summary).toBe('0 headers added, 0 headers changed, 0 headers removed; the body arrived byte for byte.')
    // Header values are shown as text: UTF-8 read back, not one char per byte.
    expect(comparison.headers.find((change) => change.name === 'Subject')?.sent).toMatch(/^=\?UTF-8\?/)
  })

  it('8bit sent, quoted-printable arrived: re-encoded, the same content', async () => {
    const sent = await composed(true)
    const arrived = await composed(false)
    expect(sent.toString('latin1')).toContain('Content-Transfer-Encoding: 8bit')
    expect(arrived.toString('latin1')).not.toContain('Content-Transfer-Encoding: 8bit')
    const comparison = compareMessages(sent, arrived)
    expect(comparison.body).toBe('re-encoded')
    const change = comparison.headers.find((item) => item.name === 'Content-Transfer-Encoding')
    expect(change).toMatchObject({ kind: 'changed', sent: '8bit' })
    expect(comparison.parts).toEqual([expect.objectContaining({ path: '1', contentType: 'text/plain', verdict: 're-encoded', sentEncoding: '8bit' })])
    expect(comparison.summary).toContain('the body was re-encoded, its content the same')
  })

  it('multipart: each part on its own; an attachment in base64 both ways is the same', async () => {
    const attachment = Buffer.from(Array.from({ length: 2000 }, (_v, i) => (i * 7) & 0xff))
    const parts = { html: '<p>Привет</p>', attachments: [{ content: attachment, filename: 'data.bin' }] }
    const sent = await composed(true, parts)
    const arrived = await composed(false, parts)
    const comparison = compareMessages(sent, arrived)
    const verdicts = comparison.parts.map((part) => `${part.path} ${part.contentType} ${part.verdict}`)
    expect(verdicts).toContain('2 application/octet-stream same')
    expect(verdicts.filter((verdict) => verdict.endsWith('re-encoded')).length).toBeGreaterThanOrEqual(1)
    expect(comparison.body).toBe('re-encoded')
  })

  it('a rewritten subject, a refolded header, a field added at the bottom and a changed body', async () => {
    const sent = (await composed(true)).toString('latin1')
    const arrived = sent
      .replace(/^Subject: (.*)$/m, 'Subject: [SPAM] $1')
      .replace(/^From: (.*)$/m, 'From:\r\n  $1')
      .replace(/\r\n\r\n/, '\r\nX-Spam-Score: 7.1\r\n\r\n')
      .replace('A second line.', 'A changed line.')
    const comparison = compareMessages(Buffer.from(sent, 'latin1'), Buffer.from(arrived, 'latin1'))
    expect(comparison.headers.find((change) => change.name === 'Subject')).toMatchObject({ kind: 'changed' })
    expect(comparison.headers.find((change) => change.name === 'From')).toMatchObject({ kind: 'same', refolded: true })
    expect(comparison.headers.find((change) => change.name === 'X-Spam-Score')).toMatchObject({ kind: 'added', position: 'bottom', arrived: '7.1' })
    expect(comparison.body).toBe('changed')
  })

  it('a header the server dropped is removed', async () => {
    const sent = await composed(true, { headers: [{ name: 'X-Internal', value: 'secret-route' }] })
    const arrived = sent.toString('latin1').replace(/^X-Internal: .*\r\n/m, '')
    const comparison = compareMessages(sent, Buffer.from(arrived, 'latin1'))
    expect(kinds(comparison)).toContain('removed X-Internal')
    expect(comparison.body).toBe('same')
  })
})

describeWithPostfix('sent versus arrived through Postfix', (postfix) => {
  it('Return-Path, Delivered-To and Received added at the top; the body only changed its line endings', async () => {
    const to = uniqueMailbox('diff-to')
    const m = model({ to: [to], subject: 'Sent versus arrived', text: 'Line one\n.a dotted line\nLine three\n' })
    let sentBytes: Buffer | undefined
    const factory = messageFactory(m, fixed)
    const result = await sendMail({ host: postfix.host, port: postfix.port, security: 'starttls', ca: postfix.caPem }, buildEnvelope(m), async (offered) => {
      const source = await factory(offered)
      sentBytes = await readSource(source)
      return source
    })
    expect(result.status).toBe('sent')
    const [raw = ''] = await waitForMail(to)
    const comparison = compareMessages(sentBytes!, raw)
    const added = comparison.headers.filter((change) => change.kind === 'added')
    expect(added.map((change) => change.name.toLowerCase())).toEqual(expect.arrayContaining(['return-path', 'delivered-to', 'received']))
    expect(added.every((change) => change.position === 'top')).toBe(true)
    expect(comparison.headers.filter((change) => change.kind === 'changed' || change.kind === 'removed')).toEqual([])
    // The Maildir keeps LF line ends: the same bytes otherwise.
    expect(comparison.body).toBe('line-endings')
    expect((await simpleParser(raw)).text).toContain('.a dotted line')
  })
})
