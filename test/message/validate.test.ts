import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildEnvelope, composeEml, MessageInputError, messageFactory, validateCompose } from '../../main/message/index'
import type { ComposeModel } from '../../main/message/types'
import { model } from './helpers'

const BREAKERS = [
  ['\r', 'contains a carriage return (CR)'],
  ['\n', 'contains a line feed (LF)'],
  ['\r\n', 'contains a carriage return (CR)'],
  ['\0', 'contains a NUL character (U+0000)'],
] as const

/** A model with one field replaced, and the field name validateCompose must report. */
const ADDRESS_FIELDS: Array<[string, (bad: string) => Partial<ComposeModel>]> = [
  ['from', (bad) => ({ from: `sender${bad}@mailwire.test` })],
  ['to[1]', (bad) => ({ to: ['ok@mailwire.test', `Name${bad} <x@mailwire.test>`] })],
  ['cc[0]', (bad) => ({ cc: [`x@mailwire.test${bad}`] })],
  ['bcc[0]', (bad) => ({ bcc: [`x${bad}Bcc: y@evil.test`] })],
  ['replyTo', (bad) => ({ replyTo: `reply@mailwire.test${bad}Bcc: y@evil.test` })],
]

function only(errors: ReturnType<typeof validateCompose>) {
  expect(errors).toHaveLength(1)
  return errors[0]!
}

describe('validateCompose: CR, LF and NUL are refused in every one-line field', () => {
  for (const [field, change] of ADDRESS_FIELDS) {
    it.each(BREAKERS)(`${field} with %j`, (bad, message) => {
      expect(only(validateCompose(model(change(bad))))).toEqual({ field, message })
    })
  }

  it.each(BREAKERS)('subject with %j', (bad, message) => {
    expect(only(validateCompose(model({ subject: `Hi${bad}Bcc: victim@evil.test` })))).toEqual({ field: 'subject', message })
  })

  it.each(BREAKERS)('custom header value with %j', (bad, message) => {
    const headers = [{ name: 'X-Campaign', value: `spring${bad}Bcc: victim@evil.test` }]
    expect(only(validateCompose(model({ headers })))).toEqual({ field: 'header X-Campaign', message })
  })

  it.each(BREAKERS)('attachment file name with %j', (bad, message) => {
    const attachments = [{ content: new Uint8Array([1]), filename: `a${bad}.txt` }]
    expect(only(validateCompose(model({ attachments })))).toEqual({ field: 'attachment[0]', message: `has a file name that ${message}` })
  })

  it.each(BREAKERS)('attachment content type with %j', (bad, message) => {
    const attachments = [{ content: new Uint8Array([1]), contentType: `text/plain${bad}X-Evil: 1` }]
    expect(only(validateCompose(model({ attachments })))).toEqual({
      field: 'attachment[0]',
      message: `has a content type that ${message}`,
    })
  })

  it('other control characters too, by code point', () => {
    expect(only(validateCompose(model({ subject: 'a\x1bb' })))).toEqual({
      field: 'subject',
      message: 'contains a control character (U+001B)',
    })
  })

  it('accepts a tab in a subject and line breaks in a body', () => {
    expect(validateCompose(model({ subject: 'a\tb', text: 'one\r\ntwo\nthree\rfour', html: '<p>\n</p>' }))).toEqual([])
  })

  it('refuses NUL in the text, the HTML and a raw message', () => {
    expect(only(validateCompose(model({ text: 'a\0b' })))).toEqual({ field: 'text', message: 'contains a NUL character (U+0000)' })
    expect(only(validateCompose(model({ html: 'a\0b' })))).toEqual({ field: 'html', message: 'contains a NUL character (U+0000)' })
    expect(only(validateCompose(model({ raw: 'From: a@b.test\n\n\0' })))).toEqual({
      field: 'raw',
      message: 'contains a NUL character (U+0000)',
    })
  })
})

