// The Console view with a fake API that plays a server: connect, typed lines with Enter,
// history with up and down, verb completion with Tab, a pasted line break refused, DATA
// entry ended by its own action (never by the window's Ctrl+Enter Send), and the consent
// asked before credentials leave without TLS.
import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ConsoleOutcome, ConsoleStatus, MailwireApi, Reply, Result } from '../../preload/contract'
import { App } from '../../renderer/src/App'
import { connectBridge } from '../../renderer/src/bridge'
import { createFakeApi, ok, testProfile } from './support/fake-api'
import { renderWithStore } from './support/render-app'

interface Played {
  lines: string[]
  data: string[]
  auth: Array<{ allowCleartext?: boolean }>
  closed: number
}

/** A console API that answers like a small server and shows each line in the log. */
function playedConsole(played: Played, emit: () => ReturnType<typeof createFakeApi>): Partial<MailwireApi['console']> {
  let seq = 0
  let status: ConsoleStatus = {
    consoleId: 'c1',
    state: 'ready',
    profileId: 'p1',
    host: '127.0.0.1',
    port: 2525,
    secure: false,
    clientName: 'me.example.test',
    authenticated: false,
    canAuthenticate: true,
    cleartextAuthNeedsConsent: true,
  }
  const log = (kind: 'client' | 'server', text: string, code?: number) =>
    emit().emitConsoleWire({ sessionId: 'c1', events: [{ seq: seq++, at: seq, kind, text, phase: 'mail', secure: false, ...(code ? { reply: { code } } : {}) }] })
  const answer = (reply: Reply, patch: Partial<ConsoleStatus> = {}): Result<ConsoleOutcome> => {
    log('server', `${reply.code} ${reply.lines[0]}`, reply.code)
    status = { ...status, ...patch, lastReply: reply }
    return ok({ status, reply })
  }
  return {
    open: async () => answer({ code: 220, lines: ['fake ESMTP'] }),
    send: async ({ line, allowCleartext }) => {
      if (/^AUTH/i.test(line) && !allowCleartext) return { ok: false, error: { code: 'EPOLICY', message: 'cleartext' } }
      played.lines.push(line)
      log('client', /^AUTH/i.test(line) ? 'AUTH PLAIN ****' : line)
      if (line === 'DATA') return answer({ code: 354, lines: ['go ahead'] }, { state: 'data' })
      if (/^AUTH LOGIN$/i.test(line)) return answer({ code: 334, lines: ['VXNlcm5hbWU6'] })
      return answer({ code: 250, lines: ['ok'] })
    },
    sendData: async ({ body }) => {
      played.data.push(body)
      return answer({ code: 250, lines: ['queued'] }, { state: 'ready' })
    },
    auth: async (request) => {
      played.auth.push({ ...(request.allowCleartext ? { allowCleartext: true } : {}) })
      if (!request.allowCleartext) return { ok: false, error: { code: 'EPOLICY', message: 'cleartext' } }
      return answer({ code: 235, lines: ['ok'] }, { authenticated: true })
    },
    close: async () => {
      played.closed++
      status = { ...status, state: 'closed' }
      return ok({ status })
    },
  }
}

async function renderConsole(profile: Parameters<typeof testProfile>[0] = { username: 'ann', hasPassword: true }) {
  const played: Played = { lines: [], data: [], auth: [], closed: 0 }
  // The played console emits through the API it is part of.
  const holder: { api?: ReturnType<typeof createFakeApi> } = {}
  const api = createFakeApi({ profiles: [testProfile(profile)], console: playedConsole(played, () => holder.api!) })
  holder.api = api
  const rendered = renderWithStore(<App />, { api })
  act(() => void connectBridge(rendered.store, api))
  await waitFor(() => expect(rendered.store.getState().profiles.loaded).toBe(true))
  act(() => rendered.store.getState().showView('console'))
  const user = userEvent.setup()
  await user.click(screen.getByTestId('console-connect'))
  await waitFor(() => expect(screen.getByTestId('console-state').getAttribute('data-state')).toBe('ready'))
  return { ...rendered, api, played, user, input: () => screen.getByTestId('console-input') as HTMLInputElement }
}

