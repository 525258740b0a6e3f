// Where services push events for the renderer (wire batches, session state and result,
// app commands). In Electron it sends to the window's webContents; in tests it records.
import type { Channel } from '../../preload/contract'

export interface EventSink {
  send(channel: Channel, payload: unknown): void
}
