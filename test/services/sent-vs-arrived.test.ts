// Sent versus arrived through the real IPC handlers: a session to the local test inbox,
// then its kept message against the inbox's copy, and against .eml files chosen in main's
// dialog (a folder refused, a cancelled dialog nothing); once the inbox forgets the
// message, a sentence saying so.
import { mkdirSync } from 'node:fs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { ArrivedComparison, ComposeModel, Result } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { LOCAL_INBOX_PROFILE_ID } from '../../main/services/local-inbox/local-inbox-profile'
import { tempFiles } from '../cli/support/temp-files'
import { appUnderTest, type AppUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const apps: AppUnderTest[] = []
const files = tempFiles()
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.services.inbox.stop()))
})
afterAll(() => files.remove())

const compose: ComposeModel = {
  from: 'Alice <alice@sender.test>',
  to: ['bob@rcpt.test'],
  cc: [],
  bcc: [],
  subject: 'Sent versus arrived',
  text: 'Hello Bob.\n',
  attachments: [],
  headers: [],
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}

describe('history:sent-vs-arrived and history:compare-eml', () => {
  it('compares the kept message with the inbox copy and with chosen .eml files', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    apps.push(app)
    const { historyId, result } = await app.runSession({ profileId: LOCAL_INBOX_PROFILE_ID, compose })
    expect(result.status).toBe('sent')

    const inbox = value(await app.call<ArrivedComparison>(CHANNELS.historySentVsArrived, historyId))
    expect(inbox).toMatchObject({ historyId, arrivedFrom: `local inbox message ${result.queueId}`, comparison: { body: 'same' } })
    expect(inbox.comparison.headers.find((change) => change.name === 'Subject')).toMatchObject({ kind: 'same', sent: 'Sent versus arrived' })

    // An .eml with a relay's trace field on top and the subject tagged.
    const raw = value(await app.call<{ text: string }>(CHANNELS.inboxRaw, result.queueId)).text
    const relayed = `Received: from relay.test by mx.test; Thu, 3 Dec 2026 10:00:00 +0000\r\n${raw.replace('Subject: Sent', 'Subject: [ext] Sent')}`
    app.dialogs.openAnswers.push([files.write('relayed.eml', relayed)])
    const file = value(await app.call<ArrivedComparison | null>(CHANNELS.historyCompareEml, historyId))
    expect(file?.arrivedFrom).toBe('relayed.eml')
    expect(file?.comparison.headers.map((change) => `${change.kind} ${change.name}`)).toEqual(expect.arrayContaining(['added Received', 'changed Subject']))
    expect(file?.comparison.headers[0]).toMatchObject({ name: 'Received', position: 'top' })

    // Cancelled: nothing. A folder: refused, nothing read.
    expect(await app.call(CHANNELS.historyCompareEml, historyId)).toEqual({ ok: true, value: null })
    const folder = files.write('placeholder', '').replace(/placeholder$/, 'a-folder.eml')
    mkdirSync(folder)
    app.dialogs.openAnswers.push([folder])
    expect(await app.call(CHANNELS.historyCompareEml, historyId)).toMatchObject({ ok: false, error: { code: 'EINVALID', message: 'a-folder.eml is not a regular file.' } })

    // The inbox forgot it: a sentence, not a crash.
    value(await app.call(CHANNELS.inboxClear))
    expect(await app.call(CHANNELS.historySentVsArrived, historyId)).toMatchObject({ ok: false, error: { code: 'ENOTFOUND', message: expect.stringContaining(`The local inbox has no message ${result.queueId}`) } })
    // A bad id is refused before any service runs.
    expect(await app.call(CHANNELS.historySentVsArrived, '../etc/passwd')).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
  })
})
