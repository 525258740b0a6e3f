// The probe's TLS version row: each version tried alone against node:tls servers limited
// to some versions (1.0 and 1.1 at OpenSSL security level 0, as our client lowers it).
import { describe, expect, it } from 'vitest'
import { probeTlsVersions } from '../../main/smtp/index'
import { testPki } from '../support/test-ca'
import { startTlsSmtpServer } from './support/tls-smtp-server'

const pki = await testPki()

async function versionsOf(serverOptions: Parameters<typeof startTlsSmtpServer>[0]) {
  const server = await startTlsSmtpServer({ key: pki.server.key, cert: pki.server.cert, ...serverOptions })
  try {
    return await probeTlsVersions({ host: '127.0.0.1', port: server.port, security: 'implicit' })
  } finally {
    await server.close()
  }
}

describe('probeTlsVersions', () => {
  it('a modern server: 1.2 and 1.3 only', async () => {
    const cells = await versionsOf({})
    expect(cells.map((cell) => [cell.version, cell.accepted])).toEqual([
      ['1.0', false],
      ['1.1', false],
      ['1.2', true],
      ['1.3', true],
    ])
    expect(cells[3]!.detail).toMatch(/^TLSv1\.3 TLS_/)
  })

  it('an old server: 1.0 and 1.1 only', async () => {
    const cells = await versionsOf({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' })
    expect(cells.filter((cell) => cell.accepted).map((cell) => cell.version)).toEqual(['1.0', '1.1'])
    expect(cells[3]!.detail).toMatch(/TLS handshake/)
  })
})
