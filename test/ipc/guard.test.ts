import { describe, expect, it } from 'vitest'
import { CHANNELS, type HistoryEntry } from '../../preload/contract'
import { guardedIpc } from '../../main/ipc/guard'
import { createMapRegistry } from '../../main/ipc/registry'
import { createSenderPolicy } from '../../main/ipc/sender-policy'
import { ServiceError } from '../../main/services/errors'
import { id } from '../../main/ipc/validate/ids'

const OURS = { url: 'http://127.0.0.1:5173/', isMainFrame: true }

function setup(run: (payload: string) => unknown) {
  const registry = createMapRegistry()
  const logs: string[] = []
  const calls: string[] = []
  const ipc = guardedIpc(registry, createSenderPolicy({ devServerUrl: OURS.url, appOrigin: 'app://mailwire' }), (m) =>
    logs.push(m),
  )
  ipc.handle(CHANNELS.historyGet, id, (payload) => {
    calls.push(payload)
    // The guard resolves whatever the service does: these services answer stand-ins.
    return run(payload) as HistoryEntry
  })
  return { registry, logs, calls }
}

describe('every handler', () => {
  it('checks the sender before it looks at the payload', async () => {
    const { registry, calls, logs } = setup(() => 'value')
    const refused = await registry.invoke(CHANNELS.historyGet, { url: 'http://evil.test/', isMainFrame: true }, 'not/valid')
    expect(refused).toEqual({ ok: false, error: { code: 'EFORBIDDEN', message: 'This frame may not call the app.' } })
    expect(await registry.invoke(CHANNELS.historyGet, { ...OURS, isMainFrame: false }, 'abc')).toMatchObject({
      error: { code: 'EFORBIDDEN' },
    })
    expect(calls).toEqual([])
    expect(logs[0]).toContain('http://evil.test/')
  })

  it('refuses a bad payload with the field, without calling the service', async () => {
    const { registry, calls } = setup(() => 'value')
    expect(await registry.invoke(CHANNELS.historyGet, OURS, '../etc')).toEqual({
      ok: false,
      error: { code: 'EINVALID', message: 'The id is not a valid id.', field: '' },
    })
    expect(calls).toEqual([])
  })

  it('resolves the value of a service', async () => {
    const { registry } = setup(async (payload) => ({ echoed: payload }))
    expect(await registry.invoke(CHANNELS.historyGet, OURS, 'abc')).toEqual({ ok: true, value: { echoed: 'abc' } })
  })

  it('turns service errors into results, and never rejects', async () => {
    const busy = setup(() => {
      throw new ServiceError('EBUSY', 'A session is already running.', { field: 'x', fields: [{ field: 'x', message: 'm' }] })
    })
    expect(await busy.registry.invoke(CHANNELS.historyGet, OURS, 'abc')).toEqual({
      ok: false,
      error: { code: 'EBUSY', message: 'A session is already running.', field: 'x', fields: [{ field: 'x', message: 'm' }] },
    })
    const broken = setup(async () => {
      throw new TypeError('cannot read x of undefined')
    })
    expect(await broken.registry.invoke(CHANNELS.historyGet, OURS, 'abc')).toEqual({
      ok: false,
      error: { code: 'EINTERNAL', message: 'Something went wrong (cannot read x of undefined).' },
    })
    expect(broken.logs[0]).toContain('TypeError')
    const thrownString = setup(() => {
      throw 'plain string'
    })
    expect(await thrownString.registry.invoke(CHANNELS.historyGet, OURS, 'abc')).toMatchObject({ ok: false, error: { code: 'EINTERNAL' } })
  })

  it('answers an unknown channel with a result, as a registry must', async () => {
    expect(await createMapRegistry().invoke('nope:nothing', OURS)).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
  })
})
