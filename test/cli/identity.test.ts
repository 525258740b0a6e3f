// The identity flags of the CLI: parsed and refused with a clear reason, and a whole send
// that uses every secret at once (an OAuth2 token, a client key's passphrase, a SOCKS5
// proxy password), after which no form of any of them is in stdout, stderr or --json.
import { createPrivateKey } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseArgs } from '../../main/cli/args'
import { hasMicrosocks, startMicrosocks, type Microsocks } from '../support/microsocks'
import { issueClientCertificate, testPki } from '../support/test-ca'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { startTlsSmtpServer } from '../smtp/support/tls-smtp-server'
import { cli } from './support/capture-io'
import { tempFiles } from './support/temp-files'

const TOKEN = 'ya29.cli-Token-0f9e8d7c'
const PASSPHRASE = 'cli-Passphrase-5b4a'
const PROXY = { user: 'relay', password: 'cli-ProxyPass-3c2d' }
const USER = 'ann@example.test'
const b64 = (text: string) => Buffer.from(text).toString('base64')

function secretForms(): Record<string, string> {
  return {
    token: TOKEN,
    tokenBase64: b64(TOKEN),
    xoauth2: b64(`user=${USER}\u0001auth=Bearer ${TOKEN}\u0001\u0001`),
    bearer: b64(`n,a=${USER},\u0001auth=Bearer ${TOKEN}\u0001\u0001`),
    passphrase: PASSPHRASE,
    proxyPassword: PROXY.password,
    proxyPasswordBase64: b64(PROXY.password),
    proxyBasic: b64(`${PROXY.user}:${PROXY.password}`),
  }
}

const send = (...extra: string[]) => ['send', '--from', USER, '--to', 'bob@example.test', '--body', 'hi', ...extra]

