// Attachment paths in the app, end to end: a file dropped on the window is attached once
// main has had the user confirm it, and goes out with the message; a path the page names
// by itself (as a compromised renderer would) is refused by main, nothing sent. The real
// preload (its webUtils stand-in knows the dropped file's path), IPC and services.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Result, SessionStartRequest } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { LOCAL_INBOX_PROFILE_ID } from '../../main/services/local-inbox/local-inbox-profile'
import { startApp, type RunningApp } from './support/harness'

/** The page's globals these tests touch (the e2e project is typed without the DOM library). */
type PageGlobals = {
  __mailwireDroppedPaths?: Record<string, string>
  mailwire: { session: { start(request: SessionStartRequest): Promise<Result<unknown>> } }
}

let app: RunningApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** A real drop on the compose pane: a DataTransfer holding one File, as Chromium dispatches it. */
const DROP_NOTES = `(() => {
  const transfer = new DataTransfer()
  transfer.items.add(new File(['the notes, from disk'], 'notes.txt', { type: 'text/plain' }))
  const target = document.querySelector('[data-testid=compose]')
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
})()`

describe('attachment paths in the app', () => {
  it('attaches a dropped file once main confirms it, and sends it', async () => {
    app = await startApp()
    const { page } = app
    const notes = join(app.dataDir, 'notes.txt')
    await writeFile(notes, 'the notes, from disk\n')
    // Electron gives a file dragged from disk its path; the stand-in learns it here.
    await page.evaluate((path) => ((globalThis as unknown as PageGlobals).__mailwireDroppedPaths = { 'notes.txt': path }), notes)
    app.dialogs.confirmAnswers.push(true)
    await expect.poll(() => page.getByTestId('from-input').inputValue()).toBe('you@mailwire.test')

    await page.evaluate(DROP_NOTES)
    await page.getByTestId('attachment').filter({ hasText: 'notes.txt' }).waitFor()
    expect(app.dialogs.confirmRequests).toEqual([{ title: 'Attach dropped files', message: 'Attach notes.txt?', detail: notes, confirmLabel: 'Attach' }])

    await page.getByTestId('send-button').click()
    const banner = page.getByTestId('result-status')
    await banner.waitFor()
    expect(await banner.getAttribute('data-status')).toBe('sent')
    const queueId = (await page.getByTestId('queue-id').textContent()) ?? ''
    const message = await app.services.inbox.get(queueId)
    expect(message.parsed.attachments).toEqual([expect.objectContaining({ filename: 'notes.txt', size: 21 })])
  })

  it('refuses an attachment path the page names by itself, and sends nothing', async () => {
    app = await startApp()
    const { page } = app
    const secret = join(app.dataDir, 'id_rsa')
    await writeFile(secret, '-----BEGIN OPENSSH PRIVATE KEY-----\n')
    const request: SessionStartRequest = {
      profileId: LOCAL_INBOX_PROFILE_ID,
      compose: { from: 'you@mailwire.test', to: ['inbox@mailwire.test'], cc: [], bcc: [], subject: 'x', text: 'x', attachments: [{ path: secret }], headers: [] },
    }
    const started = await page.evaluate((payload) => (globalThis as unknown as PageGlobals).mailwire.session.start(payload), request)
    expect(started).toMatchObject({
      ok: false,
      error: { code: 'EINVALID', field: 'attachments[0]', message: `${secret} was not chosen in this window: attach it with Attach or by dropping it on the window.` },
    })
    expect(app.events.some((event) => event.channel === CHANNELS.sessionWire)).toBe(false)
    expect(await app.services.inbox.list()).toEqual([])
  })
})
