// The console against a real SMTP server in-process (smtp-server: STARTTLS with the test
// CA, AUTH), through the real IPC handlers and services: typed commands, STARTTLS then
// EHLO, AUTH with the stored password (which appears nowhere), DATA with a lone-dot line,
// refusals (CR/LF, cleartext AUTH without consent), cancel, QUIT, one console per window.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ConsoleOutcome, ConsoleStatus, ProfileInput, WireBatch } from '../../preload/contract'
import { CHANNELS } from '../../preload/contract'
import { useTempDirs } from '../services/support/temp-dir'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { testPki, type TestPki } from '../support/test-ca'
import { closeOpenConsoles, errorOf, openConsole } from './support/console-app'

const ACCOUNT = { user: 'carol', password: 'Cons0le-pa55word-nowhere-else' }
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const SECRET_FORMS = [ACCOUNT.password, b64(ACCOUNT.password), b64(`\0${ACCOUNT.user}\0${ACCOUNT.password}`)]

const tempDir = useTempDirs()
let pki: TestPki
let server: TestServer
/** Offers AUTH without TLS: a server that would take a password in cleartext. */
let insecure: TestServer

beforeAll(async () => {
  pki = await testPki()
  ;[server, insecure] = await Promise.all([
    startSmtpServer({ users: { [ACCOUNT.user]: ACCOUNT.password }, authMethods: ['PLAIN', 'LOGIN'] }),
    startSmtpServer({ users: { [ACCOUNT.user]: ACCOUNT.password }, authMethods: ['PLAIN'], allowInsecureAuth: true, hideSTARTTLS: true }),
  ])
})
afterEach(closeOpenConsoles)
afterAll(async () => {
  await Promise.all([server.close(), insecure.close()])
})

const profileFor = (smtp: TestServer, overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'Console test',
  host: '127.0.0.1',
  port: smtp.port,
  security: 'starttls',
  username: ACCOUNT.user,
  clientName: 'console.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: pki.ca.cert,
  password: ACCOUNT.password,
  ...overrides,
})

