// A proxy as people write it: socks5://[user@]host:port, socks5h://…, http://…. The
// password never goes into the URL (it would sit in shell history and profiles in clear):
// it comes separately, like the SMTP password.
import type { ProxyOptions } from './types'

const PROTOCOLS: Record<string, ProxyOptions['protocol']> = { 'socks5:': 'socks5', 'socks5h:': 'socks5h', 'http:': 'http' }
const DEFAULT_PORTS: Record<ProxyOptions['protocol'], number> = { socks5: 1080, socks5h: 1080, http: 8080 }

/** The proxy a URL names, without a password; throws an Error saying what is wrong. */
export function parseProxyUrl(text: string): Omit<ProxyOptions, 'password'> {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new Error(`not a proxy URL: '${text}' (write socks5://[user@]host:port, socks5h://… or http://…)`)
  }
  const protocol = PROTOCOLS[url.protocol]
  if (!protocol) throw new Error(`unsupported proxy protocol '${url.protocol.replace(/:$/, '')}' (socks5, socks5h or http)`)
  if (url.password !== '') throw new Error('the proxy password does not go into the URL (it would be kept in clear): give it separately')
  if (url.pathname !== '' && url.pathname !== '/') throw new Error(`a proxy URL has no path (got '${url.pathname}')`)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (host === '') throw new Error('the proxy URL names no host')
  const port = url.port === '' ? DEFAULT_PORTS[protocol] : Number(url.port)
  const user = url.username === '' ? undefined : decodeURIComponent(url.username)
  return { protocol, host, port, ...(user !== undefined ? { user } : {}) }
}
