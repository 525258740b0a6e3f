// Composed messages through the real engine and a real Postfix, read back from the Maildir:
// what a receiving server makes of our 8-bit, SMTPUTF8 and Bcc handling.
import { simpleParser, type AddressObject } from 'mailparser'
import { expect, it } from 'vitest'
import { buildEnvelope, messageFactory } from '../../main/message/index'
import { sendMail } from '../../main/smtp/index'
import type { SessionOptions } from '../../main/smtp/types'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { model } from './helpers'

function addresses(field: AddressObject | AddressObject[] | undefined) {
  return (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value)
}

describeWithPostfix('composed messages delivered by Postfix', (postfix) => {
  const session = (): SessionOptions => ({ host: postfix.host, port: postfix.port, security: 'starttls', ca: postfix.caPem })

  it('8-bit text, HTML, an attachment and a Bcc arrive intact, the Bcc only in the envelope', async () => {
    const to = uniqueMailbox('compose-to')
    const bcc = uniqueMailbox('compose-bcc')
    const attachment = Buffer.from(Array.from({ length: 3000 }, (_v, i) => (i * 31) & 0xff))
    const m = model({
      to: [`Получатель <${to}>`],
      bcc: [bcc],
      subject: 'Доставка 👨‍👩‍👧 配達',
      text: 'Привет!\n.\nΓειά σου',
      html: '<p>Привет!</p>',
      attachments: [{ content: attachment, filename: 'данные.bin' }],
    })
    const result = await sendMail(session(), buildEnvelope(m), messageFactory(m))
    expect(result.error).toBeUndefined()
    expect(result.status).toBe('sent')

    for (const mailbox of [to, bcc]) {
      const [raw = ''] = await waitForMail(mailbox)
      const mail = await simpleParser(raw)
      expect(mail.subject).toBe('Доставка 👨‍👩‍👧 配達')
      expect(addresses(mail.to)).toEqual([{ address: to, name: 'Получатель' }])
      expect(mail.text?.replace(/\n$/, '')).toBe('Привет!\n.\nΓειά σου')
      expect(mail.attachments[0]?.filename).toBe('данные.bin')
      expect(mail.attachments[0]?.content.equals(attachment)).toBe(true)
      expect(raw).not.toMatch(/^Bcc:/im)
      expect(raw).toMatch(/^Content-Transfer-Encoding: 8bit$/m)
    }
  })

  it('an international From domain is kept as typed when Postfix offers SMTPUTF8', async () => {
    const to = uniqueMailbox('compose-idn')
    const m = model({ from: 'José <jose@bücher.example>', to: [to] })
    const result = await sendMail(session(), buildEnvelope(m), messageFactory(m))
    expect(result.error).toBeUndefined()
    const [raw = ''] = await waitForMail(to)
    expect(raw).toMatch(/^From: =\?UTF-8\?Q\?Jos=C3=A9\?= <jose@bücher\.example>$/m)
    expect(raw).toMatch(/^Return-Path: <jose@xn--bcher-kva\.example>$/m)
  })
})
