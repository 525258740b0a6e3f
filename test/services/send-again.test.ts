// Send again through the real IPC handlers and an in-process SMTP server (STARTTLS, AUTH):
// the History entry keeps the request without a secret, and session:send-again runs it
// again, attachment included, even after a restart (main gives back the paths it kept);
// a profile since deleted and an unknown entry are refused before anything connects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simpleParser } from 'mailparser'
import type { ComposeModel, HistoryEntry, PickedFile, Profile, Result, SessionResultEvent, SessionStarted } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { tempFiles } from '../cli/support/temp-files'
import { appUnderTest } from './support/app-under-test'
import { fakeSecretStore } from './support/fake-secret-store'
import { ACCOUNT, startSmtpServer, type TestSmtpServer } from './support/smtp-server'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const files = tempFiles()
let server: TestSmtpServer
beforeAll(async () => {
  server = await startSmtpServer()
})
afterAll(async () => {
  await server.stop()
  files.remove()
})

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}

describe('session:send-again', () => {
  it('keeps the request without the password and runs it again after a restart, attachment and all', async () => {
    const dataDir = await tempDir()
    const secretStore = fakeSecretStore()
    const app = await appUnderTest({ dataDir, secretStore })
    const profile: Profile = await app.saveProfile({
      name: 'In-process',
      host: '127.0.0.1',
      port: server.port,
      security: 'starttls',
      username: ACCOUNT.user,
      clientName: 'again.mailwire.test',
      allowInvalidCertificate: false,
      allowPlaintextAuth: false,
      caPem: server.caPem,
      password: ACCOUNT.password,
    })
    app.dialogs.openAnswers.push([files.write('notes.txt', 'attached notes\n')])
    const [picked] = value(await app.call<PickedFile[]>(CHANNELS.filesPickAttachments))
    const compose: ComposeModel = {
      from: 'Alice <alice@sender.test>',
      to: ['bob@rcpt.test'],
      cc: [],
      bcc: ['hidden@rcpt.test'],
      subject: 'Again and again',
      text: 'Same text.\n',
      attachments: [{ path: picked!.path }],
      headers: [{ name: 'X-Run', value: 'first' }],
      envelope: { from: 'bounces@sender.test' },
    }
    const first = await app.runSession({ profileId: profile.id, compose, controls: { pipelining: 'off' } })
    expect(first.result.status).toBe('sent')
    const entry = value(await app.call<HistoryEntry>(CHANNELS.historyGet, first.historyId))
    expect(entry.replay).toEqual({ profileId: profile.id, compose, controls: { pipelining: 'off' } })
    for (const { text } of await app.filesText()) expect(text).not.toContain(ACCOUNT.password)

    // A restart: a new window's grants are empty, the entry still runs.
    const restarted = await appUnderTest({ dataDir, secretStore })
    const started = value(await restarted.call<SessionStarted>(CHANNELS.sessionSendAgain, { historyId: first.historyId }))
    const again = await restarted.sink.waitFor<SessionResultEvent>(CHANNELS.sessionResult, (event) => event.sessionId === started.sessionId)
    expect(again.result.status).toBe('sent')
    expect(again.historyId).not.toBe(first.historyId)
    const [once, twice] = server.messages.slice(-2).map((raw) => simpleParser(raw))
    const [a, b] = await Promise.all([once!, twice!])
    expect(b.subject).toBe('Again and again')
    expect(b.text).toBe(a.text)
    expect(b.attachments.map((file) => file.content.toString())).toEqual(['attached notes\n'])
    expect(b.headers.get('x-run')).toBe('first')
    // The envelope too: MAIL FROM and both RCPTs (the Bcc) in the new transcript.
    const resent = value(await restarted.call<HistoryEntry>(CHANNELS.historyGet, again.historyId))
    expect(resent.envelope).toMatchObject({ from: 'bounces@sender.test', to: ['bob@rcpt.test', 'hidden@rcpt.test'] })
    expect(resent.replay).toEqual(entry.replay)

    // Refused before anything connects: an unknown entry, then a profile since deleted.
    expect(await restarted.call(CHANNELS.sessionSendAgain, { historyId: '20260101T000000000-00000000' })).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } })
    expect(await restarted.call(CHANNELS.sessionSendAgain, { historyId: first.historyId, extra: 1, profileId: 7 })).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
    value(await restarted.call(CHANNELS.profilesRemove, profile.id))
    expect(await restarted.call(CHANNELS.sessionSendAgain, { historyId: first.historyId })).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } })
    await Promise.all([app.services.inbox.stop(), restarted.services.inbox.stop()])
  })
})
