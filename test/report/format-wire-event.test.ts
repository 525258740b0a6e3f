import { describe, expect, it } from 'vitest'
import { formatElapsed, formatWireEvent } from '../../main/report/format-wire-event'
import { formatTranscript } from '../../main/report/format-transcript'
import { wire } from './events'

const ESC = '\u001b'

describe('formatWireEvent', () => {
  it('puts the time since start, then the marker, then the line', () => {
    expect(formatWireEvent(wire('client', 'EHLO me.test', { at: 12.34 }))).toBe('   12.3ms -> EHLO me.test')
  })

  it('marks each kind of event', () => {
    expect(formatWireEvent(wire('client', 'QUIT'))).toContain(' -> QUIT')
    expect(formatWireEvent(wire('server', '250-PIPELINING'))).toContain(' <- 250-PIPELINING')
    expect(formatWireEvent(wire('error', 'connection closed'))).toContain(' ** connection closed')
    expect(formatWireEvent(wire('info', 'connecting to 127.0.0.1:25'))).toContain(' == connecting to 127.0.0.1:25')
    expect(formatWireEvent(wire('tls', 'TLS established'))).toContain(' == TLS established')
  })

  it('switches to ~> and <~ once the line travels inside TLS', () => {
    expect(formatWireEvent(wire('client', 'EHLO me.test', { secure: true }))).toContain(' ~> EHLO me.test')
    expect(formatWireEvent(wire('server', '250 SMTPUTF8', { secure: true, reply: { code: 250 } }))).toContain(' <~ 250 SMTPUTF8')
  })

  it('a transcript shows the TLS boundary: plain markers before it, ~ markers after it', () => {
    const text = formatTranscript([
      wire('client', 'STARTTLS'),
      wire('server', '220 2.0.0 Ready to start TLS', { reply: { code: 220, enhanced: '2.0.0' } }),
      wire('tls', 'TLS started: TLSv1.3', { secure: true }),
      wire('client', 'EHLO me.test', { secure: true }),
      wire('server', '250 HELP', { secure: true, reply: { code: 250 } }),
    ])
    const markers = text.trimEnd().split('\n').map((line) => line.slice(10, 12))
    expect(markers).toEqual(['->', '<-', '==', '~>', '<~'])
  })

  it('explains the code on the last line of a reply, with the enhanced code, and not on continuation lines', () => {
    const last = formatWireEvent(wire('server', '250 2.1.5 Ok', { reply: { code: 250, enhanced: '2.1.5' } }))
    expect(last).toBe('   12.3ms <- 250 2.1.5 Ok   (Requested mail action okay, completed · destination address valid)')
    const continued = formatWireEvent(wire('server', '250-SIZE 10240000', { reply: { code: 250 } }))
    expect(continued).toBe('   12.3ms <- 250-SIZE 10240000')
  })

  it('explains refusals too, and shows the round trip time when known', () => {
    const line = formatWireEvent(
      wire('server', '550 5.1.1 <x@y>: Recipient address rejected', { reply: { code: 550, enhanced: '5.1.1' }, rtt: 0.42 }),
    )
    expect(line).toContain('(Requested action not taken: mailbox unavailable')
    expect(line).toContain('· bad destination mailbox address)')
    expect(line).toMatch(/rtt 0\.4ms$/)
  })

  it('reads the code from the text when the event has no parsed reply', () => {
    expect(formatWireEvent(wire('server', '354 End data with <CR><LF>.<CR><LF>'))).toContain('(Start mail input')
  })

  it('keeps the time column aligned', () => {
    expect(formatElapsed(0)).toBe('    0.0ms')
    expect(formatElapsed(1234.56)).toBe(' 1234.6ms')
  })

  it('is plain text without colour, and coloured with it', () => {
    const event = wire('server', '550 5.7.1 No', { reply: { code: 550, enhanced: '5.7.1' } })
    expect(formatWireEvent(event)).not.toContain(ESC)
    expect(formatWireEvent(event, { color: false })).not.toContain(ESC)
    const colored = formatWireEvent(event, { color: true })
    expect(colored).toContain(`${ESC}[31m550 5.7.1 No${ESC}[39m`)
    expect(colored).toContain(`${ESC}[2m   (`)
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(formatWireEvent(event))
  })

  it('makes hostile server text visible instead of passing it to the terminal', () => {
    const line = formatWireEvent(
      wire('server', '250-\u001b]52;c;ZXZpbA==\u0007\u001b[1A\u202eexe.txt\u0000', { reply: { code: 250 } }),
      { color: true },
    )
    // The only escapes left are our own SGR colour codes.
    expect(line.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u0000-\u001f\u202e]/)
    expect(line).toContain('␛]52;c;ZXZpbA==␇␛[1A\\u{202e}exe.txt␀')
  })

  it('cuts a very long server line', () => {
    const line = formatWireEvent(wire('server', `250 ${'A'.repeat(50_000)}`, { reply: { code: 250 } }))
    expect(line.length).toBeLessThan(1200)
    expect(line).toContain('more characters)')
  })
})

describe('describeReply', () => {
  it('leaves out the enhanced part when it only says "other undefined status" (X.0.0)', async () => {
    const { describeReply } = await import('../../main/report/format-wire-event')
    expect(describeReply(250, '2.0.0')).toBe('Requested mail action okay, completed')
    expect(describeReply(221, '2.0.0')).toBe('Service closing transmission channel')
  })

  it('says a success\'s enhanced subject neutrally (2.Y.0), as the app\'s tooltip does, and keeps a specific one', async () => {
    const { describeReply } = await import('../../main/report/format-wire-event')
    expect(describeReply(250, '2.6.0')).toBe('Requested mail action okay, completed · message content or media status')
    expect(describeReply(250, '2.1.0')).toBe('Requested mail action okay, completed · addressing status')
    expect(describeReply(250, '2.1.5')).toBe('Requested mail action okay, completed · destination address valid')
    expect(describeReply(451, '4.3.0')).toMatch(/ · other or undefined mail system status$/)
  })

  it('keeps the class when it differs from the basic code', async () => {
    const { describeReply } = await import('../../main/report/format-wire-event')
    expect(describeReply(250, '5.1.1')).toMatch(/ · Permanent failure: .*bad destination mailbox address$/)
  })
})
