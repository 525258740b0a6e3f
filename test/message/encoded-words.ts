// Test helper: every RFC 2047 encoded word of a header section, decoded on its own.

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g

export interface DecodedWord {
  word: string
  charset: string
  bytes: Buffer
}

export function decodeEncodedWords(headers: string): DecodedWord[] {
  return [...headers.matchAll(ENCODED_WORD)].map(([word, charset = '', encoding = '', payload = '']) => ({
    word,
    charset,
    bytes: encoding.toUpperCase() === 'B' ? Buffer.from(payload, 'base64') : decodeQ(payload),
  }))
}

/** RFC 2047 §4.2: '_' is a space, '=XX' an octet, anything else itself. */
function decodeQ(payload: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < payload.length; i++) {
    const char = payload[i] ?? ''
    if (char === '_') bytes.push(0x20)
    else if (char === '=') {
      bytes.push(Number.parseInt(payload.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(char.charCodeAt(0))
  }
  return Buffer.from(bytes)
}

/** Throws when the bytes are not whole UTF-8 characters (a character split across words). */
export function strictUtf8(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

/** A header value with its encoded words decoded (RFC 2047 §6.2: no space between adjacent words). */
export function decodeHeaderValue(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(ENCODED_WORD, (word) => strictUtf8(decodeEncodedWords(word)[0]?.bytes ?? Buffer.alloc(0)))
}