describe('validateCompose: custom header names', () => {
  it.each([
    ['X Foo', "has a space in its name (a field name is printable ASCII without ':', RFC 5322 §3.6.8)", 'header X Foo'],
    ['X-Foo:', "has ':' in its name (a field name is printable ASCII without ':', RFC 5322 §3.6.8)", 'header X-Foo:'],
    ['X-Fü', "has 'ü' in its name (a field name is printable ASCII without ':', RFC 5322 §3.6.8)", 'header X-Fü'],
    ['X-Foo\r\nBcc', 'has a carriage return (CR) in its name', 'header X-Foo\\x0d\\x0aBcc'],
    ['', 'has an empty name', 'header '],
  ])('%j is refused', (name, message, field) => {
    const error = only(validateCompose(model({ headers: [{ name, value: 'v' }] })))
    expect(error.field).toBe(field)
    expect(error.message.startsWith(message)).toBe(true)
  })

  it.each(['From', 'to', 'CC', 'Bcc', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type', 'content-transfer-encoding'])(
    'the generated field %s cannot be overridden',
    (name) => {
      expect(only(validateCompose(model({ headers: [{ name, value: 'x' }] })))).toEqual({
        field: `header ${name}`,
        message: 'is written by Mailwire itself; use raw mode to write it by hand',
      })
    },
  )

  it('refuses an empty value and a word no folding can fit on a line', () => {
    expect(only(validateCompose(model({ headers: [{ name: 'X-A', value: '  ' }] }))).message).toBe('has an empty value')
    const long = only(validateCompose(model({ headers: [{ name: 'X-A', value: `a ${'b'.repeat(994)}` }] })))
    expect(long).toEqual({ field: 'header X-A', message: expect.stringMatching(/word of 994 characters/) })
    expect(validateCompose(model({ headers: [{ name: 'X-A', value: `a ${'b'.repeat(993)}` }] }))).toEqual([])
  })

  it('accepts ordinary custom headers, non-ASCII values included', () => {
    const headers = [
      { name: 'X-Campaign', value: 'spring 🌸' },
      { name: 'List-Unsubscribe', value: '<mailto:unsub@mailwire.test>' },
      { name: 'In-Reply-To', value: '<abc@mailwire.test>' },
    ]
    expect(validateCompose(model({ headers }))).toEqual([])
  })
})

describe('validateCompose: envelope addresses and routing tricks', () => {
  it.each([
    ['<a b@mailwire.test>', 'contains a space'],
    ['a@mailwire.test>', "contains '>' outside an address"],
    ['<a<b@mailwire.test>', "contains '<' inside the address"],
    ['"a>b"@mailwire.test', "contains '>' inside the address"],
  ])('%s', (address, message) => {
    expect(only(validateCompose(model({ to: [address] })))).toEqual({ field: 'to[0]', message })
  })

  for (const [field, change] of [
    ['from', (bad: string) => ({ from: bad })],
    ['to[0]', (bad: string) => ({ to: [bad] })],
    ['cc[0]', (bad: string) => ({ cc: [bad] })],
    ['bcc[0]', (bad: string) => ({ bcc: [bad] })],
    ['replyTo', (bad: string) => ({ replyTo: bad })],
  ] as const) {
    it(`${field}: an address hidden in a quoted local part`, () => {
      const error = only(validateCompose(model(change('"user@attacker.test"@legit.test'))))
      expect(error.field).toBe(field)
      expect(error.message).toMatch(/quoted local part.*'@'/)
    })
    it(`${field}: a comment inside the domain`, () => {
      const error = only(validateCompose(model(change('a@good.test(x)evil.test'))))
      expect(error.field).toBe(field)
      expect(error.message).toMatch(/'\(' in the domain/)
    })
    it(`${field}: a source route`, () => {
      const error = only(validateCompose(model(change('<@a.test,@b.test:c@d.test>'))))
      expect(error.field).toBe(field)
      expect(error.message).toMatch(/source route/)
    })
  }

  it('a pasted list in one entry is refused at its separator', () => {
    expect(only(validateCompose(model({ to: ['a@mailwire.test, b@mailwire.test'] })))).toEqual({
      field: 'to[0]',
      message: "contains ',': quote a name that has one, and give one address per entry",
    })
  })

  it('Reply-To takes a list, and names itself when one entry is bad', () => {
    expect(validateCompose(model({ replyTo: 'a@mailwire.test, B <b@mailwire.test>' }))).toEqual([])
    expect(only(validateCompose(model({ replyTo: 'a@mailwire.test, bad one@mailwire.test' })))).toEqual({
      field: 'replyTo',
      message: 'contains a space',
    })
  })

  it('needs a From and at least one recipient', () => {
    expect(validateCompose(model({ from: ' ', to: [] }))).toEqual([
      { field: 'from', message: 'is required' },
      { field: 'to', message: 'needs at least one recipient in To, Cc or Bcc' },
    ])
    expect(validateCompose(model({ to: [], bcc: ['only@mailwire.test'] }))).toEqual([])
  })

  it('reports every problem at once, in field order', () => {
    const errors = validateCompose(model({ to: ['ok@mailwire.test', 'bad\n@x.test'], cc: ['a b@x.test'], subject: 'x\ry' }))
    expect(errors.map((e) => e.field)).toEqual(['to[1]', 'cc[0]', 'subject'])
  })
})

describe('validateCompose: attachments', () => {
  it('needs exactly one of path and content, and a file that exists', () => {
    expect(validateCompose(model({ attachments: [{}] }))).toEqual([
      { field: 'attachment[0]', message: 'has neither a file path nor content' },
    ])
    expect(validateCompose(model({ attachments: [{ path: '/etc/hostname', content: new Uint8Array() }] }))).toEqual([
      { field: 'attachment[0]', message: 'has both a file path and content' },
    ])
    expect(validateCompose(model({ attachments: [{ content: new Uint8Array() }, { path: '/nonexistent/mailwire.pdf' }] }))).toEqual([
      { field: 'attachment[1]', message: 'file not found: /nonexistent/mailwire.pdf' },
    ])
    expect(validateCompose(model({ attachments: [{ path: '/tmp' }] }))).toEqual([
      { field: 'attachment[0]', message: 'is not a regular file: /tmp' },
    ])
  })

  it.skipIf(process.platform === 'win32')('refuses a device or a FIFO without opening it: reading one would never end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailwire-fifo-'))
    try {
      const fifo = join(dir, 'pipe.eml')
      execFileSync('mkfifo', [fifo])
      expect(validateCompose(model({ attachments: [{ path: '/dev/zero' }, { path: fifo }] }))).toEqual([
        { field: 'attachment[0]', message: 'is not a regular file: /dev/zero' },
        { field: 'attachment[1]', message: `is not a regular file: ${fifo}` },
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('needs a type/subtype content type, and not a multipart one', () => {
    const bad = (contentType: string) => validateCompose(model({ attachments: [{ content: new Uint8Array(), contentType }] }))
    expect(bad('pdf')[0]?.message).toBe('has a content type that is not type/subtype: pdf')
    expect(bad('multipart/mixed; boundary=x')[0]?.message).toBe('cannot have a multipart/* content type')
    expect(bad('text/plain; charset=utf-8')).toEqual([])
  })
})

describe('bad input surfaces as MessageInputError before anything is sent', () => {
  const bad = model({ to: ['ok@mailwire.test', 'evil@x.test\r\nRCPT TO:<other@x.test>'] })

  it('buildEnvelope throws with the field', () => {
    const error = (() => {
      try {
        buildEnvelope(bad)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(MessageInputError)
    expect(error).toMatchObject({ field: 'to[1]', message: 'to[1] contains a carriage return (CR)' })
  })

  it('messageFactory throws when called, not when the engine asks for the message', () => {
    expect(() => messageFactory(bad)).toThrow(MessageInputError)
  })

  it('composeEml rejects', async () => {
    await expect(composeEml(model({ subject: 'a\nb' }))).rejects.toMatchObject({ name: 'MessageInputError', field: 'subject' })
  })
})
