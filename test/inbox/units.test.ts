// The small parts on their own: fault checks, the recipient pattern, the session record.
import { describe, expect, it } from 'vitest'
import { FaultsError, normalizeFaults, recipientMatches } from '../../main/inbox'
import { MAX_SESSION_EVENTS, MAX_SESSION_LINE_CHARS } from '../../main/inbox/limits'
import { SessionRecorder, maskAuthCommand } from '../../main/inbox/session-recorder'

describe('normalizeFaults', () => {
  it('keeps the presets that are on and leaves out the ones that are off', () => {
    expect(
      normalizeFaults({
        refuseRecipient: '  reject*  ',
        greeting421: false,
        rcpt451: true,
        slowReplies: 0,
        disconnectMidData: 0,
      }),
    ).toEqual({ refuseRecipient: 'reject*', rcpt451: true, disconnectMidData: 0 })
    expect(normalizeFaults({ refuseRecipient: '', slowReplies: 250, greeting421: true })).toEqual({
      slowReplies: 250,
      greeting421: true,
    })
    expect(normalizeFaults({ slowReplies: undefined, rcpt451: null })).toEqual({})
  })

  it.each([
    [null, 'faults'],
    [[], 'faults'],
    [{ refuse: 'x' }, 'faults'],
    [{ greeting421: 'yes' }, 'greeting421'],
    [{ rcpt451: 1 }, 'rcpt451'],
    [{ slowReplies: -1 }, 'slowReplies'],
    [{ slowReplies: 1.5 }, 'slowReplies'],
    [{ slowReplies: 10 * 60 * 1000 + 1 }, 'slowReplies'],
    [{ disconnectMidData: Number.NaN }, 'disconnectMidData'],
    [{ refuseRecipient: 'two words' }, 'refuseRecipient'],
    [{ refuseRecipient: 'a\r\nb' }, 'refuseRecipient'],
    [{ refuseRecipient: '<x@y>' }, 'refuseRecipient'],
    [{ refuseRecipient: 'x'.repeat(257) }, 'refuseRecipient'],
    [{ refuseRecipient: 7 }, 'refuseRecipient'],
  ])('refuses %j, naming %s', (input, field) => {
    expect(() => normalizeFaults(input)).toThrow(FaultsError)
    try {
      normalizeFaults(input)
    } catch (error) {
      expect((error as FaultsError).field).toBe(field)
    }
  })
})

describe('recipientMatches', () => {
  it.each([
    ['reject*', 'reject@example.test', true],
    ['reject*', 'REJECT-me@Example.test', true],
    ['reject*', 'not-reject@example.test', false],
    ['reject*', 'rejec@example.test', false],
    ['*bounce*', 'will-bounce-now@x.test', true],
    ['bob@example.test', 'Bob@Example.Test', true],
    ['bob@example.test', 'bob@example.testing', false],
    ['*@blocked.test', 'anyone@blocked.test', true],
    ['*@blocked.test', 'anyone@sub.blocked.test', false],
    ['a*b*c', 'axxbyyc@x.test', true],
    ['a*b*c', 'axxbyy@x.test', false],
    ['*', 'anything@x.test', true],
    ['zoë*', 'zoë.smith@exämple.test', true],
  ])('%s against %s → %s', (pattern, address, expected) => {
    expect(recipientMatches(pattern, address)).toBe(expected)
  })

  it('answers a pattern built to make a regular expression backtrack', () => {
    const pattern = `${'a*'.repeat(60)}b`
    expect(recipientMatches(pattern, `${'a'.repeat(200)}@x.test`)).toBe(false)
  })
})

describe('SessionRecorder', () => {
  it('masks AUTH payloads and the lines answering a 334 challenge, and only those', () => {
    const recorder = new SessionRecorder('ses-test', { address: '127.0.0.1', port: 1 })
    recorder.clientLine('AUTH PLAIN AGFsaWNlAHNlY3JldA==')
    recorder.serverReply('235 2.7.0 Authentication successful')
    recorder.clientLine('auth login')
    recorder.serverReply('334 VXNlcm5hbWU6')
    recorder.clientLine('YWxpY2U=')
    recorder.serverReply('334 UGFzc3dvcmQ6')
    recorder.clientLine('c2VjcmV0')
    recorder.serverReply('235 2.7.0 Authentication successful')
    recorder.clientLine('MAIL FROM:<a@b.test>')
    recorder.serverReply('250-first\r\n250 second')
    expect(recorder.snapshot().events.map((event) => `${event.direction} ${event.text}`)).toEqual([
      'in AUTH PLAIN ****',
      'out 235 2.7.0 Authentication successful',
      'in auth login',
      'out 334 VXNlcm5hbWU6',
      'in ****',
      'out 334 UGFzc3dvcmQ6',
      'in ****',
      'out 235 2.7.0 Authentication successful',
      'in MAIL FROM:<a@b.test>',
      'out 250-first',
      'out 250 second',
    ])
    expect(maskAuthCommand('  AUTH   XOAUTH2   dG9rZW4=  ')).toBe('AUTH XOAUTH2 ****')
    expect(maskAuthCommand('AUTHX PLAIN abc')).toBe('AUTHX PLAIN abc')
  })

  it('bounds the record: long lines are clipped, lines past the limit are counted as truncated', () => {
    const recorder = new SessionRecorder('ses-test', { address: '127.0.0.1', port: 1 })
    recorder.clientLine(`NOOP ${'x'.repeat(MAX_SESSION_LINE_CHARS * 2)}`)
    expect(recorder.snapshot().events[0]!.text).toHaveLength(MAX_SESSION_LINE_CHARS + 1)
    for (let i = 0; i < MAX_SESSION_EVENTS + 5; i++) recorder.clientLine('NOOP')
    const snapshot = recorder.snapshot()
    expect(snapshot.events).toHaveLength(MAX_SESSION_EVENTS)
    expect(snapshot.eventsTruncated).toBe(true)
  })
})
