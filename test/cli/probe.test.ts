// `mailwire probe` in-process against smtp-server: capabilities before and after STARTTLS,
// the certificate and its verdict, JSON, and the exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessServer, type InProcessServer } from './support/smtp-server'
import { cli, reasonLines } from './support/capture-io'
import { scriptedServer } from './support/scripted-server'
import { tempFiles, type TempFiles } from './support/temp-files'

let good: InProcessServer
let expired: InProcessServer
let files: TempFiles
let caPath: string

beforeAll(async () => {
  ;[good, expired] = await Promise.all([inProcessServer(), inProcessServer({ certificate: 'expired' })])
  files = tempFiles()
  caPath = files.write('ca.pem', good.caPem)
})
afterAll(async () => {
  await Promise.all([good.stop(), expired.stop()])
  files.remove()
})

describe('mailwire probe', () => {
  it('shows the capabilities before and after STARTTLS side by side, and the certificate', async () => {
    const run = await cli(['probe', `127.0.0.1:${good.port}`, '--ca', caPath])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/ -> STARTTLS$/m)
    expect(run.stdout).toMatch(/ ~> QUIT$/m)
    expect(run.stdout).toMatch(/^ {2}before TLS +after TLS$/m)
    expect(run.stdout).toMatch(/^ {2}STARTTLS +— {3}\(disappeared after TLS\)$/m)
    expect(run.stdout).toMatch(/^ {2}PIPELINING +PIPELINING$/m)
    expect(run.stdout).toMatch(/^TLS \(STARTTLS\): TLSv1\.[23], \S+, certificate verified$/m)
    expect(run.stdout).toMatch(/^ {2}subject: +CN=localhost$/m)
    expect(run.stdout).toMatch(/^ {2}issuer: +CN=Mailwire Test CA$/m)
    expect(run.stdout).toMatch(/^ {2}names \(SAN\): .*IP Address:127\.0\.0\.1/m)
    expect(run.stdout).toMatch(/^ {2}valid: .* \((29|30) days left\)$/m)
    expect(run.stdout).toMatch(/^ {2}sha256: +([0-9A-F]{2}:){31}[0-9A-F]{2}$/m)
  })

  it('goes on past an expired certificate: its verdict, what TLS offers, and exit 1', async () => {
    const run = await cli(['probe', `127.0.0.1:${expired.port}`, '--ca', caPath])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/certificate NOT verified \(CERT_HAS_EXPIRED\)/)
    expect(run.stdout).toMatch(/\(EXPIRED \d+ days? ago\)/)
    // The second EHLO, inside TLS.
    expect(run.stdout).toMatch(/ ~> EHLO /)
    expect(run.stdout).toMatch(/ <~ 250/)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: the server's certificate is NOT verified \(CERT_HAS_EXPIRED\): a send would stop after STARTTLS \(trust its CA with --ca PATH, or accept it anyway with --insecure\)$/)])
    expect(run.stdout + run.stderr).not.toMatch(/rejectUnauthorized/)
  })

  it('accepts it with --insecure, flagged in the verdict', async () => {
    const run = await cli(['probe', `127.0.0.1:${expired.port}`, '--insecure'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/certificate NOT verified \(.*; accepted because verification is off\)/)
  })

  it('shows one column when the server offers no STARTTLS', async () => {
    const plain = await inProcessServer({ startTls: false })
    const run = await cli(['probe', `127.0.0.1:${plain.port}`])
    await plain.stop()
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Capabilities \(without TLS: no STARTTLS offered\):$/m)
    expect(run.stdout).not.toMatch(/before TLS/)
  })

  it('prints one JSON object with the transcript and the probe result', async () => {
    const run = await cli(['probe', '--server', `127.0.0.1:${good.port}`, '--ca', caPath, '--json'])
    expect(run.code).toBe(0)
    const parsed = JSON.parse(run.stdout) as { transcript: unknown[]; probe: Record<string, unknown> }
    expect(Object.keys(parsed)).toEqual(['format', 'kind', 'writtenBy', 'startedAt', 'profile', 'transcript', 'probe'])
    expect(parsed.probe).toMatchObject({
      port: good.port,
      greeting: { code: 220 },
      capabilitiesBeforeTls: { startTls: true },
      capabilities: { startTls: false, auth: ['PLAIN', 'LOGIN'] },
      tls: { authorized: true, mode: 'starttls' },
    })
  })

  it('exits 3 when nothing listens, with one line of reason', async () => {
    const closed = await scriptedServer(async (peer) => peer.close())
    const port = closed.port
    await closed.stop()
    const run = await cli(['probe', `127.0.0.1:${port}`])
    expect(run.code).toBe(3)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*(refused|cannot connect)/i)])
  })
})
