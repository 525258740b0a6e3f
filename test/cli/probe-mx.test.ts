// `mailwire probe --mx DOMAIN`: the MX lookup (against a DNS responder of our own on
// 127.0.0.1, never a real resolver) in the transcript, then a probe of the most
// preferred exchanger; JSON; a domain without any exchanger; the flags it takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseArgs } from '../../main/cli/args'
import { refusal } from './support/refusal'
import { startDnsResponder, type DnsResponder } from '../probe/support/dns-responder'
import { cli, reasonLines } from './support/capture-io'
import { inProcessServer, type InProcessServer } from './support/smtp-server'
import { tempFiles, type TempFiles } from './support/temp-files'

let server: InProcessServer
let dns: DnsResponder
let files: TempFiles
let caPath: string

beforeAll(async () => {
  server = await inProcessServer()
  dns = await startDnsResponder({
    // The exchanger's name is an address, so connecting needs no lookup either.
    'mailwire.test': [
      { priority: 20, exchange: 'backup.invalid' },
      { priority: 10, exchange: '127.0.0.1' },
    ],
    'nullmx.test': [{ priority: 0, exchange: '.' }],
  })
  files = tempFiles()
  caPath = files.write('ca.pem', server.caPem)
})
afterAll(async () => {
  await Promise.all([server.stop(), dns.close()])
  files.remove()
})

const mxArgs = (domain: string) => ['probe', '--mx', domain, '--dns-server', dns.server, '--port', String(server.port), '--ca', caPath]

describe('mailwire probe --mx', () => {
  it('shows the exchangers by preference, then probes the first', async () => {
    const run = await cli(mxArgs('mailwire.test'))
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    const mxLines = lines.filter((line) => / == MX /.test(line)).map((line) => line.replace(/^.* == /, ''))
    expect(mxLines).toEqual(['MX 10 127.0.0.1', 'MX 20 backup.invalid'])
    // The lookup comes before the session it chose.
    expect(lines.findIndex((line) => / == MX 10 /.test(line))).toBeLessThan(lines.findIndex((line) => / -> EHLO /.test(line)))
    expect(run.stdout).toContain(`Probe of 127.0.0.1:${server.port} finished.`)
    expect(run.stdout).toMatch(/^ {2}before TLS +after TLS$/m)
    expect(dns.queries).toContain('mailwire.test MX')
  })

  it('puts the lookup under "mx" in JSON', async () => {
    const run = await cli([...mxArgs('mailwire.test'), '--json'])
    expect(run.code).toBe(0)
    const parsed = JSON.parse(run.stdout) as { transcript: unknown[]; mx: unknown; probe: { host: string } }
    expect(Object.keys(parsed)).toEqual(['format', 'kind', 'writtenBy', 'startedAt', 'profile', 'transcript', 'probe', 'mx'])
    expect(parsed.mx).toEqual({
      domain: 'mailwire.test',
      asciiDomain: 'mailwire.test',
      records: [
        { exchange: '127.0.0.1', priority: 10 },
        { exchange: 'backup.invalid', priority: 20 },
      ],
    })
    expect(parsed.probe.host).toBe('127.0.0.1')
  })

  it('exits 3 with one reason when the domain accepts no mail or does not exist', async () => {
    const nullMx = await cli(mxArgs('nullmx.test'))
    expect(nullMx.code).toBe(3)
    expect(reasonLines(nullMx)).toEqual(['mailwire: nullmx.test accepts no mail (null MX, RFC 7505)'])
    const missing = await cli(mxArgs('nowhere.test'))
    expect(missing.code).toBe(3)
    expect(reasonLines(missing)).toEqual([expect.stringMatching(/^mailwire: cannot look up the MX records of nowhere\.test: the domain does not exist/)])
    expect(missing.stdout).not.toMatch(/-> EHLO/)
  })

  it('parses --mx with --port and --dns-server, and refuses them where they do not belong', () => {
    expect(parseArgs(['probe', '--mx', 'example.test', '--dns-server', '[::1]:5353', '--dns-server', '192.0.2.53'])).toEqual({
      command: 'probe-mx',
      args: { domain: 'example.test', port: 25, dnsServers: ['[::1]:5353', '192.0.2.53'], tls: 'auto', insecure: false, json: false },
    })
    expect(refusal(['probe', 'mx.test', '--mx', 'example.test'])).toMatch(/either a server .* or --mx DOMAIN/)
    expect(refusal(['probe', 'mx.test', '--port', '25'])).toMatch(/--port goes with --mx/)
    expect(refusal(['probe', '--mx', 'example.test', '--dns-server', 'dns.example.test'])).toMatch(/--dns-server must be an IP address/)
    expect(refusal(['probe', '--mx', 'example.test', '--port', '0'])).toMatch(/--port must be a number from 1 to 65535/)
    expect(refusal(['send', '--mx', 'example.test'])).toBe("--mx does not apply to 'mailwire send'")
  })
})
