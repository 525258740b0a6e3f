// A transcript as steps: pipelined replies matched to their commands in order, AUTH LOGIN's
// exchange as one step, BDAT chunks as one message step with the final reply after it.
import { describe, expect, it } from 'vitest'
import { sessionSteps } from '../../main/report/session-steps'
import type { Phase, WireEvent } from '../../main/smtp/types'

function transcript(lines: Array<[WireEvent['kind'], string, Phase]>): WireEvent[] {
  return lines.map(([kind, text, phase], seq) => {
    const event: WireEvent = { seq, at: seq * 10, kind, text, phase, secure: false }
    const code = /^(\d{3})/.exec(text)?.[1]
    if (kind === 'server' && code) event.reply = { code: Number(code), ...(/^\d{3}[ -](\d\.\d+\.\d+)/.test(text) ? { enhanced: /^\d{3}[ -](\d\.\d+\.\d+)/.exec(text)![1]! } : {}) }
    return event
  })
}

describe('sessionSteps', () => {
  it('pairs pipelined replies in order, keeps AUTH LOGIN as one step, and BDAT chunks as one', () => {
    const steps = sessionSteps(
      transcript([
        ['info', 'connected', 'connect'],
        ['server', '220 mx.test ESMTP', 'greeting'],
        ['client', 'EHLO me', 'ehlo'],
        ['server', '250-mx.test', 'ehlo'],
        ['server', '250-PIPELINING', 'ehlo'],
        ['server', '250 CHUNKING', 'ehlo'],
        ['client', 'AUTH LOGIN', 'auth'],
        ['server', '334 VXNlcm5hbWU6', 'auth'],
        ['client', '****', 'auth'],
        ['server', '334 UGFzc3dvcmQ6', 'auth'],
        ['client', '****', 'auth'],
        ['server', '235 2.7.0 ok', 'auth'],
        ['client', 'MAIL FROM:<a@x.test>', 'mail'],
        ['client', 'RCPT TO:<B@y.test>', 'rcpt'],
        ['client', 'RCPT TO:<c@y.test>', 'rcpt'],
        ['server', '250 2.1.0 ok', 'mail'],
        ['server', '250 2.1.5 ok', 'rcpt'],
        ['server', '550 5.1.1 no such user', 'rcpt'],
        ['client', 'BDAT 10', 'data'],
        ['client', '[chunk 1: 10 bytes of message, sent as they are]', 'data'],
        ['client', 'BDAT 5 LAST', 'data'],
        ['client', '[chunk 2: 5 bytes of message, sent as they are]', 'data'],
        ['server', '250 2.0.0 chunk', 'data'],
        ['server', '250 2.0.0 queued as X', 'data'],
        ['client', 'QUIT', 'quit'],
        ['server', '221 bye', 'quit'],
      ]),
    )
    expect(steps.map((step) => [step.key, step.reply?.code, step.reply?.enhanced])).toEqual([
      ['greeting', 220, undefined],
      ['ehlo', 250, undefined],
      ['auth', 235, '2.7.0'],
      ['mail', 250, '2.1.0'],
      ['rcpt b@y.test', 250, '2.1.5'],
      ['rcpt c@y.test', 550, '5.1.1'],
      ['data', 250, '2.0.0'],
      ['final', 250, '2.0.0'],
      ['quit', 221, undefined],
    ])
    expect(steps[1]!.capabilities).toEqual(['PIPELINING', 'CHUNKING'])
    expect(steps[2]!.command).toBe('AUTH LOGIN')
    expect(steps[5]!.reply?.lines).toEqual(['no such user'])
    // The RCPT's time runs from its own command to its own reply, pipelined or not.
    expect(steps[5]!.endAt! - steps[5]!.startAt).toBe(30)
  })

  it('DATA: message lines are not commands, the dot gets the final reply, a reply nobody asked for is its own step', () => {
    const steps = sessionSteps(
      transcript([
        ['server', '220 hi', 'greeting'],
        ['client', 'DATA', 'data'],
        ['server', '354 go', 'data'],
        ['client', 'QUIT', 'data'],
        ['client', '.', 'data'],
        ['server', '250 ok', 'data'],
        ['server', '421 4.4.2 bye', 'quit'],
      ]),
    )
    expect(steps.map((step) => [step.label, step.reply?.code])).toEqual([
      ['greeting', 220],
      ['DATA', 354],
      ['final reply', 250],
      ['reply without a command', 421],
    ])
  })
})
