// Sent versus arrived in the History view, end to end: a send to the local test inbox
// compared with the inbox's copy (the inbox keeps what it received as it came), and a send
// through Postfix compared with the message Postfix delivered to the Maildir, opened as an
// .eml in main's dialog: Return-Path, Delivered-To and Received added at the top.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { postfixProfile, startApp, type RunningApp } from './support/harness'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { tempFiles, type TempFiles } from '../cli/support/temp-files'

let app: RunningApp | undefined
let files: TempFiles
beforeAll(() => {
  files = tempFiles()
})
afterAll(() => files.remove())
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** Sends the form as it is, then opens the newest History entry. */
async function sendAndOpenInHistory(current: RunningApp, subject: string, to?: string): Promise<void> {
  const { page } = current
  if (to !== undefined) await page.getByTestId('to-input').fill(`${to},`)
  await page.getByTestId('subject-input').fill(subject)
  await page.getByTestId('send-button').click()
  await page.getByTestId('result-status').filter({ hasText: 'sent' }).waitFor()
  await page.getByTestId('view-tab-history').click()
  await page.getByTestId('history-row').filter({ hasText: subject }).first().click()
  await page.getByTestId('history-entry').waitFor()
}

const headerRows = (current: RunningApp) =>
  current.page.getByTestId('arrived-header').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-kind')} ${row.getAttribute('data-name')}`))

describe('sent versus arrived, local inbox', () => {
  it('the inbox’s copy beside what was sent: the same headers, the body byte for byte', async () => {
    app = await startApp()
    await sendAndOpenInHistory(app, 'Compared with the inbox')
    await app.page.getByTestId('sent-vs-arrived-button').click()
    const view = app.page.getByTestId('sent-vs-arrived')
    await view.waitFor()
    expect(await view.getAttribute('data-body')).toBe('same')
    expect(await app.page.getByTestId('arrived-summary').textContent()).toBe('0 headers added, 0 headers changed, 0 headers removed; the body arrived byte for byte.')
    const rows = await headerRows(app)
    expect(rows).toContain('same subject')
    expect(rows.every((row) => row.startsWith('same '))).toBe(true)
    await app.page.getByTestId('close-arrived').click()
    await app.page.getByTestId('history-entry').waitFor()
  })
})

describeWithPostfix('sent versus arrived, through Postfix', (postfix) => {
  it('an .eml from the Maildir: trace fields added at the top, the body only re-ended', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix)] })
    const mailbox = uniqueMailbox('e2e-arrived')
    await app.page.getByTestId('from-input').fill('Mailwire E2E <e2e@mailwire.test>')
    await app.page.getByTestId('body-input').fill('Hello,\n.a line with a dot\nthe end\n')
    await sendAndOpenInHistory(app, 'Compared with the Maildir', mailbox)
    const [raw = ''] = await waitForMail(mailbox, 1, 40_000)
    app.dialogs.openAnswers.push([files.write('arrived.eml', raw)])
    await app.page.getByTestId('compare-eml-button').click()
    const view = app.page.getByTestId('sent-vs-arrived')
    await view.waitFor()
    expect(await view.textContent()).toContain('arrived.eml')
    const rows = await headerRows(app)
    // The differences come first, in the order the arrived message has them.
    const added = rows.filter((row) => row.startsWith('added '))
    expect(added).toEqual(expect.arrayContaining(['added delivered-to', 'added received', 'added return-path']))
    expect(rows.slice(0, added.length)).toEqual(added)
    expect(rows.filter((row) => row.startsWith('changed') || row.startsWith('removed'))).toEqual([])
    expect(await app.page.getByTestId('arrived-header').first().textContent()).toContain('added at the top')
    expect(await view.getAttribute('data-body')).toBe('line-endings')
    expect(await app.page.getByTestId('arrived-summary').textContent()).toBe(
      `${added.length} headers added, 0 headers changed, 0 headers removed; the body arrived with other line endings only.`,
    )
    const shot = await app.screenshot('sent-vs-arrived')
    expect(shot).toMatch(/sent-vs-arrived\.png$/)
  })
})
