// The session service end to end, through the real IPC handlers: a real SMTP server
// in-process (STARTTLS with the test CA, AUTH), history, drafts, cancel, EBUSY, and the
// password searched for in every file and every message that crossed IPC.
import { readFile, rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ComposeModel,
  HistoryEntry,
  HistorySummary,
  ProfileInput,
  SessionResultEvent,
  SessionStateEvent,
  WireBatch,
} from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { appUnderTest } from './support/app-under-test'
import { ACCOUNT, startSmtpServer, type TestSmtpServer } from './support/smtp-server'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
let server: TestSmtpServer

beforeAll(async () => {
  server = await startSmtpServer()
})
afterAll(async () => {
  await server.stop()
})

const profileFor = (smtp: TestSmtpServer, overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'In-process',
  host: '127.0.0.1',
  port: smtp.port,
  security: 'starttls',
  username: ACCOUNT.user,
  clientName: 'client.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: smtp.caPem,
  password: ACCOUNT.password,
  ...overrides,
})

const compose = (overrides: Partial<ComposeModel> = {}): ComposeModel => ({
  from: 'Alice <alice@sender.test>',
  to: ['bob@rcpt.test'],
  cc: [],
  bcc: [],
  subject: 'Hello from the session service',
  text: 'Hello Bob,\nthis went through STARTTLS and AUTH.\n',
  attachments: [],
  headers: [],
  ...overrides,
})

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const SECRET_FORMS = [
  ACCOUNT.password,
  b64(ACCOUNT.password),
  b64(`\0${ACCOUNT.user}\0${ACCOUNT.password}`),
  b64(`${ACCOUNT.user}\0${ACCOUNT.user}\0${ACCOUNT.password}`),
]

