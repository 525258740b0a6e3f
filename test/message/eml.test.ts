import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { composeEml, messageFactory } from '../../main/message/index'
import { caps, headerSection, model, readSource } from './helpers'

describe('composeEml', () => {
  const m = model({
    from: 'José <jose@bücher.example>',
    to: ['Ünïcode Name <u@mailwire.test>'],
    bcc: ['hidden@mailwire.test'],
    subject: 'Grüße 🎉',
    text: 'Grüße aus Köln',
    html: '<p>Grüße</p>',
    attachments: [{ content: new Uint8Array([0, 128, 255]), filename: 'x.bin' }],
  })

  it('is 7-bit, with A-label domains and no Bcc: it opens and sends anywhere', async () => {
    const eml = await composeEml(m)
    expect(eml.every((b) => b < 0x80)).toBe(true)
    expect(headerSection(eml)).toContain('<jose@xn--bcher-kva.example>')
    expect(eml.toString('latin1')).not.toContain('hidden')
    const mail = await simpleParser(eml)
    expect(mail.subject).toBe('Grüße 🎉')
    expect(mail.attachments[0]?.content.equals(Buffer.from([0, 128, 255]))).toBe(true)
  })

  it('with the date and Message-ID used to send, is byte for byte what a 7-bit server received', async () => {
    const options = { date: new Date('2025-05-05T05:05:05Z'), messageId: 'same.id@xn--bcher-kva.example' }
    const eml = await composeEml(m, options)
    const sent = await readSource(await messageFactory(m, options)(caps()))
    expect(eml.equals(sent)).toBe(true)
    const other = await composeEml(m, { ...options, messageId: 'other.id@xn--bcher-kva.example' })
    expect(other.equals(eml)).toBe(false)
  })

  it('refuses a Message-ID that is not one', async () => {
    for (const messageId of ['no-at-sign', 'a@b\r\nBcc: x@evil.test', 'a b@c', 'a@b@c']) {
      await expect(composeEml(m, { messageId })).rejects.toMatchObject({ field: 'messageId' })
    }
    expect((await composeEml(m, { messageId: '<ok.1@mailwire.test>' })).toString()).toContain('Message-ID: <ok.1@mailwire.test>')
  })
})
