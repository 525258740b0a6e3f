// Copy as command (issue 16): main writes the Send view's message and server as a shell
// command and the window only shows and copies the text, which holds no secret (they are
// environment references), so the renderer never needs the password to do it.
import type { CommandTool, IpcError, SendCommand } from '../../../preload/contract'
import type { AppSlice, StoreDeps } from './app-store'
import { toComposeModel } from './compose-model'

export interface CommandState {
  /** The last command main wrote, or why it could not. */
  command?: SendCommand
  error?: IpcError
  pending?: CommandTool
}

export interface CommandSlice {
  sendCommand: CommandState
  /** Asks main for the form as `tool`'s command; resolves with it (undefined on a refusal). */
  commandFor(tool: CommandTool): Promise<SendCommand | undefined>
  closeCommand(): void
}

export const createCommandSlice =
  ({ api }: StoreDeps): AppSlice<CommandSlice> =>
  (set, get) => ({
    sendCommand: {},
    commandFor: async (tool) => {
      get().commitPendingRecipients()
      const profileId = get().profiles.selectedId
      if (!profileId) {
        set({ sendCommand: { error: { code: 'EINVALID', message: 'Choose or add a server first: the command names it.', field: 'profile' } } })
        return undefined
      }
      set({ sendCommand: { pending: tool } })
      const written = await api.session.command({ profileId, compose: toComposeModel(get().compose), tool })
      set({ sendCommand: written.ok ? { command: written.value } : { error: written.error } })
      return written.ok ? written.value : undefined
    },
    closeCommand: () => set({ sendCommand: {} }),
  })
