// `mailwire send` in-process against scripted raw servers: each fault gives its exit code
// and exactly one line of reason on stderr.
import { afterEach, describe, expect, it } from 'vitest'
import { cli, reasonLines, startCli } from './support/capture-io'
import { tempFiles } from './support/temp-files'
import { greetAndEhlo, scriptedServer, type ScriptedPeer, type ScriptedServer } from './support/scripted-server'

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.stop()
  server = undefined
})

async function sendAgainst(script: (peer: ScriptedPeer) => Promise<void>, ...extra: string[]) {
  server = await scriptedServer(script)
  return cli([
    'send', '--server', `127.0.0.1:${server.port}`, '--tls', 'none', '--from', 'ann@sender.test',
    '--to', 'bob@rcpt.test', '--body', 'Hello', ...extra,
  ])
}

/** Greeting, EHLO, MAIL, RCPT and DATA accepted: the message comes next. */
async function upToTheMessage(peer: ScriptedPeer): Promise<void> {
  await greetAndEhlo(peer, ['8BITMIME'])
  await peer.line()
  peer.send('250 2.1.0 Ok\r\n')
  await peer.line()
  peer.send('250 2.1.5 Ok\r\n')
  await peer.line()
  peer.send('354 End data with <CR><LF>.<CR><LF>\r\n')
}

/** Everything accepted, then the message read up to the dot. */
async function upToTheDot(peer: ScriptedPeer): Promise<void> {
  await upToTheMessage(peer)
  await peer.dataUntilDot()
}

describe('mailwire send: faults', () => {
  it('421 at the greeting: exit 3, the reply in the reason', async () => {
    const run = await sendAgainst(async (peer) => {
      peer.send('421 4.3.2 busy.test Service not available, try later\r\n')
      peer.close()
    })
    expect(run.code).toBe(3)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*421 4\.3\.2 busy\.test Service not available/)])
    expect(run.stdout).toMatch(/ <- 421 4\.3\.2 busy\.test Service not available, try later {3}\(Service not available/)
  })

  it('a garbage greeting: exit 3', async () => {
    const run = await sendAgainst(async (peer) => {
      peer.send('HTTP/1.1 400 Bad Request\r\n\r\n')
      await peer.line()
    })
    expect(run.code).toBe(3)
    expect(reasonLines(run)).toHaveLength(1)
    expect(reasonLines(run)[0]).toMatch(/^mailwire: /)
  })

  it('silence with --timeout 1: exit 3, the reason says it timed out', async () => {
    const run = await sendAgainst(async (peer) => {
      await peer.line()
    }, '--timeout', '1')
    expect(run.code).toBe(3)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*(timed out|no reply|within 1)/i)])
  })

  it('the server closes in the middle of DATA: exit 3, and the dot was never sent', async () => {
    const files = tempFiles()
    // Far more than socket buffers hold, so the close lands while the body is being written.
    const body = files.write('big.txt', `${'x'.repeat(76)}\n`.repeat(64 * 1024))
    server = await scriptedServer(async (peer) => {
      await upToTheMessage(peer)
      await peer.line()
      peer.close()
    })
    const run = await cli([
      'send', '--server', `127.0.0.1:${server.port}`, '--tls', 'none', '--from', 'ann@sender.test', '--to', 'bob@rcpt.test', '--body-file', body,
    ])
    files.remove()
    expect(run.code).toBe(3)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*(closed|reset|EPIPE)/i)])
    expect(run.stderr).not.toMatch(/may have been delivered/)
    expect(run.stdout).not.toMatch(/ -> \.$/m)
    expect(server.received).not.toContain('.')
  })

  it('the server closes after the dot without a reply: exit 3, "may have been delivered"', async () => {
    const run = await sendAgainst(async (peer) => {
      await upToTheDot(peer)
      peer.close()
    })
    expect(run.code).toBe(3)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*may have been delivered/)])
  })

  it('no reply after the final dot: exit 3, "may have been delivered"', async () => {
    const run = await sendAgainst(async (peer) => {
      await upToTheDot(peer)
      await peer.line().catch(() => undefined)
    }, '--timeout', '1')
    expect(run.code).toBe(3)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*may have been delivered/)])
    expect(run.stdout).toMatch(/^Outcome unknown: .*may have been delivered/m)
  })

  it('the final dot refused: exit 1, the reply in the reason', async () => {
    const run = await sendAgainst(async (peer) => {
      await upToTheDot(peer)
      peer.send('554 5.7.1 Message refused as spam\r\n')
      await peer.line()
      peer.send('221 bye\r\n')
    })
    expect(run.code).toBe(1)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*554 5\.7\.1 Message refused as spam/)])
  })

  it('the sender refused at MAIL FROM: exit 1', async () => {
    const run = await sendAgainst(async (peer) => {
      await greetAndEhlo(peer, ['8BITMIME'])
      await peer.line()
      peer.send('553 5.7.1 Sender address rejected\r\n')
      await peer.line()
      peer.send('221 bye\r\n')
    })
    expect(run.code).toBe(1)
    expect(reasonLines(run)).toEqual([expect.stringMatching(/^mailwire: .*553 5\.7\.1 Sender address rejected/)])
  })

  it('shows hostile server text as visible symbols, never as terminal escapes', async () => {
    const run = await sendAgainst(async (peer) => {
      peer.send('220 evil.test \u001b]0;owned\u0007\u001b[2J\u009b31m\r\n')
      await peer.line()
      peer.send('250-evil.test \u202egnp.exe\r\n250 \u001b[1A8BITMIME\r\n')
      await peer.line()
      peer.send('250 Ok\r\n')
      await peer.line()
      peer.send('250 Ok\r\n')
      await peer.line()
      peer.send('221 bye\r\n')
    }, '--quit-after', 'rcpt')
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/)
    expect(run.stdout).toContain('220 evil.test ␛]0;owned␇␛[2J')
  })

  it('reaches a server at a bracketed IPv6 address', async () => {
    server = await scriptedServer(async (peer) => {
      await greetAndEhlo(peer)
      await peer.line()
      peer.send('221 bye\r\n')
    }, '::1')
    const run = await cli(['send', '--server', `[::1]:${server.port}`, '--tls', 'none', '--from', 'a@b.test', '--to', 'c@d.test', '--quit-after', 'ehlo'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/connected to \[::1\] port \d+/)
  })

  it('streams the transcript live: the greeting is printed before the session ends', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    server = await scriptedServer(async (peer) => {
      peer.send('220 slow.test ESMTP\r\n')
      await peer.line()
      await held
      peer.send('250 slow.test\r\n')
      await peer.line()
      peer.send('221 bye\r\n')
    })
    const running = startCli(['send', '--server', `127.0.0.1:${server.port}`, '--tls', 'none', '--from', 'a@b.test', '--to', 'c@d.test', '--quit-after', 'ehlo'])
    await expect.poll(() => running.stdout()).toMatch(/ -> EHLO /)
    expect(running.stdout()).toMatch(/ <- 220 slow\.test ESMTP/)
    release()
    expect((await running.done).code).toBe(0)
  })
})
