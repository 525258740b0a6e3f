import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import { testPki } from '../support/test-ca'
import { startSmtpServer } from './support/smtp-server'

const hasLoopbackV6 = Object.values(networkInterfaces()).some((list) => list?.some((entry) => entry.address === '::1'))

describe.runIf(hasLoopbackV6)('IPv6', () => {
  it('sends over ::1 with STARTTLS verified against the ::1 address', async () => {
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
