// The error an OAuth2 server sends inside AUTH XOAUTH2 or OAUTHBEARER: a 334 whose text is
// base64 JSON, {"status":"invalid_token","scope":"…","schemes":"bearer"} (RFC 7628 3.2.2;
// Google's XOAUTH2 sends the same members). The client must answer it (oauthbearer.ts,
// xoauth2.ts) and then gets the final refusal.
import type { OAuthErrorInfo } from '../types'

/** The decoded error, or undefined when the challenge is not one (not base64 JSON with a status). */
export function parseOAuthError(challenge: Buffer): OAuthErrorInfo | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(challenge.toString('utf8'))
  } catch {
    return undefined
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
  const { status, scope, schemes, ...other } = parsed as Record<string, unknown>
  if (status === undefined) return undefined
  const info: OAuthErrorInfo = { status: String(status) }
  if (scope !== undefined) info.scope = String(scope)
  if (schemes !== undefined) info.schemes = String(schemes)
  if (Object.keys(other).length > 0) info.other = other
  return info
}

/** "status invalid_token, scope https://mail.google.com/, schemes bearer". */
export function describeOAuthError(error: OAuthErrorInfo): string {
  const parts = [`status ${error.status}`]
  if (error.scope !== undefined) parts.push(`scope ${error.scope}`)
  if (error.schemes !== undefined) parts.push(`schemes ${error.schemes}`)
  for (const [key, value] of Object.entries(error.other ?? {})) parts.push(`${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
  return parts.join(', ')
}
