// Issue 24, point 4: the log model keeps one row for a run of progress counts, updated in
// place, and ends it at the summary's count; search hits follow the row's new text.
import { describe, expect, it } from 'vitest'
import type { WireEvent } from '../../preload/contract'
import { WireLogModel } from '../../renderer/src/store/wire-log-model'

let seq = 0
const event = (kind: WireEvent['kind'], text: string, extra: Partial<WireEvent> = {}): WireEvent => ({
  seq: seq++,
  at: seq,
  kind,
  text,
  phase: 'data',
  secure: false,
  ...extra,
})
const progress = (bytes: number) => event('info', `message data: ${bytes} bytes sent of about 3000000`, { bytes, totalBytes: 3_000_000, progress: true })

describe('progress rows', () => {
  it('replaces a count that follows another, in MB, and ends at the summary', () => {
    const model = new WireLogModel()
    model.append([event('client', 'DATA'), progress(1_048_576)])
    model.append([progress(2_097_152)])
    model.append([progress(2_900_000), event('info', 'message data: 3000000 bytes, 10 lines', { bytes: 3_000_000 })])
    expect(model.allEvents().map((row) => row.text)).toEqual([
      'DATA',
      'message data: 3.0 MB of about 3.0 MB sent (100%)',
      'message data: 3000000 bytes, 10 lines',
    ])
    expect(model.rowCount).toBe(3)
  })

  it('keeps counts apart when something else comes between them', () => {
    const model = new WireLogModel()
    model.append([progress(1_000_000), event('client', 'a line of the message'), progress(2_000_000)])
    expect(model.rowCount).toBe(3)
    expect(model.event(0)!.text).toBe('message data: 1.0 MB of about 3.0 MB sent (33%)')
  })

  it('moves a search hit with the row: on while its text matches, off when it stops', () => {
    const model = new WireLogModel()
    model.setQuery('(33%)')
    model.append([progress(1_000_000)])
    expect(model.hitCount).toBe(1)
    model.append([progress(2_000_000)])
    expect(model.hitCount).toBe(0)
    model.setQuery('(67%)')
    expect(model.hitCount).toBe(1)
  })

  it('knows the counts of a session file written before the flag by their total', () => {
    const model = new WireLogModel()
    const old = (bytes: number) => event('info', `message data: ${bytes} bytes sent of about 3000000`, { bytes, totalBytes: 3_000_000 })
    model.append([old(1_000_000), old(2_000_000)])
    expect(model.rowCount).toBe(1)
  })
})
