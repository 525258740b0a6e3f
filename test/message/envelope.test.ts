import { describe, expect, it } from 'vitest'
import { buildEnvelope } from '../../main/message/index'
import { model } from './helpers'

describe('buildEnvelope', () => {
  it('is From, then To ∪ Cc ∪ Bcc as bare addresses', () => {
    const envelope = buildEnvelope(
      model({
        from: 'Sender Name <sender@mailwire.test>',
        to: ['A <a@mailwire.test>', 'b@mailwire.test'],
        cc: ['"Doe, C" <c@mailwire.test>'],
        bcc: ['<hidden@mailwire.test>'],
      }),
    )
    expect(envelope).toEqual({
      from: 'sender@mailwire.test',
      to: ['a@mailwire.test', 'b@mailwire.test', 'c@mailwire.test', 'hidden@mailwire.test'],
    })
  })

  it('lists each mailbox once: domains compared without case, local parts as typed', () => {
    const envelope = buildEnvelope(
      model({
        to: ['Jane@Mailwire.Test', 'jane@mailwire.test'],
        cc: ['Other Name <Jane@MAILWIRE.TEST>', '"Jane"@mailwire.test'],
        bcc: ['jane@mailwire.test', 'JANE@mailwire.test'],
      }),
    )
    expect(envelope.to).toEqual(['Jane@Mailwire.Test', 'jane@mailwire.test', 'JANE@mailwire.test'])
  })

  it('writes international domains as A-labels and keeps quoted local parts quoted', () => {
    const envelope = buildEnvelope(model({ from: 'José <jose@bücher.example>', to: ['"john doe"@例子.测试', 'root@[127.0.0.1]'] }))
    expect(envelope).toEqual({
      from: 'jose@xn--bcher-kva.example',
      to: ['"john doe"@xn--fsqu00a.xn--0zwm56d', 'root@[127.0.0.1]'],
    })
  })

  it('is what raw mode sends as well: the fields feed only the envelope', () => {
    const envelope = buildEnvelope(model({ raw: 'Subject: typed by hand\n\nbody\n', bcc: ['b@mailwire.test'] }))
    expect(envelope).toEqual({ from: 'sender@mailwire.test', to: ['rcpt@mailwire.test', 'b@mailwire.test'] })
  })

  it('throws naming every bad field', () => {
    expect(() => buildEnvelope(model({ from: 'a b@x.test', bcc: ['@r.test:c@d.test'] }))).toThrow(
      expect.objectContaining({
        field: 'from',
        errors: [
          { field: 'from', message: 'contains a space' },
          { field: 'bcc[0]', message: expect.stringMatching(/source route/) },
        ],
      }),
    )
  })
})
