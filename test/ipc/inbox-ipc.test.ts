// The local inbox channels behind the IPC guard: ids that could walk out of the inbox's
// folder, fault values out of range, malformed attachment requests, and foreign senders
// are all refused before the inbox service runs (the inbox does not even start).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Channel } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { appUnderTest, type AppUnderTest } from '../services/support/app-under-test'
import { useTempDirs } from '../services/support/temp-dir'

const tempDir = useTempDirs()
const apps: AppUnderTest[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.services.inbox.stop()))
})

async function start(): Promise<AppUnderTest> {
  const app = await appUnderTest({ dataDir: await tempDir() })
  apps.push(app)
  return app
}

const MESSAGE_ID = 'msg-000000001-000abcdef'
const SESSION_ID = 'ses-000000001-000abcdef'

const BAD_IDS: unknown[] = [
  '',
  '../profiles',
  'msg-000000001-000abcdef/../../x',
  'msg-000000001-000abcde',
  'MSG-000000001-000ABCDEF',
  `msg-000000001-000abcdef\n`,
  ' msg-000000001-000abcdef',
  SESSION_ID,
  '20260128T153012345-1a2b3c4d',
  42,
  null,
  { id: MESSAGE_ID },
  [MESSAGE_ID],
]

const MESSAGE_ID_CHANNELS: Channel[] = [CHANNELS.inboxGet, CHANNELS.inboxRaw, CHANNELS.inboxRemove, CHANNELS.inboxSaveRaw]

describe('inbox IPC payloads', () => {
  it.each(MESSAGE_ID_CHANNELS)('%s takes only a local inbox message id', async (channel) => {
    const app = await start()
    for (const id of BAD_IDS) {
      expect(await app.call(channel, id), JSON.stringify(id)).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
    }
    // A well-formed id that names nothing reaches the service, which says so.
    expect(await app.call(channel, MESSAGE_ID)).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } })
  })

  it('inbox:session takes only a session id', async () => {
    const app = await start()
    for (const id of [...BAD_IDS.filter((id) => id !== SESSION_ID), MESSAGE_ID]) {
      expect(await app.call(CHANNELS.inboxSession, id), JSON.stringify(id)).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
    }
    expect(await app.call(CHANNELS.inboxSession, SESSION_ID)).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } })
  })

  it('inbox:save-attachment takes a message id and a whole, non-negative index', async () => {
    const app = await start()
    const bad: Array<[unknown, string]> = [
      [{ id: MESSAGE_ID }, 'index'],
      [{ id: MESSAGE_ID, index: -1 }, 'index'],
      [{ id: MESSAGE_ID, index: 1.5 }, 'index'],
      [{ id: MESSAGE_ID, index: '0' }, 'index'],
      [{ id: MESSAGE_ID, index: Number.MAX_SAFE_INTEGER }, 'index'],
      [{ id: '../x', index: 0 }, 'id'],
      [{ index: 0 }, 'id'],
      [[MESSAGE_ID, 0], ''],
      [MESSAGE_ID, ''],
    ]
    for (const [payload, field] of bad) {
      expect(await app.call(CHANNELS.inboxSaveAttachment, payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'EINVALID', field },
      })
    }
    expect(app.dialogs.saveRequests).toEqual([])
  })

  it('inbox:set-faults refuses values out of range, wrong types and unknown presets, naming the field', async () => {
    const app = await start()
    const bad: Array<[unknown, string]> = [
      [{ slowReplies: -1 }, 'slowReplies'],
      [{ slowReplies: 1.5 }, 'slowReplies'],
      [{ slowReplies: 10 * 60 * 1000 + 1 }, 'slowReplies'],
      [{ slowReplies: '100' }, 'slowReplies'],
      [{ disconnectMidData: -1 }, 'disconnectMidData'],
      [{ disconnectMidData: Number.POSITIVE_INFINITY }, 'disconnectMidData'],
      [{ greeting421: 'yes' }, 'greeting421'],
      [{ rcpt451: 1 }, 'rcpt451'],
      [{ refuseRecipient: 'two words' }, 'refuseRecipient'],
      [{ refuseRecipient: 'a\r\nRSET' }, 'refuseRecipient'],
      [{ refuseRecipient: '<x@y>' }, 'refuseRecipient'],
      [{ refuseRecipient: 'x'.repeat(257) }, 'refuseRecipient'],
      [{ refuseRecipient: 42 }, 'refuseRecipient'],
      [{ dropEverything: true }, ''],
      [[{ greeting421: true }], ''],
      ['greeting421', ''],
      [null, ''],
    ]
    for (const [payload, field] of bad) {
      const answer = await app.call(CHANNELS.inboxSetFaults, payload)
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'EINVALID' } })
      if (!answer.ok) expect(answer.error.field ?? '', JSON.stringify(payload)).toBe(field)
    }
    expect(await app.call(CHANNELS.inboxFaults)).toEqual({ ok: true, value: {} })
    // Switched-off presets are left out; the rest come back as applied.
    expect(await app.call(CHANNELS.inboxSetFaults, { greeting421: false, rcpt451: true, slowReplies: 0, refuseRecipient: ' reject* ', disconnectMidData: 0 })).toEqual({
      ok: true,
      value: { rcpt451: true, refuseRecipient: 'reject*', disconnectMidData: 0 },
    })
  })

  it('refuses every inbox channel from a foreign frame before the inbox starts', async () => {
    const app = await start()
    const channels = Object.values(CHANNELS).filter((channel) => channel.startsWith('inbox:') && channel !== CHANNELS.inboxMessage && channel !== CHANNELS.inboxSessionEnded)
    expect(channels).toHaveLength(14)
    const foreign = [
      { url: 'https://evil.test/', isMainFrame: true },
      { url: 'http://127.0.0.1:5173/', isMainFrame: false },
    ]
    const payloads: Record<string, unknown> = {
      [CHANNELS.inboxGet]: MESSAGE_ID,
      [CHANNELS.inboxRaw]: MESSAGE_ID,
      [CHANNELS.inboxRemove]: MESSAGE_ID,
      [CHANNELS.inboxSaveRaw]: MESSAGE_ID,
      [CHANNELS.inboxSession]: SESSION_ID,
      [CHANNELS.inboxSetFaults]: { greeting421: true },
      [CHANNELS.inboxSaveAttachment]: { id: MESSAGE_ID, index: 0 },
      [CHANNELS.inboxAuthenticate]: MESSAGE_ID,
      [CHANNELS.inboxSetAuthSettings]: { dnsServers: ['127.0.0.1'] },
    }
    app.dialogs.saveAnswers.push(join(app.dataDir, 'never.eml'))
    for (const sender of foreign) {
      for (const channel of channels) {
        expect(await app.callAs(sender, channel, payloads[channel]), `${channel} from ${sender.url}`).toMatchObject({
          ok: false,
          error: { code: 'EFORBIDDEN' },
        })
      }
    }
    expect(app.services.inbox.isRunning()).toBe(false)
    expect(existsSync(join(app.dataDir, 'local-inbox'))).toBe(false)
    expect(app.services.inbox.faults()).toEqual({})
    expect(app.services.inbox.authSettings()).toEqual({ dnsServers: [] })
    expect(app.dialogs.saveRequests).toEqual([])
  })
})
