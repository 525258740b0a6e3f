import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser, type AddressObject } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEnvelope, MessageInputError, messageFactory } from '../../main/message/index'
import { prepareAttachment } from '../../main/message/attachments'
import { MAX_MESSAGE_ATTACHMENT_SCAN_BYTES } from '../../main/message/limits'
import { caps, compose, composeAndParse, headerLines, headerSection, model, readSource } from './helpers'
import { decodeEncodedWords, decodeHeaderValue, strictUtf8 } from './encoded-words'

function addresses(field: AddressObject | AddressObject[] | undefined) {
  return (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value)
}

/** Each line of the message: CRLF-terminated, within 998 octets. */
function expectWellFormedLines(bytes: Buffer): void {
  const text = bytes.toString('latin1')
  expect(text.endsWith('\r\n')).toBe(true)
  expect(/\r(?!\n)|(?<!\r)\n/.test(text)).toBe(false)
  const longest = Math.max(...text.split('\r\n').map((line) => line.length))
  expect(longest).toBeLessThanOrEqual(998)
}

/** Header blocks: the message's own, then each part's (after its boundary line). */
function headerBlocks(bytes: Buffer): string[] {
  return bytes
    .toString('utf8')
    .split(/\r\n--[^\r\n]+\r\n/)
    .map((block) => block.slice(0, Math.max(0, block.indexOf('\r\n\r\n'))).replace(/\r\n[ \t]/g, ' '))
}

function transferEncodingOf(bytes: Buffer, contentType: RegExp): string | undefined {
  const block = headerBlocks(bytes).find((b) => new RegExp(`^Content-Type: ${contentType.source}`, 'm').test(b))
  return /^Content-Transfer-Encoding: (\S+)$/m.exec(block ?? '')?.[1]
}

/** A body as mailparser returns it, compared without its final line break. */
function plain(text: string | false | undefined): string {
  return (text || '').replace(/\r\n/g, '\n').replace(/\n$/, '')
}

const SCRIPTS = {
  cyrillic: 'Привет, мир! Съешь же ещё этих мягких французских булок',
  greek: 'Γειά σου Κόσμε — ξεσκεπάζω την ψυχοφθόρα βδελυγμία',
  cjk: '你好，世界。日本語のテキスト、한국어 텍스트',
  arabic: 'مرحبا بالعالم، هذه رسالة تجريبية',
  emoji: 'Family 👨‍👩‍👧‍👦 and 👩🏽‍💻 with flags 🇫🇷🇯🇵🏳️‍🌈 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  mixed: 'Résumé: naïve café — Ελλάδα — 東京 — 🎉',
}

describe('subjects and display names in many scripts', () => {
  for (const [script, text] of Object.entries(SCRIPTS)) {
    for (const repeat of [1, 6]) {
      const value = Array.from({ length: repeat }, () => text).join(' ')
      it(`${script} ×${repeat}: decodes back equal, each encoded word whole UTF-8`, async () => {
        const { bytes, mail, source } = await composeAndParse(
          model({ from: `"${value}" <sender@mailwire.test>`, to: [`"${value}" <rcpt@mailwire.test>`], subject: value }),
        )
        expect(mail.subject).toBe(value)
        expect(addresses(mail.from)).toEqual([{ address: 'sender@mailwire.test', name: value }])
        expect(addresses(mail.to)).toEqual([{ address: 'rcpt@mailwire.test', name: value }])

        const headers = headerSection(bytes)
        expect(/^[\x00-\x7f]*$/.test(headers)).toBe(true)
        const words = decodeEncodedWords(headers)
        expect(words.length).toBeGreaterThan(repeat === 1 ? 2 : 6)
        for (const { word, charset, bytes: decoded } of words) {
          expect(charset.toUpperCase()).toBe('UTF-8')
          expect(() => strictUtf8(decoded), word).not.toThrow()
        }
        expectWellFormedLines(bytes)
        expect(source.eightBit).toBe(false)
      })
    }
  }

  it('ASCII names with specials are quoted, and come back unchanged', async () => {
    const { mail, bytes } = await composeAndParse(
      model({ to: ['"Doe, Jane (QA)" <jane@mailwire.test>', '"Say \\"hi\\"" <hi@mailwire.test>', 'plain@mailwire.test'] }),
    )
    expect(addresses(mail.to)).toEqual([
      { address: 'jane@mailwire.test', name: 'Doe, Jane (QA)' },
      { address: 'hi@mailwire.test', name: 'Say "hi"' },
      { address: 'plain@mailwire.test', name: '' },
    ])
    expect(headerLines(bytes)).toContain('To: "Doe, Jane (QA)" <jane@mailwire.test>, "Say \\"hi\\"" <hi@mailwire.test>, plain@mailwire.test')
  })

  it('an encoded word the user types is sent as typed (to test how clients decode it)', async () => {
    const subject = 'typed =?UTF-8?B?SGVsbG8=?= here'
    const { bytes, mail } = await composeAndParse(model({ subject }))
    expect(headerLines(bytes)).toContain(`Subject: ${subject}`)
    expect(mail.subject).toBe('typed Hello here')
  })

  it('names that mix a comma with other scripts survive inside encoded words', async () => {
    const { mail } = await composeAndParse(model({ to: ['"Müller, Jürgen" <j@mailwire.test>'] }))
    expect(addresses(mail.to)).toEqual([{ address: 'j@mailwire.test', name: 'Müller, Jürgen' }])
  })
})

