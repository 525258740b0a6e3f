// The TXT records of a domain's mail security, parsed with their errors named: SPF (RFC 7208),
// DMARC (RFC 7489), MTA-STS (RFC 8461 sections 3.1 and 3.2) and TLS-RPT (RFC 8460 section 3).
import type { ParsedRecord } from './types'

/** Tag=value; tag=value records: DMARC, MTA-STS, TLS-RPT. */
function tagList(record: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const part of record.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    fields[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim()
  }
  return fields
}

/** The one record that starts with `version`; more than one is an error of its own. */
function pick(records: readonly string[], version: RegExp, what: string): { record?: string; errors: string[] } {
  const matching = records.filter((record) => version.test(record))
  if (matching.length === 0) return { errors: [`no ${what} record`] }
  if (matching.length > 1) return { record: matching[0]!, errors: [`${matching.length} ${what} records: there must be exactly one, so a receiver treats it as none`] }
  return { record: matching[0]!, errors: [] }
}

/** RFC 7208 section 4.6.4: at most 10 mechanisms and modifiers that cause DNS lookups. */
const SPF_LOOKUP_LIMIT = 10
const SPF_TERM = /^([+?~-]?)(all|include|a|mx|ptr|ip4|ip6|exists)(?:[:/](.*))?$|^(redirect|exp)=(.+)$/i

export function parseSpf(records: readonly string[]): ParsedRecord {
  const { record, errors } = pick(records, /^v=spf1(\s|$)/i, 'SPF (v=spf1)')
  const fields: Record<string, string> = {}
  if (!record) return { fields, errors }
  let lookups = 0
  for (const term of record.split(/\s+/).slice(1).filter((t) => t !== '')) {
    const match = SPF_TERM.exec(term)
    if (!match) {
      errors.push(`unknown term "${term}" (a receiver returns permerror)`)
      continue
    }
    const name = (match[2] ?? match[4] ?? '').toLowerCase()
    fields[name] = fields[name] ? `${fields[name]} ${term}` : term
    if (['include', 'a', 'mx', 'ptr', 'exists', 'redirect'].includes(name)) lookups++
    if (name === 'all' && match[1] === '+') errors.push('+all lets every host on the Internet send as this domain')
  }
  if (lookups > SPF_LOOKUP_LIMIT) errors.push(`${lookups} terms need DNS lookups: more than ${SPF_LOOKUP_LIMIT} is permerror (RFC 7208 section 4.6.4)`)
  if (!fields['all'] && !fields['redirect']) errors.push('no "all" and no redirect: mail from unlisted hosts gets neutral')
  return { record, fields, errors }
}

export function parseDmarc(records: readonly string[]): ParsedRecord {
  const { record, errors } = pick(records, /^v\s*=\s*DMARC1\s*(;|$)/i, 'DMARC (v=DMARC1)')
  if (!record) return { fields: {}, errors }
  const fields = tagList(record)
  const policy = fields['p']?.toLowerCase()
  if (policy === undefined) errors.push('no p= tag: the record is invalid (RFC 7489 section 6.3)')
  else if (!['none', 'quarantine', 'reject'].includes(policy)) errors.push(`p=${fields['p']} is not none, quarantine or reject`)
  for (const tag of ['adkim', 'aspf'] as const) {
    if (fields[tag] !== undefined && !/^[rs]$/i.test(fields[tag]!)) errors.push(`${tag}=${fields[tag]} is not r or s`)
  }
  if (fields['pct'] !== undefined && !(/^\d{1,3}$/.test(fields['pct']!) && Number(fields['pct']) <= 100)) errors.push(`pct=${fields['pct']} is not 0 to 100`)
  return { record, fields, errors }
}

export function parseMtaStsTxt(records: readonly string[]): ParsedRecord {
  const { record, errors } = pick(records, /^v\s*=\s*STSv1\s*(;|$)/i, 'MTA-STS (v=STSv1)')
  if (!record) return { fields: {}, errors }
  const fields = tagList(record)
  if (!/^[A-Za-z0-9]{1,32}$/.test(fields['id'] ?? '')) errors.push('id= must be 1 to 32 letters and digits (RFC 8461 section 3.1)')
  return { record, fields, errors }
}

export function parseTlsRpt(records: readonly string[]): ParsedRecord {
  const { record, errors } = pick(records, /^v\s*=\s*TLSRPTv1\s*(;|$)/i, 'TLS-RPT (v=TLSRPTv1)')
  if (!record) return { fields: {}, errors }
  const fields = tagList(record)
  const rua = fields['rua']
  if (!rua) errors.push('no rua= (where reports go)')
  else for (const uri of rua.split(',')) if (!/^(mailto:|https:)/i.test(uri.trim())) errors.push(`rua ${uri.trim()} is not mailto: or https:`)
  return { record, fields, errors }
}

/** RFC 8461 section 3.2: key: value lines. */
export function parseMtaStsPolicy(text: string): { mode?: 'enforce' | 'testing' | 'none'; mx: string[]; maxAge?: number; errors: string[] } {
  const errors: string[] = []
  const mx: string[] = []
  const fields: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon === -1) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (key === 'mx') mx.push(value.toLowerCase())
    else fields[key] = value
  }
  if (fields['version'] !== 'STSv1') errors.push(`version is ${fields['version'] ?? 'missing'}, not STSv1`)
  const mode = fields['mode']
  if (mode !== 'enforce' && mode !== 'testing' && mode !== 'none') errors.push(`mode is ${mode ?? 'missing'}, not enforce, testing or none`)
  const maxAge = /^\d{1,10}$/.test(fields['max_age'] ?? '') ? Number(fields['max_age']) : undefined
  if (maxAge === undefined) errors.push('max_age is missing or not a number of seconds')
  if (mx.length === 0 && mode !== 'none') errors.push('no mx: line: no exchanger can match')
  return { ...(mode === 'enforce' || mode === 'testing' || mode === 'none' ? { mode } : {}), mx, ...(maxAge !== undefined ? { maxAge } : {}), errors }
}

/** RFC 8461 section 4.1: a pattern is a name, or "*." and a name matching one more label on the left. */
export function mxMatchesPattern(exchange: string, pattern: string): boolean {
  const host = exchange.toLowerCase().replace(/\.$/, '')
  const wanted = pattern.toLowerCase().replace(/\.$/, '')
  if (wanted.startsWith('*.')) {
    const dot = host.indexOf('.')
    return dot > 0 && host.slice(dot + 1) === wanted.slice(2)
  }
  return host === wanted
}
