// Attachments cross IPC as paths, so main keeps the files the user gave this window: picked
// in the open dialog, dropped and confirmed in main's own dialog, or restored with a draft
// main saved. Any other path (a compromised renderer naming ~/.ssh/id_rsa) is refused
// before anything connects, and never reaches a draft. Real services and IPC handlers, the
// local test inbox as the server.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ComposeModel, ParsedMessage, PickedFile, StoredMessage } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { LOCAL_INBOX_PROFILE_ID } from '../../main/services/local-inbox/local-inbox-profile'
import { appUnderTest, type AppUnderTest } from '../services/support/app-under-test'
import { useTempDirs } from '../services/support/temp-dir'

const tempDir = useTempDirs()
const running: AppUnderTest[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.services.inbox.stop()))
})

async function start(dataDir?: string): Promise<AppUnderTest> {
  const app = await appUnderTest({ dataDir: dataDir ?? (await tempDir()) })
  running.push(app)
  return app
}

async function value<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const compose = (attachments: ComposeModel['attachments']): ComposeModel => ({
  from: 'you@mailwire.test',
  to: ['inbox@mailwire.test'],
  cc: [],
  bcc: [],
  subject: 'Granted files',
  text: 'Hi\n',
  attachments,
  headers: [],
})

/** A file in the test's folder that nobody picked or dropped: the stand-in for ~/.ssh/id_rsa. */
async function secretFile(dir: string): Promise<string> {
  const path = join(dir, 'id_rsa')
  await writeFile(path, '-----BEGIN OPENSSH PRIVATE KEY-----\n')
  return path
}

describe('attachment paths main was given', () => {
  it('refuses a send naming a file nobody gave, before anything connects', async () => {
    const app = await start()
    const secret = await secretFile(app.dataDir)
    const started = await app.call(CHANNELS.sessionStart, { profileId: LOCAL_INBOX_PROFILE_ID, compose: compose([{ path: secret }]) })
    expect(started).toEqual({
      ok: false,
      error: {
        code: 'EINVALID',
        field: 'attachments[0]',
        message: `${secret} was not chosen in this window: attach it with Attach or by dropping it on the window.`,
        fields: [{ field: 'attachments[0]', message: `${secret} was not chosen in this window: attach it with Attach or by dropping it on the window.` }],
      },
    })
    expect(app.sink.events.some((event) => event.channel === CHANNELS.sessionWire)).toBe(false)
    expect(await value(app.call(CHANNELS.inboxList))).toEqual([])
  })

  it('sends a file picked in the dialog', async () => {
    const app = await start()
    const picked = join(app.dataDir, 'picked.txt')
    await writeFile(picked, 'picked by the user\n')
    app.dialogs.openAnswers.push([picked])
    expect(await value(app.call<PickedFile[]>(CHANNELS.filesPickAttachments))).toEqual([{ path: picked, name: 'picked.txt', size: 19 }])
    // Spelled another way, it is the same file.
    const { result } = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: compose([{ path: join(app.dataDir, '.', 'picked.txt') }]) })
    expect(result.status).toBe('sent')
    const message = await value(app.call<StoredMessage & { parsed: ParsedMessage }>(CHANNELS.inboxGet, result.queueId))
    expect(message.parsed.attachments).toEqual([expect.objectContaining({ filename: 'picked.txt' })])
  })

  it('takes dropped files only once the user confirms them in main', async () => {
    const app = await start()
    const dropped = join(app.dataDir, 'dropped.txt')
    await writeFile(dropped, 'dropped\n')

    app.dialogs.confirmAnswers.push(false)
    expect(await value(app.call(CHANNELS.filesConfirmDropped, [dropped, app.dataDir]))).toEqual([])
    // A folder is not offered; the question names the file by its whole path.
    expect(app.dialogs.confirmRequests).toEqual([{ title: 'Attach dropped files', message: 'Attach dropped.txt?', detail: dropped, confirmLabel: 'Attach' }])
    const declined = await app.call(CHANNELS.sessionStart, { profileId: LOCAL_INBOX_PROFILE_ID, compose: compose([{ path: dropped }]) })
    expect(declined).toMatchObject({ ok: false, error: { field: 'attachments[0]' } })

    app.dialogs.confirmAnswers.push(true)
    expect(await value(app.call(CHANNELS.filesConfirmDropped, [dropped]))).toEqual([{ path: dropped, name: 'dropped.txt', size: 8 }])
    const { result } = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: compose([{ path: dropped }]) })
    expect(result.status).toBe('sent')
  })

  it('asks nothing when nothing dropped is a file, and refuses relative paths', async () => {
    const app = await start()
    expect(await value(app.call(CHANNELS.filesConfirmDropped, [app.dataDir, join(app.dataDir, 'missing')]))).toEqual([])
    expect(app.dialogs.confirmRequests).toEqual([])
    expect(await app.call(CHANNELS.filesConfirmDropped, ['relative.txt'])).toMatchObject({ ok: false, error: { code: 'EINVALID', field: '[0]' } })
  })

  it('keeps only given files in a draft, and gives them back when the draft is restored', async () => {
    const dataDir = await tempDir()
    const app = await start(dataDir)
    const secret = await secretFile(dataDir)
    const picked = join(dataDir, 'picked.txt')
    await writeFile(picked, 'picked\n')
    app.dialogs.openAnswers.push([picked])
    await value(app.call(CHANNELS.filesPickAttachments))
    await value(app.call(CHANNELS.draftSave, compose([{ path: picked }, { path: secret }])))
    await app.services.inbox.stop()

    // The next run: a new window, nothing picked yet; the draft main saved brings its file.
    const next = await start(dataDir)
    const draft = await value(next.call<ComposeModel>(CHANNELS.draftLoad))
    expect(draft.attachments).toEqual([{ path: picked }])
    const { result } = await next.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose: draft })
    expect(result.status).toBe('sent')
    const refused = await next.call(CHANNELS.sessionStart, { profileId: LOCAL_INBOX_PROFILE_ID, compose: compose([{ path: secret }]) })
    expect(refused).toMatchObject({ ok: false, error: { field: 'attachments[0]' } })
  })
})
