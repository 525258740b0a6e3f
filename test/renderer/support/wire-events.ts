import type { Phase, WireEvent, WireKind } from '../../../preload/contract'

let clock = 0

/** A wire event with sensible defaults; `seq` and `at` follow the order of creation. */
export function wireEvent(kind: WireKind, text: string, patch: Partial<WireEvent> = {}): WireEvent {
  const seq = patch.seq ?? clock
  clock++
  return { seq, at: seq * 1.5, kind, text, phase: 'connect' as Phase, secure: false, ...patch }
}

/** A server line with its code parsed, as the engine emits it. */
export function serverLine(text: string, patch: Partial<WireEvent> = {}): WireEvent {
  const match = /^(\d{3})[ -](\d\.\d{1,3}\.\d{1,3})?/.exec(text)
  const code = Number(text.slice(0, 3))
  return wireEvent('server', text, {
    reply: { code, ...(match?.[2] ? { enhanced: match[2] } : {}) },
    ...patch,
  })
}

/** `count` alternating client/server lines, every `errorEvery`-th reply a 550. */
export function manyEvents(count: number, errorEvery = 1000, startSeq = 0): WireEvent[] {
  const events: WireEvent[] = []
  for (let i = 0; i < count; i++) {
    const seq = startSeq + i
    if (i % 2 === 0) {
      events.push({ seq, at: seq, kind: 'client', text: `RCPT TO:<user${seq}@example.test>`, phase: 'rcpt', secure: false })
    } else {
      const failed = i % errorEvery === errorEvery - 1
      events.push({
        seq,
        at: seq,
        kind: 'server',
        text: failed ? `550 5.1.1 user${seq - 1} unknown` : '250 2.1.5 Ok',
        phase: 'rcpt',
        secure: false,
        reply: failed ? { code: 550, enhanced: '5.1.1' } : { code: 250, enhanced: '2.1.5' },
      })
    }
  }
  return events
}
