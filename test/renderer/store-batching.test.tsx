import { describe, expect, it } from 'vitest'
import { act, fireEvent, screen } from '@testing-library/react'
import { connectBridge } from '../../renderer/src/bridge'
import { createAppStore } from '../../renderer/src/store/app-store'
import { WireLog } from '../../renderer/src/features/wire-log/WireLog'
import { createFakeApi } from './support/fake-api'
import { renderWithStore } from './support/render-app'
import { manyEvents, serverLine, wireEvent } from './support/wire-events'

describe('store batching', () => {
  it('appends each batch from the bridge with exactly one store update', () => {
    const api = createFakeApi()
    const store = createAppStore({ api })
    const disconnect = connectBridge(store, api)
    let notifications = 0
    const seenVersions: number[] = []
    const unsubscribe = store.subscribe((state) => {
      notifications++
      seenVersions.push(state.wireLog.version)
    })
    const events = manyEvents(1500)
    api.emitWire({ sessionId: 's1', events: events.slice(0, 500) })
    api.emitWire({ sessionId: 's1', events: events.slice(500, 1000) })
    api.emitWire({ sessionId: 's1', events: events.slice(1000) })
    expect(notifications).toBe(3)
    expect(seenVersions).toEqual([1, 2, 3])
    expect(store.getState().wireLog.model.total).toBe(1500)
    unsubscribe()
    disconnect()
    expect(api.listenerCount()).toBe(0)
  })

  it('records upload progress from DATA events in the same update as the lines', () => {
    const api = createFakeApi()
    const store = createAppStore({ api })
    let notifications = 0
    store.subscribe(() => notifications++)
    store.getState().appendWireBatch({
      sessionId: 's1',
      events: [
        wireEvent('client', 'DATA', { seq: 0, phase: 'data' }),
        wireEvent('info', 'message: 65,536 of 1,048,576 bytes', { seq: 1, phase: 'data', bytes: 65_536, totalBytes: 1_048_576 }),
      ],
    })
    expect(notifications).toBe(1)
    expect(store.getState().session.progress).toEqual({ bytes: 65_536, totalBytes: 1_048_576 })
  })

  it('starts a new log when a new session begins', () => {
    const api = createFakeApi()
    const store = createAppStore({ api })
    store.getState().appendWireBatch({ sessionId: 's1', events: manyEvents(10) })
    store.getState().appendWireBatch({ sessionId: 's2', events: [serverLine('220 hello', { seq: 0 })] })
    expect(store.getState().wireLog.model.total).toBe(1)
    expect(store.getState().wireLog.sessionId).toBe('s2')
  })

  it('caps the log, dropping the oldest lines with a visible row saying how many', () => {
    const { store } = renderWithStore(<WireLog />, { wireLogCap: 1000 })
    act(() => {
      for (let start = 0; start < 2500; start += 500) {
        store.getState().appendWireBatch({ sessionId: 's1', events: manyEvents(500, 1000, start) })
      }
    })
    const { model } = store.getState().wireLog
    expect(model.size).toBe(1000)
    expect(model.dropped).toBe(1500)
    expect(model.event(1500)?.seq).toBe(1500)
    expect(model.event(1499)).toBeUndefined()
    // Scrolled to the top as a user does: a wheel turn upwards leaves auto-scroll first.
    const scroller = screen.getByTestId('wire-log-scroller')
    fireEvent.wheel(scroller, { deltaY: -120 })
    act(() => scroller.scrollTo({ top: 0 }))
    expect(screen.getByTestId('wire-dropped').textContent).toBe('1,500 earlier lines dropped (the log keeps the latest 1,000)')
  })
})
