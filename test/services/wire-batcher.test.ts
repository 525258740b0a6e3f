import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WireEvent } from '../../preload/contract'
import { WIRE_BATCH_INTERVAL_MS, WIRE_BATCH_MAX_EVENTS, createWireBatcher } from '../../main/services/session/wire-batcher'

const event = (seq: number): WireEvent => ({ seq, at: seq, kind: 'client', text: `line ${seq}`, phase: 'data', secure: false })

afterEach(() => {
  vi.useRealTimers()
})

describe('wire batching', () => {
  it('sends 10,000 events arriving at once in 20 messages, in order, none lost', () => {
    vi.useFakeTimers()
    const batches: WireEvent[][] = []
    const batcher = createWireBatcher((events) => batches.push(events))
    for (let seq = 0; seq < 10_000; seq++) batcher.push(event(seq))
    vi.runAllTimers()
    expect(batches).toHaveLength(10_000 / WIRE_BATCH_MAX_EVENTS)
    expect(batches.flat().map((e) => e.seq)).toEqual(Array.from({ length: 10_000 }, (_, seq) => seq))
  })

  it('sends 10,000 events arriving one per millisecond in one message per 50 ms', () => {
    vi.useFakeTimers()
    const batches: WireEvent[][] = []
    const batcher = createWireBatcher((events) => batches.push(events))
    for (let seq = 0; seq < 10_000; seq++) {
      batcher.push(event(seq))
      vi.advanceTimersByTime(1)
    }
    vi.runAllTimers()
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(10_000 / WIRE_BATCH_INTERVAL_MS) + 1)
    expect(batches.flat()).toHaveLength(10_000)
  })

  it('delivers a lone event within the interval, and flush delivers at once', () => {
    vi.useFakeTimers()
    const batches: WireEvent[][] = []
    const batcher = createWireBatcher((events) => batches.push(events))
    batcher.push(event(0))
    vi.advanceTimersByTime(WIRE_BATCH_INTERVAL_MS - 1)
    expect(batches).toEqual([])
    vi.advanceTimersByTime(1)
    expect(batches).toEqual([[event(0)]])
    batcher.push(event(1))
    batcher.flush()
    expect(batches).toEqual([[event(0)], [event(1)]])
    batcher.flush()
    vi.runAllTimers()
    expect(batches).toHaveLength(2)
  })
})
