// The Send view's Envelope and Advanced parts, the profile's protocol, and how the result
// and the log show LMTP deliveries and a session ended on purpose (issue 14).
import { describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ComposeModel, SendResult } from '../../preload/contract'
import { App } from '../../renderer/src/App'
import { connectBridge } from '../../renderer/src/bridge'
import { ProfileEditor } from '../../renderer/src/features/profiles/ProfileEditor'
import { ProfilePicker } from '../../renderer/src/features/profiles/ProfilePicker'
import { ResultPanel } from '../../renderer/src/features/result/ResultPanel'
import { WireLog } from '../../renderer/src/features/wire-log/WireLog'
import { createFakeApi, testProfile } from './support/fake-api'
import { renderWithStore } from './support/render-app'
import { wireEvent } from './support/wire-events'

/** These tests type a whole form on a machine shared with other runs: room to finish, no timing asserted. */
const FORM_TEST = { timeout: 30_000 }

async function renderApp(options: Parameters<typeof createFakeApi>[0] = {}) {
  const api = createFakeApi(options)
  const rendered = renderWithStore(<App />, { api })
  act(() => void connectBridge(rendered.store, api))
  await waitFor(() => expect(rendered.store.getState().profiles.loaded).toBe(true))
  await waitFor(() => expect(rendered.store.getState().compose.draftLoaded).toBe(true))
  return rendered
}

async function fillMessage(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId('from-input'), 'Me <me@example.test>')
  await user.type(screen.getByTestId('to-input'), 'a@example.test, b@example.test{Enter}')
  await user.type(screen.getByTestId('subject-input'), 'Hello')
}

describe('the Envelope part', () => {
  it('is closed and says in one line what it will use: the From address and the header recipients', FORM_TEST, async () => {
    const user = userEvent.setup()
    await renderApp()
    await fillMessage(user)
    const toggle = screen.getByTestId('envelope-section-toggle')
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByTestId('envelope-sender-null')).toBeNull()
    expect(screen.getByTestId('envelope-section-summary').textContent).toBe('from me@example.test (From) · to a@example.test, b@example.test (To, Cc, Bcc)')
  })

  it('sends the null sender, other recipients, DSN and REQUIRETLS, and says so when closed', FORM_TEST, async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await fillMessage(user)
    await user.click(screen.getByTestId('envelope-section-toggle'))
    await user.click(screen.getByTestId('envelope-sender-null'))
    await user.click(screen.getByTestId('envelope-recipients-other'))
    const recipients = screen.getByTestId('envelope-recipients-input') as HTMLTextAreaElement
    // It starts from the header recipients, to edit rather than retype.
    expect(recipients.value).toBe('a@example.test, b@example.test')
    await user.clear(recipients)
    await user.type(recipients, 'c@example.test <d@example.test>')
    await user.click(screen.getByTestId('dsn-notify-never'))
    // NEVER stands alone (RFC 3461 4.1): ticking another clears it.
    await user.click(screen.getByTestId('dsn-notify-failure'))
    await user.click(screen.getByTestId('dsn-notify-success'))
    expect((screen.getByTestId('dsn-notify-never') as HTMLInputElement).checked).toBe(false)
    await user.click(screen.getByTestId('dsn-ret-hdrs'))
    await user.type(screen.getByTestId('dsn-envid-input'), 'batch-7')
    await user.click(screen.getByTestId('dsn-orcpt'))
    await user.click(screen.getByTestId('envelope-require-tls'))
    await user.click(screen.getByTestId('envelope-section-toggle'))
    expect(screen.getByTestId('envelope-section-summary').textContent).toBe(
      'from <> (null sender) · to c@example.test, d@example.test · DSN NOTIFY=SUCCESS,FAILURE RET=HDRS ENVID ORCPT · REQUIRETLS',
    )

    await user.click(screen.getByTestId('send-button'))
    await waitFor(() => expect(api.calls.start).toHaveLength(1))
    expect(api.calls.start[0]!.compose.envelope).toEqual({
      from: '',
      to: ['c@example.test', 'd@example.test'],
      dsn: { notify: ['SUCCESS', 'FAILURE'], ret: 'HDRS', envid: 'batch-7', orcpt: true },
      requireTls: true,
    })
    // The headers are the user's, untouched.
    expect(api.calls.start[0]!.compose.to).toEqual(['a@example.test', 'b@example.test'])
    expect(api.calls.start[0]).not.toHaveProperty('controls')
  })

  it('does not send an envelope sender that is not one bare address', FORM_TEST, async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await fillMessage(user)
    await user.click(screen.getByTestId('envelope-section-toggle'))
    await user.click(screen.getByTestId('envelope-sender-other'))
    await user.type(screen.getByTestId('envelope-sender-input'), 'Bounces <b@example.test>')
    await user.click(screen.getByTestId('send-button'))
    expect(within(screen.getByTestId('send-problems')).getByText(/Envelope sender: one bare address/)).toBeTruthy()
    expect(api.calls.start).toHaveLength(0)
  })

  it('is kept with the draft and restored from it', async () => {
    const draft: ComposeModel = {
      from: 'me@example.test',
      to: ['a@example.test'],
      cc: [],
      bcc: [],
      subject: '',
      text: '',
      attachments: [],
      headers: [],
      envelope: { from: 'bounce@example.test', dsn: { notify: ['NEVER'] } },
    }
    const user = userEvent.setup()
    const { api } = await renderApp({ draft })
    expect(screen.getByTestId('envelope-section-summary').textContent).toBe('from bounce@example.test · to a@example.test (To, Cc, Bcc) · DSN NOTIFY=NEVER')
    await user.click(screen.getByTestId('envelope-section-toggle'))
    await user.click(screen.getByTestId('envelope-require-tls'))
    act(() => void window.dispatchEvent(new Event('pagehide')))
    await waitFor(() => expect(api.calls.draftsSaved.at(-1)?.envelope).toEqual({ from: 'bounce@example.test', dsn: { notify: ['NEVER'] }, requireTls: true }))
  })
})

