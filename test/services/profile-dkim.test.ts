// A profile that signs with DKIM, through the real IPC handlers and services: the message
// that reaches smtp-server passes mailauth's verification, the signature shows in the wire
// events, and the private key is in no IPC response, event or file the app writes.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { dkimVerify } from 'mailauth/lib/dkim/verify'
import { describe, expect, it } from 'vitest'
import type { ComposeModel, ProfileInput, WireBatch } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { ed25519KeyPair, tableResolver } from '../support/dkim-keys'
import { startSmtpServer } from '../smtp/support/smtp-server'
import { appUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const compose: ComposeModel = { from: 'ann@sign.test', to: ['bob@rcpt.test'], cc: [], bcc: [], subject: 'signed', text: 'hi\n', attachments: [], headers: [] }

const base = { name: 'Signing', host: '127.0.0.1', security: 'none', username: '', clientName: '', allowInvalidCertificate: false, allowPlaintextAuth: false, caPem: '' } as const

describe('profiles: DKIM signing', () => {
  it('signs what it sends with the key file the profile names; the key goes nowhere else', async () => {
    const dataDir = await tempDir()
    const key = ed25519KeyPair()
    const keyPath = join(await tempDir(), 'dkim.pem')
    await writeFile(keyPath, key.privateKey)
    const server = await startSmtpServer({ hideSTARTTLS: true })
    try {
      const app = await appUnderTest({ dataDir })
      const input: ProfileInput = { ...base, port: server.port, dkimDomain: 'sign.test', dkimSelector: 'mw', dkimKeyPath: keyPath, dkimHeaders: 'From, To, Subject, Date' }
      const saved = await app.saveProfile(input)
      expect(saved).toMatchObject({ dkimDomain: 'sign.test', dkimSelector: 'mw', dkimKeyPath: keyPath })

      const { result } = await app.runSession({ profileId: saved.id, compose })
      expect(result.status, JSON.stringify(result.error)).toBe('sent')
      const raw = server.received.at(-1)!.raw
      const { results } = await dkimVerify(raw, { resolver: tableResolver({ 'mw._domainkey.sign.test': [key.record] }) })
      expect(results[0]?.status.result).toBe('pass')
      const lines = app.sink.of<WireBatch>(CHANNELS.sessionWire).flatMap((batch) => batch.events).map((event) => event.text)
      expect(lines.some((line) => line.startsWith('DKIM-Signature: v=1; a=ed25519-sha256;'))).toBe(true)

      await app.services.session.idle()
      const history = await app.call<Array<{ id: string }>>(CHANNELS.historyList)
      for (const entry of history.ok ? history.value : []) await app.call(CHANNELS.historyGet, entry.id)
      const secret = key.privateKey.split('\n')[1]!
      expect(JSON.stringify([app.responses, app.sink.events]).includes(secret)).toBe(false)
      for (const file of await app.filesText()) expect(file.text.includes(secret), file.path).toBe(false)
    } finally {
      await server.close()
    }
  })

  it('refuses to send with a key file that is not a key, naming the field', async () => {
    const dataDir = await tempDir()
    const keyPath = join(await tempDir(), 'not-a-key.pem')
    await writeFile(keyPath, 'hello\n')
    const app = await appUnderTest({ dataDir })
    const saved = await app.saveProfile({ ...base, port: 25, dkimDomain: 'sign.test', dkimSelector: 'mw', dkimKeyPath: keyPath })
    const started = await app.call(CHANNELS.sessionStart, { profileId: saved.id, compose })
    expect(started.ok).toBe(false)
    if (!started.ok) expect(started.error).toMatchObject({ field: 'dkimKeyPath' })
  })
})
