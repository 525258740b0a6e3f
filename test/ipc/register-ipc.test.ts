// Every request channel is registered, and every one of them checks the sender first.
import { describe, expect, it } from 'vitest'
import { MAILWIRE_API, type Channel } from '../../preload/contract'
import { appUnderTest } from '../services/support/app-under-test'
import { useTempDirs } from '../services/support/temp-dir'

const tempDir = useTempDirs()

const methods = Object.values(MAILWIRE_API).flatMap((namespace) => Object.values(namespace))
/** Channels main pushes on; nothing may invoke them. */
const EVENT_CHANNELS: Channel[] = methods.filter((method) => method.kind === 'listen').map((method) => method.channel)
const REQUEST_CHANNELS: Channel[] = methods.filter((method) => method.kind === 'invoke').map((method) => method.channel)

const FOREIGN = [
  { url: 'http://127.0.0.1:5173.evil.test/', isMainFrame: true },
  { url: 'http://127.0.0.1:5173@evil.test/', isMainFrame: true },
  { url: 'file:///tmp/index.html', isMainFrame: true },
  { url: 'https://evil.test/', isMainFrame: true },
  { url: 'http://127.0.0.1:5173/', isMainFrame: false },
]

describe('registerIpc', () => {
  it.each(REQUEST_CHANNELS)('refuses %s from foreign origins, look-alikes and subframes, before anything runs', async (channel) => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    app.dialogs.saveAnswers.push('/tmp/should-never-be-written')
    for (const sender of FOREIGN) {
      expect(await app.callAs(sender, channel, undefined)).toMatchObject({ ok: false, error: { code: 'EFORBIDDEN' } })
    }
    expect(app.sink.events).toEqual([])
    expect(app.dialogs.saveRequests).toEqual([])
    expect(await app.filesText()).toEqual([])
  })

  it('registers no handler for the event channels', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    for (const channel of EVENT_CHANNELS) {
      expect(await app.call(channel, {})).toMatchObject({ ok: false, error: { message: `No handler for ${channel}` } })
    }
  })

  it('refuses a garbage payload on every request channel with EINVALID, as a Result', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    for (const channel of REQUEST_CHANNELS) {
      // Channels without a payload refuse one too: a caller sending one is confused or hostile.
      expect(await app.call(channel, { garbage: true }), channel).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
    }
    expect(app.sink.events).toEqual([])
  })
})
