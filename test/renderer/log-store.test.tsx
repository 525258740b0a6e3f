import { describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import type { HistoryEntry } from '../../preload/contract'
import { HistoryEntryPanel } from '../../renderer/src/features/history/HistoryEntryPanel'
import { createLogStore } from '../../renderer/src/store/log-store'
import { renderWithStore } from './support/render-app'
import { createFakeApi } from './support/fake-api'
import { serverLine, wireEvent } from './support/wire-events'

const entry: HistoryEntry = {
  summary: {
    id: 'h1',
    startedAt: '2026-01-01T00:00:00.000Z',
    profileName: 'Postfix',
    host: '127.0.0.1',
    port: 2525,
    from: 'me@example.test',
    recipients: 1,
    subject: 'Saved',
    status: 'sent',
    durationMs: 12,
  },
  transcript: [serverLine('220 saved.example.test ESMTP', { seq: 0 }), wireEvent('client', 'EHLO me.test', { seq: 1 })],
  result: { status: 'sent', recipients: [], timings: [], dataBytes: 0, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 12 },
}

describe('log stores', () => {
  it('hold one log and its outcome, not the app', () => {
    const state = createLogStore({ api: createFakeApi() }).getState()
    expect(Object.keys(state).filter((key) => typeof state[key as keyof typeof state] !== 'function').sort()).toEqual(['session', 'wireLog'])
  })

  it('give a History entry its own log, beside the live one, without a second app store', async () => {
    const api = createFakeApi()
    api.history.get = async () => ({ ok: true, value: entry })
    const { store } = renderWithStore(<HistoryEntryPanel />, { api })
    act(() => store.getState().appendWireBatch({ sessionId: 'live', events: [serverLine('220 live.example.test ESMTP', { seq: 0 })] }))
    await act(() => store.getState().openHistoryEntry('h1'))
    const saved = store.getState().history.open!.store!
    // The entry's store is a log store: no compose form, profiles or views of its own.
    expect('compose' in saved.getState()).toBe(false)
    expect('profiles' in saved.getState()).toBe(false)
    const panel = await screen.findByTestId('history-entry')
    await waitFor(() => expect(within(panel).getAllByTestId('wire-row')).toHaveLength(2))
    expect(within(panel).getByTestId('result-status').dataset['status']).toBe('sent')
    // Filtering the saved log leaves the live session's log alone.
    act(() => saved.getState().setLogFilter('errors'))
    expect(store.getState().wireLog.filter).toBe('all')
    expect(store.getState().wireLog.model.total).toBe(1)
  })
})
