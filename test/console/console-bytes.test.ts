// What the console writes, byte for byte, read by scripted raw servers: typed lines
// verbatim with CRLF, the DATA body dot-stuffed with exactly one CRLF.CRLF at the end,
// nothing at all for a refused line; a typed AUTH exchange masked in the log; a server
// that hangs up on its own.
import { afterEach, describe, expect, it } from 'vitest'
import type { ConsoleStatus, ProfileInput } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { useTempDirs } from '../services/support/temp-dir'
import { startScriptedServer, type ScriptedServer } from '../smtp/support/scripted-server'
import { closeOpenConsoles, errorOf, openConsole } from './support/console-app'

const tempDir = useTempDirs()
let server: ScriptedServer | undefined
afterEach(async () => {
  await closeOpenConsoles()
  await server?.close()
  server = undefined
})

const plainProfile = (port: number): ProfileInput => ({
  name: 'Scripted',
  host: '127.0.0.1',
  port,
  security: 'none',
  username: '',
  clientName: 'console.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: '',
})

describe('the console on the wire', () => {
  it('writes typed lines as typed, the body dot-stuffed, and one final dot', async () => {
    server = await startScriptedServer([
      { send: '220 scripted ESMTP\r\n' },
      { expect: 'ehlo  Mixed.Case' },
      { send: '250 scripted\r\n' },
      { expect: 'mail from:<a@b.test> BODY=8BITMIME' },
      { send: '250 ok\r\n' },
      { expect: 'RCPT TO:<c@d.test>' },
      { send: '250 ok\r\n' },
      { expect: 'DATA' },
      { send: '354 go ahead\r\n' },
      { readData: true },
      { send: '250 queued as BYTES1\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    const c = await openConsole(await tempDir(), plainProfile(server.port))
    await c.send('ehlo  Mixed.Case')
    await c.send('mail from:<a@b.test> BODY=8BITMIME')
    // Refused, and not a byte of it written.
    expect(errorOf(await c.sendRaw('RCPT TO:<c@d.test>\r\nRCPT TO:<evil@e.test>'))).toMatchObject({ code: 'EINVALID' })
    await c.send('RCPT TO:<c@d.test>')
    await c.send('DATA')
    const ended = await c.data('line\n.\n.x\r\nend')
    expect(ended.reply).toMatchObject({ code: 250 })
    await c.send('QUIT')
    await server.finished
    expect(server.mismatches).toEqual([])
    expect(server.written()).toBe(
      'ehlo  Mixed.Case\r\n' +
        'mail from:<a@b.test> BODY=8BITMIME\r\n' +
        'RCPT TO:<c@d.test>\r\n' +
        'DATA\r\n' +
        'line\r\n..\r\n..x\r\nend\r\n.\r\n' +
        'QUIT\r\n',
    )
    expect(server.data[0]!.toString('latin1')).toBe('line\r\n..\r\n..x\r\nend\r\n.\r\n')
  })

  it('masks a typed AUTH exchange: the mechanism shows, the credentials do not', async () => {
    const user = Buffer.from('erin').toString('base64')
    const password = Buffer.from('typed-secret-9876').toString('base64')
    server = await startScriptedServer([
      { send: '220 scripted ESMTP\r\n' },
      { expect: 'AUTH LOGIN' },
      { send: '334 VXNlcm5hbWU6\r\n' },
      { expect: user },
      { send: '334 UGFzc3dvcmQ6\r\n' },
      { expect: password },
      { send: '235 2.7.0 ok\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    const c = await openConsole(await tempDir(), plainProfile(server.port))
    expect(errorOf(await c.sendRaw('AUTH LOGIN'))).toMatchObject({ code: 'EPOLICY' })
    await c.send('AUTH LOGIN', { allowCleartext: true })
    await c.send(user)
    const done = await c.send(password)
    expect(done.reply!.code).toBe(235)
    expect(done.status.authenticated).toBe(true)
    expect(server.mismatches).toEqual([])
    expect(c.lines().filter((line) => line.startsWith('C: '))).toEqual(['C: AUTH LOGIN', 'C: ****', 'C: ****'])
    await c.close()
    expect(JSON.stringify(c.app.sink.events)).not.toContain(password)
  })

  it('reads the verb past leading blanks, as Postfix does: AUTH still asks and masks, DATA still guards the lone dot', async () => {
    const password = Buffer.from('typed-secret-5432').toString('base64')
    server = await startScriptedServer([
      { send: '220 scripted ESMTP\r\n' },
      { expect: '  AUTH LOGIN' },
      { send: '334 UGFzc3dvcmQ6\r\n' },
      { expect: password },
      { send: '235 2.7.0 ok\r\n' },
      { expect: ' DATA' },
      { send: '354 go ahead\r\n' },
      { readData: true },
      { send: '250 queued as BLANK1\r\n' },
      { expect: 'QUIT' },
      { send: '221 bye\r\n' },
    ])
    const c = await openConsole(await tempDir(), plainProfile(server.port))
    expect(errorOf(await c.sendRaw('  AUTH LOGIN'))).toMatchObject({ code: 'EPOLICY' })
    await c.send('  AUTH LOGIN', { allowCleartext: true })
    expect((await c.send(password)).reply!.code).toBe(235)
    const data = await c.send(' DATA')
    expect(data.status.state).toBe('data')
    // A lone dot is message text here, never typed as a command that ends the message.
    expect(errorOf(await c.sendRaw('.'))).toMatchObject({ code: 'EINVALID', field: 'line' })
    expect((await c.data('.\n')).reply).toMatchObject({ code: 250 })
    await c.send('QUIT')
    await server.finished
    expect(server.mismatches).toEqual([])
    expect(server.data[0]!.toString('latin1')).toBe('..\r\n.\r\n')
    expect(c.lines().filter((line) => line.startsWith('C: ')).slice(0, 2)).toEqual(['C:   AUTH LOGIN', 'C: ****'])
    expect(JSON.stringify(c.app.sink.events)).not.toContain(password)
  })

  it('reports a server that hangs up on its own as a closed console', async () => {
    server = await startScriptedServer([
      { send: '220 scripted ESMTP\r\n' },
      { expect: 'NOOP' },
      { send: '250 ok\r\n421 4.3.2 shutting down\r\n' },
      { close: true },
    ])
    const c = await openConsole(await tempDir(), plainProfile(server.port))
    await c.send('NOOP')
    const closed = await c.app.sink.waitFor<ConsoleStatus>(CHANNELS.consoleState, (status) => status.state === 'closed')
    expect(closed.error).toMatchObject({ code: 'ECONNECT', reply: { code: 421 } })
    expect(c.lines()).toContain('S: 421 4.3.2 shutting down')
    expect(errorOf(await c.sendRaw('NOOP'))).toMatchObject({ code: 'ECONNECT' })
  })

  it('drops the connection without QUIT when closed while a reply is due', async () => {
    server = await startScriptedServer([{ send: '220 scripted ESMTP\r\n' }, { expect: 'NOOP' }])
    const c = await openConsole(await tempDir(), plainProfile(server.port))
    const pending = c.sendRaw('NOOP')
    await server.until(() => server!.lines.length === 1)
    const closed = await c.close()
    expect(closed.status.state).toBe('closed')
    expect((await pending).ok).toBe(true)
    await server.finished
    expect(server.written()).toBe('NOOP\r\n')
    expect(c.lines()).toContain('I: closed without QUIT: the server was still owed a reply or a message')
  })
})
