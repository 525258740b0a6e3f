import { describe, expect, it } from 'vitest'
import { SmtpError } from '../../main/smtp/errors'
import { MAX_REPLY_LINE_BYTES, ReplyParser, type ReplyLine } from '../../main/smtp/reply-parser'
import type { Reply } from '../../main/smtp/types'

function collect(enhancedStatusCodes = false) {
  const lines: ReplyLine[] = []
  const replies: Reply[] = []
  const parser = new ReplyParser({ onLine: (line) => lines.push(line), onReply: (reply) => void replies.push(reply) })
  parser.enhancedStatusCodes = enhancedStatusCodes
  return { parser, lines, replies }
}

function parseChunks(chunks: Buffer[], enhanced = true) {
  const { parser, lines, replies } = collect(enhanced)
  for (const chunk of chunks) parser.feed(chunk)
  return { lines, replies, partial: parser.hasPartialReply }
}

/** A session's worth of replies with multi-line, enhanced codes and multi-byte UTF-8. */
const SESSION = Buffer.from(
  [
    '220 mx.example ESMTP ready — ünïcödé 🚀',
    '250-mx.example greets you',
    '250-SIZE 10240000',
    '250-ENHANCEDSTATUSCODES',
    '250 AUTH PLAIN LOGIN',
    '250 2.1.0 Sender ok',
    '550-5.1.1 The email account that you tried to reach does not exist.',
    '550 5.1.1 Please try 日本語 again',
    '354 Go ahead',
    '250',
    '',
  ].join('\r\n'),
  'utf8',
)

const expected: Reply[] = [
  { code: 220, lines: ['mx.example ESMTP ready — ünïcödé 🚀'] },
  { code: 250, lines: ['mx.example greets you', 'SIZE 10240000', 'ENHANCEDSTATUSCODES', 'AUTH PLAIN LOGIN'] },
  { code: 250, enhanced: '2.1.0', lines: ['Sender ok'] },
  {
    code: 550,
    enhanced: '5.1.1',
    lines: ['The email account that you tried to reach does not exist.', 'Please try 日本語 again'],
  },
  { code: 354, lines: ['Go ahead'] },
  { code: 250, lines: [''] },
]

