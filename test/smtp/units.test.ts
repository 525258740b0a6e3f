// The small pure parts of the engine, each on its own.
import { describe, expect, it } from 'vitest'
import { heloCapabilities, parseCapabilities, sizeLimit } from '../../main/smtp/capabilities'
import { addressLiteral, defaultClientName } from '../../main/smtp/client-name'
import { maskAuth, verbOf } from '../../main/smtp/command-line'
import { checkAddress, mailFromCommand, rcptToCommand, xtext } from '../../main/smtp/envelope-commands'
import { SmtpError } from '../../main/smtp/errors'
import { DEFAULT_TIMEOUTS } from '../../main/smtp/index'
import { parseQueueId } from '../../main/smtp/queue-id'
import { explainReply } from '../../main/smtp/reply-codes'
import { usesImplicitTls } from '../../main/smtp/session-setup'
import { replyTimeoutFor, resolveTimeouts } from '../../main/smtp/timeouts'
import { MASK, WireLog } from '../../main/smtp/wire-log'
import type { WireEvent } from '../../main/smtp/types'

describe('parseCapabilities', () => {
  it('reads every extension we use', () => {
    const caps = parseCapabilities({
      code: 250,
      lines: [
        'mx.example greets you',
        'SIZE 35882577',
        'pipelining',
        '8BITMIME',
        'SMTPUTF8',
        'ENHANCEDSTATUSCODES',
        'STARTTLS',
        'AUTH LOGIN plain XOAUTH2',
        'AUTH=LOGIN CRAM-MD5',
        'DSN',
        'CHUNKING',
        'BINARYMIME',
        'REQUIRETLS',
        'X-UNKNOWN thing',
      ],
    })
    expect(caps).toEqual({
      raw: caps.raw,
      helo: false,
      size: 35882577,
      pipelining: true,
      eightBitMime: true,
      smtpUtf8: true,
      enhancedStatusCodes: true,
      startTls: true,
      auth: ['LOGIN', 'PLAIN', 'XOAUTH2', 'CRAM-MD5'],
      dsn: true,
      chunking: true,
      binaryMime: true,
      requireTls: true,
    })
    expect(caps.raw).toHaveLength(13)
  })

  it('SIZE without a number or 0 means no limit', () => {
    expect(sizeLimit(parseCapabilities({ code: 250, lines: ['x', 'SIZE'] }))).toBeUndefined()
    expect(sizeLimit(parseCapabilities({ code: 250, lines: ['x', 'SIZE 0'] }))).toBeUndefined()
    expect(sizeLimit(parseCapabilities({ code: 250, lines: ['x', 'SIZE 1000'] }))).toBe(1000)
    expect(sizeLimit(parseCapabilities({ code: 250, lines: ['x'] }))).toBeUndefined()
  })

  it('HELO means no extensions', () => {
    expect(heloCapabilities()).toMatchObject({ helo: true, pipelining: false, auth: [], raw: [] })
  })
})

describe('explainReply', () => {
  it('explains basic codes of RFC 5321 4.2', () => {
    for (const code of [211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 450, 451, 452, 454, 455, 500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555]) {
      const { basic } = explainReply(code)
      expect(basic, String(code)).not.toMatch(/^(Positive|Transient|Permanent|Not a valid)/)
    }
    expect(explainReply(354).basic).toMatch(/Start mail input/)
    expect(explainReply(299).basic).toBe('Positive completion')
    expect(explainReply(459).basic).toMatch(/Transient/)
  })

  it('explains enhanced codes of RFC 3463', () => {
    expect(explainReply(550, '5.1.1')).toEqual({
      basic: expect.stringMatching(/mailbox unavailable/),
      enhanced: 'Permanent failure: retrying the same message will not help: bad destination mailbox address',
    })
    expect(explainReply(450, '4.2.2').enhanced).toMatch(/^Persistent transient failure.*mailbox full$/)
    expect(explainReply(250, '2.0.0').enhanced).toBe('Success: other undefined status')
    // A success with detail 0 names its subject, not the registry's "other or undefined … error".
    expect(explainReply(250, '2.6.0').enhanced).toBe('Success: message content or media status')
    expect(explainReply(250, '2.1.0').enhanced).toBe('Success: addressing status')
    expect(explainReply(550, '5.6.0').enhanced).toBe('Permanent failure: retrying the same message will not help: other or undefined media error')
    expect(explainReply(554, '5.7.99').enhanced).toMatch(/security or policy status/)
    expect(explainReply(554, 'x.y.z').enhanced).toBe('Not a valid enhanced status code')
  })
})

describe('envelope commands', () => {
  it('builds MAIL FROM and RCPT TO with parameters', () => {
    expect(mailFromCommand('a@b.example')).toBe('MAIL FROM:<a@b.example>')
    expect(mailFromCommand('', { size: 10 })).toBe('MAIL FROM:<> SIZE=10')
    expect(mailFromCommand('a@b', { size: 1, eightBitMime: true, smtpUtf8: true, dsn: { ret: 'FULL', envid: 'x y' } })).toBe(
      'MAIL FROM:<a@b> SIZE=1 BODY=8BITMIME SMTPUTF8 RET=FULL ENVID=x+20y',
    )
    expect(rcptToCommand('c@d', { notify: ['NEVER'] })).toBe('RCPT TO:<c@d> NOTIFY=NEVER')
    expect(rcptToCommand('c@d')).toBe('RCPT TO:<c@d>')
  })

  it('xtext-encodes "+", "=" and non-printables (RFC 3461 4)', () => {
    expect(xtext('a+b=c d\u00e9')).toBe('a+2Bb+3Dc+20d+C3+A9')
  })

  it('refuses unsafe addresses, naming the field', () => {
    expect(() => checkAddress('envelope.to[2]', 'a@b\r\n', false)).toThrowError(/envelope.to\[2\] contains CR/)
    expect(() => checkAddress('envelope.from', 'a b@c', false)).toThrowError(/contains a space/)
    expect(() => checkAddress('envelope.from', '', false)).toThrowError(SmtpError)
    expect(() => checkAddress('envelope.from', '', true)).not.toThrow()
    expect(() => checkAddress('envelope.from', '"a b"@c.example', false)).not.toThrow()
  })
})

