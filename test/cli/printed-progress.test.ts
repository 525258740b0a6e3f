// The printed transcript shows a DATA progress count every 5 s of the session's clock, not
// each of the engine's (every 1 MiB or 250 ms); every other event is printed.
import { describe, expect, it } from 'vitest'
import { PRINTED_PROGRESS_MS, PrintedProgress } from '../../main/cli/printed-progress'
import type { WireEvent } from '../../main/smtp/types'

let seq = 0
const event = (at: number, fields: Partial<WireEvent>): WireEvent => ({ seq: seq++, at, kind: 'info', text: '', phase: 'data', secure: false, ...fields }) as WireEvent
const count = (at: number) => event(at, { text: `message data: ${at} bytes sent`, bytes: at, progress: true })

describe('PrintedProgress', () => {
  it('prints no count in a transfer shorter than the interval, and the summary always', () => {
    const printed = new PrintedProgress()
    const events = [event(0, { kind: 'client', text: 'Subject: x' }), count(250), count(500), count(4999), event(5100, { text: 'message data: 5100 bytes, 3 lines', bytes: 5100 })]
    expect(events.filter((e) => printed.shows(e)).map((e) => e.at)).toEqual([0, 5100])
  })

  it('prints one count per interval in a long transfer, measured from the last one printed', () => {
    const printed = new PrintedProgress()
    const events = [event(1000, { kind: 'client', text: 'Subject: x' })]
    for (let at = 1250; at <= 20_000; at += 250) events.push(count(at))
    const shown = events.filter((e) => printed.shows(e) && e.progress).map((e) => e.at)
    expect(shown).toEqual([1000 + PRINTED_PROGRESS_MS, 1000 + 2 * PRINTED_PROGRESS_MS, 1000 + 3 * PRINTED_PROGRESS_MS])
  })

  it('starts over with each message of a session', () => {
    const printed = new PrintedProgress()
    const first = [event(0, { kind: 'client', text: 'a' }), count(6000)]
    const between = [event(6100, { kind: 'server', phase: 'mail', text: '250 2.1.0 Ok' })]
    const second = [event(6200, { kind: 'client', text: 'b' }), count(9000), count(11_300)]
    const shown = [...first, ...between, ...second].filter((e) => printed.shows(e) && e.progress).map((e) => e.at)
    expect(shown).toEqual([6000, 11_300])
  })
})
