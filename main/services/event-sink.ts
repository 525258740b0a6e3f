// Where services push events for the renderer (wire batches, session state and result,
// app commands). In Electron it sends to the window's webContents; in tests it records.
import type { EventChannel, Events } from '../../preload/contract'

export interface EventSink {
  /** The payload is the one the contract's map gives the channel. */
  send<C extends EventChannel>(channel: C, payload: Events[C]): void
}