describe('a session', () => {
  it('sends over STARTTLS with AUTH, streams states, batches and the result, and saves it to history', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor(server))
    const before = server.messages.length
    const { sessionId, result, historyId } = await app.runSession({ profileId: profile.id, compose: compose() })
    await app.sink.waitFor<SessionStateEvent>(CHANNELS.sessionState, (event) => event.state === 'done')

    expect(result.status).toBe('sent')
    expect(result.queueId).toBe('SVC1')
    expect(result.tls?.authorized).toBe(true)
    expect(server.messages.length).toBe(before + 1)

    const states = app.sink.of<SessionStateEvent>(CHANNELS.sessionState)
    expect(states[0]).toEqual({ sessionId, state: 'connecting', phase: 'connect' })
    expect(states.at(-1)).toMatchObject({ sessionId, state: 'done' })
    const phases = states.filter((event) => event.state === 'running').map((event) => event.phase)
    expect(phases).toEqual(expect.arrayContaining(['greeting', 'ehlo', 'starttls', 'auth', 'mail', 'rcpt', 'data', 'quit']))

    const events = app.sink.of<WireBatch>(CHANNELS.sessionWire).flatMap((batch) => batch.events)
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index))
    expect(events.some((event) => event.kind === 'client' && event.text.startsWith('AUTH'))).toBe(true)

    const list = await app.call<HistorySummary[]>(CHANNELS.historyList)
    expect(list).toMatchObject({ ok: true, value: [{ id: historyId, status: 'sent', host: '127.0.0.1', recipients: 1 }] })
    const entry = await app.call<HistoryEntry>(CHANNELS.historyGet, historyId)
    if (!entry.ok) throw new Error(entry.error.message)
    expect(entry.value.transcript).toEqual(events)
    expect(entry.value.result).toEqual(result)
    expect(entry.value.eml?.kept).toBe(true)

    // The kept .eml is the message the server received (dot-stuffing undone by the server).
    app.dialogs.saveAnswers.push(`${app.dataDir}/../export-${sessionId}.eml`)
    const exported = await app.call<{ saved: boolean; path: string }>(CHANNELS.historyExport, { id: historyId, format: 'eml' })
    expect(exported).toMatchObject({ ok: true, value: { saved: true } })
    if (exported.ok) {
      expect((await readFile(exported.value.path, 'utf8')).replace(/\r\n/g, '\n')).toBe(server.messages.at(-1)!.replace(/\r\n/g, '\n'))
      await rm(exported.value.path)
    }
  })

  it('never lets the password into a file, an event or a response', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor(server))
    await app.runSession({ profileId: profile.id, compose: compose() })
    // A failed AUTH too: the wrong password is a credential as well.
    const wrong = await app.saveProfile(profileFor(server, { name: 'Wrong', password: `${ACCOUNT.password}-wrong` }))
    const failed = await app.runSession({ profileId: wrong.id, compose: compose() })
    expect(failed.result.error?.code).toBe('EAUTH')
    await app.services.session.idle()
    // Everything the renderer could ask for afterwards crosses IPC too.
    await app.call(CHANNELS.profilesList)
    const list = await app.call<HistorySummary[]>(CHANNELS.historyList)
    for (const summary of list.ok ? list.value : []) await app.call(CHANNELS.historyGet, summary.id)
    expect(list.ok && list.value.length).toBe(2)

    const files = await app.filesText()
    expect(files.map((file) => file.path).join('\n')).toMatch(/passwords\.json/)
    const ipc = JSON.stringify({ events: app.sink.events, responses: app.responses })
    for (const secret of SECRET_FORMS) {
      for (const file of files) expect(file.text, file.path).not.toContain(secret)
      expect(ipc).not.toContain(secret)
    }
    // The masked AUTH line did cross, so the search above looked at the right traffic.
    expect(ipc).toMatch(/AUTH (PLAIN|LOGIN)/)
  })

  it('keeps Bcc in the envelope only: not in the message received, nor in the .eml kept and exported', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor(server))
    const hidden = 'hidden-reader@rcpt.test'
    const { result, historyId } = await app.runSession({ profileId: profile.id, compose: compose({ bcc: [hidden] }) })
    expect(result.status).toBe('sent')
    expect(result.recipients.map((recipient) => recipient.address)).toEqual(['bob@rcpt.test', hidden])
    expect(server.messages.at(-1)).not.toContain(hidden)
    app.dialogs.saveAnswers.push(`${app.dataDir}/bcc-export.eml`)
    const exported = await app.call<{ saved: boolean; path: string }>(CHANNELS.historyExport, { id: historyId, format: 'eml' })
    if (!exported.ok) throw new Error(exported.error.message)
    const eml = await readFile(exported.value.path, 'utf8')
    expect(eml).toContain('To: bob@rcpt.test')
    expect(eml).not.toContain(hidden)
    expect(eml).not.toMatch(/^bcc:/im)
  })

  it('keeps the draft after a failed send', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor(server))
    const draft = compose({ to: ['reject-me@rcpt.test'], subject: 'Will be refused' })
    expect(await app.call(CHANNELS.draftSave, draft)).toEqual({ ok: true, value: undefined })
    const { result } = await app.runSession({ profileId: profile.id, compose: draft })
    expect(result.status).toBe('refused')
    expect(await app.call(CHANNELS.draftLoad)).toEqual({ ok: true, value: draft })
  })

  it('refuses to start with field errors from the message layer, or without the stored password', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(profileFor(server))
    const bad = await app.call(CHANNELS.sessionStart, { profileId: profile.id, compose: compose({ to: ['not an address'], from: '' }) })
    expect(bad).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
    if (!bad.ok) expect(bad.error.fields?.map((issue) => issue.field)).toEqual(expect.arrayContaining(['from', 'to[0]']))

    const noPassword = await app.saveProfile(profileFor(server, { name: 'No password', password: '' }))
    expect(await app.call(CHANNELS.sessionStart, { profileId: noPassword.id, compose: compose() })).toMatchObject({
      ok: false,
      error: { code: 'EINVALID', field: 'password' },
    })
    expect(await app.call(CHANNELS.sessionStart, { profileId: 'no-such-profile', compose: compose() })).toMatchObject({
      ok: false,
      error: { code: 'ENOTFOUND' },
    })
    expect(app.sink.events).toEqual([])
  })

  it('keeps no .eml over the bound, and says so', async () => {
    const app = await appUnderTest({ dataDir: await tempDir(), keptMessageBound: 200 })
    const profile = await app.saveProfile(profileFor(server))
    const { historyId } = await app.runSession({ profileId: profile.id, compose: compose({ text: 'x'.repeat(1000) }) })
    const entry = await app.call<HistoryEntry>(CHANNELS.historyGet, historyId)
    expect(entry).toMatchObject({ ok: true, value: { eml: { kept: false, reason: 'it is larger than 200 bytes' } } })
    expect(await app.call(CHANNELS.historyExport, { id: historyId, format: 'eml' })).toMatchObject({
      ok: false,
      error: { code: 'ENOTFOUND' },
    })
  })
})

describe('a session held at MAIL FROM', () => {
  it('is cancelled on request, refuses a second session meanwhile, and is saved as cancelled', async () => {
    const holding = await startSmtpServer({ holdAtMailFrom: true })
    try {
      const app = await appUnderTest({ dataDir: await tempDir() })
      const profile = await app.saveProfile(profileFor(holding))
      const started = await app.call<{ sessionId: string }>(CHANNELS.sessionStart, { profileId: profile.id, compose: compose() })
      if (!started.ok) throw new Error(started.error.message)
      await holding.held()

      expect(await app.call(CHANNELS.sessionStart, { profileId: profile.id, compose: compose() })).toMatchObject({
        ok: false,
        error: { code: 'EBUSY' },
      })
      expect(await app.call(CHANNELS.sessionCancel)).toEqual({ ok: true, value: undefined })
      const { result, historyId } = await app.sink.waitFor<SessionResultEvent>(CHANNELS.sessionResult)
      expect(result.status).toBe('failed')
      expect(result.error?.code).toBe('ECANCELLED')
      const states = app.sink.of<SessionStateEvent>(CHANNELS.sessionState).map((event) => event.state)
      expect(states).toContain('cancelling')
      expect(app.services.history.list()[0]).toMatchObject({ id: historyId, status: 'failed' })

      // Free again as soon as the result is out.
      const again = await app.call<{ sessionId: string }>(CHANNELS.sessionStart, { profileId: profile.id, compose: compose() })
      expect(again.ok).toBe(true)
      await app.call(CHANNELS.sessionCancel)
      await app.services.session.idle()
    } finally {
      await holding.stop()
    }
  })
})