describe('body transfer encodings', () => {
  it('short ASCII text goes as 7bit, dots and all (dot-stuffing is the engine’s job)', async () => {
    const text = 'Line one\n.\n..two\nend'
    const { bytes, mail, source } = await composeAndParse(model({ text }))
    expect(transferEncodingOf(bytes, /text\/plain/)).toBe('7bit')
    expect(bytes.toString('utf8')).toContain('\r\n\r\nLine one\r\n.\r\n..two\r\nend')
    expect(plain(mail.text)).toBe('Line one\n.\n..two\nend')
    expect(source.eightBit).toBe(false)
  })

  it('ASCII lines up to 998 octets stay 7bit', async () => {
    const text = `${'a'.repeat(998)}\nshort`
    const { bytes } = await compose(model({ text }))
    expect(transferEncodingOf(bytes, /text\/plain/)).toBe('7bit')
  })

  it.each([
    ['ASCII', 'x'.repeat(2500)],
    ['digits only', '7'.repeat(999)],
    ['non-ASCII', 'é'.repeat(500)],
  ])('a %s line over 998 octets is quoted-printable and comes back intact', async (_kind, line) => {
    const text = `before\n${line}\nafter`
    for (const eightBitMime of [false, true]) {
      const { bytes, mail, source } = await composeAndParse(model({ text }), { eightBitMime })
      expect(transferEncodingOf(bytes, /text\/plain/)).toBe('quoted-printable')
      expectWellFormedLines(bytes)
      expect(plain(mail.text)).toBe(text)
      expect(source.eightBit).toBe(false)
    }
  })

  it('non-ASCII text is quoted-printable without 8BITMIME, 8bit with it', async () => {
    const text = `${SCRIPTS.cyrillic}\n${SCRIPTS.emoji}`
    const seven = await composeAndParse(model({ text }), { eightBitMime: false })
    expect(transferEncodingOf(seven.bytes, /text\/plain/)).toBe('quoted-printable')
    expect(seven.bytes.every((b) => b < 0x80)).toBe(true)
    expect(seven.source.eightBit).toBe(false)
    expect(plain(seven.mail.text)).toBe(text)

    const eight = await composeAndParse(model({ text }), { eightBitMime: true })
    expect(transferEncodingOf(eight.bytes, /text\/plain/)).toBe('8bit')
    expect(eight.bytes.toString('utf8')).toContain(`\r\n\r\n${SCRIPTS.cyrillic}\r\n${SCRIPTS.emoji}`)
    expect(eight.source.eightBit).toBe(true)
    expect(plain(eight.mail.text)).toBe(text)
    expectWellFormedLines(eight.bytes)
  })

  it('lone CR, lone LF and CRLF in a body all become CRLF', async () => {
    const { bytes } = await compose(model({ text: 'a\rb\nc\r\nd' }))
    expect(bytes.toString('utf8')).toContain('\r\n\r\na\r\nb\r\nc\r\nd')
    expectWellFormedLines(bytes)
  })
})

