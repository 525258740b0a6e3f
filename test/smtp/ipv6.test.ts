import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import { testPki } from '../support/test-ca'
import { startSmtpServer } from './support/smtp-server'

const hasLoopbackV6 = Object.values(networkInterfaces()).some((list) => list?.some((entry) => entry.address === '::1'))
// On a developer's machine without IPv6 the suite is skipped and says why; on CI
// (CI=true) it runs and fails, so a runner that lost IPv6 is not a silent pass.
const onCi = Boolean(process.env['CI'])

const describeWithIpv6 = hasLoopbackV6 || onCi ? describe : describe.skip

describeWithIpv6(hasLoopbackV6 || onCi ? 'IPv6' : 'IPv6 (skipped: this machine has no IPv6 loopback ::1; CI requires it)', () => {
  it('sends over ::1 with STARTTLS verified against the ::1 address', async () => {
    expect(hasLoopbackV6, 'this machine has no IPv6 loopback (::1), which CI requires').toBe(true)
    const pki = await testPki()
    const server = await startSmtpServer({ host: '::1' })
    try {
      for (const host of ['::1', '[::1]']) {
        const result = await sendMail(
          { host, port: server.port, security: 'starttls', ca: pki.ca.cert },
          { from: 'a@example.test', to: ['b@example.test'] },
          () => ({
            open: async function* () {
              yield Buffer.from('Subject: v6\r\n\r\nhi\r\n')
            },
            eightBit: false,
          }),
        )
        expect(result.status, JSON.stringify(result.error)).toBe('sent')
        expect(result.tls!.authorized).toBe(true)
      }
      expect(server.received).toHaveLength(2)
    } finally {
      await server.close()
    }
  })
})