describe('identity flags: parsing', () => {
  it('takes every flag into the args', () => {
    const parsed = parseArgs(
      send('--server', 'mx.test:587', '--user', USER, '--auth-mech', 'oauthbearer', '--force-extensions', '--tls-cert', 'c.pem', '--tls-key', 'k.pem',
        '--tls-min', '1.0', '--tls-max', '1.2', '--tls-ciphers', 'HIGH:!aNULL', '--tls-sni', 'none', '--proxy', 'socks5h://me@proxy.test:1081',
        '--proxy-protocol', 'v2', '--proxy-source', '192.0.2.1:4000', '--local-address', '127.0.0.2'),
    )
    expect(parsed).toMatchObject({
      command: 'send',
      args: {
        authMech: 'OAUTHBEARER',
        forceExtensions: true,
        tlsCertPath: 'c.pem',
        tlsKeyPath: 'k.pem',
        tlsMin: '1.0',
        tlsMax: '1.2',
        tlsCiphers: 'HIGH:!aNULL',
        tlsSni: null,
        proxy: { protocol: 'socks5h', host: 'proxy.test', port: 1081, user: 'me' },
        proxyHeader: { version: 'v2', source: { address: '192.0.2.1', port: 4000 } },
        localAddress: '127.0.0.2',
      },
    })
  })

  it.each([
    [['--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [['--tls-pfx', 'a.p12', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], /either --tls-pfx or --tls-cert/],
    [['--tls-min', '1.3', '--tls-max', '1.2'], /--tls-min 1\.3 is above --tls-max 1\.2/],
    [['--tls-min', '1.4'], /--tls-min must be one of 1\.0, 1\.1, 1\.2, 1\.3/],
    [['--proxy', 'socks5://me:secret@proxy.test:1080'], /proxy password does not go into the URL/],
    [['--proxy', 'ftp://proxy.test'], /unsupported proxy protocol 'ftp'/],
    [['--proxy-protocol', 'v3'], /--proxy-protocol must be one of v1, v2/],
    [['--proxy-source', '192.0.2.1'], /--proxy-source goes with --proxy-protocol/],
    [['--local-address', 'eth0'], /--local-address must be an IP address/],
    [['--auth-mech', 'NTLM'], /--auth-mech must be one of PLAIN, LOGIN, CRAM-MD5, XOAUTH2, OAUTHBEARER/],
  ])('refuses %j', (extra, reason) => {
    expect(() => parseArgs(send('--server', 'mx.test', ...extra))).toThrow(reason)
  })

  it('connection flags do not go with --local', () => {
    expect(() => parseArgs(send('--local', '--proxy', 'socks5://127.0.0.1:1080'))).toThrow(/--proxy cannot be used with --local/)
  })

  it('a secret with no environment variable and no terminal: exit 2, nothing sent', async () => {
    const run = await cli(send('--server', '127.0.0.1:9', '--user', USER, '--auth-mech', 'XOAUTH2'))
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/the OAuth2 access token for ann@example\.test at 127\.0\.0\.1:9 is needed: set MAILWIRE_OAUTH_TOKEN/)
    const proxied = await cli(send('--server', '127.0.0.1:9', '--proxy', 'socks5://relay@127.0.0.1:9'))
    expect(proxied.stderr).toMatch(/the password of relay at the proxy 127\.0\.0\.1:9 is needed: set MAILWIRE_PROXY_PASSWORD/)
  })
})

describe.skipIf(!hasMicrosocks() && !process.env['CI'])('identity flags: a send with every secret, and none of them printed', () => {
  const files = tempFiles()
  let socks: Microsocks
  let server: TestServer
  let args: string[]
  beforeAll(async () => {
    const pki = await testPki()
    const client = await issueClientCertificate(pki.ca, 'cli.mailwire.test')
    const encrypted = createPrivateKey(client.key).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }).toString()
    socks = await startMicrosocks(PROXY)
    server = await startSmtpServer({ authMethods: ['XOAUTH2'], users: { [USER]: TOKEN }, requestCert: true, rejectUnauthorized: true, ca: pki.ca.cert })
    args = send(
      '--server', `localhost:${server.port}`, '--tls', 'starttls', '--ca', files.write('ca.pem', pki.ca.cert), '--user', USER, '--auth-mech', 'XOAUTH2',
      '--tls-cert', files.write('client.pem', client.cert), '--tls-key', files.write('client.key', encrypted),
      '--proxy', `socks5://${PROXY.user}@127.0.0.1:${socks.port}`,
    )
  })
  afterAll(async () => {
    await socks?.stop()
    await server?.close()
    files.remove()
  })
  const env = (token = TOKEN) => ({ MAILWIRE_OAUTH_TOKEN: token, MAILWIRE_TLS_PASSPHRASE: PASSPHRASE, MAILWIRE_PROXY_PASSWORD: PROXY.password })

  function expectNoSecret(text: string): void {
    for (const [form, secret] of Object.entries(secretForms())) expect(text.includes(secret), `the ${form} was printed`).toBe(false)
  }

  it('sends (transcript, then --json), through the proxy, with the certificate and the token', async () => {
    const run = await cli(args, { env: env() })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/proxy: SOCKS5 CONNECT .* as relay/)
    expect(run.stdout).toMatch(/client certificate .*CN=cli\.mailwire\.test/)
    expect(run.stdout).toMatch(/AUTH XOAUTH2 \*\*\*\*/)
    expectNoSecret(run.stdout + run.stderr)
    const json = await cli([...args, '--json'], { env: env() })
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout).result.status).toBe('sent')
    expectNoSecret(json.stdout + json.stderr)
    expect(server.received).toHaveLength(2)
  })

  it('a refused token: the OAuth2 error decoded, exit 1, still no secret', async () => {
    const run = await cli([...args, '--json'], { env: env(`${TOKEN}-expired`) })
    expect(run.code).toBe(1)
    const { result } = JSON.parse(run.stdout)
    expect(result.error.oauth).toMatchObject({ status: '401', schemes: 'bearer' })
    expectNoSecret(run.stdout + run.stderr)
    expect(run.stdout).not.toContain(`${TOKEN}-expired`)
  })

  it('a wrong passphrase is exit 2 before anything connects', async () => {
    const run = await cli(args, { env: { ...env(), MAILWIRE_TLS_PASSPHRASE: 'wrong-phrase' } })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--tls-key .*client\.key: the passphrase is wrong; nothing was sent/)
    expect(run.stderr).not.toContain('wrong-phrase')
  })
})

describe('probe --tls-versions', () => {
  it('shows which versions the server accepts, in text and in --json', async () => {
    const pki = await testPki()
    const files = tempFiles()
    const server = await startTlsSmtpServer({ key: pki.server.key, cert: pki.server.cert, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })
    try {
      const argv = ['probe', `127.0.0.1:${server.port}`, '--tls', 'implicit', '--ca', files.write('ca.pem', pki.ca.cert), '--tls-versions']
      const text = await cli(argv)
      expect(text.code, text.stderr).toBe(0)
      expect(text.stdout).toContain('TLS versions accepted (each tried alone): 1.0 no · 1.1 no · 1.2 yes · 1.3 no')
      const json = await cli([...argv, '--json'])
      expect(JSON.parse(json.stdout).probe.tlsVersions.map((cell: { accepted: boolean }) => cell.accepted)).toEqual([false, false, true, false])
    } finally {
      await server.close()
      files.remove()
    }
  })
})