describe('HTML and attachments', () => {
  let dir = ''
  let filePath = ''
  const binary = Buffer.from(Array.from({ length: 4096 }, (_v, i) => (i * 7 + (i >> 8)) & 0xff))

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailwire-message-'))
    filePath = join(dir, 'notes.txt')
    await writeFile(filePath, binary)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('text + HTML is multipart/alternative', async () => {
    const html = '<p>Hello <b>wörld</b></p>'
    const { bytes, mail } = await composeAndParse(model({ text: 'Hello wörld', html }))
    expect(headerLines(bytes).find((l) => l.startsWith('Content-Type:'))).toMatch(/^Content-Type: multipart\/alternative;/)
    expect(plain(mail.html)).toBe(html)
    expect(plain(mail.text)).toBe('Hello wörld')
    expect(mail.attachments).toEqual([])
  })

  it('HTML alone is a single text/html part', async () => {
    const { bytes, mail } = await composeAndParse(model({ text: '', html: '<p>only</p>' }))
    expect(headerLines(bytes).find((l) => l.startsWith('Content-Type:'))).toMatch(/^Content-Type: text\/html/)
    expect(plain(mail.html)).toBe('<p>only</p>')
  })

  it('attachments (bytes and a real file) go base64 inside multipart/mixed, byte-exact', async () => {
    const { bytes, mail } = await composeAndParse(
      model({
        text: 'See attached.',
        html: '<p>See attached.</p>',
        attachments: [
          { content: binary, filename: 'report.pdf' },
          { path: filePath },
          { content: new Uint8Array([0, 255, 13, 10, 46]), filename: 'Überblick 報告.png' },
          { content: new Uint8Array(binary.buffer, 10, 20), filename: 'data.xyz', contentType: 'application/x-mailwire' },
          { content: new Uint8Array([1, 2, 3]) },
        ],
      }),
    )
    const rootType = headerLines(bytes).find((l) => l.startsWith('Content-Type:'))
    expect(rootType).toMatch(/^Content-Type: multipart\/mixed;/)
    expect(bytes.toString('utf8')).toMatch(/\r\n\r\n--[^\r\n]+\r\nContent-Type: multipart\/alternative;/)
    expect(plain(mail.text)).toBe('See attached.')
    expect(plain(mail.html)).toBe('<p>See attached.</p>')
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['report.pdf', 'application/pdf'],
      ['notes.txt', 'text/plain'],
      ['Überblick 報告.png', 'image/png'],
      ['data.xyz', 'application/x-mailwire'],
      ['attachment-5.bin', 'application/octet-stream'],
    ])
    expect(mail.attachments[0]?.content.equals(binary)).toBe(true)
    expect(mail.attachments[1]?.content.equals(binary)).toBe(true)
    expect([...(mail.attachments[2]?.content ?? [])]).toEqual([0, 255, 13, 10, 46])
    expect(mail.attachments[3]?.content.equals(binary.subarray(10, 30))).toBe(true)
    for (const name of ['report.pdf', 'notes.txt', 'data.xyz']) {
      expect(bytes.toString('utf8')).toMatch(new RegExp(`Content-Transfer-Encoding: base64\\r\\nContent-Disposition: attachment; filename=${name}`))
    }
    expectWellFormedLines(bytes)
  })

  it('text + one attachment is multipart/mixed with the text first', async () => {
    const { mail, bytes } = await composeAndParse(model({ text: 'Hi', attachments: [{ content: binary, filename: 'a.bin' }] }))
    expect(headerLines(bytes).find((l) => l.startsWith('Content-Type:'))).toMatch(/multipart\/mixed/)
    expect(plain(mail.text)).toBe('Hi')
    expect(mail.attachments).toHaveLength(1)
  })

  it('a .eml attachment is message/rfc822: 7bit, 8bit with 8BITMIME, else an opaque base64 file', async () => {
    const ascii = 'From: a@b.test\nSubject: inner\n\nbody\n'
    const sevenBit = await compose(model({ attachments: [{ content: Buffer.from(ascii), filename: 'fwd.eml' }] }))
    expect(transferEncodingOf(sevenBit.bytes, /message\/rfc822/)).toBe('7bit')
    expect(sevenBit.bytes.toString('utf8')).toContain('From: a@b.test\r\nSubject: inner\r\n\r\nbody\r\n')
    expect(sevenBit.source.eightBit).toBe(false)

    const utf8 = Buffer.from('From: a@b.test\r\nSubject: inner\r\n\r\nbödy\r\n')
    const eight = await compose(model({ attachments: [{ content: utf8, filename: 'fwd.eml' }] }), { eightBitMime: true })
    expect(transferEncodingOf(eight.bytes, /message\/rfc822/)).toBe('8bit')
    expect(eight.source.eightBit).toBe(true)

    const opaque = await composeAndParse(model({ attachments: [{ content: utf8, filename: 'fwd.eml' }] }), { eightBitMime: false })
    expect(opaque.bytes.every((b) => b < 0x80)).toBe(true)
    expect(opaque.source.eightBit).toBe(false)
    expect(transferEncodingOf(opaque.bytes, /application\/octet-stream; name=fwd\.eml/)).toBe('base64')
    expect(opaque.mail.attachments[0]?.content.equals(utf8)).toBe(true)
  })

  it('a .eml file too large to scan is never read into memory: it goes as an opaque file from disk', async () => {
    const big = join(dir, 'huge.eml')
    // Sparse: the size of a huge forwarded message without writing one.
    await writeFile(big, 'From: a@b.test\r\n\r\n')
    await truncate(big, MAX_MESSAGE_ATTACHMENT_SCAN_BYTES + 1)
    const prepared = await prepareAttachment({ path: big }, 0, { eightBitMime: true })
    expect(prepared).toMatchObject({ path: big, size: MAX_MESSAGE_ATTACHMENT_SCAN_BYTES + 1, contentType: 'application/octet-stream', contentTransferEncoding: 'base64' })
    expect(prepared.content).toBeUndefined()
    await rm(big)
  })

  it('above the buffer limit the message streams from disk: same bytes on every open, size unknown', async () => {
    const factory = messageFactory(model({ attachments: [{ path: filePath }] }), { bufferLimit: binary.length - 1 })
    const source = await factory(caps())
    expect(source.size).toBeUndefined()
    const first = await readSource(source)
    const second = await readSource(source)
    expect(second.equals(first)).toBe(true)
    const mail = await simpleParser(first)
    expect(mail.attachments[0]?.content.equals(binary)).toBe(true)

    const buffered = await messageFactory(model({ attachments: [{ path: filePath }] }), { bufferLimit: binary.length })(caps())
    expect(buffered.size).toBe((await readSource(buffered)).length)
  })
})