describe('the console view', () => {
  it('sends typed lines with Enter, walks the history with up and down, and completes verbs with Tab', async () => {
    const { user, input, played } = await renderConsole()
    await user.type(input(), 'eh')
    await user.keyboard('{Tab}')
    expect(input().value).toBe('EHLO me.example.test')
    await user.keyboard('{Enter}')
    await waitFor(() => expect(played.lines).toEqual(['EHLO me.example.test']))
    await waitFor(() => expect(input().value).toBe(''))

    // Two verbs start with R: Tab shows both and waits for more.
    await user.type(input(), 'r')
    await user.keyboard('{Tab}')
    expect(input().value).toBe('r')
    expect(screen.getByTestId('console-completions').textContent).toBe('Tab: RCPT · RSET')
    await user.type(input(), 'c')
    await user.keyboard('{Tab}')
    expect(input().value).toBe('RCPT TO:<')
    await user.type(input(), 'b@example.test>{Enter}')
    await waitFor(() => expect(played.lines.at(-1)).toBe('RCPT TO:<b@example.test>'))

    await waitFor(() => expect(input().value).toBe(''))
    await user.type(input(), 'NO')
    await user.keyboard('{ArrowUp}')
    expect(input().value).toBe('RCPT TO:<b@example.test>')
    await user.keyboard('{ArrowUp}')
    expect(input().value).toBe('EHLO me.example.test')
    await user.keyboard('{ArrowUp}')
    expect(input().value).toBe('EHLO me.example.test')
    await user.keyboard('{ArrowDown}{ArrowDown}')
    // Past the newest, the line being typed comes back.
    expect(input().value).toBe('NO')
  })

  it('leaves Tab to move focus when there is nothing to complete', async () => {
    const { user, input } = await renderConsole()
    await user.type(input(), 'MAIL FROM:<a@b.test>')
    await user.keyboard('{Tab}')
    expect(document.activeElement).not.toBe(input())
  })

  it('refuses a pasted line break: nothing is sent, the reason is shown', async () => {
    const { input, played } = await renderConsole()
    const clipboardData = { getData: () => 'NOOP\r\nRSET' }
    fireEvent.paste(input(), { clipboardData })
    expect(screen.getByTestId('console-notice').textContent).toMatch(/^Not sent: a command is one line/)
    expect(input().value).toBe('')
    expect(played.lines).toEqual([])
  })

  it('takes the message after DATA in its own box; only End data (or its Ctrl+Enter) ends it, never a Send', async () => {
    const { user, input, played, api } = await renderConsole()
    await user.type(input(), 'DATA{Enter}')
    const box = await screen.findByTestId('console-data')
    await user.type(box, 'Subject: hi{Enter}{Enter}.{Enter}after the dot{Enter}')
    expect(played.data).toEqual([])
    await user.keyboard('{Control>}{Enter}{/Control}')
    await waitFor(() => expect(played.data).toEqual(['Subject: hi\n\n.\nafter the dot\n']))
    // The window's Ctrl+Enter (Send the composed message) did not fire.
    expect(api.calls.start).toEqual([])
    await screen.findByTestId('console-input')
  })

  it("names the profile's mechanism and secret on the AUTH button", async () => {
    await renderConsole({ username: 'ann', hasPassword: true })
    expect(screen.getByTestId('console-auth').getAttribute('title')).toBe('AUTH as ann with the stored password (never shown, never logged)')
  })

  it('names an OAuth2 token for XOAUTH2', async () => {
    await renderConsole({ username: 'ann', authMechanism: 'XOAUTH2', hasOauthToken: true })
    expect(screen.getByTestId('console-auth').getAttribute('title')).toBe('AUTH XOAUTH2 as ann with the stored OAuth2 token (never shown, never logged)')
  })

  it('asks before AUTH goes out without TLS, and keeps credentials out of the history', async () => {
    const { user, input, played, store } = await renderConsole()
    await user.click(screen.getByTestId('console-auth'))
    const consent = await screen.findByTestId('console-consent')
    expect(consent.textContent).toMatch(/not encrypted/)
    await user.click(screen.getByTestId('console-consent-dismiss'))
    expect(screen.queryByTestId('console-consent')).toBeNull()
    expect(screen.getByTestId('console-notice').textContent).toBe('Nothing was sent.')

    await user.click(screen.getByTestId('console-auth'))
    await user.click(await screen.findByTestId('console-consent-accept'))
    await waitFor(() => expect(played.auth).toEqual([{}, {}, { allowCleartext: true }]))
    await waitFor(() => expect(screen.getByTestId('console-state').textContent).toMatch(/logged in/))

    // A typed AUTH with an initial response: asked too, then only the mechanism is remembered.
    await user.type(input(), 'AUTH PLAIN AGFubgBzZWNyZXQ={Enter}')
    await user.click(await screen.findByTestId('console-consent-accept'))
    await waitFor(() => expect(played.lines).toEqual(['AUTH PLAIN AGFubgBzZWNyZXQ=']))
    await user.type(input(), 'AUTH LOGIN{Enter}')
    await user.click(await screen.findByTestId('console-consent-accept'))
    // After the 334 the input hides what is typed, and history keeps none of it.
    await waitFor(() => expect(input().type).toBe('password'))
    await user.type(input(), 'c2VjcmV0{Enter}')
    await waitFor(() => expect(played.lines.at(-1)).toBe('c2VjcmV0'))
    expect(store.getState().smtpConsole.history).toEqual(['AUTH PLAIN', 'AUTH LOGIN'])
  })
})
