import { describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '../../renderer/src/App'
import { connectBridge } from '../../renderer/src/bridge'
import { createFakeApi } from './support/fake-api'
import { renderWithStore } from './support/render-app'

async function renderApp(options: Parameters<typeof createFakeApi>[0] = {}) {
  const api = createFakeApi(options)
  const rendered = renderWithStore(<App />, { api })
  act(() => void connectBridge(rendered.store, api))
  await waitFor(() => expect(rendered.store.getState().profiles.loaded).toBe(true))
  await waitFor(() => expect(rendered.store.getState().compose.draftLoaded).toBe(true))
  return rendered
}

describe('compose and send', () => {
  it('sends the composed message with Ctrl+Enter through the selected profile', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await user.type(screen.getByTestId('from-input'), 'Me <me@example.test>')
    await user.type(screen.getByTestId('to-input'), 'a@example.test, b@example.test')
    await user.type(screen.getByTestId('subject-input'), 'Hello')
    await user.type(screen.getByTestId('body-input'), 'Body text')
    await user.keyboard('{Control>}{Enter}{/Control}')
    await waitFor(() => expect(api.calls.start).toHaveLength(1))
    expect(api.calls.start[0]).toEqual({
      profileId: 'p1',
      compose: {
        from: 'Me <me@example.test>',
        to: ['a@example.test', 'b@example.test'],
        cc: [],
        bcc: [],
        subject: 'Hello',
        text: 'Body text',
        attachments: [],
        headers: [],
      },
    })
  })

  it('leaves Ctrl+Enter to the console and the probe; from Inbox and History it shows Send and sends there', async () => {
    const user = userEvent.setup()
    const { api, store } = await renderApp()
    await user.type(screen.getByTestId('from-input'), 'me@example.test')
    await user.type(screen.getByTestId('to-input'), 'a@example.test{Enter}')
    for (const view of ['probe', 'console'] as const) {
      act(() => store.getState().showView(view))
      await user.keyboard('{Control>}{Enter}{/Control}')
      expect(store.getState().view).toBe(view)
    }
    expect(api.calls.start).toHaveLength(0)
    // From the Inbox or History, the message is not sent unseen: Send comes forward, its session in view.
    for (const [view, sends] of [['inbox', 1], ['history', 2]] as const) {
      act(() => store.getState().showView(view))
      await user.keyboard('{Control>}{Enter}{/Control}')
      expect(store.getState().view).toBe('send')
      expect(screen.getByTestId('view-tab-send').getAttribute('aria-selected')).toBe('true')
      await waitFor(() => expect(api.calls.start).toHaveLength(sends))
      act(() => api.emitState({ sessionId: `s${sends}`, state: 'done' }))
    }
  })

  it('does not send while an address is invalid, and says why', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await user.type(screen.getByTestId('from-input'), 'me@example.test')
    await user.type(screen.getByTestId('to-input'), 'broken@@example.test{Enter}')
    await user.click(screen.getByTestId('send-button'))
    const problems = await screen.findByTestId('send-problems')
    expect(problems.textContent).toContain('broken@@example.test: the address has more than one @')
    expect(api.calls.start).toHaveLength(0)
  })

  it("shows main's field errors inline when it refuses the send", async () => {
    const user = userEvent.setup()
    const { api } = await renderApp({
      startResult: () => ({
        ok: false,
        error: {
          code: 'EINVALID',
          message: 'Header X-Bad: the name contains a character not allowed',
          field: 'to[1]',
          fields: [
            { field: 'to[1]', message: 'the domain cannot receive mail' },
            { field: 'subject', message: 'the subject is too long' },
          ],
        },
      }),
    })
    await user.type(screen.getByTestId('from-input'), 'me@example.test')
    await user.type(screen.getByTestId('to-input'), 'a@example.test,b@example.test,')
    await user.click(screen.getByTestId('send-button'))
    await waitFor(() => expect(api.calls.start).toHaveLength(1))
    const chip = (await screen.findAllByTestId('chip'))[1]!
    await waitFor(() => expect(chip.dataset['valid']).toBe('false'))
    expect(within(chip).getByTestId('chip-error').textContent).toBe('the domain cannot receive mail')
    expect(screen.getByText('the subject is too long')).toBeTruthy()
    expect(screen.getByTestId('send-problems').textContent).toContain('(EINVALID)')
  })

  it('follows the session: running, then the result; Esc cancels while it runs', async () => {
    const user = userEvent.setup()
    const { api, store } = await renderApp()
    await user.type(screen.getByTestId('from-input'), 'me@example.test')
    await user.type(screen.getByTestId('to-input'), 'a@example.test,')
    await user.click(screen.getByTestId('send-button'))
    await waitFor(() => expect(store.getState().session.sessionId).toBe('s1'))
    act(() => api.emitState({ sessionId: 's1', state: 'running', phase: 'rcpt' }))
    expect(screen.getByTestId('session-status').textContent).toContain('Sending… RCPT')
    expect((screen.getByTestId('send-button') as HTMLButtonElement).disabled).toBe(true)
    await user.keyboard('{Escape}')
    expect(api.calls.cancel).toBe(1)
    act(() =>
      api.emitResult({
        sessionId: 's1',
        historyId: 'h1',
        result: {
          status: 'failed',
          recipients: [],
          timings: [],
          dataBytes: 0,
          startedAt: '2026-01-01T00:00:00Z',
          durationMs: 12,
          error: { code: 'ECANCELLED', message: 'Cancelled by the user' },
        },
      }),
    )
    expect(screen.getByTestId('result-status').textContent).toContain('The session was cancelled')
    await user.click(screen.getByTestId('export-json'))
    expect(api.calls.exports).toEqual([{ id: 'h1', format: 'json' }])
  })

  it('restores the draft at start and saves changes debounced', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp({
      draft: {
        from: 'me@example.test',
        to: ['a@example.test', 'not valid'],
        cc: ['c@example.test'],
        bcc: [],
        subject: 'Saved subject',
        text: 'Saved body',
        attachments: [{ path: '/tmp/a.txt', filename: 'a.txt' }],
        headers: [{ name: 'X-Test', value: '1' }],
      },
    })
    expect(screen.getByTestId('subject-input')).toHaveProperty('value', 'Saved subject')
    expect(screen.getAllByTestId('chip').map((chip) => chip.dataset['valid'])).toEqual(['true', 'false', 'true'])
    expect(screen.getByTestId('attachment').textContent).toContain('a.txt')
    await user.type(screen.getByTestId('subject-input'), ' and more')
    await user.type(screen.getByTestId('to-input'), 'half-typed@exa')
    // One save after the typing pauses, with everything, including what was not yet a chip.
    await waitFor(() => expect(api.calls.draftsSaved.length).toBeGreaterThan(0), { timeout: 3000 })
    const saved = api.calls.draftsSaved.at(-1)!
    expect(saved.subject).toBe('Saved subject and more')
    expect(saved.to).toEqual(['a@example.test', 'not valid', 'half-typed@exa'])
    expect(saved.cc).toEqual(['c@example.test'])
    expect(api.calls.draftsSaved.length).toBeLessThan(3)
  })

  it('attaches files from the picker and by drag and drop, with sizes', async () => {
    const user = userEvent.setup()
    const { store } = await renderApp()
    await user.click(screen.getByTestId('attach-button'))
    await screen.findByText('report.pdf')
    expect(screen.getByTestId('attachment').textContent).toContain('48 kB')
    await act(() => store.getState().dropFiles([new File(['x'.repeat(1200)], 'notes.txt')]))
    expect(screen.getAllByTestId('attachment').map((row) => row.textContent)).toEqual([
      expect.stringContaining('report.pdf'),
      expect.stringContaining('1.2 kB'),
    ])
    expect(store.getState().compose.attachments[1]!.path).toBe('/dropped/notes.txt')
    await user.click(screen.getAllByTestId('attachment-remove')[0]!)
    expect(screen.getAllByTestId('attachment')).toHaveLength(1)
  })

  it('switches to raw mode and says when From or Date are missing', async () => {
    const user = userEvent.setup()
    await renderApp()
    await user.click(screen.getByTestId('mode-raw'))
    await user.type(screen.getByTestId('raw-input'), 'Subject: hi{Enter}{Enter}body')
    expect(screen.getByTestId('raw-missing').textContent).toContain('no From: and no Date: headers')
    await user.clear(screen.getByTestId('raw-input'))
    await user.type(screen.getByTestId('raw-input'), 'From: a@b.test{Enter}Date: today{Enter}{Enter}body')
    expect(screen.queryByTestId('raw-missing')).toBeNull()
  })

  it('validates custom header rows as typed', async () => {
    const user = userEvent.setup()
    await renderApp()
    await user.click(screen.getByTestId('add-header'))
    await user.type(screen.getByLabelText('Header 1 name'), 'X Bad:')
    expect(screen.getByTestId('header-error').textContent).toBe('use letters, digits and dashes (no spaces or colon)')
    await user.clear(screen.getByLabelText('Header 1 name'))
    await user.type(screen.getByLabelText('Header 1 name'), 'X-Good')
    expect(screen.queryByTestId('header-error')).toBeNull()
  })

  it('reacts to menu commands from main: new message, send', async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await user.type(screen.getByTestId('subject-input'), 'to be cleared')
    act(() => api.emitCommand('new-message'))
    expect(screen.getByTestId('subject-input')).toHaveProperty('value', '')
    act(() => api.emitCommand('send'))
    expect(await screen.findByTestId('send-problems')).toBeTruthy()
    expect(api.calls.start).toHaveLength(0)
  })
})


describe('after a refused attempt', () => {
  it('drops each problem from the list as soon as it is fixed', async () => {
    const user = userEvent.setup()
    const api = createFakeApi()
    const { store } = renderWithStore(<App />, { api })
    act(() => void connectBridge(store, api))
    await waitFor(() => expect(store.getState().compose.draftLoaded).toBe(true))
    await user.type(screen.getByTestId('to-input'), 'x@@example.test,')
    await user.click(screen.getByTestId('send-button'))
    const problems = await screen.findByTestId('send-problems')
    expect(problems.textContent).toContain('From: the sender address is empty')
    expect(problems.textContent).toContain('x@@example.test: the address has more than one @')
    await user.type(screen.getByTestId('from-input'), 'me@example.test')
    expect(screen.getByTestId('send-problems').textContent).not.toContain('From:')
    await user.click(screen.getByTestId('chip-remove'))
    expect(screen.getByTestId('send-problems').textContent).toContain('add at least one recipient')
    await user.type(screen.getByTestId('to-input'), 'ok@example.test,')
    expect(screen.queryByTestId('send-problems')).toBeNull()
  })
})
