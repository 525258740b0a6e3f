// Every handler goes through here: sender first, then payload, then the service, and
// whatever happens the renderer gets a Result. Nothing is thrown across IPC (a rejected
// invoke loses its error's shape and shows up as an unhandled rejection in the renderer).
import type { IpcError, InvokeChannel, RequestOf, ResponseOf, Result } from '../../preload/contract'
import { IPC_ERROR } from '../../preload/contract'
import { ServiceError } from '../services/errors'
import { PayloadError, type Check } from './validate/checks'
import type { IpcRegistry } from './registry'
import type { SenderPolicy } from './sender-policy'

export interface GuardedIpc {
  /**
   * Register `run` on `channel`, behind the sender check and the payload `check`. The
   * contract's map types all three: the check must yield the channel's request, and `run`
   * must resolve its response.
   */
  handle<C extends InvokeChannel>(
    channel: C,
    check: Check<RequestOf<C>>,
    run: (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>,
  ): void
}

export function guardedIpc(registry: IpcRegistry, policy: SenderPolicy, log: (message: string) => void = console.error): GuardedIpc {
  return {
    handle(channel, check, run) {
      registry.handle(channel, async (sender, payload): Promise<Result<unknown>> => {
        try {
          if (!policy.allows(sender)) {
            log(`Refused ${channel} from ${JSON.stringify(sender.url)} (main frame: ${sender.isMainFrame})`)
            return failure({ code: IPC_ERROR.forbiddenSender, message: 'This frame may not call the app.' })
          }
          const checked = check(payload, '')
          return { ok: true, value: await run(checked) }
        } catch (error) {
          return failure(toIpcError(channel, error, log))
        }
      })
    },
  }
}

const failure = (error: IpcError): Result<never> => ({ ok: false, error })

function toIpcError(channel: InvokeChannel, error: unknown, log: (message: string) => void): IpcError {
  if (error instanceof PayloadError) return { code: IPC_ERROR.invalidPayload, message: error.message, field: error.field }
  if (error instanceof ServiceError) return error.toIpcError()
  // A bug or an I/O failure: say what failed, keep the details in the main process log.
  log(`${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  const message = error instanceof Error ? error.message : String(error)
  return { code: IPC_ERROR.internal, message: `Something went wrong (${message}).` }
}
