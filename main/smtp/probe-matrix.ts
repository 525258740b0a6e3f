// Which ports speak SMTP, and how: every port with every security mode, probed at once
// with a short timeout, one cell each. For "is it 465 or 587, and does 25 even answer?".
import { probeServer, type ProbeOptions } from './probe'
import { replySummary } from './errors'
import type { PortMatrixCell, ProbeResult, Timeouts } from './types'

type MatrixMode = PortMatrixCell['security']

/** Relay (RFC 5321 section 4.5.4.1), implicit TLS submission (RFC 8314 section 3.3), submission (RFC 6409). */
export const MATRIX_PORTS: readonly number[] = [25, 465, 587]
export const MATRIX_MODES: readonly MatrixMode[] = ['none', 'starttls', 'implicit']
/**
 * Every wait of a cell. Far below RFC 5321's minutes: a matrix is a quick look, and a port
 * that says nothing for this long is shown as a timeout rather than holding up the grid.
 */
export const MATRIX_TIMEOUT_MS = 5_000

export interface PortMatrixOptions extends Omit<ProbeOptions, 'port' | 'security' | 'timeouts' | 'onWire'> {
  ports?: readonly number[]
  modes?: readonly MatrixMode[]
  timeoutMs?: number
}

/** One cell per port and mode, ports in the order given, modes within each port. Never rejects. */
export async function probePortMatrix(options: PortMatrixOptions): Promise<PortMatrixCell[]> {
  const { ports = MATRIX_PORTS, modes = MATRIX_MODES, timeoutMs = MATRIX_TIMEOUT_MS, ...common } = options
  const timeouts = everyStep(timeoutMs)
  const cells = ports.flatMap((port) => modes.map((security) => ({ port, security })))
  return Promise.all(
    cells.map(async ({ port, security }) => {
      const started = Date.now()
      const result = await probeServer({ ...common, port, security, timeouts })
      return cellOf(port, security, result, Date.now() - started)
    }),
  )
}

function everyStep(ms: number): Timeouts {
  return {
    connect: ms,
    greeting: ms,
    ehlo: ms,
    starttls: ms,
    auth: ms,
    mail: ms,
    rcpt: ms,
    dataInit: ms,
    dataBlock: ms,
    dataTermination: ms,
    quit: ms,
  }
}

/** net-errors.ts ends a socket failure it recognises with its errno in brackets. */
const REFUSED = /\[ECONNREFUSED\]/

function cellOf(port: number, security: MatrixMode, result: ProbeResult, durationMs: number): PortMatrixCell {
  const base = { port, security, durationMs, ...(result.greeting ? { greeting: result.greeting } : {}) }
  const { error, tls } = result
  // The probe goes on past a certificate that fails verification; a send would not.
  if (!error && tls && !tls.authorized && !tls.verificationSkipped) {
    return { ...base, outcome: 'failed', detail: `TLS works, but the certificate is NOT verified (${tls.authorizationError ?? 'not trusted'})`, tlsProtocol: tls.protocol }
  }
  if (!error) {
    const capabilities = result.capabilities
    return {
      ...base,
      outcome: 'ok',
      detail: result.greeting ? replySummary(result.greeting) : 'answered',
      ...(result.tls ? { tlsProtocol: result.tls.protocol } : {}),
      ...(capabilities ? { startTlsOffered: capabilities.startTls, auth: capabilities.auth } : {}),
    }
  }
  if (error.code === 'ETIMEOUT') return { ...base, outcome: 'timeout', detail: error.message }
  if (error.code === 'ECONNECT' && !result.greeting && REFUSED.test(error.message)) {
    return { ...base, outcome: 'refused', detail: error.message }
  }
  return { ...base, outcome: 'failed', detail: error.message }
}
