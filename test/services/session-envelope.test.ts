// The Send view's Envelope and Advanced choices and the profile's protocol, through the real
// IPC handlers and session service to a real in-process smtp-server: what reaches the wire
// and what the server saw (issue 14).
import { describe, expect, it } from 'vitest'
import type { ComposeModel, ProfileInput, WireBatch, WireEvent } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { smtpServerForTest, type TestServer } from '../smtp/support/smtp-server'
import { appUnderTest, type AppUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()

const plainProfile = (server: TestServer, overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'Plain',
  host: '127.0.0.1',
  port: server.port,
  security: 'none',
  username: '',
  clientName: 'client.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: '',
  ...overrides,
})

const compose = (overrides: Partial<ComposeModel> = {}): ComposeModel => ({
  from: 'Alice <alice@sender.test>',
  to: ['bob@rcpt.test'],
  cc: ['carol@rcpt.test'],
  bcc: [],
  subject: 'Envelope test',
  text: 'Hello\n',
  attachments: [],
  headers: [],
  ...overrides,
})

const clientLines = (app: AppUnderTest, sessionId: string): string[] =>
  wire(app, sessionId)
    .filter((event) => event.kind === 'client')
    .map((event) => event.text)

const wire = (app: AppUnderTest, sessionId: string): WireEvent[] =>
  app.sink
    .of<WireBatch>(CHANNELS.sessionWire)
    .filter((batch) => batch.sessionId === sessionId)
    .flatMap((batch) => batch.events)

describe('the envelope apart from the headers', () => {
  it('sends the null sender, the chosen recipients and DSN parameters when the server offers DSN', async () => {
    const server = await smtpServerForTest({ hideDSN: false })
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(plainProfile(server))
    const { sessionId, result } = await app.runSession({
      profileId: profile.id,
      compose: compose({
        envelope: {
          from: '',
          to: ['dave@rcpt.test'],
          dsn: { notify: ['SUCCESS', 'FAILURE'], ret: 'HDRS', envid: 'QQ+1 test', orcpt: true },
        },
      }),
    })

    expect(result.status).toBe('sent')
    const lines = clientLines(app, sessionId)
    expect(lines).toContain('MAIL FROM:<> RET=HDRS ENVID=QQ+2B1+20test')
    expect(lines).toContain('RCPT TO:<dave@rcpt.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;dave@rcpt.test')
    expect(lines.filter((line) => line.startsWith('RCPT'))).toHaveLength(1)
    const received = server.received.at(-1)!
    expect(received.from).toBe('')
    expect(received.to).toEqual(['dave@rcpt.test'])
    expect(received.rcptArgs[0]).toMatchObject({ NOTIFY: 'SUCCESS,FAILURE' })
    // The headers still name the From and To the user wrote.
    expect(received.raw.toString('utf8')).toMatch(/^From: Alice <alice@sender\.test>$/m)
    const history = await app.call<Array<{ from: string; recipients: number }>>(CHANNELS.historyList)
    expect(history).toMatchObject({ ok: true, value: [{ from: '<>', recipients: 1 }] })
  })

  it('takes the sender from From and the recipients from To and Cc when nothing is chosen', async () => {
    const server = await smtpServerForTest()
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(plainProfile(server))
    const { sessionId } = await app.runSession({ profileId: profile.id, compose: compose({ envelope: { dsn: {} } }) })
    const lines = clientLines(app, sessionId)
    expect(lines).toContain('MAIL FROM:<alice@sender.test>')
    expect(lines).toEqual(expect.arrayContaining(['RCPT TO:<bob@rcpt.test>', 'RCPT TO:<carol@rcpt.test>']))
    expect(lines.join('\n')).not.toMatch(/NOTIFY|RET=|ENVID/)
  })

  it('refuses DSN before MAIL when the server does not offer it, and sends it when forced', async () => {
    const server = await smtpServerForTest()
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(plainProfile(server))
    const dsn = compose({ envelope: { dsn: { notify: ['NEVER'] } } })
    const refused = await app.runSession({ profileId: profile.id, compose: dsn })
    expect(refused.result.status).toBe('failed')
    expect(clientLines(app, refused.sessionId).some((line) => line.startsWith('MAIL'))).toBe(false)

    const forced = await app.runSession({ profileId: profile.id, compose: dsn, controls: { forceExtensions: true } })
    expect(clientLines(app, forced.sessionId)).toContain('RCPT TO:<bob@rcpt.test> NOTIFY=NEVER')
  })
})

describe('step control', () => {
  it('stops after RCPT with QUIT, sends no message and marks the stop in the log', async () => {
    const server = await smtpServerForTest()
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(plainProfile(server))
    const { sessionId, result } = await app.runSession({ profileId: profile.id, compose: compose(), controls: { quitAfter: 'rcpt' } })
    expect(result.stoppedAfter).toBe('rcpt')
    expect(result.hungUp).toBeUndefined()
    const lines = clientLines(app, sessionId)
    expect(lines.at(-1)).toBe('QUIT')
    expect(lines).not.toContain('DATA')
    expect(server.received).toHaveLength(0)
    expect(wire(app, sessionId).some((event) => event.kind === 'info' && /stopping after rcpt, as asked/.test(event.text))).toBe(true)
  })

  it('hangs up after MAIL without QUIT', async () => {
    const server = await smtpServerForTest()
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(plainProfile(server))
    const { sessionId, result } = await app.runSession({ profileId: profile.id, compose: compose(), controls: { dropAfter: 'mail' } })
    expect(result).toMatchObject({ stoppedAfter: 'mail', hungUp: true })
    const lines = clientLines(app, sessionId)
    expect(lines.at(-1)).toMatch(/^MAIL FROM:/)
    expect(lines).not.toContain('QUIT')
  })

  it('turns pipelining off: each RCPT waits for the reply to the one before', async () => {
    const server = await smtpServerForTest()
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(plainProfile(server))
    const { sessionId } = await app.runSession({ profileId: profile.id, compose: compose(), controls: { pipelining: 'off' } })
    const kinds = wire(app, sessionId)
      .filter((event) => event.phase === 'mail' || event.phase === 'rcpt')
      .filter((event) => event.kind === 'client' || event.kind === 'server')
      .map((event) => event.kind)
    expect(kinds).toEqual(['client', 'server', 'client', 'server', 'client', 'server'])
  })
})

describe('the profile protocol', () => {
  it('speaks LMTP when the profile says so: LHLO, and one reply per recipient in the result', async () => {
    const server = await smtpServerForTest({
      lmtp: true,
      onData(stream, _session, callback) {
        stream.resume()
        stream.on('end', () => callback(null, ['2.0.0 delivered to bob', Object.assign(new Error('5.2.2 carol: mailbox full'), { responseCode: 552 })] as unknown as string))
      },
    })
    const app = await appUnderTest({ dataDir: await tempDir() })
    const profile = await app.saveProfile(plainProfile(server, { protocol: 'lmtp' }))
    expect(profile.protocol).toBe('lmtp')
    const { sessionId, result } = await app.runSession({ profileId: profile.id, compose: compose() })
    expect(clientLines(app, sessionId)[0]).toBe('LHLO client.mailwire.test')
    expect(result.status).toBe('partial')
    expect(result.recipients.map((recipient) => [recipient.address, recipient.accepted, recipient.delivery?.code])).toEqual([
      ['bob@rcpt.test', true, 250],
      ['carol@rcpt.test', false, 552],
    ])
  })
})
