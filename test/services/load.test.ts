// The app's load send through the real IPC handlers: copies over STARTTLS and AUTH to an
// in-process smtp-server (the "reject…" recipient refused), figures pushed while it runs and
// a final one, no password in any of them; a server not on loopback is refused; EBUSY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ComposeModel, LoadProgressEvent, LoadStarted, ProfileInput } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { appUnderTest } from './support/app-under-test'
import { ACCOUNT, startSmtpServer, type TestSmtpServer } from './support/smtp-server'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
let server: TestSmtpServer

beforeAll(async () => {
  server = await startSmtpServer()
})
afterAll(() => server.stop())

const profileFor = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'In-process',
  host: '127.0.0.1',
  port: server.port,
  security: 'starttls',
  username: ACCOUNT.user,
  clientName: 'client.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: server.caPem,
  password: ACCOUNT.password,
  ...overrides,
})

const compose = (to: string[]): ComposeModel => ({ from: 'alice@sender.test', to, cc: [], bcc: [], subject: 'Load', text: 'One of many.\n', attachments: [], headers: [] })

describe('load:start', () => {
  it('sends N copies over C connections and pushes the figures, the last one done; no secret in them', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor())
    const started = await app.call<LoadStarted>(CHANNELS.loadStart, { profileId: profile.id, compose: compose(['bob@rcpt.test', 'reject-me@rcpt.test']), messages: 12, connections: 3, allowRemote: false })
    expect(started.ok).toBe(true)
    const loadId = started.ok ? started.value.loadId : ''
    const last = await app.sink.waitFor<LoadProgressEvent>(CHANNELS.loadProgress, (event) => event.loadId === loadId && event.snapshot.done)
    expect(last.snapshot).toMatchObject({ requested: 12, connections: 3, finished: 12, accepted: 12, notSent: 0, cancelled: false, replyCodes: { '250': 12 } })
    expect(last.snapshot.failures).toEqual([expect.objectContaining({ count: 12, summary: expect.stringMatching(/^550 5\.1\.1 /) })])
    const pushed = JSON.stringify(app.sink.of(CHANNELS.loadProgress))
    expect(pushed).toContain('AUTH PLAIN')
    expect(pushed).not.toContain(ACCOUNT.password)
    expect(pushed).not.toContain(Buffer.from(`\0${ACCOUNT.user}\0${ACCOUNT.password}`).toString('base64'))
  })

  it('refuses a server that is not on loopback unless the user says it is theirs', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor({ host: 'mail.example.com', port: 25, username: '', password: '' }))
    const refused = await app.call(CHANNELS.loadStart, { profileId: profile.id, compose: compose(['bob@rcpt.test']), messages: 5, connections: 1, allowRemote: false })
    expect(refused).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'loadAllowRemote', message: expect.stringMatching(/^The server mail\.example\.com is not on this machine .*This server is mine/) } })
    expect(app.sink.of(CHANNELS.loadProgress)).toEqual([])
  })

  it('checks the counts as a payload, before anything else', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor())
    const request = { profileId: profile.id, compose: compose(['bob@rcpt.test']), messages: 5, connections: 1, allowRemote: false }
    expect(await app.call(CHANNELS.loadStart, { ...request, messages: 100_001 })).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'loadMessages' } })
    expect(await app.call(CHANNELS.loadStart, { ...request, connections: 0 })).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'loadConnections' } })
    expect(await app.call(CHANNELS.loadStart, { ...request, allowRemote: 'yes' })).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'loadAllowRemote' } })
  })

  it('is one at a time, and cancel stops every connection', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor())
    const request = { profileId: profile.id, compose: compose(['bob@rcpt.test']), messages: 100_000, connections: 4, allowRemote: false }
    const started = await app.call<LoadStarted>(CHANNELS.loadStart, request)
    expect(started.ok).toBe(true)
    expect(await app.call(CHANNELS.loadStart, request)).toMatchObject({ ok: false, error: { code: 'EBUSY' } })
    // Cancel once some copies went: every connection stops, the last figures say so.
    await app.sink.waitFor<LoadProgressEvent>(CHANNELS.loadProgress, (event) => event.snapshot.finished > 0)
    expect(await app.call(CHANNELS.loadCancel)).toEqual({ ok: true, value: undefined })
    const last = await app.sink.waitFor<LoadProgressEvent>(CHANNELS.loadProgress, (event) => event.snapshot.done)
    expect(last.snapshot.cancelled).toBe(true)
    expect(last.snapshot.finished).toBeLessThan(100_000)
    await app.services.load.idle()
    expect((await app.call<LoadStarted>(CHANNELS.loadStart, { ...request, messages: 2 })).ok).toBe(true)
    await app.sink.waitFor<LoadProgressEvent>(CHANNELS.loadProgress, (event) => event.snapshot.done && event.snapshot.requested === 2)
  })
})
