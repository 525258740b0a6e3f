// The app's local test inbox through the real IPC handlers and services: the first-run
// default profile and draft, a send that arrives byte for byte over verified STARTTLS,
// the link from the inbox message to its history entry, fault presets, attachments, the
// raw source, removal, and a restart of the inbox that keeps what it received.
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  ComposeModel,
  HistoryEntry,
  HistorySummary,
  InboxFaults,
  InboxRawSource,
  InboxSession,
  InboxStatus,
  MessageSummary,
  Profile,
  ProfilesView,
  SessionSummary,
  StoredMessage,
} from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { LOCAL_INBOX_PROFILE_ID } from '../../main/services/local-inbox/local-inbox-profile'
import { MAX_RAW_DISPLAY_BYTES } from '../../main/services/local-inbox/inbox-service'
import { appUnderTest, type AppOptions, type AppUnderTest } from './support/app-under-test'
import { fakeSecretStore } from './support/fake-secret-store'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const running: AppUnderTest[] = []
// Registered after useTempDirs, so it runs first: the inbox stops before its folder goes.
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.services.inbox.stop()))
})

async function start(options: Partial<AppOptions> = {}): Promise<AppUnderTest> {
  const app = await appUnderTest({ dataDir: options.dataDir ?? (await tempDir()), ...options })
  running.push(app)
  return app
}

async function value<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const compose = (overrides: Partial<ComposeModel> = {}): ComposeModel => ({
  from: 'You <you@mailwire.test>',
  to: ['inbox@mailwire.test'],
  cc: [],
  bcc: [],
  subject: 'Through the local inbox',
  text: 'Hello inbox,\n.a line that starts with a dot\nbye\n',
  html: '<p>Hello <b>inbox</b></p>',
  attachments: [],
  headers: [],
  ...overrides,
})

