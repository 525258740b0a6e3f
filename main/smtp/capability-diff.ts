// What changed in the EHLO reply when TLS started (RFC 3207 4.2: the client must forget
// what it learned in plaintext, so the server may offer more, or less, afterwards). One
// function for `mailwire probe` and the app's probe view.
import type { Capabilities, CapabilityChange } from './types'

/** The keyword of an EHLO line: "SIZE 10240000" → SIZE; "AUTH=LOGIN" stays as it is. */
export function capabilityKeyword(line: string): string {
  return (line.trim().split(/\s+/)[0] ?? '').toUpperCase()
}

/**
 * One row per keyword: in the order the server listed them before TLS, then those that
 * only came after. A keyword listed twice keeps its last line.
 */
export function diffCapabilities(before: Capabilities, after: Capabilities): CapabilityChange[] {
  const rows = new Map<string, { keyword: string; before?: string; after?: string }>()
  for (const line of before.raw) rows.set(capabilityKeyword(line), { keyword: capabilityKeyword(line), before: line })
  for (const line of after.raw) {
    const keyword = capabilityKeyword(line)
    const row = rows.get(keyword) ?? { keyword }
    row.after = line
    rows.set(keyword, row)
  }
  return [...rows.values()].map((row) => ({ ...row, change: changeOf(row.before, row.after) }))
}

function changeOf(before: string | undefined, after: string | undefined): CapabilityChange['change'] {
  if (after === undefined) return 'disappeared'
  if (before === undefined) return 'appeared'
  return before === after ? 'same' : 'changed'
}
