// Which servers a load send may aim at without --allow-remote, and its bounds.
import { describe, expect, it } from 'vitest'
import { isLoopbackHost, loadRefusal, MAX_LOAD_CONNECTIONS, MAX_LOAD_MESSAGES } from '../../main/smtp/load/limits'

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST', 'mail.localhost'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true)
  })

  it.each(['10.0.0.1', '128.0.0.1', '::2', '::ffff:10.0.0.1', '::ffff:0.127.0.1', 'mail.example.com', 'localhost.example.com', '0.0.0.0'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false)
  })
})

describe('loadRefusal', () => {
  const counts = { messages: 10, connections: 2 }
  it('lets a loopback server through, refuses another unless allowed', () => {
    expect(loadRefusal({ host: '127.0.0.1' }, counts, false)).toBeUndefined()
    expect(loadRefusal({ host: 'mx.example.com' }, counts, false)).toMatchObject({ kind: 'remote', message: expect.stringMatching(/not on this machine/) })
    expect(loadRefusal({ host: 'mx.example.com' }, counts, true)).toBeUndefined()
  })

  it('refuses loopback through a proxy: that is the proxy host\'s loopback', () => {
    expect(loadRefusal({ host: '127.0.0.1', proxied: true }, counts, false)).toMatchObject({ kind: 'proxy' })
  })

  it('bounds the counts', () => {
    expect(loadRefusal({ host: '::1' }, { messages: MAX_LOAD_MESSAGES + 1, connections: 1 }, true)).toMatchObject({ kind: 'messages' })
    expect(loadRefusal({ host: '::1' }, { messages: 0, connections: 1 }, true)).toMatchObject({ kind: 'messages' })
    expect(loadRefusal({ host: '::1' }, { messages: 1.5, connections: 1 }, true)).toMatchObject({ kind: 'messages' })
    expect(loadRefusal({ host: '::1' }, { messages: 5, connections: MAX_LOAD_CONNECTIONS + 1 }, true)).toMatchObject({ kind: 'connections' })
    expect(loadRefusal({ host: '::1' }, { messages: MAX_LOAD_MESSAGES, connections: MAX_LOAD_CONNECTIONS }, false)).toBeUndefined()
  })
})