describe('headers Mailwire always writes', () => {
  it('Date, Message-ID on the From domain, MIME-Version', async () => {
    const { bytes, mail } = await composeAndParse(model({ from: 'Sender <sender@Mailwire.Test>' }))
    const lines = headerLines(bytes)
    expect(lines).toContain('MIME-Version: 1.0')
    expect(lines.find((l) => l.startsWith('Date: '))).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/)
    expect(mail.date).toBeInstanceOf(Date)
    expect(mail.messageId).toMatch(/^<[A-Za-z0-9.]+@Mailwire\.Test>$/)
  })

  it('uses a given date and Message-ID, so a saved .eml can match the sent message', async () => {
    const date = new Date('2024-02-29T12:34:56Z')
    const source = await messageFactory(model(), { date, messageId: 'fixed.1@mailwire.test' })(caps())
    const lines = headerLines(await readSource(source))
    expect(lines).toContain('Date: Thu, 29 Feb 2024 12:34:56 +0000')
    expect(lines).toContain('Message-ID: <fixed.1@mailwire.test>')
  })

  it('gives each message its own Message-ID, and the same one every time one message is composed', async () => {
    const factory = messageFactory(model())
    const a = headerLines(await readSource(await factory(caps()))).find((l) => l.startsWith('Message-ID'))
    const b = headerLines(await readSource(await factory(caps()))).find((l) => l.startsWith('Message-ID'))
    const other = headerLines(await readSource(await messageFactory(model())(caps()))).find((l) => l.startsWith('Message-ID'))
    expect(a).toBe(b)
    expect(other).not.toBe(a)
  })

  it('Bcc is in the envelope only, never in the message', async () => {
    const m = model({ to: ['to@mailwire.test'], cc: ['cc@mailwire.test'], bcc: ['Secret Person <secret@mailwire.test>'] })
    const { bytes, mail } = await composeAndParse(m)
    expect(headerSection(bytes)).not.toMatch(/^bcc:/im)
    expect(bytes.toString('utf8')).not.toContain('secret')
    expect(bytes.toString('utf8')).not.toContain('Secret Person')
    expect(mail.bcc).toBeUndefined()
    expect(addresses(mail.cc)).toEqual([{ address: 'cc@mailwire.test', name: '' }])
    expect(buildEnvelope(m).to).toContain('secret@mailwire.test')
  })

  it('custom headers follow the generated ones, non-ASCII values encoded', async () => {
    const { bytes, mail } = await composeAndParse(
      model({ headers: [{ name: 'X-Campaign', value: 'spring 🌸 sale' }, { name: 'X-Test', value: 'one' }, { name: 'X-Test', value: 'two' }] }),
    )
    expect(decodeHeaderValue(String(mail.headers.get('x-campaign')))).toBe('spring 🌸 sale')
    const lines = headerLines(bytes)
    expect(lines.filter((l) => l.startsWith('X-Test:'))).toEqual(['X-Test: one', 'X-Test: two'])
    expect(lines.findIndex((l) => l.startsWith('X-Campaign'))).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Date')))
  })

  it('the model is copied: edits after messageFactory do not change the message', async () => {
    const m = model({ to: ['first@mailwire.test'] })
    const factory = messageFactory(m)
    m.to[0] = 'changed@mailwire.test'
    m.subject = 'changed'
    const mail = await simpleParser(await readSource(await factory(caps())))
    expect(addresses(mail.to)).toEqual([{ address: 'first@mailwire.test', name: '' }])
    expect(mail.subject).toBe('Hello')
  })
})