describe('the local test inbox in the app', () => {
  it('is the one profile on first run, with a prefilled draft, until something is set up', async () => {
    const dataDir = await tempDir()
    const secretStore = fakeSecretStore()
    const app = await start({ dataDir, secretStore })
    const view = await value(app.call<ProfilesView>(CHANNELS.profilesList))
    expect(view.profiles).toEqual([
      expect.objectContaining({ id: LOCAL_INBOX_PROFILE_ID, kind: 'local-inbox', name: 'Local test inbox', host: '127.0.0.1', security: 'starttls', allowInvalidCertificate: false, hasPassword: false }),
    ])
    const draft = await value(app.call<ComposeModel | null>(CHANNELS.draftLoad))
    expect(draft).toMatchObject({ from: 'you@mailwire.test', to: ['inbox@mailwire.test'] })
    // Starting wrote nothing: not the profiles, and the inbox has not started either.
    expect(existsSync(join(dataDir, 'profiles.json'))).toBe(false)
    expect(existsSync(join(dataDir, 'local-inbox'))).toBe(false)

    // Built in: its settings are not editable, so no stale port can be saved into it.
    const edit = await app.call(CHANNELS.profilesSave, { ...view.profiles[0], port: 2525 })
    expect(edit).toMatchObject({ ok: false, error: { code: 'EINVALID' } })

    // A user's own server: profiles.json is written with both, and the first run is over.
    await app.saveProfile({ name: 'Relay', host: 'relay.mailwire.test', port: 587, security: 'starttls', username: '', clientName: '', allowInvalidCertificate: false, allowPlaintextAuth: false, caPem: '' })
    const file = JSON.parse(await readFile(join(dataDir, 'profiles.json'), 'utf8')) as { profiles: Array<Record<string, unknown>> }
    expect(file.profiles.map((profile) => profile['kind'] ?? 'server')).toEqual(['local-inbox', 'server'])
    expect(file.profiles[0]).toMatchObject({ port: 0, caPem: '' })

    const again = await start({ dataDir, secretStore })
    expect((await value(again.call<ProfilesView>(CHANNELS.profilesList))).profiles.map((profile) => profile.name)).toEqual(['Local test inbox', 'Relay'])
    expect(await value(again.call(CHANNELS.draftLoad))).toBeNull()
  })

  it('takes a send with no setup: verified STARTTLS, the message byte for byte, linked to its history entry', async () => {
    const app = await start()
    const arrived = app.sink.waitFor<MessageSummary>(CHANNELS.inboxMessage)
    const { result, historyId } = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: compose() })
    expect(result.status).toBe('sent')
    expect(result.tls).toMatchObject({ authorized: true, verificationSkipped: false, mode: 'starttls' })

    const summary = await arrived
    expect(summary).toMatchObject({ secure: true, subject: 'Through the local inbox', envelope: { mailFrom: 'you@mailwire.test', rcptTo: ['inbox@mailwire.test'] } })
    // The inbox's "250 … queued as <id>" is our queue id: the two sides of one session meet here.
    expect(result.queueId).toBe(summary.id)
    const history = await value(app.call<HistorySummary[]>(CHANNELS.historyList))
    expect(history[0]).toMatchObject({ id: historyId, queueId: summary.id, host: '127.0.0.1', profileName: 'Local test inbox' })
    const status = await value(app.call<InboxStatus>(CHANNELS.inboxStatus))
    expect(history[0]!.port).toBe(status.port)
    expect(status.port).toBeGreaterThan(0)

    // Byte for byte: the inbox's raw source against the .eml history kept of what we sent.
    app.dialogs.saveAnswers.push(join(app.dataDir, 'ours.eml'), join(app.dataDir, 'theirs.eml'))
    await value(app.call(CHANNELS.historyExport, { id: historyId, format: 'eml' }))
    await value(app.call(CHANNELS.inboxSaveRaw, summary.id))
    const ours = await readFile(join(app.dataDir, 'ours.eml'))
    const theirs = await readFile(join(app.dataDir, 'theirs.eml'))
    expect(theirs.length).toBeGreaterThan(0)
    expect(theirs.equals(ours)).toBe(true)
    expect(summary.size).toBe(ours.length)

    const message = await value(app.call<StoredMessage>(CHANNELS.inboxGet, summary.id))
    expect(message.parsed).toMatchObject({ subject: 'Through the local inbox', html: '<p>Hello <b>inbox</b></p>' })
    expect(message.parsed.text).toContain('.a line that starts with a dot')
    const raw = await value(app.call<InboxRawSource>(CHANNELS.inboxRaw, summary.id))
    expect(raw).toEqual({ text: ours.toString('utf8'), bytes: ours.length, truncated: false })

    // The inbox's record of the same session: our EHLO, its 250 with the queue id, TLS.
    await app.sink.waitFor<SessionSummary>(CHANNELS.inboxSessionEnded, (ended) => ended.id === summary.sessionId)
    const record = await value(app.call<InboxSession>(CHANNELS.inboxSession, summary.sessionId))
    expect(record.messageIds).toEqual([summary.id])
    expect(record.tls).toBeDefined()
    expect(record.events.some((event) => event.direction === 'out' && event.text.includes(`queued as ${summary.id}`))).toBe(true)
  })

  it('plays a fault preset set over IPC, and refuses invalid ones', async () => {
    const app = await start()
    // Set before the inbox runs: shown at once, applied from its first connection.
    expect(await value(app.call<InboxFaults>(CHANNELS.inboxSetFaults, { refuseRecipient: 'reject*' }))).toEqual({ refuseRecipient: 'reject*' })
    expect(app.services.inbox.isRunning()).toBe(false)
    expect(await value(app.call(CHANNELS.inboxFaults))).toEqual({ refuseRecipient: 'reject*' })

    const { result } = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: compose({ to: ['reject-me@mailwire.test'] }) })
    expect(result.status).toBe('refused')
    expect(result.recipients[0]).toMatchObject({ accepted: false, reply: { code: 550, enhanced: '5.1.1' } })
    expect(await value(app.call<MessageSummary[]>(CHANNELS.inboxList))).toEqual([])

    const bad = await app.call(CHANNELS.inboxSetFaults, { slowReplies: -5 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'slowReplies' } })
    // The refused value changed nothing.
    expect(await value(app.call(CHANNELS.inboxFaults))).toEqual({ refuseRecipient: 'reject*' })
    expect(await value(app.call(CHANNELS.inboxSetFaults, {}))).toEqual({})
    const { result: after } = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: compose({ to: ['reject-me@mailwire.test'] }) })
    expect(after.status).toBe('sent')
  })

  it('saves an attachment and the raw source through the save dialog, with a tame file name', async () => {
    const app = await start()
    const attached = join(app.dataDir, 'report.bin')
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, index) => (index * 7) % 256))
    await writeFile(attached, bytes)
    app.dialogs.openAnswers.push([attached])
    await value(app.call(CHANNELS.filesPickAttachments))
    const { result } = await app.runSession({
      profileId: LOCAL_INBOX_PROFILE_ID,
      compose: compose({ attachments: [{ path: attached, filename: '../../evil:name.bin' }] }),
    })
    const message = await value(app.call<StoredMessage>(CHANNELS.inboxGet, result.queueId))
    expect(message.parsed.attachments).toEqual([expect.objectContaining({ size: 3000, contentType: 'application/octet-stream' })])

    const target = join(app.dataDir, 'saved.bin')
    app.dialogs.saveAnswers.push(target)
    expect(await value(app.call(CHANNELS.inboxSaveAttachment, { id: result.queueId, index: 0 }))).toEqual({ saved: true, path: target })
    expect((await readFile(target)).equals(bytes)).toBe(true)
    const suggested = app.dialogs.saveRequests.at(-1)!.defaultName
    expect(suggested).not.toMatch(/[/\\:]/)
    expect(suggested.endsWith('.bin')).toBe(true)

    // A cancelled dialog saves nothing; a missing attachment fails before any dialog.
    const before = app.dialogs.saveRequests.length
    expect(await value(app.call(CHANNELS.inboxSaveAttachment, { id: result.queueId, index: 0 }))).toEqual({ saved: false })
    expect(await app.call(CHANNELS.inboxSaveAttachment, { id: result.queueId, index: 1 })).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } })
    expect(app.dialogs.saveRequests.length).toBe(before + 1)
  })

  it('shows the beginning of a large raw source and says it is cut', async () => {
    const app = await start()
    const text = `${'0123456789abcdef'.repeat(64)}\n`.repeat(Math.ceil((MAX_RAW_DISPLAY_BYTES + 4096) / 1025))
    const { result } = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: compose({ text, html: undefined }) })
    const raw = await value(app.call<InboxRawSource>(CHANNELS.inboxRaw, result.queueId))
    expect(raw.truncated).toBe(true)
    expect(raw.bytes).toBeGreaterThan(MAX_RAW_DISPLAY_BYTES)
    expect(Buffer.byteLength(raw.text)).toBe(MAX_RAW_DISPLAY_BYTES)
  })

  it('removes and clears messages, and keeps them across a restart of the inbox', async () => {
    const app = await start()
    const first = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: compose({ subject: 'first' }) })
    const second = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: compose({ subject: 'second' }) })
    const list = await value(app.call<MessageSummary[]>(CHANNELS.inboxList))
    expect(list.map((message) => message.subject)).toEqual(['second', 'first'])

    await app.services.inbox.stop()
    expect(app.services.inbox.isRunning()).toBe(false)
    expect((await value(app.call<MessageSummary[]>(CHANNELS.inboxList))).map((message) => message.id)).toEqual([second.result.queueId, first.result.queueId])

    expect(await value(app.call(CHANNELS.inboxRemove, first.result.queueId))).toBeUndefined()
    expect(await app.call(CHANNELS.inboxGet, first.result.queueId)).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } })
    expect(await app.call(CHANNELS.inboxRemove, first.result.queueId)).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } })
    await value(app.call(CHANNELS.inboxClear))
    expect(await value(app.call(CHANNELS.inboxList))).toEqual([])
    const left = await readdir(join(app.dataDir, 'local-inbox', 'messages'))
    expect(left).toEqual([])
  })

  it('sends through an ordinary profile as before while the local inbox exists', async () => {
    const app = await start()
    const profile: Profile = await app.saveProfile({ name: 'Nowhere', host: '127.0.0.1', port: 1, security: 'none', username: '', clientName: '', allowInvalidCertificate: false, allowPlaintextAuth: false, caPem: '' })
    const { result, historyId } = await app.runSession({ profileId: profile.id, compose: compose() })
    expect(result.status).toBe('failed')
    const entry = await value(app.call<HistoryEntry>(CHANNELS.historyGet, historyId))
    expect(entry.summary).toMatchObject({ host: '127.0.0.1', port: 1 })
    expect(entry.summary.queueId).toBeUndefined()
    expect(app.services.inbox.isRunning()).toBe(false)
  })
})
