// Closing the window (or quitting) never loses work: during a send the user is asked
// first, and the renderer's debounced draft is saved before the page goes away. Pending
// file writes (draft, window state) finish before the process exits.
import { app, dialog, type BrowserWindow } from 'electron'
import { CHANNELS } from '../preload/contract'
import type { EventSink, Services } from './services'
import { settleWrites } from './storage/atomic-file'

/** How long a cancelled session gets to say QUIT and be saved to history. */
const CANCEL_WAIT_MS = 5_000
/**
 * How long the page gets to save its draft. It saves only when something changed since
 * its last save, so an unchanged form costs this wait once, at quit.
 */
const DRAFT_FLUSH_WAIT_MS = 500

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function confirmCancelSend(window: BrowserWindow): Promise<boolean> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    buttons: ['Keep Sending', 'Cancel Send and Close'],
    defaultId: 0,
    cancelId: 0,
    title: 'A message is being sent',
    message: 'A message is being sent.',
    detail: 'Closing now cancels the session. If the server was already accepting the message, it may still deliver it.',
  })
  return response === 1
}

async function readyToClose(window: BrowserWindow, services: Services, sink: EventSink): Promise<boolean> {
  if (services.session.isRunning()) {
    if (!(await confirmCancelSend(window))) return false
    services.session.cancel()
    await Promise.race([services.session.idle(), delay(CANCEL_WAIT_MS)])
  }
  // A load send stops with the window: its connections are the user's test, nothing to keep.
  services.load.cancel()
  // An open console says QUIT before the window goes (bounded: a silent server is dropped).
  if (services.console.isOpen()) await Promise.race([services.console.closeAll(), delay(CANCEL_WAIT_MS)])
  if (!window.isDestroyed()) {
    const saved = services.drafts.nextSave(DRAFT_FLUSH_WAIT_MS)
    sink.send(CHANNELS.appCommand, 'flush-draft')
    await saved
  }
  await services.drafts.flush()
  return true
}

export function guardWindowClose(window: BrowserWindow, services: Services, sink: EventSink): void {
  let quitRequested = false
  let preparing = false
  let ready = false
  const onBeforeQuit = () => {
    quitRequested = true
  }
  app.on('before-quit', onBeforeQuit)
  window.once('closed', () => app.off('before-quit', onBeforeQuit))

  window.on('close', (event) => {
    if (ready) return
    event.preventDefault()
    if (preparing) return
    preparing = true
    void readyToClose(window, services, sink)
      .catch(() => true)
      .then((proceed) => {
        preparing = false
        if (!proceed) {
          quitRequested = false
          return
        }
        ready = true
        if (quitRequested) app.quit()
        else window.close()
      })
  })
}

/**
 * Let the last atomic writes land before the process exits. `stopServers` runs first (the
 * local test inbox: it ends open sessions and finishes storing what it received).
 */
export function settleWritesBeforeExit(stopServers: () => Promise<unknown> = () => Promise.resolve()): void {
  let settled = false
  app.on('will-quit', (event) => {
    if (settled) return
    event.preventDefault()
    void Promise.allSettled([stopServers()])
      .then(() => settleWrites())
      .finally(() => {
        settled = true
        app.quit()
      })
  })
}
