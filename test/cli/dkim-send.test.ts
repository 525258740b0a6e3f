// `mailwire send --dkim-*`: the message is signed (RSA and Ed25519), sent to a real SMTP
// server, and the message that arrived is verified with mailauth against the public key
// served by a table resolver (no DNS leaves the process).
import { dkimVerify } from 'mailauth/lib/dkim/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ed25519KeyPair, rsaKeyPair, tableResolver, type DkimKeyPair } from '../support/dkim-keys'
import { cli } from './support/capture-io'
import { inProcessServer, type InProcessServer } from './support/smtp-server'
import { tempFiles, type TempFiles } from './support/temp-files'

const DOMAIN = 'sender.test'
let server: InProcessServer
let files: TempFiles
let caPath: string
let rsa: DkimKeyPair
let ed25519: DkimKeyPair

beforeAll(async () => {
  server = await inProcessServer()
  files = tempFiles()
  caPath = files.write('ca.pem', server.caPem)
  rsa = rsaKeyPair()
  ed25519 = ed25519KeyPair()
})
afterAll(async () => {
  await server.stop()
  files.remove()
})

const resolver = () =>
  tableResolver({ [`rsa1._domainkey.${DOMAIN}`]: [rsa.record], [`ed1._domainkey.${DOMAIN}`]: [ed25519.record] })

async function verify(raw: string) {
  const { results } = await dkimVerify(Buffer.from(raw), { resolver: resolver() })
  return results
}

function sendSigned(selector: string, key: DkimKeyPair, ...extra: string[]) {
  const keyPath = files.write(`${selector}.pem`, key.privateKey)
  return cli([
    'send', '--server', `127.0.0.1:${server.port}`, '--ca', caPath, '--from', `Ann <ann@${DOMAIN}>`, '--to', 'bob@rcpt.test',
    '--dkim-domain', DOMAIN, '--dkim-selector', selector, '--dkim-key', keyPath, ...extra,
  ])
}

function keyMaterial(key: DkimKeyPair): string {
  return key.privateKey.split('\n').filter((line) => line !== '' && !line.startsWith('-----')).join('')
}

describe('mailwire send with DKIM signing', () => {
  it('signs with RSA: the signature is in the transcript, the key is not, and the arrived message passes', async () => {
    const before = server.messages.length
    const run = await sendSigned('rsa1', rsa, '--subject', 'Signed', '--body', 'Hello, DKIM')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/ ~> DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=sender\.test;/)
    for (const line of keyMaterial(rsa).match(/.{1,40}/g)!) expect(run.stdout).not.toContain(line)
    expect(server.messages.length).toBe(before + 1)
    const raw = server.messages.at(-1)!.raw
    expect(raw.startsWith('DKIM-Signature:')).toBe(true)
    const [result] = await verify(raw)
    expect(result?.status.result).toBe('pass')
    expect(result?.signingDomain).toBe(DOMAIN)
  })

  it('signs with Ed25519 over the header fields --dkim-headers names', async () => {
    const run = await sendSigned('ed1', ed25519, '--subject', 'Ed', '--body', 'Hello', '--dkim-headers', 'From,To,Subject', '--json')
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain(keyMaterial(ed25519).slice(-30))
    const raw = server.messages.at(-1)!.raw
    expect(raw).toMatch(/a=ed25519-sha256/)
    const signed = /\bh=([^;]+);/.exec(raw)?.[1]?.split(/\s*:\s*/).map((name) => name.trim()).sort()
    expect(signed).toEqual(['From', 'Subject', 'To'])
    const [result] = await verify(raw)
    expect(result?.status.result).toBe('pass')
  })

  it('a header changed after signing fails, and says why', async () => {
    const run = await sendSigned('rsa1', rsa, '--subject', 'Original subject', '--body', 'Hello')
    expect(run.code).toBe(0)
    const tampered = server.messages.at(-1)!.raw.replace('Subject: Original subject', 'Subject: Changed subject')
    const [result] = await verify(tampered)
    expect(result?.status.result).toBe('fail')
    expect(result?.status.comment).toMatch(/signature/)
  })

  it('signs a --data-file message as it is', async () => {
    const dataFile = files.write('raw.eml', `From: ann@${DOMAIN}\r\nTo: bob@rcpt.test\r\nSubject: Raw\r\nDate: Thu, 03 Dec 2026 12:00:00 +0000\r\n\r\nRaw body\r\n`)
    const run = await sendSigned('ed1', ed25519, '--data-file', dataFile)
    expect(run.code).toBe(0)
    const raw = server.messages.at(-1)!.raw
    expect(raw).toContain('Raw body')
    const [result] = await verify(raw)
    expect(result?.status.result).toBe('pass')
  })

  it('refuses a key that is not a private key before connecting (exit 2)', async () => {
    const before = server.messages.length
    const keyPath = files.write('public.pem', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')
    const run = await cli([
      'send', '--server', `127.0.0.1:${server.port}`, '--ca', caPath, '--from', `ann@${DOMAIN}`, '--to', 'bob@rcpt.test',
      '--dkim-domain', DOMAIN, '--dkim-selector', 's', '--dkim-key', keyPath,
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--dkim-key .*public\.pem is not a PEM private key/)
    expect(server.messages.length).toBe(before)
  })

  it('needs the domain, the selector and the key together', async () => {
    const run = await cli(['send', '--server', '127.0.0.1:1', '--from', `ann@${DOMAIN}`, '--to', 'b@rcpt.test', '--dkim-domain', DOMAIN])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/missing --dkim-selector, --dkim-key/)
  })
})