describe('the console', () => {
  it('runs a typed session: EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA with a lone dot, QUIT', async () => {
    const c = await openConsole(await tempDir(), profileFor(server))
    expect(c.opened.reply).toMatchObject({ code: 220 })
    expect(c.opened.status).toMatchObject({ state: 'ready', secure: false, canAuthenticate: true, cleartextAuthNeedsConsent: true })

    const ehlo = await c.send('EHLO console.mailwire.test')
    expect(ehlo.reply!.code).toBe(250)
    expect(ehlo.status.capabilities).toMatchObject({ startTls: true })
    expect((await c.send('NOOP')).reply!.code).toBe(250)
    // Any verb goes out as typed; the server's answer is shown, whatever it is.
    expect((await c.send('FROBNICATE now')).reply!.code).toBe(500)

    const tls = await c.startTls()
    expect(tls.reply!.code).toBe(250) // the EHLO after the handshake
    expect(tls.status).toMatchObject({ secure: true, tls: { authorized: true, mode: 'starttls' }, cleartextAuthNeedsConsent: false })
    expect(tls.status.capabilities!.auth).toEqual(['PLAIN', 'LOGIN'])

    const auth = await c.auth()
    if (!auth.ok) throw new Error(auth.error.message)
    expect(auth.value.reply!.code).toBe(235)
    expect(auth.value.status.authenticated).toBe(true)

    expect((await c.send('MAIL FROM:<carol@sender.test>')).reply!.code).toBe(250)
    expect((await c.send('RCPT TO:<dave@rcpt.test>')).reply!.code).toBe(250)
    const data = await c.send('DATA')
    expect(data.reply!.code).toBe(354)
    expect(data.status.state).toBe('data')
    // A command now would become message text: refused until End data.
    expect(errorOf(await c.sendRaw('RSET'))).toMatchObject({ code: 'EINVALID', message: expect.stringMatching(/waiting for the message/) })

    const body = 'Subject: typed in the console\n\nfirst line\n.\n..two dots\nlast line\n'
    const ended = await c.data(body)
    expect(ended.reply).toMatchObject({ code: 250 })
    expect(ended.status.state).toBe('ready')
    const received = server.received.at(-1)!
    // The lone dot arrived as a line of its own: it did not end the message.
    expect(received.raw.toString('utf8')).toBe('Subject: typed in the console\r\n\r\nfirst line\r\n.\r\n..two dots\r\nlast line\r\n')
    expect(received.user).toBe(ACCOUNT.user)

    const quit = await c.send('QUIT')
    expect(quit.reply).toMatchObject({ code: 221 })
    expect(quit.status.state).toBe('closed')
    expect(quit.status.error).toBeUndefined()
    expect(c.states().at(-1)).toMatchObject({ consoleId: c.consoleId, state: 'closed' })

    const lines = c.lines()
    const client = lines.filter((line) => line.startsWith('C: '))
    expect(client).toEqual([
      'C: EHLO console.mailwire.test',
      'C: NOOP',
      'C: FROBNICATE now',
      'C: STARTTLS',
      'C: EHLO console.mailwire.test',
      'C: AUTH PLAIN ****',
      'C: MAIL FROM:<carol@sender.test>',
      'C: RCPT TO:<dave@rcpt.test>',
      'C: DATA',
      // The body as it went on the wire: dots doubled.
      'C: Subject: typed in the console',
      'C: ',
      'C: first line',
      'C: ..',
      'C: ...two dots',
      'C: last line',
      'C: .',
      'C: QUIT',
    ])
    expect(lines.find((line) => /^S: 220 /.test(line) && lines.indexOf(line) > lines.indexOf('C: STARTTLS'))).toBeDefined()
    expect(c.events().some((event) => event.kind === 'tls')).toBe(true)
    // The Send view's log is another channel: a console never resets it.
    expect(c.app.sink.of<WireBatch>(CHANNELS.sessionWire)).toEqual([])
    expect(c.events().map((event) => event.seq)).toEqual(c.events().map((_, index) => index))
  })

  it('keeps the stored password out of every event and every response', async () => {
    const c = await openConsole(await tempDir(), profileFor(server))
    await c.send('EHLO console.mailwire.test')
    await c.startTls()
    const auth = await c.auth()
    expect(auth.ok && auth.value.reply?.code).toBe(235)
    // A refused login too (LOGIN this time): the second password is a credential as well.
    const wrong = await openConsole(await tempDir(), profileFor(server, { password: `${ACCOUNT.password}-wrong` }))
    await wrong.send('EHLO console.mailwire.test')
    await wrong.startTls()
    const refused = await wrong.auth()
    if (!refused.ok) throw new Error(refused.error.message)
    expect(refused.value.error).toMatchObject({ code: 'EAUTH' })
    expect(refused.value.status.state).toBe('ready')
    for (const app of [c.app, wrong.app]) {
      const crossed = JSON.stringify([app.sink.events, app.responses])
      for (const secret of [...SECRET_FORMS, `${ACCOUNT.password}-wrong`, b64(`\0${ACCOUNT.user}\0${ACCOUNT.password}-wrong`)]) {
        expect(crossed).not.toContain(secret)
      }
    }
    expect(c.lines()).toContain('C: AUTH PLAIN ****')
    await Promise.all([c.close(), wrong.close()])
  })

  it('refuses a line holding CR, LF or NUL before anything is written', async () => {
    const c = await openConsole(await tempDir(), profileFor(server))
    await c.send('EHLO console.mailwire.test')
    const before = c.events().length
    for (const line of ['NOOP\r\nRSET', 'MAIL FROM:<a@b.test>\nRCPT TO:<x@y.test>', 'NOOP\rRSET', 'NOOP\0']) {
      expect(errorOf(await c.sendRaw(line))).toMatchObject({ code: 'EINVALID', field: 'line' })
    }
    expect(c.events().length).toBe(before)
    // The service refuses too, for a caller that skipped the payload check.
    await expect(c.app.services.console.send({ consoleId: c.consoleId, line: 'NOOP\r\nQUIT' })).rejects.toMatchObject({
      code: 'EINVALID',
      message: expect.stringMatching(/one line.*Nothing was sent/),
    })
    expect(c.events().length).toBe(before)
    expect((await c.send('NOOP')).reply!.code).toBe(250)
    await c.close()
  })

  it('asks before AUTH would send credentials in cleartext, typed or by the button', async () => {
    const c = await openConsole(await tempDir(), profileFor(insecure, { security: 'none', caPem: '' }))
    const ehlo = await c.send('EHLO console.mailwire.test')
    expect(ehlo.status.capabilities!.auth).toEqual(['PLAIN'])
    expect(ehlo.status.cleartextAuthNeedsConsent).toBe(true)
    const before = c.events().length
    expect(errorOf(await c.auth())).toMatchObject({ code: 'EPOLICY', message: expect.stringMatching(/cleartext/) })
    expect(errorOf(await c.sendRaw(`AUTH PLAIN ${b64('\0carol\0typed-by-hand')}`))).toMatchObject({ code: 'EPOLICY' })
    expect(c.events().length).toBe(before)
    const agreed = await c.auth({ allowCleartext: true })
    if (!agreed.ok) throw new Error(agreed.error.message)
    expect(agreed.value.reply!.code).toBe(235)
    await c.close()
  })

  it('does not ask when the profile allows cleartext AUTH', async () => {
    const c = await openConsole(await tempDir(), profileFor(insecure, { security: 'none', caPem: '', allowPlaintextAuth: true }))
    await c.send('EHLO console.mailwire.test')
    const auth = await c.auth()
    expect(auth.ok && auth.value.reply?.code).toBe(235)
    await c.close()
  })

  it('says what is missing before AUTH: EHLO first, a user name, a stored password', async () => {
    const c = await openConsole(await tempDir(), profileFor(server, { allowPlaintextAuth: true }))
    const before = c.events().length
    expect(errorOf(await c.auth())).toMatchObject({ code: 'EAUTH', message: expect.stringMatching(/^Send EHLO first/) })
    expect(c.events().length).toBe(before)
    const none = await openConsole(await tempDir(), profileFor(server, { username: '', password: '' }))
    expect(errorOf(await none.auth())).toMatchObject({ code: 'EINVALID', field: 'username' })
    const noPassword = await openConsole(await tempDir(), profileFor(server, { password: undefined }))
    expect(noPassword.opened.status.canAuthenticate).toBe(false)
    expect(errorOf(await noPassword.auth())).toMatchObject({ code: 'EINVALID', field: 'password' })
    await Promise.all([c.close(), none.close(), noPassword.close()])
  })

  it("logs in with the profile's mechanism: LOGIN when chosen, and XOAUTH2 with the stored token, which appears nowhere", async () => {
    const login = await openConsole(await tempDir(), profileFor(server, { authMechanism: 'LOGIN' }))
    await login.send('EHLO console.mailwire.test')
    await login.startTls()
    const viaLogin = await login.auth()
    expect(viaLogin.ok && viaLogin.value.reply?.code).toBe(235)
    // PLAIN is offered first and would be the default: LOGIN shows the profile was followed.
    expect(login.lines()).toContain('C: AUTH LOGIN')

    const token = 'ya29.console-Token-41b7'
    const oauth = await startSmtpServer({ users: { [ACCOUNT.user]: token }, authMethods: ['XOAUTH2'] })
    try {
      const c = await openConsole(await tempDir(), profileFor(oauth, { authMechanism: 'XOAUTH2', password: undefined, oauthToken: token }))
      expect(c.opened.status.canAuthenticate).toBe(true)
      await c.send('EHLO console.mailwire.test')
      await c.startTls()
      const auth = await c.auth()
      expect(auth.ok && auth.value.reply?.code).toBe(235)
      expect(c.lines()).toContain('C: AUTH XOAUTH2 ****')
      const crossed = JSON.stringify([c.app.sink.events, c.app.responses])
      for (const secret of [token, b64(token), b64(`user=${ACCOUNT.user}\u0001auth=Bearer ${token}\u0001\u0001`)]) expect(crossed).not.toContain(secret)
      const noToken = await openConsole(await tempDir(), profileFor(oauth, { authMechanism: 'XOAUTH2', password: undefined }))
      expect(errorOf(await noToken.auth())).toMatchObject({ code: 'EINVALID', field: 'oauthToken' })
      await Promise.all([c.close(), noToken.close(), login.close()])
    } finally {
      await oauth.close()
    }
  })

  it('allows one console at a time, and a new one once it is closed', async () => {
    const c = await openConsole(await tempDir(), profileFor(server))
    const again = await c.app.call<ConsoleOutcome>(CHANNELS.consoleOpen, { profileId: c.profile.id })
    expect(errorOf(again)).toMatchObject({ code: 'EBUSY' })
    const closed = await c.close()
    expect(closed.status.state).toBe('closed')
    expect(closed.reply).toMatchObject({ code: 221 })
    expect(c.lines().filter((line) => line.startsWith('C: '))).toEqual(['C: QUIT'])
    const reopened = await c.app.call<ConsoleOutcome>(CHANNELS.consoleOpen, { profileId: c.profile.id })
    expect(reopened.ok && reopened.value.status.consoleId).not.toBe(c.consoleId)
    // The old id is gone: actions on it are refused, not sent to the new connection.
    expect(errorOf(await c.sendRaw('NOOP'))).toMatchObject({ code: 'ENOTFOUND' })
    if (reopened.ok) await c.app.call(CHANNELS.consoleClose, reopened.value.status.consoleId)
  })

  it('cancels at any moment: a DATA body never finished, the connection dropped', async () => {
    const c = await openConsole(await tempDir(), profileFor(server))
    await c.send('EHLO console.mailwire.test')
    await c.send('MAIL FROM:<carol@sender.test>')
    await c.send('RCPT TO:<dave@rcpt.test>')
    expect((await c.send('DATA')).status.state).toBe('data')
    const before = server.received.length
    const cancelled = await c.app.call(CHANNELS.consoleCancel)
    expect(cancelled).toEqual({ ok: true })
    const state = await c.app.sink.waitFor<ConsoleStatus>(CHANNELS.consoleState, (status) => status.state === 'closed')
    expect(state.error).toMatchObject({ code: 'ECANCELLED' })
    expect(c.lines().at(-1)).toMatch(/^E: cancelled/)
    expect(server.received.length).toBe(before)
    expect(errorOf(await c.app.call(CHANNELS.consoleData, { consoleId: c.consoleId, body: 'late\n' }))).toMatchObject({ code: 'ECONNECT' })
  })
})
