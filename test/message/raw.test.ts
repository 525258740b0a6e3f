import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { composeEml, inspectRawMessage, messageFactory, validateCompose } from '../../main/message/index'
import { caps, model, readSource } from './helpers'

const COMPLETE = 'From: Me <me@mailwire.test>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: hand made\n\nbody\n'

describe('raw mode', () => {
  it.each([
    ['lone LF', 'Subject: x\n\nline one\nline two\n'],
    ['lone CR', 'Subject: x\r\rline one\rline two\r'],
    ['CRLF', 'Subject: x\r\n\r\nline one\r\nline two\r\n'],
    ['a mixture', 'Subject: x\r\n\nline one\rline two\r\n'],
  ])('%s becomes CRLF and nothing else changes', async (_kind, raw) => {
    const source = await messageFactory(model({ raw }))(caps())
    const bytes = await readSource(source)
    expect(bytes.toString('utf8')).toBe('Subject: x\r\n\r\nline one\r\nline two\r\n')
    expect(source.size).toBe(bytes.length)
  })

  it('passes headers, dots and spacing through exactly as typed (the engine dot-stuffs)', async () => {
    const raw = 'X-Odd:    spaced   \nFrom:me@mailwire.test\n\n.\n..leading dots\n \ttrailing\t \nno final newline'
    const bytes = await readSource(await messageFactory(model({ raw }))(caps()))
    expect(bytes.toString('utf8')).toBe(raw.replace(/\n/g, '\r\n'))
  })

  it('ignores the compose fields other than the envelope', async () => {
    const m = model({ raw: COMPLETE, subject: 'not this', text: 'nor this', headers: [{ name: 'X-Not', value: 'used' }] })
    const mail = await simpleParser(await readSource(await messageFactory(m)(caps())))
    expect(mail.subject).toBe('hand made')
    expect(mail.text).toBe('body\n')
    expect(mail.headers.has('x-not')).toBe(false)
  })

  it('reports 8-bit content, and asks for SMTPUTF8 only for UTF-8 headers on a server that offers it', async () => {
    const body = await messageFactory(model({ raw: `${COMPLETE}héllo\n` }))(caps({ smtpUtf8: true }))
    expect(body).toMatchObject({ eightBit: true, smtpUtf8: false })
    const header = model({ raw: 'Subject: héllo\n\nbody\n' })
    expect(await messageFactory(header)(caps({ smtpUtf8: true }))).toMatchObject({ eightBit: true, smtpUtf8: true })
    expect(await messageFactory(header)(caps({ smtpUtf8: false }))).toMatchObject({ eightBit: true, smtpUtf8: false })
    expect(await messageFactory(model({ raw: COMPLETE }))(caps({ smtpUtf8: true }))).toMatchObject({ eightBit: false, smtpUtf8: false })
  })

  it('is still refused when empty or when an envelope address is bad', () => {
    expect(validateCompose(model({ raw: ' \n ' }))).toEqual([{ field: 'raw', message: 'is empty' }])
    expect(validateCompose(model({ raw: COMPLETE, to: ['a\nb@x.test'] }))).toEqual([
      { field: 'to[0]', message: 'contains a line feed (LF)' },
    ])
  })

  it('saves as the same bytes it sends', async () => {
    const m = model({ raw: 'Subject: x\n\nbody' })
    expect((await composeEml(m)).equals(await readSource(await messageFactory(m)(caps())))).toBe(true)
  })
})

describe('inspectRawMessage', () => {
  it('has nothing to say about a complete message', () => {
    expect(inspectRawMessage(COMPLETE).warnings).toEqual([])
  })

  it('says when From or Date is missing', () => {
    const noFrom = inspectRawMessage('Date: Mon, 1 Jan 2024 00:00:00 +0000\nSubject: x\n\nbody')
    expect(noFrom.warnings).toEqual([expect.stringMatching(/^has no From header/)])
    const noDate = inspectRawMessage('From: a@mailwire.test\r\n\r\nbody')
    expect(noDate.warnings).toEqual([expect.stringMatching(/^has no Date header/)])
    const neither = inspectRawMessage('Subject: only\n\nFrom: in the body does not count\nDate: nor this\n')
    expect(neither.warnings).toEqual([expect.stringMatching(/no From/), expect.stringMatching(/no Date/)])
  })

  it('reads folded and oddly spaced header fields, in any case', () => {
    const raw = 'FROM : a@mailwire.test\nSubject: one\n  two\ndate:Mon, 1 Jan 2024 00:00:00 +0000\n\nbody'
    expect(inspectRawMessage(raw).warnings).toEqual([])
  })

  it('says when the body starts without a blank line, and counts only the headers before it', () => {
    const { warnings } = inspectRawMessage('Subject: x\nHello, this is the body\nFrom: a@mailwire.test\n')
    expect(warnings[0]).toMatch(/^line 2 is not a header field/)
    expect(warnings).toContainEqual(expect.stringMatching(/no From/))
  })

  it('warns about Bcc, long lines and 8-bit text', () => {
    const { warnings, eightBit, utf8Headers } = inspectRawMessage(`${COMPLETE.replace('\n\n', '\nBcc: x@mailwire.test\n\n')}${'x'.repeat(999)}\nü\n`)
    expect(warnings).toEqual([
      'has a Bcc header: every recipient will see it',
      expect.stringMatching(/^line 7 is longer than 998 octets/),
      expect.stringMatching(/non-ASCII characters in its body.*8BITMIME/),
    ])
    expect(eightBit).toBe(true)
    expect(utf8Headers).toBe(false)
  })
})
