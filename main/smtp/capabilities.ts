// The EHLO reply as data (RFC 5321 4.1.1.1: the first line is the server's name, each
// further line one extension keyword with its parameters).
import type { Capabilities, Reply } from './types'

/** What a server that only understood HELO supports: nothing beyond RFC 5321. */
export function heloCapabilities(): Capabilities {
  return {
    raw: [],
    helo: true,
    pipelining: false,
    eightBitMime: false,
    smtpUtf8: false,
    enhancedStatusCodes: false,
    startTls: false,
    auth: [],
    dsn: false,
    chunking: false,
    binaryMime: false,
    requireTls: false,
  }
}

function addMechanisms(into: string[], words: string[]): void {
  for (const word of words) {
    const mechanism = word.toUpperCase()
    if (mechanism && !into.includes(mechanism)) into.push(mechanism)
  }
}

export function parseCapabilities(reply: Reply): Capabilities {
  const caps: Capabilities = { ...heloCapabilities(), helo: false, raw: reply.lines.slice(1) }
  for (const line of caps.raw) {
    const [keywordRaw = '', ...params] = line.trim().split(/\s+/)
    // Old servers advertise "AUTH=LOGIN PLAIN" for clients that predate RFC 4954.
    const legacyAuth = /^AUTH=(.*)$/i.exec(keywordRaw)
    if (legacyAuth) {
      addMechanisms(caps.auth, [legacyAuth[1] ?? '', ...params])
      continue
    }
    switch (keywordRaw.toUpperCase()) {
      case 'SIZE': {
        // RFC 1870: SIZE with no number, or 0, means no fixed limit.
        const limit = Number.parseInt(params[0] ?? '', 10)
        caps.size = Number.isFinite(limit) && limit >= 0 ? limit : 0
        break
      }
      case 'PIPELINING':
        caps.pipelining = true
        break
      case '8BITMIME':
        caps.eightBitMime = true
        break
      case 'SMTPUTF8':
        caps.smtpUtf8 = true
        break
      case 'ENHANCEDSTATUSCODES':
        caps.enhancedStatusCodes = true
        break
      case 'STARTTLS':
        caps.startTls = true
        break
      case 'AUTH':
        addMechanisms(caps.auth, params)
        break
      case 'DSN':
        caps.dsn = true
        break
      case 'CHUNKING':
        caps.chunking = true
        break
      case 'BINARYMIME':
        caps.binaryMime = true
        break
      case 'REQUIRETLS':
        caps.requireTls = true
        break
    }
  }
  return caps
}

/** The message size limit, or undefined when the server sets none (absent or 0). */
export function sizeLimit(caps: Capabilities): number | undefined {
  return caps.size !== undefined && caps.size > 0 ? caps.size : undefined
}
