// The built-in "Local test inbox" profile stores port 0 and no CA: the console and the
// probe, like Send, connect to the running inbox (started on demand) and verify its
// certificate, through the real IPC handlers and services.
import { afterEach, describe, expect, it } from 'vitest'
import type { ConsoleOutcome, InboxStatus, ProbeReport, Result, WireBatch } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { LOCAL_INBOX_PROFILE_ID } from '../../main/services/local-inbox/local-inbox-profile'
import { appUnderTest, type AppUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const apps: AppUnderTest[] = []
afterEach(async () => {
  const running = apps.splice(0)
  await Promise.all(running.map((app) => app.services.console.closeAll()))
  await Promise.all(running.map((app) => app.services.inbox.stop()))
})

async function firstRun(): Promise<AppUnderTest> {
  const app = await appUnderTest({ dataDir: await tempDir() })
  apps.push(app)
  return app
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.value
}

describe('the local test inbox profile outside Send', () => {
  it('opens in the console: the running inbox, EHLO, STARTTLS verified against its certificate, QUIT', async () => {
    const app = await firstRun()
    const opened = value(await app.call<ConsoleOutcome>(CHANNELS.consoleOpen, { profileId: LOCAL_INBOX_PROFILE_ID }))
    expect(opened.reply).toMatchObject({ code: 220 })
    const inbox = value(await app.call<InboxStatus>(CHANNELS.inboxStatus))
    expect(opened.status).toMatchObject({ profileId: LOCAL_INBOX_PROFILE_ID, host: inbox.host, port: inbox.port, secure: false })
    expect(inbox.port).toBeGreaterThan(0)
    const consoleId = opened.status.consoleId

    const ehlo = value(await app.call<ConsoleOutcome>(CHANNELS.consoleSend, { consoleId, line: 'EHLO console.mailwire.test' }))
    expect(ehlo.reply).toMatchObject({ code: 250 })
    expect(ehlo.status.capabilities).toMatchObject({ startTls: true })

    const tls = value(await app.call<ConsoleOutcome>(CHANNELS.consoleStartTls, consoleId))
    expect(tls.error).toBeUndefined()
    expect(tls.status).toMatchObject({ secure: true, tls: { authorized: true, verificationSkipped: false, mode: 'starttls' } })

    const quit = value(await app.call<ConsoleOutcome>(CHANNELS.consoleSend, { consoleId, line: 'QUIT' }))
    expect(quit.reply).toMatchObject({ code: 221 })
    expect(quit.status.state).toBe('closed')
  })

  it('is probed where the inbox runs: both capability sets, a verified certificate', async () => {
    const app = await firstRun()
    // The probe form asks where the inbox runs (inbox:status starts it); the profile lends its certificate.
    const inbox = value(await app.call<InboxStatus>(CHANNELS.inboxStatus))
    const report = value(
      await app.call<ProbeReport>(CHANNELS.probeRun, { profileId: LOCAL_INBOX_PROFILE_ID, host: inbox.host, port: inbox.port, security: 'starttls' }),
    )
    const { result } = report
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ host: inbox.host, port: inbox.port })
    expect(result.tls).toMatchObject({ authorized: true, verificationSkipped: false, mode: 'starttls' })
    expect(result.capabilitiesBeforeTls).toMatchObject({ startTls: true })
    expect(result.capabilities).toMatchObject({ startTls: false })
    expect(report.capabilityChanges).toContainEqual({ keyword: 'STARTTLS', before: 'STARTTLS', change: 'disappeared' })
    const clientLines = app.sink
      .of<WireBatch>(CHANNELS.probeWire)
      .flatMap((batch) => batch.events)
      .filter((event) => event.kind === 'client')
      .map((event) => event.text.split(' ')[0])
    expect(clientLines).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'QUIT'])
  })

  it('tries each TLS version when asked (the probe form\'s checkbox), through the IPC payload check', async () => {
    const app = await firstRun()
    const inbox = value(await app.call<InboxStatus>(CHANNELS.inboxStatus))
    const request = { profileId: LOCAL_INBOX_PROFILE_ID, host: inbox.host, port: inbox.port, security: 'starttls', tlsVersions: true }
    const { result } = value(await app.call<ProbeReport>(CHANNELS.probeRun, request))
    expect(result.tlsVersions?.map((cell) => [cell.version, cell.accepted])).toEqual([
      ['1.0', false],
      ['1.1', false],
      ['1.2', true],
      ['1.3', true],
    ])
    const plain = value(await app.call<ProbeReport>(CHANNELS.probeRun, { ...request, tlsVersions: false }))
    expect(plain.result.tlsVersions).toBeUndefined()
  })
})
