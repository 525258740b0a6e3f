// The console goes the profile's way too: through its HTTP CONNECT proxy with a login,
// the hop in the console's log and the proxy password nowhere in it.
import { afterEach, expect, it } from 'vitest'
import { useTempDirs } from '../services/support/temp-dir'
import { startHttpConnectProxy } from '../smtp/support/http-connect-proxy'
import { smtpServerForTest } from '../smtp/support/smtp-server'
import { testPki } from '../support/test-ca'
import { closeOpenConsoles, openConsole } from './support/console-app'

const tempDir = useTempDirs()
const PROXY = { user: 'relay', password: 'Console-ProxyPass-1f1f' }
afterEach(closeOpenConsoles)

it('opens through the profile\'s proxy', async () => {
  const pki = await testPki()
  const server = await smtpServerForTest({})
  const proxy = await startHttpConnectProxy(PROXY)
  try {
    const c = await openConsole(await tempDir(), {
      name: 'via proxy',
      host: '127.0.0.1',
      port: server.port,
      security: 'starttls',
      username: '',
      clientName: 'console.mailwire.test',
      allowInvalidCertificate: false,
      allowPlaintextAuth: false,
      caPem: pki.ca.cert,
      proxyUrl: `http://${PROXY.user}@127.0.0.1:${proxy.port}`,
      proxyPassword: PROXY.password,
    })
    expect(c.opened.reply).toMatchObject({ code: 220 })
    expect(proxy.requests).toHaveLength(1)
    expect(c.lines()).toContain('I: proxy: HTTP/1.1 200 Connection established')
    expect(JSON.stringify(c.events())).not.toContain(PROXY.password)
  } finally {
    await proxy.close()
  }
})
