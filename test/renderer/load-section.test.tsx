// The Load part of the Send view against a fake API: what it asks main for, figures that
// arrive before main's answer (a tiny load), main's refusal shown on the say-so, and the
// counts checked before asking.
import { describe, expect, it } from 'vitest'
import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { LoadSnapshot, LoadStartRequest } from '../../preload/contract'
import { App } from '../../renderer/src/App'
import { connectBridge } from '../../renderer/src/bridge'
import { createFakeApi, type FakeApi } from './support/fake-api'
import { renderWithStore } from './support/render-app'

const FORM_TEST = { timeout: 30_000 }

const snapshot = (patch: Partial<LoadSnapshot> = {}): LoadSnapshot => ({
  requested: 5, connections: 2, finished: 5, accepted: 5, failed: 0, notSent: 0, elapsedMs: 100, messagesPerSecond: 50,
  latencyMs: { p50: 3, p95: 9, p99: 12, max: 12 }, replyCodes: { '250': 5 }, failures: [], dataBytes: 500, done: true, cancelled: false, ...patch,
})

async function renderApp(start: FakeApi['load']['start']) {
  const api = createFakeApi()
  api.load.start = start
  const rendered = renderWithStore(<App />, { api })
  act(() => void connectBridge(rendered.store, api))
  await waitFor(() => expect(rendered.store.getState().compose.draftLoaded).toBe(true))
  return { ...rendered, api }
}

async function fillAndOpen(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId('from-input'), 'me@example.test')
  await user.type(screen.getByTestId('to-input'), 'a@example.test{Enter}')
  await user.click(screen.getByTestId('load-section-toggle'))
}

describe('the Load part', () => {
  it('asks main for N copies over C connections, and shows figures that came before its answer', FORM_TEST, async () => {
    const user = userEvent.setup()
    const requests: LoadStartRequest[] = []
    const fake: { api?: FakeApi } = {}
    const rendered = await renderApp(async (request) => {
      requests.push(request)
      // The whole load ends before main answers: its last figures are already here.
      fake.api!.emitLoadProgress({ loadId: 'L1', snapshot: snapshot() })
      return { ok: true, value: { loadId: 'L1' } }
    })
    fake.api = rendered.api
    await fillAndOpen(user)
    await user.clear(screen.getByTestId('load-messages'))
    await user.type(screen.getByTestId('load-messages'), '5')
    await user.clear(screen.getByTestId('load-connections'))
    await user.type(screen.getByTestId('load-connections'), '2')
    await user.click(screen.getByTestId('load-start'))
    await waitFor(() => expect(screen.getByTestId('load-figures').getAttribute('data-state')).toBe('done'))
    expect(requests).toEqual([expect.objectContaining({ messages: 5, connections: 2, allowRemote: false, compose: expect.objectContaining({ to: ['a@example.test'] }) })])
    expect(screen.getByTestId('load-figure-p99').textContent).toBe('12 ms')
    // Not left "running": Start is offered again.
    expect(screen.getByTestId('load-start')).toBeTruthy()
    expect(screen.getByTestId('load-section-summary').textContent).toBe('last run: 5 of 5 accepted, 50 msg/s')
  })

  it("shows main's refusal of a server that is not on this machine, on the say-so", FORM_TEST, async () => {
    const user = userEvent.setup()
    await renderApp(async () => ({ ok: false, error: { code: 'EINVALID', field: 'loadAllowRemote', message: 'The server mx.example.com is not on this machine (loopback), so it may not be yours: tick "This server is mine" if it is.' } }))
    await fillAndOpen(user)
    await user.click(screen.getByTestId('load-start'))
    expect((await screen.findByTestId('load-error')).textContent).toMatch(/This server is mine/)
    expect(screen.getByTestId('load-allow-remote').getAttribute('aria-invalid')).toBe('true')
  })

  it('checks the counts before asking main', FORM_TEST, async () => {
    const user = userEvent.setup()
    const requests: LoadStartRequest[] = []
    await renderApp(async (request) => (requests.push(request), { ok: true, value: { loadId: 'L2' } }))
    await fillAndOpen(user)
    await user.clear(screen.getByTestId('load-connections'))
    await user.type(screen.getByTestId('load-connections'), '51')
    await user.click(screen.getByTestId('load-start'))
    expect((await screen.findByTestId('load-error')).textContent).toBe('Connections: a whole number from 1 to 50.')
    expect(requests).toEqual([])
  })
})
