// Bounds of the local inbox. It runs on the user's machine unattended, so everything it
// keeps has a ceiling.
import type { InboxLimits } from './types'

const MIB = 1024 * 1024

export const DEFAULT_LIMITS: InboxLimits = {
  maxMessages: 500,
  maxStoreBytes: 200 * MIB,
  /** Advertised as SIZE (RFC 1870); generous, since this is a test inbox. */
  maxMessageBytes: 50 * MIB,
  maxSessions: 500,
  /**
   * What a test suite's connection pool needs (issue 22: a pool of more than 16 was refused).
   * Each client may be writing a message of up to maxMessageBytes to disk before the store
   * evicts old ones, and holds its own buffers: this bounds both.
   */
  maxClients: 100,
  /**
   * Once maxClients are connected, a client quiet this long is closed, so a handful of stuck
   * clients cannot lock the others out for the five-minute idle timeout. Postfix's smtpd
   * does the same under stress (smtpd_timeout from 300 s to 10 s, STRESS_README).
   */
  fullIdleTimeoutMs: 10_000,
}

/** Characters of text and of HTML kept in the parsed form; the raw source keeps all. */
export const MAX_PARSED_BODY_CHARS = 1_000_000
/**
 * Above this raw size, text parts are streamed past the parser like attachments and only
 * their beginning is decoded: mailparser holds each text part whole in memory, several
 * times over (measured: a 100 MiB text body peaks near 450 MiB of extra memory).
 */
export const STREAM_TEXT_OVER_BYTES = 8 * MIB
/** Header lines kept in the parsed form. */
export const MAX_PARSED_HEADER_LINES = 1000
/** Lines recorded per session; a session that goes on is marked as truncated. */
export const MAX_SESSION_EVENTS = 1000
/** Characters kept of one recorded line (smtp-server accepts command lines up to 16 KiB). */
export const MAX_SESSION_LINE_CHARS = 2000
/** The longest slow-replies delay: past the RFC 5321 §4.5.3.2 timeouts it teaches nothing. */
export const MAX_REPLY_DELAY_MS = 10 * 60 * 1000
/** Recipient patterns longer than an RFC 5321 §4.5.3.1.3 path make no sense. */
export const MAX_RECIPIENT_PATTERN_CHARS = 256
/** How long stop() lets open sessions finish before it closes them with 421. */
export const STOP_GRACE_MS = 1000

export function resolveLimits(overrides: Partial<InboxLimits> | undefined): InboxLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides }
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Local inbox limit ${name} must be a positive whole number, got ${String(value)}`)
    }
  }
  return limits
}