describe('command lines', () => {
  it('finds the verb past leading blanks, as servers do, and masks an AUTH initial response there too', () => {
    expect(verbOf('mail from:<a@b.test>')).toBe('MAIL')
    expect(verbOf(' \tdata')).toBe('DATA')
    expect(verbOf('   ')).toBe('')
    expect(maskAuth('AUTH PLAIN AGFubgBzZWNyZXQ=')).toBe(`AUTH PLAIN ${MASK}`)
    expect(maskAuth('  auth plain AGFubgBzZWNyZXQ=')).toBe(`  auth plain ${MASK}`)
    expect(maskAuth('AUTH LOGIN')).toBe('AUTH LOGIN')
  })
})

describe('parseQueueId', () => {
  it.each([
    ['Ok: queued as 4BQJ2X0Zz1z1', '4BQJ2X0Zz1z1'],
    ['2.0.0 Ok: queued as ABC123', 'ABC123'],
    ['OK id=1u8Xyz-000Abc-4Q', '1u8Xyz-000Abc-4Q'],
    ['<20240101.abc@host.example> Queued mail for delivery', '20240101.abc@host.example'],
    ['Message accepted (queued as 7F3A.)', '7F3A'],
    ['OK', undefined],
  ])('%s', (text, id) => {
    expect(parseQueueId({ code: 250, lines: [text] })).toBe(id)
  })
})

describe('client name', () => {
  it('uses the machine name when it is a domain, else an address literal', () => {
    expect(defaultClientName('127.0.0.1', 'mail.example.com')).toBe('mail.example.com')
    expect(defaultClientName('127.0.0.1', 'buildbox')).toBe('[127.0.0.1]')
    expect(defaultClientName('::1', 'buildbox')).toBe('[IPv6:::1]')
    expect(defaultClientName('::ffff:10.0.0.5', 'box_1')).toBe('[10.0.0.5]')
    expect(addressLiteral('2001:db8::1')).toBe('[IPv6:2001:db8::1]')
  })
})

describe('timeouts', () => {
  it('defaults follow RFC 5321 4.5.3.2 and overrides apply', () => {
    expect(DEFAULT_TIMEOUTS).toMatchObject({ greeting: 300_000, mail: 300_000, rcpt: 300_000, dataInit: 120_000, dataBlock: 180_000, dataTermination: 600_000 })
    const timeouts = resolveTimeouts({ rcpt: 1000, mail: -1 })
    expect(timeouts.rcpt).toBe(1000)
    expect(timeouts.mail).toBe(300_000)
    expect(replyTimeoutFor('DATA', timeouts)).toBe(120_000)
    expect(replyTimeoutFor('RCPT', timeouts)).toBe(1000)
    expect(replyTimeoutFor('NOOP', timeouts)).toBe(300_000)
  })

  it('caps a timeout at the longest delay a timer takes: a longer one would fire at once', () => {
    expect(resolveTimeouts({ greeting: 2 ** 40, quit: Number.MAX_SAFE_INTEGER }).greeting).toBe(2 ** 31 - 1)
    expect(resolveTimeouts({ quit: Number.MAX_SAFE_INTEGER }).quit).toBe(2 ** 31 - 1)
  })
})

describe('WireLog', () => {
  it('numbers events, keeps time monotonic and masks secrets', () => {
    const events: WireEvent[] = []
    const log = new WireLog((event) => events.push(event))
    log.addSecret('hunter22')
    log.emit('client', 'EHLO x')
    log.setPhase('auth')
    log.secure = true
    log.emit('client', 'oops hunter22 leaked')
    expect(events.map((event) => [event.seq, event.phase, event.secure, event.text])).toEqual([
      [0, 'connect', false, 'EHLO x'],
      [1, 'auth', true, `oops ${MASK} leaked`],
    ])
    expect(events[1]!.at).toBeGreaterThanOrEqual(events[0]!.at)
    expect(log.timings().map((timing) => timing.phase)).toEqual(['connect', 'auth'])
  })

  it('survives a listener that throws', () => {
    const log = new WireLog(() => {
      throw new Error('closed window')
    })
    expect(() => log.emit('info', 'x')).not.toThrow()
  })
})

describe('security modes', () => {
  it('auto means implicit TLS on port 465 only (RFC 8314)', () => {
    expect(usesImplicitTls('auto', 465)).toBe(true)
    expect(usesImplicitTls('auto', 587)).toBe(false)
    expect(usesImplicitTls('implicit', 2525)).toBe(true)
    expect(usesImplicitTls('starttls', 465)).toBe(false)
    expect(usesImplicitTls('none', 465)).toBe(false)
  })
})
