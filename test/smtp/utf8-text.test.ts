// utf8Text must read bytes exactly as TextDecoder('utf-8') does (the wire log showed lines
// that way before): every invalid sequence replaced the same way, a leading BOM dropped.
import { describe, expect, it } from 'vitest'
import { utf8Text } from '../../main/smtp/utf8-text'

/** A small deterministic generator (xorshift32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 2 ** 32
  }
}

/** Lead, continuation and invalid bytes, BOM parts, surrogate encodings, ASCII. */
const INTERESTING = [0x41, 0x2e, 0x0d, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0xc0, 0xc1, 0xed, 0xa0, 0xbf, 0xef, 0xbb, 0xf4, 0x90, 0xf5, 0x80]

describe('utf8Text', () => {
  it('gives what TextDecoder gives, for 50,000 byte strings of valid and broken UTF-8', () => {
    const decoder = new TextDecoder('utf-8')
    const next = random(0x5eed)
    for (let n = 0; n < 50_000; n++) {
      const bytes = Buffer.alloc(Math.floor(next() * 12))
      for (let i = 0; i < bytes.length; i++) bytes[i] = next() < 0.8 ? INTERESTING[Math.floor(next() * INTERESTING.length)]! : Math.floor(next() * 256)
      expect(utf8Text(bytes), JSON.stringify([...bytes])).toBe(decoder.decode(bytes))
    }
  })

  it('reads a range of a buffer like TextDecoder reads that subarray, BOM included', () => {
    const decoder = new TextDecoder('utf-8')
    const bytes = Buffer.from('\ufeffdéjà vu \ufeff€ 😀\r\n', 'utf8')
    for (let start = 0; start <= bytes.length; start++) {
      for (let end = start; end <= bytes.length; end++) expect(utf8Text(bytes, start, end)).toBe(decoder.decode(bytes.subarray(start, end)))
    }
  })
})
