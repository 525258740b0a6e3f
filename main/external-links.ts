// Links the app may hand to the OS: web pages over https and mailto: addresses. Nothing
// else (no file:, no custom protocols, no http) leaves through shell.openExternal.

const EXTERNAL_PROTOCOLS = new Set(['https:', 'mailto:'])

export function isSafeExternalUrl(text: string): boolean {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return false
  // https://user:pass@host tricks the eye about where the link goes.
  if (url.protocol === 'https:' && (url.username !== '' || url.password !== '' || url.hostname === '')) return false
  return true
}
