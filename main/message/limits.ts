// Limits the message layer enforces, each with the section that sets it.

/** RFC 5322 §2.1.1: a line is at most 998 octets, not counting the CRLF. */
export const MAX_LINE_OCTETS = 998

/** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. */
export const MAX_LOCAL_PART_OCTETS = 64

/** RFC 5321 §4.5.3.1.2: a domain is at most 255 octets (we count its ASCII form). */
export const MAX_DOMAIN_OCTETS = 255

/** RFC 1035 §2.3.4: a DNS label is at most 63 octets. */
export const MAX_LABEL_OCTETS = 63

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
export const MAX_PATH_OCTETS = 256

/**
 * Attachments up to this total are composed into one Buffer, so the engine learns the
 * exact size (for SIZE=, RFC 1870) before it sends MAIL FROM. Above it the message is
 * streamed from disk on every open() and its size is left unknown: holding hundreds of
 * megabytes in memory to announce a size would cost more than the announcement is worth.
 */
export const BUFFERED_ATTACHMENTS_LIMIT = 32 * 1024 * 1024

/**
 * The largest attachment file: far above what any server accepts (SIZE limits are tens of
 * MB), so only a mistake reaches it, and a file that keeps growing is not followed.
 */
export const MAX_ATTACHMENT_FILE_BYTES = 1024 * 1024 * 1024

/**
 * A text body file up to this size is composed into memory like a typed body (exact SIZE=);
 * above it the message streams from the file, so memory stays flat whatever its size.
 */
export const BUFFERED_TEXT_FILE_LIMIT = 1024 * 1024

/** Chunk size of the buffered message source: small enough for smooth DATA progress. */
export const SOURCE_CHUNK_BYTES = 64 * 1024

/**
 * A message/* attachment is read whole to see whether it can go as 7bit or 8bit (RFC 2046
 * §5.2.1 forbids base64 there). Above this size it is not read into memory: it goes as an
 * opaque application/octet-stream file, base64, streamed from disk like any other file.
 */
export const MAX_MESSAGE_ATTACHMENT_SCAN_BYTES = 16 * 1024 * 1024
