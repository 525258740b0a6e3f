// Each fault preset, seen from a raw socket: the exact reply line a client gets.
import { describe, expect, it, vi } from 'vitest'
import { RawSmtpClient } from './support/raw-smtp-client'
import { nextSession, useInboxFixture } from './support/inbox-fixture'

const fixture = useInboxFixture()

/** Resolves once the inbox armed a (fake) timer: a slow reply waiting for its delay. Fails if a reply comes first. */
async function delayArmed(client: RawSmtpClient, repliesBefore: number): Promise<void> {
  while (vi.getTimerCount() === 0) {
    expect(client.received.length, 'a reply came with no delay').toBe(repliesBefore)
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

/** A few turns of the event loop, each with its I/O phase: a reply already written would have arrived. */
async function ioTurns(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/** Greeting, EHLO, MAIL FROM: ready for RCPT TO. */
async function openTransaction(port: number): Promise<RawSmtpClient> {
  const client = await RawSmtpClient.connect(port)
  expect(await client.reply()).toEqual(['220 localhost ESMTP Mailwire local test inbox'])
  expect((await client.command('EHLO client.test'))?.[0]).toMatch(/^250-localhost /)
  expect(await client.command('MAIL FROM:<sender@example.test>')).toEqual(['250 2.1.0 Accepted'])
  return client
}

describe('local inbox fault presets', () => {
  it('greeting421 answers the connection with 421 4.3.2, then closes it', async () => {
    const inbox = await fixture.start({ faults: { greeting421: true } })
    const sessionDone = nextSession(inbox)
    const client = await RawSmtpClient.connect(inbox.port)

    expect(await client.reply()).toEqual(['421 4.3.2 Service currently unavailable (local inbox fault: 421 at greeting)'])
    expect(await client.reply()).toBeNull()
    await client.closed
    expect(client.received).toHaveLength(1)

    const session = await sessionDone
    expect(session.faults).toEqual(['greeting421'])
    expect(session.events.filter((event) => event.direction === 'out').map((event) => event.text)).toEqual([
      '421 4.3.2 Service currently unavailable (local inbox fault: 421 at greeting)',
    ])
  })

  it('refuseRecipient answers matching recipients with 550 5.1.1 and accepts the others', async () => {
    const inbox = await fixture.start({ faults: { refuseRecipient: 'reject*' } })
    const client = await openTransaction(inbox.port)

    expect(await client.command('RCPT TO:<reject-me@example.test>')).toEqual([
      '550 5.1.1 <reject-me@example.test>: Recipient address rejected (local inbox fault: refuse recipient)',
    ])
    expect(await client.command('RCPT TO:<Rejected@Other.test>')).toEqual([
      '550 5.1.1 <Rejected@Other.test>: Recipient address rejected (local inbox fault: refuse recipient)',
    ])
    expect(await client.command('RCPT TO:<alice@example.test>')).toEqual(['250 2.1.5 Accepted'])
    expect(await client.command('RCPT TO:<not-reject@example.test>')).toEqual(['250 2.1.5 Accepted'])
    expect(await client.command('QUIT')).toEqual(['221 2.0.0 Bye'])
  })

  it('refuseRecipient with a whole address refuses that address only', async () => {
    const inbox = await fixture.start({ faults: { refuseRecipient: 'bob@example.test' } })
    const client = await openTransaction(inbox.port)

    expect((await client.command('RCPT TO:<BOB@example.test>'))?.[0]).toMatch(/^550 5\.1\.1 /)
    expect(await client.command('RCPT TO:<bob@other.test>')).toEqual(['250 2.1.5 Accepted'])
    expect(await client.command('RCPT TO:<bobby@example.test>')).toEqual(['250 2.1.5 Accepted'])
    await client.command('QUIT')
  })

  it('rcpt451 answers every RCPT TO with 451 4.3.0', async () => {
    const inbox = await fixture.start({ faults: { rcpt451: true } })
    const sessionDone = nextSession(inbox)
    const client = await openTransaction(inbox.port)

    expect(await client.command('RCPT TO:<alice@example.test>')).toEqual([
      '451 4.3.0 Temporary local problem, try again later (local inbox fault: 451 on RCPT)',
    ])
    expect(await client.command('DATA')).toEqual(['503 5.5.1 Error: need RCPT command'])
    expect(await client.command('QUIT')).toEqual(['221 2.0.0 Bye'])

    const session = await sessionDone
    expect(session.faults).toEqual(['rcpt451'])
    expect(inbox.messages()).toEqual([])
  })

  it('faults switch at runtime: the next command sees the new presets', async () => {
    const inbox = await fixture.start()
    const client = await openTransaction(inbox.port)
    expect(await client.command('RCPT TO:<alice@example.test>')).toEqual(['250 2.1.5 Accepted'])

    expect(inbox.setFaults({ rcpt451: true })).toEqual({ rcpt451: true })
    expect((await client.command('RCPT TO:<bob@example.test>'))?.[0]).toMatch(/^451 4\.3\.0 /)

    inbox.setFaults({})
    expect(await client.command('RCPT TO:<carol@example.test>')).toEqual(['250 2.1.5 Accepted'])
    await client.command('QUIT')
  })

  it('slowReplies holds back every reply, the greeting included, by the delay', async () => {
    const delayMs = 150
    const inbox = await fixture.start({ faults: { slowReplies: delayMs } })
    const sessionDone = nextSession(inbox)
    // The delay is a timer: on a fake clock no reply may come a millisecond before it is
    // due, and each comes once it is. The sockets stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const client = await RawSmtpClient.connect(inbox.port)
      const heldBack = async (write?: string) => {
        const before = client.received.length
        if (write) await client.write(`${write}\r\n`)
        await delayArmed(client, before)
        vi.advanceTimersByTime(delayMs - 1)
        expect(vi.getTimerCount(), `the delay after ${write ?? 'connecting'} fired early`).toBe(1)
        await ioTurns()
        expect(client.received.length, `a reply to ${write ?? 'connecting'} came before the delay`).toBe(before)
        vi.advanceTimersByTime(1)
        return client.reply()
      }
      // The inbox greets at once (greet-at-once.ts): the greeting's only wait is the delay.
      expect(await heldBack()).toEqual(['220 localhost ESMTP Mailwire local test inbox'])
      expect((await heldBack('EHLO client.test'))?.[0]).toMatch(/^250-localhost /)
      expect(await heldBack('MAIL FROM:<sender@example.test>')).toEqual(['250 2.1.0 Accepted'])
      expect(await heldBack('QUIT')).toEqual(['221 2.0.0 Bye'])
    } finally {
      vi.useRealTimers()
    }

    // The inbox's record: each command, then its reply (the times in it are the wall clock's).
    const session = await sessionDone
    const lines = session.events.filter((event) => event.direction !== 'info')
    expect(lines[0]).toMatchObject({ direction: 'out', text: '220 localhost ESMTP Mailwire local test inbox' })
    for (const command of ['EHLO client.test', 'MAIL FROM:<sender@example.test>', 'QUIT']) {
      const index = lines.findIndex((event) => event.text === command)
      expect(lines[index]?.direction).toBe('in')
      expect(lines[index + 1]!.direction).toBe('out')
    }
  })

  it('disconnectMidData closes the connection once N bytes of message data arrived, with no reply', async () => {
    const cutAfter = 4096
    const inbox = await fixture.start({ faults: { disconnectMidData: cutAfter } })
    const sessionDone = nextSession(inbox)
    const client = await openTransaction(inbox.port)
    expect(await client.command('RCPT TO:<alice@example.test>')).toEqual(['250 2.1.5 Accepted'])
    expect(await client.command('DATA')).toEqual(['354 End data with <CR><LF>.<CR><LF>'])
    const afterDataLines = client.received.length

    // Far more than N bytes, without the final dot: only the fault can end this.
    const line = `${'x'.repeat(78)}\r\n`
    const total = 1024 * 1024
    void (async () => {
      for (let sent = 0; sent < total; sent += line.length * 64) {
        await client.write(line.repeat(64)).catch(() => {})
      }
    })()
    await client.closed
    expect(client.received.length).toBe(afterDataLines)

    const session = await sessionDone
    expect(session.faults).toEqual(['disconnectMidData'])
    const note = session.events.find((event) => event.text.startsWith('fault disconnectMidData'))
    const bytes = Number(/after (\d+) bytes/.exec(note?.text ?? '')?.[1])
    expect(bytes).toBeGreaterThanOrEqual(cutAfter)
    expect(bytes).toBeLessThan(total)
    expect(inbox.messages()).toEqual([])
  })

  it('disconnectMidData lets a message shorter than N through', async () => {
    const inbox = await fixture.start({ faults: { disconnectMidData: 4096 } })
    const client = await openTransaction(inbox.port)
    expect(await client.command('RCPT TO:<alice@example.test>')).toEqual(['250 2.1.5 Accepted'])
    expect(await client.command('DATA')).toEqual(['354 End data with <CR><LF>.<CR><LF>'])
    const reply = await client.command('Subject: short\r\n\r\nfits under the threshold\r\n.')
    expect(reply?.[0]).toMatch(/^250 2\.6\.0 Message queued as msg-/)
    expect(inbox.messages()).toHaveLength(1)
    await client.command('QUIT')
  })
})
