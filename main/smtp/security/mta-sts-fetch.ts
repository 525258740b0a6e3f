// RFC 8461 section 3.3: the policy is fetched from https://mta-sts.<domain>/.well-known/
// mta-sts.txt with a certificate valid for that name that chains to a trusted root, no
// redirects followed, a 200 answer of media type text/plain, and a bounded size.
import { request } from 'node:https'
import { checkServerIdentity, rootCertificates } from 'node:tls'
import { parseMtaStsPolicy } from './record-parsers'
import type { MtaStsPolicy } from './types'

/** RFC 8461 section 3.3 suggests a limit for the policy body; 64 KiB is far beyond a real one. */
const MAX_POLICY_BYTES = 64 * 1024
export const POLICY_TIMEOUT_MS = 10_000

export interface PolicyFetchOptions {
  /** The address to connect to (from the report's resolver): the name is still what the certificate must hold. */
  address: string
  /** 443 (RFC 8461); a test's server elsewhere. */
  port?: number
  /** A PEM CA trusted besides the system's roots (a private or test CA). */
  ca?: string
  timeoutMs?: number
}

export function fetchMtaStsPolicy(domain: string, options: PolicyFetchOptions): Promise<MtaStsPolicy> {
  const host = `mta-sts.${domain}`
  const url = `https://${host}/.well-known/mta-sts.txt`
  const failed = (why: string): MtaStsPolicy => ({ url, mx: [], errors: [why] })
  return new Promise((resolve) => {
    const req = request(
      {
        host: options.address,
        port: options.port ?? 443,
        path: '/.well-known/mta-sts.txt',
        method: 'GET',
        servername: host,
        headers: { host },
        ca: options.ca ? [...rootCertificates, options.ca] : [...rootCertificates],
        // The certificate must name mta-sts.<domain>, whatever address we reached it at.
        checkServerIdentity: (_name, cert) => checkServerIdentity(host, cert),
        timeout: options.timeoutMs ?? POLICY_TIMEOUT_MS,
      },
      (response) => {
        const status = response.statusCode ?? 0
        const type = String(response.headers['content-type'] ?? '')
        if (status !== 200) {
          response.resume()
          return resolve(failed(`HTTP ${status}${status >= 300 && status < 400 ? ' (a redirect: RFC 8461 forbids following it)' : ''}`))
        }
        if (!/^text\/plain\s*(;|$)/i.test(type)) {
          response.resume()
          return resolve(failed(`Content-Type is ${type || 'missing'}, not text/plain`))
        }
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_POLICY_BYTES) {
            req.destroy()
            resolve(failed(`the policy is over ${MAX_POLICY_BYTES} bytes`))
          } else chunks.push(chunk)
        })
        response.on('end', () => resolve({ url, ...parseMtaStsPolicy(Buffer.concat(chunks).toString('utf8')) }))
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer in ${(options.timeoutMs ?? POLICY_TIMEOUT_MS) / 1000} s`)))
    req.on('error', (error) => resolve(failed(`HTTPS fetch failed: ${(error as NodeJS.ErrnoException).code ?? error.message}`)))
    req.end()
  })
}
