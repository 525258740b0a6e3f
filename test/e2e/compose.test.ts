// The UI end to end, around the send: a server added through the editor, invalid
// recipients stopping a send, the draft surviving a restart, copy and export of a session.
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { CHANNELS, type ComposeModel } from '../../preload/contract'
import { postfixProfile, startApp, type RunningApp } from './support/harness'
import { fakeSecretStore } from '../services/support/fake-secret-store'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'

/** The page's globals these tests touch (the e2e project is typed without the DOM library). */
type PageGlobals = { navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } } }

/** Postfix delivers in milliseconds, but other suites share it: allow for a busy queue. */
const MAIL_WAIT_MS = 40_000

let app: RunningApp | undefined
const folders: string[] = []
afterEach(async () => {
  await app?.close()
  app = undefined
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})

const chipStates = (app: RunningApp) =>
  app.page.getByTestId('chip').evaluateAll((chips) =>
    chips.map((chip) => `${chip.querySelector('[data-testid=chip-text]')?.textContent}${chip.getAttribute('data-valid') === 'true' ? '' : ' ✗'}`),
  )

describeWithPostfix('composing in the UI', (postfix) => {
  it('marks invalid recipients and refuses to send until they are fixed', async () => {
    app = await startApp({ profiles: [postfixProfile(postfix)] })
    const { page } = app
    const ok = uniqueMailbox('e2e-ok')
    const erin = uniqueMailbox('e2e-erin')
    await page.getByTestId('from-input').fill('Mailwire <e2e@mailwire.test>')
    // A real paste of a list copied from elsewhere, line breaks included.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
    await page.evaluate(
      (list) => (globalThis as unknown as PageGlobals).navigator.clipboard.writeText(list),
      `${ok}, carol@@mailwire.test; dave mailwire.test\nErin <${erin}>`,
    )
    await page.getByTestId('to-input').focus()
    await page.keyboard.press('Control+V')
    await page.getByTestId('subject-input').fill('Quarterly numbers')
    await page.getByTestId('body-input').fill('Hello,\n\nthe numbers are attached.\n')
    expect(await chipStates(app)).toEqual([ok, 'carol@@mailwire.test ✗', 'dave mailwire.test ✗', `Erin <${erin}>`])
    await page.getByTestId('send-button').click()
    const problems = page.getByTestId('send-problems')
    await problems.waitFor()
    expect(await problems.textContent()).toContain('carol@@mailwire.test: the address has more than one @')
    await app.screenshot('compose-invalid-chips')

    // Keyboard only: focus the last invalid chip from the input and delete both.
    await page.getByTestId('to-input').focus()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Delete')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Backspace')
    expect(await chipStates(app)).toEqual([ok, `Erin <${erin}>`])
    // Checked after the edits, when any start the click could have caused would have been made.
    expect(app.invocations.some((call) => call.channel === CHANNELS.sessionStart)).toBe(false)

    // Fixed: now it sends, to the two valid recipients only, and each gets the message once.
    await page.getByTestId('send-button').click()
    const status = page.getByTestId('result-status')
    await status.waitFor()
    expect(await status.getAttribute('data-status')).toBe('sent')
    expect(await page.getByTestId('send-problems').count()).toBe(0)
    const starts = app.invocations.filter((call) => call.channel === CHANNELS.sessionStart)
    expect(starts).toHaveLength(1)
    expect((starts[0]!.payload as { compose: ComposeModel }).compose.to).toEqual([ok, `Erin <${erin}>`])
    for (const mailbox of [ok, erin]) {
      const delivered = await waitForMail(mailbox, 1, MAIL_WAIT_MS)
      expect(delivered).toHaveLength(1)
      expect(delivered[0]).toContain('Subject: Quarterly numbers')
    }
  })

  it('keeps the draft across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mailwire-e2e-draft-'))
    folders.push(dataDir)
    const secretStore = fakeSecretStore()
    app = await startApp({ dataDir, secretStore, profiles: [postfixProfile(postfix)] })
    await app.page.getByTestId('to-input').fill('keep@mailwire.test, half@')
    await app.page.getByTestId('subject-input').fill('Unfinished thoughts')
    await app.page.getByTestId('body-input').fill('Line one\nLine two')
    await expect
      .poll(() => {
        const saves = app!.invocations.filter((call) => call.channel === CHANNELS.draftSave && call.result.ok)
        return (saves.at(-1)?.payload as ComposeModel | undefined)?.text
      })
      .toBe('Line one\nLine two')
    await app.close()

    app = await startApp({ dataDir, secretStore })
    await expect.poll(() => app!.page.getByTestId('subject-input').inputValue()).toBe('Unfinished thoughts')
    expect(await app.page.getByTestId('body-input').inputValue()).toBe('Line one\nLine two')
    expect(await chipStates(app)).toEqual(['keep@mailwire.test', 'half@ ✗'])
  })

  it('adds a server through the editor, sends through it, then copies and exports the session', async () => {
    app = await startApp()
    const { page } = app
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
    // First run: the built-in local test inbox is the one server; add another.
    await page.getByTestId('profile-new').click()
    await page.getByTestId('profile-name').fill('Postfix via the editor')
    await page.getByTestId('profile-host').fill(postfix.host)
    await page.getByTestId('profile-security').selectOption('implicit')
    expect(await page.getByTestId('profile-port').inputValue()).toBe('465')
    await page.getByTestId('profile-port').fill(String(postfix.implicitTlsPort))
    await page.getByText('+ More options').click()
    await page.getByTestId('profile-ca').fill(postfix.caPem)
    await page.getByTestId('profile-save').click()
    await page.getByTestId('profile-editor').waitFor({ state: 'detached' })
    expect(await page.getByTestId('profile-summary').textContent()).toBe(`${postfix.host}:${postfix.implicitTlsPort} · TLS from the start`)

    const mailbox = uniqueMailbox('e2e-editor')
    await page.getByTestId('from-input').fill('e2e@mailwire.test')
    await page.getByTestId('to-input').fill(`${mailbox},`)
    await page.getByTestId('subject-input').fill('Through implicit TLS')
    await page.getByTestId('body-input').fill('Hi\n')
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('result-status').waitFor()
    expect(await page.getByTestId('result-status').getAttribute('data-status')).toBe('sent')
    expect(await waitForMail(mailbox, 1, MAIL_WAIT_MS)).toHaveLength(1)

    await page.getByTestId('copy-all').click()
    await page.getByTestId('wire-notice').filter({ hasText: 'Copied' }).waitFor()
    const copied = await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText())
    expect(copied).toMatch(/ ~> EHLO /)
    expect(copied).toMatch(/ <~ 250 2\.0\.0 Ok: queued as /)
    expect(copied).toMatch(/ <~ 221 /)

    const saved: Record<string, string> = {}
    for (const format of ['text', 'json', 'eml'] as const) {
      saved[format] = join(app.dataDir, `export.${format}`)
      app.dialogs.saveAnswers.push(saved[format]!)
      await page.getByTestId(`export-${format}`).click()
      await page.getByTestId('wire-notice').filter({ hasText: `Saved ${saved[format]}` }).waitFor()
      expect(existsSync(saved[format]!)).toBe(true)
    }
    expect(readFileSync(saved['text']!, 'utf8')).toContain('221')
    expect(JSON.parse(readFileSync(saved['json']!, 'utf8'))).toMatchObject({ transcript: expect.any(Array), result: { status: 'sent' } })
    expect(readFileSync(saved['eml']!, 'utf8')).toContain('Subject: Through implicit TLS')
  })
})
