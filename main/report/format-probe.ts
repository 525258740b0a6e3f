// `mailwire probe` as text: what the server offers before and after TLS, side by side,
// and who its certificate says it is.
import { diffCapabilities } from '../smtp/capability-diff'
import type { Capabilities, CapabilityChange, ProbeResult } from '../smtp/types'
import { palette, type Palette } from './colors'
import { formatReply } from './format-reply'
import { formatTimings } from './format-result'
import { formatCertificate, formatTlsSummary } from './format-tls'
import type { FormatOptions } from './format-wire-event'
import { safeText } from './safe-text'

const ABSENT = '—'
const COLUMN_GAP = 4

function changeNote(change: CapabilityChange['change'], colors: Palette): string {
  switch (change) {
    case 'disappeared':
      return colors.yellow('   (disappeared after TLS)')
    case 'appeared':
      return colors.green('   (appeared after TLS)')
    case 'changed':
      return colors.cyan('   (changed)')
    case 'same':
      return ''
  }
}

function sideBySide(before: Capabilities, after: Capabilities, colors: Palette): string[] {
  const rows = diffCapabilities(before, after)
  const beforeHeading = 'before TLS'
  const width = Math.max(beforeHeading.length, ...rows.map((row) => safeText(row.before ?? ABSENT).length)) + COLUMN_GAP
  const lines = [`  ${beforeHeading.padEnd(width)}after TLS`]
  for (const row of rows) {
    const left = safeText(row.before ?? ABSENT)
    const right = safeText(row.after ?? ABSENT)
    lines.push(`  ${left.padEnd(width)}${right}${changeNote(row.change, colors)}`)
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
  if (result.tlsVersions) lines.push(tlsVersionsRow(result, colors))
  lines.push(colors.dim(formatTimings(result.timings, result.durationMs)))
  return `${lines.join('\n')}\n`
}


/** "TLS versions: 1.0 no · 1.1 no · 1.2 yes · 1.3 yes", each tried on its own connection. */
function tlsVersionsRow(result: ProbeResult, colors: Palette): string {
  const cells = (result.tlsVersions ?? []).map((cell) => `${cell.version} ${cell.accepted ? colors.green('yes') : colors.dim('no')}`)
  return `TLS versions accepted (each tried alone): ${cells.join(' · ')}`
}