describe('ReplyParser', () => {
  it('parses multi-line replies, enhanced codes and UTF-8 text', () => {
    const { replies, lines } = parseChunks([SESSION])
    expect(replies).toEqual(expected)
    expect(lines[0]!.raw).toBe('220 mx.example ESMTP ready — ünïcödé 🚀')
    expect(lines.filter((line) => line.final)).toHaveLength(6)
  })

  it('gives the same replies for every split of the input into two chunks', () => {
    for (let offset = 0; offset <= SESSION.length; offset++) {
      const { replies, partial } = parseChunks([SESSION.subarray(0, offset), SESSION.subarray(offset)])
      expect(replies, `split at ${offset}`).toEqual(expected)
      expect(partial).toBe(false)
    }
  })

  it('gives the same replies for every split into three chunks', () => {
    const small = SESSION.subarray(0, 120)
    const smallExpected = parseChunks([small]).replies
    for (let a = 0; a <= small.length; a++) {
      for (let b = a; b <= small.length; b++) {
        const { replies } = parseChunks([small.subarray(0, a), small.subarray(a, b), small.subarray(b)])
        expect(replies).toEqual(smallExpected)
      }
    }
  })

  it('gives the same replies fed one byte at a time (multi-byte characters split)', () => {
    const bytes = [...SESSION].map((byte) => Buffer.from([byte]))
    expect(parseChunks(bytes).replies).toEqual(expected)
  })

  it('reports a partial line or reply as pending', () => {
    const { parser, replies } = collect()
    parser.feed(Buffer.from('250-first\r\n250 sec'))
    expect(replies).toHaveLength(0)
    expect(parser.hasPartialReply).toBe(true)
    parser.feed(Buffer.from('ond\r\n'))
    expect(replies).toEqual([{ code: 250, lines: ['first', 'second'] }])
    expect(parser.hasPartialReply).toBe(false)
  })

  it('accepts a bare LF as line end', () => {
    expect(parseChunks([Buffer.from('220 hi\n250-a\n250 b\n')]).replies).toEqual([
      { code: 220, lines: ['hi'] },
      { code: 250, lines: ['a', 'b'] },
    ])
  })

  it('takes an enhanced code without ENHANCEDSTATUSCODES only when it clearly is one', () => {
    const take = (text: string) => parseChunks([Buffer.from(`${text}\r\n`)], false).replies[0]
    expect(take('250 2.1.5 Ok')).toEqual({ code: 250, enhanced: '2.1.5', lines: ['Ok'] })
    // The class must match the reply's first digit.
    expect(take('550 2.1.5 odd')).toEqual({ code: 550, lines: ['2.1.5 odd'] })
    // Without the extension, a version-like text at the end of a line is not a code.
    expect(take('220 2.0.0')).toEqual({ code: 220, lines: ['2.0.0'] })
    expect(parseChunks([Buffer.from('220 2.0.0\r\n')], true).replies[0]).toEqual({ code: 220, enhanced: '2.0.0', lines: [''] })
    expect(take('250 3.1.4 pi')).toEqual({ code: 250, lines: ['3.1.4 pi'] })
  })

  it('refuses a line that is not a reply', () => {
    for (const garbage of ['HTTP/1.1 400 Bad Request', '2500 x', '25 short', '650 six', 'hello', '']) {
      const { parser } = collect()
      let error: unknown
      try {
        parser.feed(Buffer.from(`${garbage}\r\n`))
      } catch (caught) {
        error = caught
      }
      expect(error, garbage).toBeInstanceOf(SmtpError)
      expect((error as SmtpError).code).toBe('EPROTOCOL')
    }
  })

  it('refuses a multi-line reply whose lines change code', () => {
    const { parser } = collect()
    expect(() => parser.feed(Buffer.from('250-a\r\n251 b\r\n'))).toThrowError(/different codes/)
  })

  it('refuses an oversized line as soon as it passes the cap, without buffering the rest', () => {
    const { parser } = collect()
    const chunk = Buffer.alloc(1024, 'x')
    parser.feed(Buffer.from('250-'))
    let fed = 4
    let error: unknown
    try {
      for (let i = 0; i < 300; i++) {
        parser.feed(chunk)
        fed += chunk.length
      }
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SmtpError)
    expect((error as SmtpError).code).toBe('EPROTOCOL')
    expect((error as SmtpError).message).toMatch(/longer than 8192 bytes/)
    // It stopped within one chunk of the cap: the other ~290 kB were never accepted.
    expect(fed).toBeLessThanOrEqual(MAX_REPLY_LINE_BYTES + 4)
  })

  it('accepts a line of exactly the cap', () => {
    const text = 'y'.repeat(MAX_REPLY_LINE_BYTES - 4)
    expect(parseChunks([Buffer.from(`250 ${text}\r\n`)]).replies[0]!.lines[0]).toBe(text)
  })

  it('refuses a reply of too many lines', () => {
    const { parser } = collect()
    const many = Buffer.from('250-x\r\n'.repeat(101))
    expect(() => parser.feed(many)).toThrowError(/longer than 100 lines/)
  })

  it('stops at a reply whose handler says so and counts what followed', () => {
    const replies: Reply[] = []
    const parser = new ReplyParser({ onLine: () => undefined, onReply: (reply) => (replies.push(reply), false) })
    parser.feed(Buffer.from('220 go ahead\r\n250 injected\r\n'))
    expect(replies).toEqual([{ code: 220, lines: ['go ahead'] }])
    expect(parser.leftoverBytes).toBe('250 injected\r\n'.length)
  })

  it('counts a partial line after the stopping reply as leftover', () => {
    const parser = new ReplyParser({ onLine: () => undefined, onReply: () => false })
    parser.feed(Buffer.from('220 go ahead\r\n25'))
    expect(parser.leftoverBytes).toBe(2)
  })
})
