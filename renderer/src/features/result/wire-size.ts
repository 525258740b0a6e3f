import { formatBytes } from '../../shared/format'

/**
 * Base64 (RFC 2045 section 6.8) turns 3 bytes into 4 and adds a CRLF every 76 characters:
 * about 1.37 times the file. Past this ratio the attachments' encoding is what made the
 * message bigger than the files, and the result says so.
 */
const ENCODING_GROWTH = 1.3

/** "29 MB on the wire (base64 of 21 MB)": the bytes sent, and the files they came from when encoding grew them. */
export function wireSizeText(dataBytes: number, attachmentBytes: number | undefined): string {
  const wire = `${formatBytes(dataBytes)} on the wire`
  if (!attachmentBytes || dataBytes < attachmentBytes * ENCODING_GROWTH) return wire
  return `${wire} (base64 of ${formatBytes(attachmentBytes)})`
}
