// A profile's connection and identity settings through the real IPC handlers: saved and
// listed (secrets write-only: only has… flags come back), used by a send (an XOAUTH2 token,
// a client certificate with an encrypted key, an HTTP CONNECT proxy with a login), and no
// token, passphrase or proxy password in any file, event or IPC response.
import { createPrivateKey } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ComposeModel, Profile, ProfileInput, WireBatch } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { issueClientCertificate, testPki } from '../support/test-ca'
import { startHttpConnectProxy } from '../smtp/support/http-connect-proxy'
import { startSmtpServer } from '../smtp/support/smtp-server'
import { appUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const USER = 'alice@example.test'
const TOKEN = 'ya29.svc-Token-77aa55'
const PASSPHRASE = 'svc-Passphrase-3e3e'
const PROXY = { user: 'relay', password: 'svc-ProxyPass-9d9d' }
const b64 = (text: string) => Buffer.from(text).toString('base64')
const FORMS = [TOKEN, b64(TOKEN), b64(`user=${USER}\u0001auth=Bearer ${TOKEN}\u0001\u0001`), PASSPHRASE, PROXY.password, b64(PROXY.password), b64(`${PROXY.user}:${PROXY.password}`)]

const compose: ComposeModel = { from: USER, to: ['bob@rcpt.test'], cc: [], bcc: [], subject: 'identity', text: 'hi\n', attachments: [], headers: [] }

describe('profiles: connection and identity', () => {
  it('keeps the settings, the secrets write-only; a send uses them all; no secret anywhere', async () => {
    const dataDir = await tempDir()
    const pki = await testPki()
    const client = await issueClientCertificate(pki.ca, 'svc.mailwire.test')
    const certPath = join(dataDir, 'client-cert.pem')
    const keyPath = `${certPath}.key`
    await writeFile(certPath, client.cert)
    await writeFile(keyPath, createPrivateKey(client.key).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }).toString())
    const clients: Array<string | undefined> = []
    const server = await startSmtpServer({
      authMethods: ['XOAUTH2'],
      users: { [USER]: TOKEN },
      requestCert: true,
      rejectUnauthorized: true,
      ca: pki.ca.cert,
      onSecure(socket, _session, callback) {
        const peer = (socket as import('node:tls').TLSSocket).getPeerCertificate()
        clients.push(typeof peer.subject?.CN === 'string' ? peer.subject.CN : undefined)
        callback()
      },
    })
    const proxy = await startHttpConnectProxy(PROXY)
    try {
      const app = await appUnderTest({ dataDir })
      const input: ProfileInput = {
        name: 'OAuth via proxy',
        host: 'localhost',
        port: server.port,
        security: 'starttls',
        username: USER,
        clientName: 'svc.mailwire.test',
        allowInvalidCertificate: false,
        allowPlaintextAuth: false,
        caPem: pki.ca.cert,
        authMechanism: 'XOAUTH2',
        tlsCertPath: certPath,
        tlsKeyPath: keyPath,
        tlsMinVersion: '1.2',
        proxyUrl: `http://${PROXY.user}@127.0.0.1:${proxy.port}`,
        oauthToken: TOKEN,
        tlsPassphrase: PASSPHRASE,
        proxyPassword: PROXY.password,
      }
      const saved = await app.saveProfile(input)
      expect(saved).toMatchObject({ authMechanism: 'XOAUTH2', tlsCertPath: certPath, hasOauthToken: true, hasTlsPassphrase: true, hasProxyPassword: true, hasPassword: false })
      expect(saved).not.toHaveProperty('oauthToken')

      const { result } = await app.runSession({ profileId: saved.id, compose })
      expect(result.status, JSON.stringify(result.error)).toBe('sent')
      expect(clients).toEqual(['svc.mailwire.test'])
      expect(proxy.requests).toHaveLength(1)
      const lines = app.sink.of<WireBatch>(CHANNELS.sessionWire).flatMap((batch) => batch.events).map((event) => event.text)
      expect(lines).toContain('AUTH XOAUTH2 ****')
      expect(lines).toContain('proxy: Proxy-Authorization: Basic ****')

      // A wrong token: refused, decoded, and still no secret.
      await app.saveProfile({ ...input, id: saved.id, oauthToken: `${TOKEN}-old` })
      const refused = await app.runSession({ profileId: saved.id, compose })
      expect(refused.result.error).toMatchObject({ code: 'EAUTH', oauth: { status: '401' } })

      await app.services.session.idle()
      const listed = await app.call<{ profiles: Profile[] }>(CHANNELS.profilesList)
      const history = await app.call<Array<{ id: string }>>(CHANNELS.historyList)
      for (const entry of history.ok ? history.value : []) await app.call(CHANNELS.historyGet, entry.id)
      expect(listed.ok).toBe(true)
      const crossed = JSON.stringify([app.responses, app.sink.events])
      const files = await app.filesText()
      for (const form of [...FORMS, `${TOKEN}-old`]) {
        expect(crossed.includes(form), `IPC carried ${form}`).toBe(false)
        for (const file of files) expect(file.text.includes(form), `${file.path} holds ${form}`).toBe(false)
      }

      // Forgetting one secret: an empty string.
      const forgotten = await app.saveProfile({ ...input, id: saved.id, oauthToken: undefined, tlsPassphrase: undefined, proxyPassword: '' })
      expect(forgotten).toMatchObject({ hasOauthToken: true, hasTlsPassphrase: true })
      expect(forgotten.hasProxyPassword).toBeUndefined()
    } finally {
      await proxy.close()
      await server.close()
    }
  })

  it('refuses malformed settings with the field named', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const base = { name: 'x', host: 'h.test', port: 25, security: 'auto', username: '', clientName: '', allowInvalidCertificate: false, allowPlaintextAuth: false, caPem: '' }
    for (const [field, value] of [
      ['proxyUrl', 'socks5://u:pw@p.test:1080'],
      ['localAddress', 'not-an-ip'],
      ['authMechanism', 'NTLM'],
      ['tlsMinVersion', '1.4'],
    ] as const) {
      const saved = await app.call(CHANNELS.profilesSave, { ...base, [field]: value })
      expect(saved.ok, field).toBe(false)
      if (!saved.ok) expect(JSON.stringify(saved.error)).toContain(field)
    }
  })
})
