// SmtpConnection used by hand, as a console would: connect, type commands, STARTTLS,
// DATA and the message, close. Same wire events as sendMail.
import { describe, expect, it, onTestFinished } from 'vitest'
import { SmtpConnection, SmtpError } from '../../main/smtp/index'
import { testPki } from '../support/test-ca'
import { startScriptedServer } from './support/scripted-server'
import { smtpServerForTest } from './support/smtp-server'
import { recordWire } from './support/wire'

const pki = await testPki()

async function rejection(promise: Promise<unknown>): Promise<SmtpError> {
  try {
    await promise
  } catch (error) {
    return error as SmtpError
  }
  throw new Error('expected a rejection')
}

describe('SmtpConnection', () => {
  it('runs a whole session command by command, STARTTLS included', async () => {
    const server = await smtpServerForTest({ users: { ann: 'pw-1234567' } })
    const wire = recordWire()
    const connection = new SmtpConnection({ host: server.host, port: server.port, ca: pki.ca.cert, onWire: wire.onWire })
    onTestFinished(() => connection.destroy())
    const greeting = await connection.connect()
    expect(greeting.code).toBe(220)
    expect((await connection.command('EHLO console.example.test')).code).toBe(250)
    expect(connection.capabilities!.startTls).toBe(true)
    // Typed STARTTLS upgrades the connection too.
    expect((await connection.command('STARTTLS')).code).toBe(220)
    expect(connection.secure).toBe(true)
    expect(connection.capabilities).toBeUndefined()
    expect(connection.tls!.authorized).toBe(true)
    await connection.command('EHLO console.example.test')
    expect(connection.capabilities!.auth).toEqual(['LOGIN', 'PLAIN'])
    // A typed AUTH with an initial response is masked.
    const auth = await connection.command(`AUTH PLAIN ${Buffer.from('\u0000ann\u0000pw-1234567').toString('base64')}`)
    expect(auth.code).toBe(235)
    expect((await connection.command('mail from:<a@example.test>')).code).toBe(250)
    expect((await connection.command('RCPT TO:<b@example.test>')).code).toBe(250)
    expect((await connection.command('DATA')).code).toBe(354)
    const final = await connection.sendData('Subject: typed\n\n.leading dot\n')
    expect(final.code).toBe(250)
    expect(connection.dataBytes).toBe('Subject: typed\r\n\r\n..leading dot\r\n'.length)
    await connection.close()
    expect(connection.closed).toBe(true)
    expect(server.received[0]!.raw.toString()).toBe('Subject: typed\r\n\r\n.leading dot\r\n')
    expect(wire.lines()).toContain('C: AUTH PLAIN ****')
    expect(wire.dump()).not.toContain('pw-1234567')
    expect(wire.dump()).not.toContain(Buffer.from('\u0000ann\u0000pw-1234567').toString('base64'))
    expect(wire.events.map((event) => event.phase)).toContain('mail')
    expect(wire.lines().at(-2)).toBe('C: QUIT')
  })

  it('masks the answers to 334 challenges typed by hand', async () => {
    const server = await smtpServerForTest({ users: { ann: 'pw-1234567' }, hideSTARTTLS: true, allowInsecureAuth: true })
    const wire = recordWire()
    const connection = new SmtpConnection({ host: server.host, port: server.port, onWire: wire.onWire })
    onTestFinished(() => connection.destroy())
    await connection.connect()
    await connection.command('EHLO x.example.test')
    expect((await connection.command('AUTH LOGIN')).code).toBe(334)
    expect((await connection.command(Buffer.from('ann').toString('base64'))).code).toBe(334)
    expect((await connection.command(Buffer.from('pw-1234567').toString('base64'))).code).toBe(235)
    await connection.close()
    const auth = wire.events.filter((event) => event.kind === 'client' && event.phase === 'auth').map((event) => event.text)
    expect(auth).toEqual(['AUTH LOGIN', '****', '****'])
  })

  it('refuses a command with CR, LF or NUL, writing nothing', async () => {
    const scripted = await startScriptedServer([{ send: '220 x\r\n' }])
    try {
      const connection = new SmtpConnection({ host: scripted.host, port: scripted.port })
      await connection.connect()
      for (const line of ['NOOP\r\nQUIT', 'RCPT TO:<a@b>\nDATA', 'NOOP\u0000']) {
        const error = await rejection(connection.command(line))
        expect(error.code).toBe('EPROTOCOL')
        expect(error.message).toMatch(/CR, LF or NUL/)
      }
      connection.destroy()
      await scripted.finished
      expect(scripted.written()).toBe('')
    } finally {
      await scripted.close()
    }
  })

  it('never sends message data without a 354', async () => {
    const scripted = await startScriptedServer([{ send: '220 x\r\n' }, { expect: 'DATA' }, { send: '554 no valid recipients\r\n' }])
    try {
      const connection = new SmtpConnection({ host: scripted.host, port: scripted.port })
      await connection.connect()
      expect((await rejection(connection.sendData('too early'))).code).toBe('EPROTOCOL')
      expect((await connection.command('DATA')).code).toBe(554)
      expect((await rejection(connection.sendData('still no'))).message).toMatch(/has not answered DATA with 354/)
      connection.destroy()
      await scripted.finished
      expect(scripted.written()).toBe('DATA\r\n')
    } finally {
      await scripted.close()
    }
  })

  it('after a 354, refuses commands (they would become message text)', async () => {
    const scripted = await startScriptedServer([{ send: '220 x\r\n' }, { expect: 'DATA' }, { send: '354 go\r\n' }])
    try {
      const connection = new SmtpConnection({ host: scripted.host, port: scripted.port })
      await connection.connect()
      await connection.command('DATA')
      expect((await rejection(connection.command('QUIT'))).message).toMatch(/waiting for message data/)
      connection.destroy()
    } finally {
      await scripted.close()
    }
  })

  it('rejects commands after close, and connect twice', async () => {
    const scripted = await startScriptedServer([{ send: '220 x\r\n' }, { expect: 'QUIT' }, { send: '221 bye\r\n' }])
    try {
      const connection = new SmtpConnection({ host: scripted.host, port: scripted.port })
      await connection.connect()
      expect((await rejection(connection.connect())).code).toBe('EPROTOCOL')
      await connection.close()
      expect((await rejection(connection.command('NOOP'))).code).toBe('ECONNECT')
      expect((await rejection(connection.connect())).message).toBe('the connection is closed')
      expect(connection.error).toBeUndefined()
    } finally {
      await scripted.close()
    }
  })

  it('a QUIT typed by hand and answered 221: the close that follows is no error', async () => {
    const scripted = await startScriptedServer([{ send: '220 x\r\n' }, { expect: 'QUIT' }, { send: '221 bye\r\n' }, { close: true }])
    try {
      const wire = recordWire()
      const connection = new SmtpConnection({ host: scripted.host, port: scripted.port, onWire: wire.onWire })
      await connection.connect()
      expect((await connection.command('QUIT')).code).toBe(221)
      await scripted.finished
      await connection.close()
      expect(connection.error).toBeUndefined()
      expect(wire.events.filter((event) => event.kind === 'error')).toEqual([])
    } finally {
      await scripted.close()
    }
  })

  it('connect timeout', async () => {
    // A listening socket that never finishes TLS: the connect timeout covers the handshake.
    const scripted = await startScriptedServer([])
    try {
      const connection = new SmtpConnection({ host: scripted.host, port: scripted.port, implicitTls: true, timeouts: { connect: 150 } })
      const error = await rejection(connection.connect())
      expect(error.code).toBe('ETIMEOUT')
      // Connected, so not "could not connect": the handshake is what did not finish (issue 24).
      expect(error.message).toMatch(/connected to 127.0.0.1 port \d+, but the TLS handshake did not finish within 0.2 s/)
    } finally {
      await scripted.close()
    }
  })
})
