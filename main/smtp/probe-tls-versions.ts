// Which TLS versions a server accepts: TLS 1.0, 1.1, 1.2 and 1.3, each on its own
// connection limited to that one version (below 1.2 with OpenSSL's security level lowered
// for that connection, tls-options.ts). Only the handshake is judged: the certificate's
// verdict is the main probe's business, so it is not enforced here.
import { probeServer, type ProbeOptions } from './probe'
import { usesImplicitTls } from './session-setup'
import { TLS_VERSIONS } from './tls-options'
import type { TlsVersion, TlsVersionSupport } from './types'

export type TlsVersionsOptions = Omit<ProbeOptions, 'onWire'>

export async function probeTlsVersions(options: TlsVersionsOptions, versions: readonly TlsVersion[] = TLS_VERSIONS): Promise<TlsVersionSupport[]> {
  // TLS the way the probe would use it: from the first byte on an implicit port, else STARTTLS.
  const security = usesImplicitTls(options.security, options.port) ? 'implicit' : 'starttls'
  const cells: TlsVersionSupport[] = []
  // One after another: four handshakes at once look like an attack to some servers.
  for (const version of versions) {
    if (options.signal?.aborted) break
    const result = await probeServer({
      ...options,
      security,
      rejectUnauthorized: false,
      tlsClient: { ...options.tlsClient, minVersion: version, maxVersion: version },
    })
    const accepted = result.tls !== undefined && result.tls.protocol !== 'unknown'
    const detail = accepted ? `${result.tls!.protocol} ${result.tls!.cipher}` : (result.error?.message ?? 'no TLS')
    cells.push({ version, accepted, detail })
  }
  return cells
}