describe('the Advanced part', () => {
  it('sends stop after, pipelining off, forced chunking with its size and forced extensions; none of it in the draft', FORM_TEST, async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await fillMessage(user)
    expect(screen.getByTestId('advanced-section-summary').textContent).toBe('the whole session, DATA, pipelining when offered')
    await user.click(screen.getByTestId('advanced-section-toggle'))
    await user.click(screen.getByTestId('advanced-stop-quit'))
    await user.selectOptions(screen.getByTestId('advanced-step'), 'rcpt')
    await user.click(screen.getByTestId('advanced-pipelining'))
    await user.click(screen.getByTestId('advanced-chunking-force'))
    const size = screen.getByTestId('advanced-chunk-size')
    await user.clear(size)
    await user.type(size, '1000')
    await user.click(screen.getByTestId('advanced-force-extensions'))
    expect(screen.getByTestId('advanced-section-summary').textContent).toBe(
      'stop after RCPT TO (QUIT) · no pipelining · BDAT always, 1000 bytes chunks · extensions forced',
    )
    await user.click(screen.getByTestId('send-button'))
    await waitFor(() => expect(api.calls.start).toHaveLength(1))
    expect(api.calls.start[0]!.controls).toEqual({ quitAfter: 'rcpt', pipelining: 'off', chunking: 'force', chunkSize: 1000, forceExtensions: true })
    act(() => void window.dispatchEvent(new Event('pagehide')))
    await waitFor(() => expect(api.calls.draftsSaved.length).toBeGreaterThan(0))
    expect(JSON.stringify(api.calls.draftsSaved)).not.toMatch(/quitAfter|chunking|pipelining/)
  })

  it('hangs up instead of stopping, and refuses a chunk size of 0', FORM_TEST, async () => {
    const user = userEvent.setup()
    const { api } = await renderApp()
    await fillMessage(user)
    await user.click(screen.getByTestId('advanced-section-toggle'))
    await user.click(screen.getByTestId('advanced-stop-drop'))
    await user.selectOptions(screen.getByTestId('advanced-step'), 'dot')
    expect(screen.getByText(/may or may not be delivered/)).toBeTruthy()
    await user.click(screen.getByTestId('advanced-chunking-auto'))
    const size = screen.getByTestId('advanced-chunk-size')
    await user.clear(size)
    await user.type(size, '0')
    await user.click(screen.getByTestId('send-button'))
    expect(api.calls.start).toHaveLength(0)
    await user.clear(size)
    await user.type(size, '65536')
    await user.click(screen.getByTestId('send-button'))
    await waitFor(() => expect(api.calls.start).toHaveLength(1))
    expect(api.calls.start[0]!.controls).toEqual({ dropAfter: 'dot', chunking: 'auto' })
  })
})

describe('the profile protocol', () => {
  it('saves LMTP from the editor', async () => {
    const user = userEvent.setup()
    const api = createFakeApi({ profiles: [testProfile()] })
    const rendered = renderWithStore(
      <>
        <ProfilePicker />
        <ProfileEditor />
      </>,
      { api },
    )
    await act(() => rendered.store.getState().loadProfiles())
    await user.click(screen.getByTestId('profile-edit'))
    expect((screen.getByTestId('profile-protocol') as HTMLSelectElement).value).toBe('smtp')
    await user.selectOptions(screen.getByTestId('profile-protocol'), 'lmtp')
    await user.click(screen.getByTestId('profile-save'))
    await waitFor(() => expect(api.calls.profilesSaved).toHaveLength(1))
    expect(api.calls.profilesSaved[0]!.protocol).toBe('lmtp')
  })
})

