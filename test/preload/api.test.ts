import { describe, expect, it } from 'vitest'
import { CHANNELS, MAILWIRE_API } from '../../preload/contract'
import { MAILWIRE_API_KEYS, createMailwireApi, type RendererIpc } from '../../preload/api'

type Listener = (event: unknown, ...args: unknown[]) => void

function fakeIpc() {
  const invoked: unknown[][] = []
  const listeners = new Map<string, Set<Listener>>()
  const ipc: RendererIpc = {
    invoke: async (...args) => {
      invoked.push(args)
      return { ok: true, value: args[0] }
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  }
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the ipc event', senderId: 0 }, payload)
  }
  return { ipc, invoked, listeners, emit }
}

describe('window.mailwire', () => {
  it('has exactly the MailwireApi functions', () => {
    const api = createMailwireApi(fakeIpc().ipc, { getPathForFile: () => '' })
    const shape = Object.fromEntries(Object.entries(api).map(([name, group]) => [name, Object.keys(group)]))
    expect(shape).toEqual(MAILWIRE_API_KEYS)
    for (const group of Object.values(api)) {
      for (const member of Object.values(group)) expect(typeof member).toBe('function')
    }
  })

  it('sends each method on its own channel of the contract, and listens on each event channel', async () => {
    const { ipc, invoked, listeners } = fakeIpc()
    const api = createMailwireApi(ipc, { getPathForFile: () => '' }) as unknown as Record<string, Record<string, (arg?: unknown) => unknown>>
    const sent = new Set<string>()
    for (const [name, methods] of Object.entries(MAILWIRE_API)) {
      for (const [key, method] of Object.entries(methods)) {
        if (method.kind === 'invoke') {
          invoked.length = 0
          await api[name][key]('payload')
          expect(invoked[0]?.[0], `${name}.${key}`).toBe(method.channel)
        } else {
          api[name][key](() => undefined)
          expect(listeners.get(method.channel)?.size, `${name}.${key}`).toBe(1)
        }
        sent.add(method.channel)
      }
    }
    // files.attachDropped, outside the table: the preload finds the dropped files' paths.
    invoked.length = 0
    await api['files']['attachDropped']([])
    expect(invoked[0]?.[0]).toBe(CHANNELS.filesConfirmDropped)
    sent.add(CHANNELS.filesConfirmDropped)
    // One method per channel, and a channel for every name in CHANNELS.
    expect([...sent].sort()).toEqual(Object.values(CHANNELS).sort())
  })

  it('sends one message per call, with the payload as one value', async () => {
    const { ipc, invoked } = fakeIpc()
    const api = createMailwireApi(ipc, { getPathForFile: () => '' })
    await api.app.info()
    await api.history.export('abc', 'json')
    await api.profiles.remove('p1')
    await api.session.cancel()
    expect(invoked).toEqual([[CHANNELS.appInfo], [CHANNELS.historyExport, { id: 'abc', format: 'json' }], [CHANNELS.profilesRemove, 'p1'], [CHANNELS.sessionCancel]])
  })

  it('passes listeners the payload only, and unsubscribes', () => {
    const { ipc, listeners, emit } = fakeIpc()
    const api = createMailwireApi(ipc, { getPathForFile: () => '' })
    const seen: unknown[][] = []
    const stop = api.session.onWire((...args) => seen.push(args))
    emit(CHANNELS.sessionWire, { sessionId: 's', events: [] })
    expect(seen).toEqual([[{ sessionId: 's', events: [] }]])
    stop()
    expect(listeners.get(CHANNELS.sessionWire)?.size).toBe(0)
    emit(CHANNELS.sessionWire, { sessionId: 's', events: [] })
    expect(seen).toHaveLength(1)
  })

  it('sends main the paths webUtils finds for dropped files, leaving out those without one', async () => {
    const { ipc, invoked } = fakeIpc()
    const api = createMailwireApi(ipc, { getPathForFile: (file) => (file.name === 'snippet' ? '' : `/home/u/${file.name}`) })
    await api.files.attachDropped([{ name: 'a.txt' } as File, { name: 'snippet' } as File, { name: 'b.pdf' } as File])
    expect(invoked).toEqual([[CHANNELS.filesConfirmDropped, ['/home/u/a.txt', '/home/u/b.pdf']]])
  })
})
