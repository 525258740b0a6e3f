// A test certificate authority and the server certificates tests need: one valid for
// localhost, 127.0.0.1 and ::1, one expired, one for another host name, one self-signed.
// Generated once per process (EC keys, a few ms each) and handed to connections as `ca`.
import selfsigned from 'selfsigned'

export interface KeyPair {
  key: string
  cert: string
}

export interface TestPki {
  ca: KeyPair
  /** Valid for localhost, 127.0.0.1 and ::1, signed by the CA. */
  server: KeyPair
  /** Signed by the CA, but expired yesterday. */
  expired: KeyPair
  /** Signed by the CA, for wrong-host.test only. */
  wrongHost: KeyPair
  /** Self-signed, not from the CA. */
  selfSigned: KeyPair
}

const DAY = 24 * 60 * 60 * 1000

const loopbackNames = [
  { type: 2, value: 'localhost' },
  { type: 7, ip: '127.0.0.1' },
  { type: 7, ip: '::1' },
]

function leafExtensions(altNames: object[], use: 'server' | 'client' = 'server') {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', ...(use === 'server' ? { serverAuth: true } : { clientAuth: true }) },
    { name: 'subjectAltName', altNames },
  ]
}

async function issue(
  commonName: string,
  options: { ca?: KeyPair; altNames: object[]; notBefore?: Date; notAfter?: Date; use?: 'server' | 'client' },
): Promise<KeyPair> {
  const now = Date.now()
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: options.notBefore ?? new Date(now - DAY),
    notAfterDate: options.notAfter ?? new Date(now + 30 * DAY),
    extensions: leafExtensions(options.altNames, options.use),
    ...(options.ca ? { ca: { key: options.ca.key, cert: options.ca.cert } } : {}),
  } as Parameters<typeof selfsigned.generate>[1])
  return { key: pems.private, cert: pems.cert }
}

/** A client certificate (extended key usage clientAuth) signed by `ca`, for TLS client authentication. */
export function issueClientCertificate(ca: KeyPair, commonName: string): Promise<KeyPair> {
  return issue(commonName, { ca, altNames: [{ type: 2, value: commonName }], use: 'client' })
}

/** A server certificate for these DNS names, signed by `ca` (an MX or an MTA-STS policy host). */
export function issueServerCertificate(ca: KeyPair, names: string[]): Promise<KeyPair> {
  return issue(names[0] ?? 'server.test', { ca, altNames: names.map((value) => ({ type: 2, value })) })
}

/** A CA of its own (a second one: certificates it signs are not trusted by the test CA). */
export async function createCa(commonName = 'Mailwire Test CA'): Promise<KeyPair> {
  const now = Date.now()
  const caPems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY),
    notAfterDate: new Date(now + 365 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  } as Parameters<typeof selfsigned.generate>[1])
  return { key: caPems.private, cert: caPems.cert }
}

export async function createTestPki(): Promise<TestPki> {
  const now = Date.now()
  const caPems = await selfsigned.generate([{ name: 'commonName', value: 'Mailwire Test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY),
    notAfterDate: new Date(now + 365 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  } as Parameters<typeof selfsigned.generate>[1])
  const ca = { key: caPems.private, cert: caPems.cert }
  const [server, expired, wrongHost, selfSigned] = await Promise.all([
    issue('localhost', { ca, altNames: loopbackNames }),
    issue('localhost', {
      ca,
      altNames: loopbackNames,
      notBefore: new Date(now - 30 * DAY),
      notAfter: new Date(now - DAY),
    }),
    issue('wrong-host.test', { ca, altNames: [{ type: 2, value: 'wrong-host.test' }] }),
    issue('localhost', { altNames: loopbackNames }),
  ])
  return { ca, server, expired, wrongHost, selfSigned }
}

let shared: Promise<TestPki> | undefined

/** One PKI per test process. */
export function testPki(): Promise<TestPki> {
  shared ??= createTestPki()
  return shared
}
