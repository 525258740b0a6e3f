// `mailwire probe` as text: what the server offers before and after TLS, side by side,
// and who its certificate says it is.
import type { ProbeResult } from '../smtp/probe'
import type { Capabilities } from '../smtp/types'
import { palette, type Palette } from './colors'
import { formatReply } from './format-reply'
import { formatTimings } from './format-result'
import { formatCertificate, formatTlsSummary } from './format-tls'
import type { FormatOptions } from './format-wire-event'
import { safeText } from './safe-text'

const ABSENT = '—'
const COLUMN_GAP = 4

export interface CapabilityRow {
  keyword: string
  before?: string
  after?: string
}

/** The keyword of an EHLO line: "SIZE 10240000" → SIZE, "AUTH=LOGIN" → AUTH=LOGIN as is. */
function keywordOf(line: string): string {
  return (line.trim().split(/\s+/)[0] ?? '').toUpperCase()
}

/** One row per keyword: in the order the server listed them before TLS, then what only came after. */
export function capabilityRows(before: Capabilities, after: Capabilities): CapabilityRow[] {
  const rows = new Map<string, CapabilityRow>()
  for (const line of before.raw) rows.set(keywordOf(line), { keyword: keywordOf(line), before: line })
  for (const line of after.raw) {
    const keyword = keywordOf(line)
    const row = rows.get(keyword) ?? { keyword }
    row.after = line
    rows.set(keyword, row)
  }
  return [...rows.values()]
}

function sideBySide(before: Capabilities, after: Capabilities, colors: Palette): string[] {
  const rows = capabilityRows(before, after)
  const beforeHeading = 'before TLS'
  const width = Math.max(beforeHeading.length, ...rows.map((row) => safeText(row.before ?? ABSENT).length)) + COLUMN_GAP
  const lines = [`  ${beforeHeading.padEnd(width)}after TLS`]
  for (const row of rows) {
    const left = safeText(row.before ?? ABSENT)
    const right = safeText(row.after ?? ABSENT)
    let note = ''
    if (row.after === undefined) note = colors.yellow('   (disappeared after TLS)')
    else if (row.before === undefined) note = colors.green('   (appeared after TLS)')
    else if (row.before !== row.after) note = colors.cyan('   (changed)')
    lines.push(`  ${left.padEnd(width)}${right}${note}`)
  }
  return lines
}

function oneColumn(capabilities: Capabilities, heading: string): string[] {
  if (capabilities.helo) return [`${heading}: none (the server only took HELO: no ESMTP extensions)`]
  return [`${heading}:`, ...capabilities.raw.map((line) => `  ${safeText(line)}`)]
}

function capabilitySection(result: ProbeResult, colors: Palette): string[] {
  const { capabilities, capabilitiesBeforeTls: before, tls } = result
  if (!capabilities) return []
  if (before) return ['Capabilities, before and after STARTTLS:', ...sideBySide(before, capabilities, colors)]
  if (tls?.mode === 'implicit') return oneColumn(capabilities, 'Capabilities (TLS from the first byte)')
  const why = capabilities.startTls ? 'STARTTLS offered but not used' : 'no STARTTLS offered'
  return oneColumn(capabilities, `Capabilities (without TLS: ${why})`)
}

function tlsSection(result: ProbeResult, colors: Palette, now: number): string[] {
  const tls = result.tls
  if (!tls) return []
  const verdict = tls.authorized ? colors.green : colors.red
  const lines = [`TLS (${tls.mode === 'starttls' ? 'STARTTLS' : 'implicit'}): ${verdict(formatTlsSummary(tls))}`]
  const [leaf, ...chain] = tls.certificates
  if (leaf) lines.push('Certificate:', ...formatCertificate(leaf, now).map((line) => `  ${line}`))
  if (chain.length > 0) lines.push(`Chain sent by the server: ${chain.map((cert) => safeText(cert.subject)).join(' ← ')}`)
  return lines
}

export interface ProbeFormatOptions extends FormatOptions {
  /** For "days left"; now by default. */
  now?: number
}

/** The probe report after the transcript, ending with a line break. */
export function formatProbe(result: ProbeResult, options: ProbeFormatOptions = {}): string {
  const colors = palette(options.color)
  const where = result.host.includes(':') ? `[${result.host}]:${result.port}` : `${result.host}:${result.port}`
  const headline = result.error
    ? colors.red(`Probe of ${where} did not finish: ${safeText(result.error.message)}.`)
    : colors.green(`Probe of ${where} finished.`)
  const lines = [colors.bold(headline)]
  if (result.greeting) lines.push(`Greeting: ${formatReply(result.greeting)}`)
  if (result.clientName) lines.push(`Sent EHLO as: ${safeText(result.clientName)}`)
  lines.push(...capabilitySection(result, colors), ...tlsSection(result, colors, options.now ?? Date.now()))
  lines.push(colors.dim(formatTimings(result.timings, result.durationMs)))
  return `${lines.join('\n')}\n`
}

