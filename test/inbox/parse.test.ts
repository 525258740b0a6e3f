// The parsed form: the same whether mailparser buffers the text parts (small messages)
// or the inbox streams them (large ones), bounded either way.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_PARSED_BODY_CHARS } from '../../main/inbox/limits'
import { parseMessageFile, parseSummaryHeaders } from '../../main/inbox/parse'

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mailwire-parse-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function parseBothWays(name: string, bytes: Buffer) {
  const path = join(folder, name)
  await writeFile(path, bytes)
  const buffered = await parseMessageFile(path)
  const streamed = await parseMessageFile(path, { streamTextOverBytes: 0 })
  return { buffered, streamed }
}

const mixed = Buffer.concat([
  Buffer.from(
    [
      'From: "Zoë" <zoe@example.test>',
      'To: team: a@example.test, b@example.test;',
      'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="m"',
      '',
      '--m',
      'Content-Type: multipart/alternative; boundary="a"',
      '',
      '--a',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Caf=E9 cr=E8me, line one',
      'line two',
      '--a',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>Café <img src="cid:logo@x"></p>').toString('base64'),
      '--a--',
      '--m',
      'Content-Type: image/png',
      'Content-ID: <logo@x>',
      'Content-Disposition: inline',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('not really a png').toString('base64'),
      '--m',
      'Content-Type: text/plain; name="notes.txt"',
      'Content-Disposition: attachment; filename="notes.txt"',
      '',
      'an attached text file',
      '--m--',
      '',
    ].join('\r\n'),
  ),
])

describe('parseMessageFile', () => {
  it('reads addresses, subject, bodies and attachments, streamed or not', async () => {
    const { buffered, streamed } = await parseBothWays('mixed.eml', mixed)
    expect(buffered).toMatchObject({
      from: [{ name: 'Zoë', address: 'zoe@example.test' }],
      to: [
        { name: '', address: 'a@example.test' },
        { name: '', address: 'b@example.test' },
      ],
      subject: 'Grüße',
      text: 'Café crème, line one\nline two',
      html: '<p>Café <img src="cid:logo@x"></p>',
      textTruncated: false,
      htmlTruncated: false,
    })
    expect(buffered.attachments.map(({ filename, contentType, contentId, disposition, size }) => ({ filename, contentType, contentId, disposition, size }))).toEqual([
      { filename: undefined, contentType: 'image/png', contentId: '<logo@x>', disposition: 'inline', size: 16 },
      { filename: 'notes.txt', contentType: 'text/plain', contentId: undefined, disposition: 'attachment', size: 21 },
    ])
    expect(streamed).toEqual(buffered)
  })

  it('bounds a long text body, and a streamed one the same way', async () => {
    const line = `${'0123456789'.repeat(7)}\r\n`
    const body = line.repeat(Math.ceil((MAX_PARSED_BODY_CHARS * 1.5) / line.length))
    const message = Buffer.from(`From: a@example.test\r\nSubject: long\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`)
    const { buffered, streamed } = await parseBothWays('long.eml', message)
    expect(buffered.text).toHaveLength(MAX_PARSED_BODY_CHARS)
    expect(buffered.textTruncated).toBe(true)
    expect(streamed.text).toBe(buffered.text)
    expect(streamed.textTruncated).toBe(true)
    expect(streamed.attachments).toEqual([])
  })

  it('streams the text parts of a large message past mailparser (so it makes no text from HTML)', async () => {
    const message = Buffer.from('Subject: html only\r\nContent-Type: text/html\r\n\r\n<p>Hello <b>there</b></p>\r\n')
    const { buffered, streamed } = await parseBothWays('html-only.eml', message)
    expect(buffered.text).toBe('Hello there')
    expect(streamed.text).toBeUndefined()
    expect(streamed.html).toBe(buffered.html)
    expect(streamed.attachments).toEqual([])
  })

  it('reports a parser failure instead of throwing', async () => {
    const message = Buffer.from(`Subject: broken\r\nContent-Type: text/plain\r\n${'X-Long: '.padEnd(2 * 1024 * 1024, 'x')}\r\n\r\nbody\r\n`)
    const { buffered } = await parseBothWays('broken.eml', message)
    expect(buffered.parseError).toEqual(expect.any(String))
  })
})

describe('the headers the list shows, parsed from the head of a message alone', () => {
  it('are the ones parseMessageFile reads (encoded words, groups), and none without the whole header block', async () => {
    const message = Buffer.from(
      [
        'From: =?UTF-8?B?Wm/Dqw==?= <zoe@example.test>',
        'To: team: a@example.test, "B, Bee" <b@example.test>;, c@example.test',
        'Subject: =?UTF-8?Q?Caf=C3=A9_?=',
        ' =?UTF-8?Q?=E2=98=95?= folded',
        '',
        'Body, not needed.',
        '',
      ].join('\r\n'),
    )
    const path = join(folder, 'summary.eml')
    await writeFile(path, message)
    const whole = await parseMessageFile(path)
    const fromHead = await parseSummaryHeaders(message)
    expect(fromHead).toEqual({ from: whole.from, to: whole.to, subject: whole.subject })
    expect(fromHead?.subject).toBe('Café ☕ folded')
    expect(await parseSummaryHeaders(message.subarray(0, message.indexOf('\r\n\r\n') + 2))).toBeUndefined()
    expect(await parseSummaryHeaders(Buffer.from('Subject: bare LF\n\nbody\n'))).toEqual({ from: [], to: [], subject: 'bare LF' })
  })
})
