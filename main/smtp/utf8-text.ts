// Bytes to text as TextDecoder('utf-8') makes it (an invalid sequence becomes U+FFFD, a
// leading byte order mark is dropped), through Buffer#toString: no subarray and no decoder
// call per line, which counts on a session that shows thousands of short lines.
const BOM = [0xef, 0xbb, 0xbf] as const

export function utf8Text(bytes: Buffer, start = 0, end = bytes.length): string {
  const from = end - start >= 3 && bytes[start] === BOM[0] && bytes[start + 1] === BOM[1] && bytes[start + 2] === BOM[2] ? start + 3 : start
  return bytes.toString('utf8', from, end)
}
