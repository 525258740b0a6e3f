// IP address tests that skip Node's IPv6 pattern when the text has fewer than two colons.
// The pattern is large: its first use compiled for 8 ms and again 5 ms (tier-up) in a
// one-message CLI send's profile (load 11), for "127.0.0.1:2525", which cannot be IPv6.
import net from 'node:net'

/** net.isIPv6, without the pattern for text with fewer than two ':' (every IPv6 literal has two, "::" at least). */
export const isIPv6 = (text: string): boolean => text.indexOf(':') !== text.lastIndexOf(':') && net.isIPv6(text)

/** net.isIP: 4, 6 or 0. */
export const isIP = (text: string): 0 | 4 | 6 => (net.isIPv4(text) ? 4 : isIPv6(text) ? 6 : 0)
