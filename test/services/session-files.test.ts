// Session files into the app: File > Open session through main's dialog, and a dropped
// file's text, both through the real IPC handlers; an export opens again as it was.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OpenedSession } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { openHistoryStore } from '../../main/services/history/history-store'
import { createHistoryService } from '../../main/services/history/history-service'
import { fakeDialogs } from './support/fake-dialogs'
import { sampleResult, sampleTranscript } from './support/samples'
import { appUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()

describe('opening session files', () => {
  it('an exported History entry opens again with its transcript and result', async () => {
    const dir = await tempDir()
    const dialogs = fakeDialogs()
    const store = await openHistoryStore(join(dir, 'history'))
    const { id } = await store.add({
      summary: { startedAt: '2026-01-28T12:00:00.000Z', profileName: 'P', host: '127.0.0.1', port: 25, from: 'a@x.test', recipients: 1, subject: 's', status: 'sent', durationMs: 5 },
      transcript: sampleTranscript(),
      result: sampleResult(),
    })
    const history = createHistoryService(store, dialogs, 'mailwire-app 9.9.9')
    dialogs.saveAnswers.push(join(dir, 'session.json'))
    await history.export(id, 'json')
    dialogs.openAnswers.push([join(dir, 'session.json')])
    const opened = await history.openFile()
    expect(opened?.name).toBe('session.json')
    expect(opened?.document.writtenBy).toBe('mailwire-app 9.9.9')
    expect(opened?.document.transcript).toEqual(sampleTranscript())
    expect(opened?.document.result).toEqual(sampleResult())
  })

  it('through IPC: a cancelled dialog is null, a foreign file and a foreign drop are EINVALID with the reason', async () => {
    const dir = await tempDir()
    const app = await appUnderTest({ dataDir: await tempDir() })
    expect(await app.call(CHANNELS.historyOpenFile)).toEqual({ ok: true, value: null })

    const foreign = join(dir, 'package.json')
    await writeFile(foreign, '{"name": "not-a-session"}')
    app.dialogs.openAnswers.push([foreign])
    const refused = await app.call<OpenedSession>(CHANNELS.historyOpenFile)
    expect(refused).toMatchObject({ ok: false, error: { code: 'EINVALID', message: 'package.json cannot be opened: it is not a Mailwire session file (no "format": "mailwire-session/1")' } })

    const dropped = await app.call<OpenedSession>(CHANNELS.historyReadFile, { name: 'notes.txt', text: 'EHLO me' })
    expect(dropped).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
    expect(!dropped.ok && dropped.error.message).toMatch(/^notes\.txt is not a Mailwire session file: it is not JSON/)
    const badPayload = await app.call<OpenedSession>(CHANNELS.historyReadFile, { name: 'x.json', text: 42 })
    expect(badPayload).toMatchObject({ ok: false, error: { code: 'EINVALID', field: 'text' } })
  })
})
