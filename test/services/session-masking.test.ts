// The app's side of the wire log masking: a profile's password echoed back by the server,
// and quoted in the message, reaches neither the live wire batches sent to the window nor
// the transcript kept in history (on disk, and as history:get gives it back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ComposeModel, HistoryEntry, WireBatch } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { startSecretEchoServer, type SecretEchoServer } from '../support/secret-echo-server'
import { appUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const USER = 'alice'
const PASSWORD = 'Echo-3x4mple!pw'
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const SECRET_FORMS = [PASSWORD, b64(PASSWORD), b64(`\0${USER}\0${PASSWORD}`)]
const BODY_LINE = `my password is ${PASSWORD}, keep it safe`

const tempDir = useTempDirs()
let server: SecretEchoServer
beforeAll(async () => {
  server = await startSecretEchoServer()
})
afterAll(() => server.close())

const compose: ComposeModel = {
  from: 'Alice <alice@sender.test>',
  to: ['bob@rcpt.test'],
  cc: [],
  bcc: [],
  subject: 'masking',
  text: `${BODY_LINE}\n`,
  attachments: [],
  headers: [],
}

function expectNoSecret(text: string, where: string): void {
  for (const form of SECRET_FORMS) expect(text.includes(form), `leaked ${form} in ${where}`).toBe(false)
}

describe('a session against a server that echoes the password', () => {
  it('keeps the echoes and the quoting message line masked in the wire batches and in history', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile({
      name: 'Echo',
      host: server.host,
      port: server.port,
      security: 'none',
      username: USER,
      clientName: 'client.mailwire.test',
      allowInvalidCertificate: false,
      allowPlaintextAuth: true,
      caPem: '',
      password: PASSWORD,
    })
    const { result, historyId } = await app.runSession({ profileId: profile.id, compose })
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    await app.services.session.idle()
    // The secret did cross: in the body to the server, and back in its replies.
    expect(server.passwords).toEqual([PASSWORD])
    expect(server.data).toContain(BODY_LINE)

    const batched = app.sink.of<WireBatch>(CHANNELS.sessionWire).flatMap((batch) => batch.events.map((event) => event.text))
    const entry = await app.call<HistoryEntry>(CHANNELS.historyGet, historyId)
    if (!entry.ok) throw new Error(JSON.stringify(entry.error))
    const kept = entry.value.transcript.map((event) => event.text)
    for (const texts of [batched, kept]) {
      expect(texts).toContain('235-2.7.0 Welcome back, your password is ****')
      expect(texts).toContain('235 2.7.0 and in base64 ****')
      expect(texts).toContain('221 2.0.0 Bye, ****')
      expect(texts).toContain('my password is ****, keep it safe')
    }
    expectNoSecret(JSON.stringify(batched), 'the wire batches')
    expectNoSecret(JSON.stringify(entry.value), 'history:get')
    // The session file's profile: where and how, without the password.
    expect(entry.value.profile).toEqual({
      name: 'Echo', host: server.host, port: server.port, security: 'none', username: USER, clientName: 'client.mailwire.test', allowPlaintextAuth: true,
    })
    expect(entry.value.envelope).toEqual({ from: 'alice@sender.test', to: ['bob@rcpt.test'] })
    expect(entry.value.message).toMatchObject({ subject: 'masking', to: ['bob@rcpt.test'], raw: false })
    // On disk: every file but the kept message itself (the .eml is the message, secret and all).
    const files = (await app.filesText()).filter((file) => !file.path.endsWith('.eml'))
    expect(files.some((file) => file.text.includes('Bye, ****'))).toBe(true)
    for (const file of files) expectNoSecret(file.text, file.path)
  })
})
