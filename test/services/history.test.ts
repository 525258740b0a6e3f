import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatResult, formatTranscript } from '../../main/report'
import { readSessionDocument } from '../../main/report/session-reader'
import { createHistoryService } from '../../main/services/history/history-service'
import { openHistoryStore, type NewHistoryEntry } from '../../main/services/history/history-store'
import { fakeDialogs } from './support/fake-dialogs'
import { sampleResult, sampleTranscript } from './support/samples'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()

const EML = Buffer.from('From: alice@mailwire.test\r\nTo: bob@mailwire.test\r\nSubject: Hi\r\n\r\nHello\r\n')

function entry(subject: string, startedAt = '2026-01-28T12:00:00.000Z', kept = true): NewHistoryEntry {
  return {
    summary: {
      startedAt,
      profileName: 'Postfix',
      host: '127.0.0.1',
      port: 2525,
      from: 'alice@mailwire.test',
      recipients: 1,
      subject,
      status: 'sent',
      durationMs: 18,
    },
    transcript: sampleTranscript(),
    result: sampleResult({ startedAt }),
    profile: { name: 'Postfix', host: '127.0.0.1', port: 2525, security: 'starttls' },
    envelope: { from: 'alice@mailwire.test', to: ['bob@mailwire.test'] },
    message: { from: 'alice@mailwire.test', to: ['bob@mailwire.test'], cc: [], bcc: [], subject, attachments: [], headers: [], raw: false, bytes: 80 },
    eml: kept ? { kept: true, bytes: EML.length } : { kept: false, bytes: 30 * 1024 * 1024, reason: 'it is larger than 25 MiB' },
    ...(kept ? { emlBytes: EML } : {}),
  }
}

describe('history', () => {
  it('lists newest first, bounded, and deletes the files of entries it drops', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore(dir, 3)
    const ids: string[] = []
    for (let n = 1; n <= 5; n++) ids.push((await store.add(entry(`message ${n}`, `2026-01-28T12:00:0${n}.000Z`))).id)
    expect(store.list().map((summary) => summary.subject)).toEqual(['message 5', 'message 4', 'message 3'])
    const files = await readdir(dir)
    expect(files.sort()).toEqual(['index.json', ...ids.slice(2).flatMap((id) => [`${id}.eml`, `${id}.json`])].sort())

    const reopened = await openHistoryStore(dir, 3)
    expect(reopened.list()).toEqual(store.list())
  })

  it('reopens an entry with its transcript and result, and removes it', async () => {
    const store = await openHistoryStore(await tempDir())
    const { id } = await store.add(entry('reopen me'))
    const got = await store.get(id)
    expect(got.summary.subject).toBe('reopen me')
    expect(got.transcript).toEqual(sampleTranscript())
    expect(got.result).toEqual(sampleResult())
    expect(got.eml).toEqual({ kept: true, bytes: EML.length })
    await store.remove(id)
    expect(store.list()).toEqual([])
    await expect(store.get(id)).rejects.toMatchObject({ code: 'ENOTFOUND' })
  })

  it('refuses ids it did not make before going near a path', async () => {
    const store = await openHistoryStore(await tempDir())
    for (const id of ['../profiles', '..', 'index', '']) {
      await expect(store.get(id)).rejects.toMatchObject({ code: 'ENOTFOUND' })
    }
  })

  it('exports text in the CLI transcript format, JSON and the .eml through the save dialog', async () => {
    const dir = await tempDir()
    const dialogs = fakeDialogs()
    const { id } = await (await openHistoryStore(join(dir, 'history'))).add(entry('Quarterly report: Q1/Q2'))
    // Reopened, as after a restart: the exports come from what is on disk.
    const fresh = createHistoryService(await openHistoryStore(join(dir, 'history')), dialogs)

    dialogs.saveAnswers.push(join(dir, 'out.txt'), join(dir, 'out.json'), join(dir, 'out.eml'))
    expect(await fresh.export(id, 'text')).toEqual({ saved: true, path: join(dir, 'out.txt') })
    expect(await fresh.export(id, 'json')).toEqual({ saved: true, path: join(dir, 'out.json') })
    expect(await fresh.export(id, 'eml')).toEqual({ saved: true, path: join(dir, 'out.eml') })

    expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe(
      `${formatTranscript(sampleTranscript())}\n${formatResult(sampleResult())}`,
    )
    // The session file mailwire send --json writes: the reader takes it as it is.
    const json = await readFile(join(dir, 'out.json'), 'utf8')
    expect(readSessionDocument(json)).toEqual({
      ok: true,
      document: {
        format: 'mailwire-session/1',
        kind: 'send',
        writtenBy: 'mailwire-app',
        startedAt: '2026-01-28T12:00:00.000Z',
        profile: { name: 'Postfix', host: '127.0.0.1', port: 2525, security: 'starttls' },
        envelope: { from: 'alice@mailwire.test', to: ['bob@mailwire.test'] },
        message: { from: 'alice@mailwire.test', to: ['bob@mailwire.test'], cc: [], bcc: [], subject: 'Quarterly report: Q1/Q2', attachments: [], headers: [], raw: false, bytes: 80 },
        transcript: sampleTranscript(),
        result: sampleResult(),
      },
    })
    expect(await readFile(join(dir, 'out.eml'))).toEqual(EML)
    expect(dialogs.saveRequests.map((request) => request.filters[0]?.name)).toEqual(['Text transcript', 'Mailwire session', 'Email message'])
    expect(dialogs.saveRequests.map((request) => request.defaultName)).toEqual([
      'Mailwire 2026-01-28 12-00-00 Quarterly report Q1Q2.txt',
      'Mailwire 2026-01-28 12-00-00 Quarterly report Q1Q2.json',
      'Mailwire 2026-01-28 12-00-00 Quarterly report Q1Q2.eml',
    ])
  })

  it('says why there is no .eml when the message was too large to keep, without a dialog', async () => {
    const dialogs = fakeDialogs()
    const store = await openHistoryStore(await tempDir())
    const { id } = await store.add(entry('huge', undefined, false))
    await expect(createHistoryService(store, dialogs).export(id, 'eml')).rejects.toMatchObject({
      code: 'ENOTFOUND',
      message: 'The message was not kept: it is larger than 25 MiB.',
    })
    expect(dialogs.saveRequests).toEqual([])
  })

  it('writes nothing when the user cancels the dialog', async () => {
    const dir = await tempDir()
    const store = await openHistoryStore(join(dir, 'history'))
    const { id } = await store.add(entry('cancelled'))
    expect(await createHistoryService(store, fakeDialogs()).export(id, 'text')).toEqual({ saved: false })
    expect(await readdir(dir)).toEqual(['history'])
  })
})
