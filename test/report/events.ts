// Wire events as the engine emits them, for formatting tests.
import type { WireEvent } from '../../main/smtp/types'

let seq = 0

export function wire(kind: WireEvent['kind'], text: string, extra: Partial<WireEvent> = {}): WireEvent {
  return { seq: seq++, at: 12.3, kind, text, phase: 'ehlo', secure: false, ...extra }
}
