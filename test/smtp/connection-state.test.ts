// The connection's named state: the moves it allows, the state each reply leads to, and
// the two refusals the old flags did not make (a command during the STARTTLS handshake, a
// command after close() sent QUIT), with a real socket that must not see those commands.
import { describe, expect, it, onTestFinished } from 'vitest'
import { checkMove, commandRefusal, stateAfterReply, type ConnectionState } from '../../main/smtp/connection-state'
import { SmtpConnection, SmtpError } from '../../main/smtp/index'
import { startScriptedServer } from './support/scripted-server'

const closedError = new SmtpError('ECONNECT', 'the connection is closed')
const ready: ConnectionState = { name: 'ready' }

describe('connection states', () => {
  it('allows the moves of a session and refuses the others as an engine bug', () => {
    expect(checkMove({ name: 'new' }, { name: 'connecting' }).name).toBe('connecting')
    expect(checkMove(ready, { name: 'data-ready', waiting: [] }).name).toBe('data-ready')
    expect(() => checkMove({ name: 'new' }, { name: 'body', waiting: [] })).toThrow(/cannot go from "new" to "body"/)
    expect(checkMove(ready, { name: 'body', waiting: [] }).name).toBe('body') // BDAT needs no 354
    expect(() => checkMove({ name: 'closing' }, ready)).toThrow(/internal error/)
    expect(() => checkMove({ name: 'data-ready', waiting: [] }, { name: 'upgrading' })).toThrow(SmtpError)
  })

  it('never moves out of an ended state, and lets every live state end', () => {
    for (const ended of [{ name: 'closed', error: closedError }, { name: 'failed', error: closedError }] as const) {
      expect(() => checkMove(ended, ready)).toThrow(/cannot go from/)
    }
    const live: ConnectionState[] = [{ name: 'new' }, { name: 'connecting' }, ready, { name: 'auth-challenge' }, { name: 'upgrading' }, { name: 'data-ready', waiting: [] }, { name: 'body', waiting: [] }, { name: 'closing' }]
    for (const state of live) expect(checkMove(state, { name: 'failed', error: closedError }).name).toBe('failed')
  })

  it('takes 354 to DATA to data-ready, 334 in AUTH to auth-challenge, anything else to ready', () => {
    expect(stateAfterReply(ready, { verb: 'DATA', phase: 'data' }, 354).name).toBe('data-ready')
    expect(stateAfterReply(ready, { verb: 'AUTH', phase: 'auth' }, 334).name).toBe('auth-challenge')
    // A 334 outside AUTH is just a reply.
    expect(stateAfterReply(ready, { verb: 'NOOP', phase: 'ehlo' }, 334)).toBe(ready)
    expect(stateAfterReply({ name: 'auth-challenge' }, { verb: 'AUTH', phase: 'auth' }, 235).name).toBe('ready')
    // While closing, the QUIT behind the reply ends the session whatever the reply says.
    const closing: ConnectionState = { name: 'closing' }
    expect(stateAfterReply(closing, { verb: 'DATA', phase: 'data' }, 354)).toBe(closing)
  })

  it('names why no command may be written before connect, during the handshake and while closing', () => {
    expect(commandRefusal({ name: 'new' })?.message).toMatch(/not connected/)
    expect(commandRefusal({ name: 'upgrading' })?.message).toMatch(/TLS handshake/)
    expect(commandRefusal({ name: 'closing' })?.message).toMatch(/QUIT was sent/)
    expect(commandRefusal(ready)).toBeUndefined()
  })
})

describe('SmtpConnection refusals the states make', () => {
  it('writes no command in plaintext while the STARTTLS handshake is under way', async () => {
    // 220 to STARTTLS, then no handshake: the client waits inside it.
    const server = await startScriptedServer([{ send: '220 ready\r\n' }, { expect: 'STARTTLS' }, { send: '220 go ahead\r\n' }, { waitForClose: true }])
    onTestFinished(() => server.close())
    const connection = new SmtpConnection({ host: server.host, port: server.port, timeouts: { starttls: 5_000 } })
    onTestFinished(() => connection.destroy())
    await connection.connect()
    const upgrade = connection.startTls()
    upgrade.catch(() => undefined)
    await server.until(() => server.lines.includes('STARTTLS'))
    await expect.poll(() => connection.stateName).toBe('upgrading')
    await expect(connection.command('NOOP')).rejects.toThrow(/during the TLS handshake/)
    connection.destroy()
    await server.finished
    expect(server.written()).not.toContain('NOOP')
  })

  it('refuses a command given after close() sent QUIT, and QUIT is the last line written', async () => {
    const server = await startScriptedServer([{ send: '220 ready\r\n' }, { expect: 'QUIT' }, { send: '221 bye\r\n' }, { waitForClose: true }])
    onTestFinished(() => server.close())
    const connection = new SmtpConnection({ host: server.host, port: server.port })
    onTestFinished(() => connection.destroy())
    await connection.connect()
    const closing = connection.close()
    expect(connection.stateName).toBe('closing')
    await expect(connection.command('NOOP')).rejects.toThrow(/closing \(QUIT was sent\)/)
    await closing
    expect(connection.stateName).toBe('closed')
    await server.finished
    expect(server.written()).toBe('QUIT\r\n')
  })
})