const reply = (code: number, enhanced: string, text: string) => ({ code, enhanced, lines: [text] })

function showResult(result: SendResult) {
  const rendered = renderWithStore(
    <>
      <WireLog />
      <ResultPanel />
    </>,
  )
  act(() => {
    rendered.store.getState().applySessionState({ sessionId: 's1', state: 'connecting' })
    rendered.store.getState().applySessionResult({ sessionId: 's1', result, historyId: 'h1' })
  })
  return rendered
}

const baseResult = (patch: Partial<SendResult>): SendResult => ({
  status: 'sent',
  recipients: [],
  timings: [],
  dataBytes: 0,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 10,
  ...patch,
})

describe('the result', () => {
  it('shows each LMTP recipient’s own delivery reply', () => {
    showResult(
      baseResult({
        status: 'partial',
        recipients: [
          { address: 'bob@example.test', accepted: true, reply: reply(250, '2.1.5', 'OK'), delivery: reply(250, '2.0.0', 'Saved') },
          { address: 'carol@example.test', accepted: false, reply: reply(250, '2.1.5', 'OK'), delivery: reply(552, '5.2.2', 'Mailbox full') },
          { address: 'nobody@example.test', accepted: false, reply: reply(550, '5.1.1', 'No such user') },
        ],
      }),
    )
    expect(screen.getByRole('columnheader', { name: 'Delivery (LMTP)' })).toBeTruthy()
    const rows = screen.getAllByTestId('recipient-result')
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual(['✓ delivered', '✗ not delivered', '✗ refused'])
    expect(screen.getAllByTestId('recipient-delivery').map((cell) => cell.textContent)).toEqual(['250 2.0.0 Saved', '552 5.2.2 Mailbox full', '—'])
    expect(screen.getByTestId('status-sentence').textContent).toBe('Delivered to 1 of 3 recipients; the others were not.')
  })

  it('has no delivery column over SMTP', () => {
    showResult(baseResult({ recipients: [{ address: 'bob@example.test', accepted: true, reply: reply(250, '2.1.5', 'OK') }] }))
    expect(screen.queryByRole('columnheader', { name: 'Delivery (LMTP)' })).toBeNull()
  })

  it('says a session stopped on purpose, and the log marks where', () => {
    const { store } = showResult(baseResult({ stoppedAfter: 'rcpt', recipients: [{ address: 'bob@example.test', accepted: true, reply: reply(250, '2.1.5', 'OK') }] }))
    act(() =>
      store.getState().appendWireBatch({
        sessionId: 's1',
        events: [
          wireEvent('client', 'RCPT TO:<bob@example.test>', { seq: 0, phase: 'rcpt' }),
          wireEvent('info', 'stopping after rcpt, as asked', { seq: 1, phase: 'rcpt' }),
          wireEvent('client', 'QUIT', { seq: 2, phase: 'quit' }),
        ],
      }),
    )
    expect(screen.getByTestId('status-pill').textContent).toBe('Stopped')
    expect(screen.getByTestId('status-sentence').textContent).toBe('Stopped after RCPT TO with QUIT, as asked; no message was sent.')
    const marked = screen.getAllByTestId('wire-row').filter((row) => row.dataset['stop'])
    expect(marked.map((row) => [row.dataset['seq'], row.dataset['stop']])).toEqual([['1', 'quit']])
    expect(within(marked[0]!).getByTestId('stop-badge').textContent).toBe('■ stopped on purpose')
  })

  it('says a hang-up after the final dot leaves the message’s fate unknown', () => {
    const { store } = showResult(baseResult({ status: 'unknown', stoppedAfter: 'dot', hungUp: true }))
    act(() =>
      store.getState().appendWireBatch({
        sessionId: 's1',
        events: [wireEvent('info', 'hanging up right after the final dot, without waiting for its reply, as asked: the message may or may not be delivered', { seq: 0, phase: 'data' })],
      }),
    )
    expect(screen.getByTestId('status-pill').textContent).toBe('Hung up')
    expect(screen.getByTestId('status-sentence').textContent).toMatch(/^Hung up right after the final dot/)
    expect(screen.getByTestId('wire-row').dataset['stop']).toBe('hang-up')
  })
})
