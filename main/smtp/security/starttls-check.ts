// What a sending MTA sees at an exchanger: greeting, EHLO, STARTTLS, and the certificate
// chain, checked for the MX host name against the trusted roots (RFC 8461 section 4.2) and
// kept as DER for DANE (RFC 7672). A few lines of SMTP, then QUIT: nothing is sent.
import { connect as netConnect, type Socket } from 'node:net'
import { checkServerIdentity, connect as tlsConnect, rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls'
import { ReplyParser } from '../reply-parser'

export const STARTTLS_CHECK_TIMEOUT_MS = 15_000
const MAX_CHAIN = 10

export interface StarttlsCheck {
  offered: boolean
  protocol?: string
  pkixValid?: boolean
  pkixError?: string
  /** Leaf first, DER. */
  chain: Buffer[]
  leafSubject?: string
  leafNames?: string[]
  error?: string
}

export interface StarttlsCheckOptions {
  address: string
  port: number
  /** The MX host name: the SNI name, the EHLO argument's peer, and the name the certificate must hold. */
  exchange: string
  ca?: string
  clientName?: string
  timeoutMs?: number
}

/** Reads one whole reply (multi-line included) at a time. */
function replies(socket: Socket): () => Promise<{ code: number; lines: string[] }> {
  const ready: Array<{ code: number; lines: string[] }> = []
  let waiting: ((reply: { code: number; lines: string[] }) => void) | undefined
  const parser = new ReplyParser({
    onLine: () => undefined,
    onReply: (reply) => {
      const value = { code: reply.code, lines: reply.lines }
      if (!waiting) return void ready.push(value)
      const give = waiting
      waiting = undefined
      give(value)
    },
  })
  socket.on('data', (chunk: Buffer) => {
    try {
      parser.feed(chunk)
    } catch (error) {
      socket.destroy(error as Error)
    }
  })
  return () => new Promise((resolve) => (ready.length > 0 ? resolve(ready.shift()!) : (waiting = resolve)))
}

export async function checkStarttls(options: StarttlsCheckOptions): Promise<StarttlsCheck> {
  const socket = netConnect({ host: options.address, port: options.port })
  const timeout = options.timeoutMs ?? STARTTLS_CHECK_TIMEOUT_MS
  socket.setTimeout(timeout, () => socket.destroy(new Error(`no answer in ${timeout / 1000} s`)))
  const failed = new Promise<never>((_, reject) => socket.once('error', reject))
  failed.catch(() => undefined)
  const next = replies(socket)
  const say = (line: string) => socket.write(`${line}\r\n`)
  try {
    await Promise.race([new Promise((resolve) => socket.once('connect', resolve)), failed])
    const greeting = await Promise.race([next(), failed])
    if (greeting.code !== 220) return { offered: false, chain: [], error: `greeting ${greeting.code} ${greeting.lines.join(' ')}` }
    say(`EHLO ${options.clientName ?? 'mailwire.invalid'}`)
    const ehlo = await Promise.race([next(), failed])
    const offered = ehlo.code === 250 && ehlo.lines.some((line) => /^STARTTLS\b/i.test(line))
    if (!offered) {
      say('QUIT')
      return { offered: false, chain: [] }
    }
    say('STARTTLS')
    const go = await Promise.race([next(), failed])
    if (go.code !== 220) return { offered: true, chain: [], error: `STARTTLS answered ${go.code} ${go.lines.join(' ')}` }
    socket.removeAllListeners('data')
    const secure: TLSSocket = tlsConnect({
      socket,
      servername: options.exchange,
      ca: options.ca ? [...rootCertificates, options.ca] : [...rootCertificates],
      // Judged here, not refused: the report says what a sender would do with any certificate.
      rejectUnauthorized: false,
      checkServerIdentity: (_name, cert) => checkServerIdentity(options.exchange, cert),
    })
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve())
      secure.once('error', reject)
    })
    const chain: Buffer[] = []
    let cert: DetailedPeerCertificate | undefined = secure.getPeerCertificate(true)
    const leaf = cert
    while (cert?.raw && chain.length < MAX_CHAIN && !chain.some((seen) => seen.equals(cert!.raw))) {
      chain.push(cert.raw)
      cert = cert.issuerCertificate
    }
    const result: StarttlsCheck = {
      offered: true,
      protocol: secure.getProtocol() ?? 'unknown',
      pkixValid: secure.authorized,
      ...(secure.authorized ? {} : { pkixError: String(secure.authorizationError ?? 'not trusted') }),
      chain,
      ...(leaf?.subject ? { leafSubject: Object.entries(leaf.subject).map(([k, v]) => `${k}=${String(v)}`).join(', ') } : {}),
      leafNames: leaf?.subjectaltname ? leaf.subjectaltname.split(/,\s*/) : [],
    }
    secure.end('QUIT\r\n')
    return result
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { offered: false, chain: [], error: code ? `${code} (${(error as Error).message})` : (error as Error).message }
  } finally {
    socket.destroy()
  }
}
