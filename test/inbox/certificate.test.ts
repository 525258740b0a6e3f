// The inbox's self-signed certificate: made once, kept, reused; made again when it is
// missing, unreadable, for other names, or (about to be) expired.
import { createPrivateKey } from 'node:crypto'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import selfsigned from 'selfsigned'
import { describe, expect, it } from 'vitest'
import { CERTIFICATE_FILE, loadOrCreateCertificate } from '../../main/inbox/certificate'
import { useInboxFixture } from './support/inbox-fixture'

const fixture = useInboxFixture()
const DAY = 24 * 60 * 60 * 1000

async function writeKept(dataDir: string, options: { from: number; to: number; host?: string }): Promise<void> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'kept' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(options.from),
    notAfterDate: new Date(options.to),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: options.host ?? 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  })
  await mkdir(join(dataDir, 'tls'), { recursive: true })
  await writeFile(join(dataDir, CERTIFICATE_FILE), pems.cert + pems.private)
}

describe('local inbox certificate', () => {
  it('is made on first start, kept private, and reused by the next start', async () => {
    const dataDir = await fixture.dataDir()
    const first = await fixture.start({ dataDir })
    const file = join(dataDir, CERTIFICATE_FILE)
    const before = await stat(file)
    expect(before.mode & 0o777).toBe(0o600)
    await first.stop()

    const second = await fixture.start({ dataDir })
    expect(second.caPem).toBe(first.caPem)
    expect(second.certificateFingerprint).toBe(first.certificateFingerprint)
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)

    const kept = await loadOrCreateCertificate(dataDir)
    expect(kept.created).toBe(false)
    expect(createPrivateKey(kept.key).asymmetricKeyType).toBe('ec')
  })

  it('is made again when the file is missing or unreadable', async () => {
    const dataDir = await fixture.dataDir()
    const original = await loadOrCreateCertificate(dataDir)
    expect(original.created).toBe(true)

    await rm(join(dataDir, CERTIFICATE_FILE))
    const remade = await loadOrCreateCertificate(dataDir)
    expect(remade.created).toBe(true)
    expect(remade.fingerprint256).not.toBe(original.fingerprint256)

    await writeFile(join(dataDir, CERTIFICATE_FILE), 'not a certificate')
    expect((await loadOrCreateCertificate(dataDir)).created).toBe(true)
    expect(await readFile(join(dataDir, CERTIFICATE_FILE), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)
  })

  it.each([
    ['expired', { from: Date.now() - 30 * DAY, to: Date.now() - DAY }],
    ['about to expire', { from: Date.now() - 30 * DAY, to: Date.now() + 2 * DAY }],
    ['for another host', { from: Date.now() - DAY, to: Date.now() + 300 * DAY, host: 'elsewhere.test' }],
    ['not valid yet', { from: Date.now() + DAY, to: Date.now() + 300 * DAY }],
  ])('is made again when the kept one is %s', async (_case, validity) => {
    const dataDir = await fixture.dataDir()
    await writeKept(dataDir, validity)
    const certificate = await loadOrCreateCertificate(dataDir)
    expect(certificate.created).toBe(true)
    expect(certificate.validTo.getTime()).toBeGreaterThan(Date.now() + 300 * DAY)
  })

  it('reuses a kept certificate that is still good, even one it did not make', async () => {
    const dataDir = await fixture.dataDir()
    await writeKept(dataDir, { from: Date.now() - DAY, to: Date.now() + 100 * DAY })
    const certificate = await loadOrCreateCertificate(dataDir)
    expect(certificate.created).toBe(false)
  })
})
