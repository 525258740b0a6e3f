import { describe, expect, it } from 'vitest'
import { DataEncoder, encodeData } from '../../main/smtp/data-encoder'

function encodeChunks(chunks: Buffer[]): Buffer {
  const encoder = new DataEncoder()
  return Buffer.concat([...chunks.map((chunk) => encoder.encode(chunk)), encoder.finish()])
}

const encode = (text: string) => encodeChunks([Buffer.from(text, 'latin1')]).toString('latin1')

/**
 * What a correct encoder must produce: every line ending normalized to CRLF, leading dots
 * doubled, and CRLF.CRLF at the end. Written independently of the encoder's state machine.
 */
function reference(text: string): string {
  const lines = text.split(/\r\n|\r|\n/)
  const unterminated = lines.pop()!
  const all = unterminated === '' ? lines : [...lines, unterminated]
  return all.map((line) => `${line.startsWith('.') ? '.' : ''}${line}\r\n`).join('') + '.\r\n'
}

/** SMTP smuggling and dot-stuffing vectors (see SMTP smuggling, SEC Consult 2023). */
const VECTORS: Array<[string, string]> = [
  ['lone LF dot LF', 'a\n.\nMAIL FROM:<x>\n'],
  ['lone CR dot CR', 'a\r.\rMAIL FROM:<x>\r'],
  ['CRLF dot LF', 'a\r\n.\nb\r\n'],
  ['LF dot CRLF', 'a\n.\r\nb\r\n'],
  ['CR CR LF dot CR CR LF', 'a\r\r\n.\r\r\nb'],
  ['dot as first line', '.\r\nsecond\r\n'],
  ['dot as last line', 'first\r\n.'],
  ['dot as last line with newline', 'first\r\n.\r\n'],
  ['two dots', '..\r\n..x\r\n'],
  ['no final newline', 'Subject: x\r\n\r\nbody'],
  ['empty message', ''],
  ['only CRLF', '\r\n'],
  ['only a dot', '.'],
  ['trailing lone CR', 'x\r'],
  ['NUL and 8-bit bytes untouched', 'a\u0000b\u00ff\r\n'],
  ['dot not at line start', 'a.b\r\n x.\r\n'],
]

describe('DataEncoder', () => {
  it.each(VECTORS)('%s', (_name, input) => {
    const output = encode(input)
    expect(output).toBe(reference(input))
    // The only CRLF.CRLF (or message-initial .CRLF) is the terminator at the very end.
    const body = output.slice(0, -3)
    expect(body.includes('\r\n.\r\n')).toBe(false)
    expect(body.startsWith('.\r\n')).toBe(false)
    // No bare CR or LF survives.
    expect(output.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('produces exactly these bytes for the classic vectors', () => {
    expect(encode('a\n.\nb')).toBe('a\r\n..\r\nb\r\n.\r\n')
    expect(encode('a\r.\rb')).toBe('a\r\n..\r\nb\r\n.\r\n')
    expect(encode('a\r\r\n.\r\r\n')).toBe('a\r\n\r\n..\r\n\r\n.\r\n')
    expect(encode('')).toBe('.\r\n')
    expect(encode('x')).toBe('x\r\n.\r\n')
    expect(encode('x\r\n')).toBe('x\r\n.\r\n')
  })

  it('gives the same bytes for every split of every vector into two chunks', () => {
    for (const [name, input] of VECTORS) {
      const bytes = Buffer.from(input, 'latin1')
      const whole = encodeChunks([bytes])
      for (let offset = 0; offset <= bytes.length; offset++) {
        const split = encodeChunks([bytes.subarray(0, offset), bytes.subarray(offset)])
        expect(split.toString('latin1'), `${name} split at ${offset}`).toBe(whole.toString('latin1'))
      }
    }
  })

  it('gives the same bytes one byte at a time, with a dot at every chunk boundary', () => {
    const input = Buffer.from('.a\r\n.\r\n..\n.\r.\r\n\r\n.x\r', 'latin1')
    const bytewise = encodeChunks([...input].map((byte) => Buffer.from([byte])))
    expect(bytewise.toString('latin1')).toBe(reference(input.toString('latin1')))
  })

  it('matches the reference on random texts in random chunks (both encoder paths)', () => {
    // A small deterministic PRNG (mulberry32), so a failure can be replayed.
    let seed = 0x5eed
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    const pieces = ['a', 'bc', '.', '..', '\r', '\n', '\r\n', '\r\n.', '\r\n.\r\n', '\u00e9']
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      const bytes = Buffer.from(text, 'latin1')
      const chunks: Buffer[] = []
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(random() * 12)
        chunks.push(bytes.subarray(at, at + size))
        at += size
      }
      expect(encodeChunks(chunks).toString('latin1'), JSON.stringify(text)).toBe(reference(text))
    }
  })

  it('matches the reference on chunks too long for the string scan (the Buffer scan)', () => {
    let seed = 0xb16
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const pieces = ['abc', 'line of text', '.', '\r\n', '\r\n.', '\r\n..x', '\r\n\r\n', '\u00e9']
    for (let round = 0; round < 40; round++) {
      // Mostly clean CRLF text, a bare CR or LF in every fourth: both the clean and the rewrite path.
      const parts = Array.from({ length: 6000 }, () => pieces[Math.floor(random() * pieces.length)])
      if (round % 4 === 3) parts.splice(Math.floor(random() * parts.length), 0, random() < 0.5 ? '\n' : '\r')
      const text = parts.join('')
      const bytes = Buffer.from(text, 'latin1')
      expect(bytes.length).toBeGreaterThan(16 * 1024)
      const cut = Math.floor(random() * 64)
      expect(encodeChunks([bytes.subarray(0, cut), bytes.subarray(cut)]).toString('latin1'), `round ${round}`).toBe(reference(text))
    }
  })

  it('counts input, output and lines', () => {
    const encoder = new DataEncoder()
    encoder.encode(Buffer.from('.a\nb'))
    encoder.finish()
    expect(encoder.bytesIn).toBe(4)
    // "..a\r\n" + "b\r\n" ; the terminator is not counted
    expect(encoder.bytesOut).toBe(8)
    expect(encoder.lines).toBe(2)
  })

  it('streams through encodeData', async () => {
    async function* source() {
      yield Buffer.from('line one\n.')
      yield Buffer.from('hidden\r')
      yield Buffer.from('\nend')
    }
    const parts: Buffer[] = []
    for await (const part of encodeData(source())) parts.push(part)
    expect(Buffer.concat(parts).toString()).toBe('line one\r\n..hidden\r\nend\r\n.\r\n')
  })
})

describe('reused output (the writer keeps one result on its way while it encodes the next)', () => {
  it('leaves a result intact through the next encode(), in both the rewriting and the dot-stuffing paths', () => {
    const encoder = new DataEncoder({ reuseOutput: true })
    const inputs = ['.one\nbare LF\n', '.two\r\n', '.three\r\nx\r\n', 'four\n.\n']
    const expected = inputs.map((input) => {
      const reference = new DataEncoder()
      return reference.encode(Buffer.from(input)).toString('latin1')
    })
    let previous: { result: Buffer; text: string } | undefined
    inputs.forEach((input, i) => {
      const result = encoder.encode(Buffer.from(input))
      // The result before this one may still be on its way to the socket.
      if (previous) expect(previous.result.toString('latin1')).toBe(previous.text)
      expect(result.toString('latin1')).toBe(expected[i])
      previous = { result, text: expected[i]! }
    })
  })
})