describe('international domains and SMTPUTF8', () => {
  const m = model({ from: 'José <jose@bücher.example>', to: ['用户 <info@例子.测试>'], cc: ['root@[127.0.0.1]'] })

  it('without SMTPUTF8, domains go as A-labels and the headers stay ASCII', async () => {
    const { bytes, mail, source } = await composeAndParse(m, { smtpUtf8: false, eightBitMime: true })
    const headers = headerSection(bytes)
    expect(headers).toContain('<jose@xn--bcher-kva.example>')
    expect(headers).toContain('<info@xn--fsqu00a.xn--0zwm56d>')
    expect(headers).toContain('Cc: <root@[127.0.0.1]>')
    expect(headers).toMatch(/^Message-ID: <[^>]+@xn--bcher-kva\.example>$/m)
    expect(/^[\x00-\x7f]*$/.test(headers)).toBe(true)
    // mailparser shows the A-label in Unicode again: the two forms are one address.
    expect(addresses(mail.from)).toEqual([{ address: 'jose@bücher.example', name: 'José' }])
    expect(source.smtpUtf8).toBe(false)
    expect(source.eightBit).toBe(false)
  })

  it('with SMTPUTF8, domains are kept as typed (RFC 6532) and the source says so', async () => {
    const { bytes, mail, source } = await composeAndParse(m, { smtpUtf8: true, eightBitMime: true })
    const headers = headerSection(bytes)
    expect(headers).toContain('<jose@bücher.example>')
    expect(headers).toContain('<info@例子.测试>')
    expect(headers).toMatch(/^Message-ID: <[^>]+@xn--bcher-kva\.example>$/m)
    expect(addresses(mail.to)).toEqual([{ address: 'info@例子.测试', name: '用户' }])
    expect(source.smtpUtf8).toBe(true)
    expect(source.eightBit).toBe(true)
  })

  it('a non-ASCII local part needs SMTPUTF8: refused without it, naming the field', async () => {
    const utf8Local = model({ to: ['ok@mailwire.test'], cc: ['josé@mailwire.test'] })
    await expect(messageFactory(utf8Local)(caps({ smtpUtf8: false }))).rejects.toThrow(MessageInputError)
    await expect(messageFactory(utf8Local)(caps({ smtpUtf8: false }))).rejects.toMatchObject({ field: 'cc[0]' })
    const { mail, source } = await composeAndParse(utf8Local, { smtpUtf8: true, eightBitMime: true })
    expect(addresses(mail.cc)).toEqual([{ address: 'josé@mailwire.test', name: '' }])
    expect(source.smtpUtf8).toBe(true)
  })

  it('ASCII-only mail asks for neither extension', async () => {
    const { source } = await compose(model(), { smtpUtf8: true, eightBitMime: true })
    expect(source).toMatchObject({ eightBit: false, smtpUtf8: false })
  })
})
