// AUTH against smtp-server over STARTTLS with the test CA: each mechanism, refusals, the
// cleartext rule, and the promise that credentials never reach the wire log or the result.
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { AuthOptions, MessageFactory, SessionOptions } from '../../main/smtp/types'
import { testPki } from '../support/test-ca'
import { startRecordingProxy, turns } from './support/recording-proxy'
import { startScriptedServer, type Step } from './support/scripted-server'
import { smtpServerForTest, type TestServerOptions } from './support/smtp-server'
import { recordWire } from './support/wire'

const USER = 'ann@example.test'
const PASSWORD = 'Sesame-9f3!xyzzy'
const b64 = (text: string) => Buffer.from(text).toString('base64')

/** Every form a credential could leak in. */
function secretForms(user: string, password: string): string[] {
  return [
    password,
    b64(password),
    b64(`\u0000${user}\u0000${password}`),
    b64(`user=${user}\u0001auth=Bearer ${password}\u0001\u0001`),
    // base64 of the password at each alignment inside a longer blob
    b64(`x${password}`).slice(4, -4),
    b64(`xy${password}`).slice(4, -4),
  ]
}

function expectNoSecrets(haystack: string) {
  for (const form of secretForms(USER, PASSWORD)) expect(haystack.includes(form), `leaked ${form}`).toBe(false)
}

const message: MessageFactory = () => ({
  open: async function* () {
    yield Buffer.from('Subject: auth\r\n\r\nhi\r\n')
  },
  eightBit: false,
})
const envelope = { from: USER, to: ['b@example.test'] }

const pki = await testPki()

async function send(serverOptions: TestServerOptions, auth: AuthOptions, options: Partial<SessionOptions> = {}) {
  const server = await smtpServerForTest({ users: { [USER]: PASSWORD }, ...serverOptions })
  const wire = recordWire()
  const result = await sendMail(
    { host: server.host, port: server.port, security: 'starttls', ca: pki.ca.cert, auth, onWire: wire.onWire, ...options },
    envelope,
    message,
  )
  return { result, wire, server }
}

const ALL = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2']

describe('AUTH', () => {
  for (const mechanism of ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'] as const) {
    it(`${mechanism}: logs in, masks every credential`, async () => {
      const { result, wire, server } = await send({ authMethods: ALL }, { user: USER, password: PASSWORD, mechanism })
      expect(result.status, JSON.stringify(result.error)).toBe('sent')
      expect(server.received[0]!.user).toBe(USER)
      const clientAuth = wire.events.filter((event) => event.kind === 'client' && event.phase === 'auth').map((event) => event.text)
      expect(clientAuth[0]).toBe(mechanism === 'PLAIN' || mechanism === 'XOAUTH2' ? `AUTH ${mechanism} ****` : `AUTH ${mechanism}`)
      for (const line of clientAuth.slice(1)) expect(line).toBe('****')
      expect(wire.events.some((event) => event.kind === 'server' && event.reply?.code === 235)).toBe(true)
      expectNoSecrets(wire.dump())
      expectNoSecrets(JSON.stringify(result))
    })
  }

  it('prefers CRAM-MD5, then PLAIN, then LOGIN when no mechanism is asked for', async () => {
    const all = await send({ authMethods: ALL }, { user: USER, password: PASSWORD })
    expect(all.wire.lines()).toContain('C: AUTH CRAM-MD5')
    await all.server.close()
    const plainLogin = await send({ authMethods: ['LOGIN', 'PLAIN'] }, { user: USER, password: PASSWORD })
    expect(plainLogin.wire.lines()).toContain('C: AUTH PLAIN ****')
    await plainLogin.server.close()
    const loginOnly = await send({ authMethods: ['LOGIN', 'XOAUTH2'] }, { user: USER, password: PASSWORD })
    expect(loginOnly.wire.lines()).toContain('C: AUTH LOGIN')
  })

  it('a wrong password: EAUTH explaining the 535, nothing sent, still no secret', async () => {
    const { result, wire, server } = await send({ authMethods: ['PLAIN'] }, { user: USER, password: `${PASSWORD}-wrong` })
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EAUTH', phase: 'auth' })
    expect(result.error!.reply!.code).toBe(535)
    expect(result.error!.message).toMatch(/rejected the user name or password/)
    expect(server.received).toHaveLength(0)
    expect(wire.lines().some((line) => line.startsWith('C: MAIL'))).toBe(false)
    for (const form of secretForms(USER, `${PASSWORD}-wrong`)) {
      expect(wire.dump().includes(form)).toBe(false)
      expect(JSON.stringify(result).includes(form)).toBe(false)
    }
  })

  it('XOAUTH2 refused: answers the JSON challenge with an empty line and reports the 535', async () => {
    // In clear behind a recording proxy, to read the bytes themselves: the wire log shows
    // any answer to a 334 as "****", and smtp-server sends its 535 whatever the answer is.
    const server = await smtpServerForTest({ users: { [USER]: PASSWORD }, authMethods: ['XOAUTH2'], hideSTARTTLS: true, allowInsecureAuth: true })
    const proxy = await startRecordingProxy(server)
    try {
      const result = await sendMail(
        {
          host: '127.0.0.1',
          port: proxy.port,
          security: 'none',
          allowPlaintextAuth: true,
          auth: { user: USER, password: 'bad-token', mechanism: 'XOAUTH2' },
        },
        envelope,
        message,
      )
      expect(result.error).toMatchObject({ code: 'EAUTH' })
      expect(result.error!.reply!.code).toBe(535)
      const conversation = turns(proxy.segments)
      const challenge = conversation.findIndex((turn) => turn.from === 'server' && turn.text.startsWith('334 '))
      expect(challenge, JSON.stringify(conversation)).toBeGreaterThan(0)
      // The JSON error is the challenge (RFC 7628 3.2.2); the answer is an empty line.
      const json = JSON.parse(Buffer.from(conversation[challenge]!.text.slice(4).trim(), 'base64').toString('utf8'))
      expect(json).toMatchObject({ status: '401' })
      expect(conversation[challenge + 1]).toEqual({ from: 'client', text: '\r\n' })
      expect(conversation[challenge + 2]!.text).toMatch(/^535 /)
    } finally {
      await proxy.close()
    }
  })

  it('refuses to send a password over cleartext (EPOLICY), without writing AUTH', async () => {
    const { result, wire } = await send(
      { hideSTARTTLS: true, allowInsecureAuth: true, authMethods: ['PLAIN'] },
      { user: USER, password: PASSWORD },
      { security: 'none' },
    )
    expect(result.error).toMatchObject({ code: 'EPOLICY', phase: 'auth', remedy: 'allow-cleartext-auth' })
    expect(result.error!.message).toBe('refusing to send the password over a connection without TLS; nothing was sent')
    expect(wire.lines().some((line) => line.startsWith('C: AUTH'))).toBe(false)
  })

  it('sends it over cleartext when allowPlaintextAuth is set', async () => {
    const { result } = await send(
      { hideSTARTTLS: true, allowInsecureAuth: true, authMethods: ['PLAIN'] },
      { user: USER, password: PASSWORD },
      { security: 'none', allowPlaintextAuth: true },
    )
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
  })

  it('a requested mechanism the server does not offer: EAUTH naming what it offers', async () => {
    const { result } = await send({ authMethods: ['PLAIN', 'LOGIN'] }, { user: USER, password: PASSWORD, mechanism: 'CRAM-MD5' })
    expect(result.error).toMatchObject({ code: 'EAUTH' })
    expect(result.error!.message).toMatch(/does not offer AUTH CRAM-MD5 \(it offers: PLAIN LOGIN\)/)
  })

  it('a user name with a line break is refused before connecting', async () => {
    const server = await smtpServerForTest({})
    let connected = 0
    const result = await sendMail(
      {
        host: server.host,
        port: server.port,
        security: 'starttls',
        ca: pki.ca.cert,
        auth: { user: 'ann\r\nRSET', password: PASSWORD },
        onWire: (event) => (connected += event.text.startsWith('connected') ? 1 : 0),
      },
      envelope,
      message,
    )
    expect(result.error).toMatchObject({ code: 'EAUTH' })
    expect(result.error!.message).toMatch(/^the user name contains CR/)
    expect(connected).toBe(0)
  })
})

describe('AUTH edge cases (scripted)', () => {
  const greeting: Step[] = [{ send: '220 x ESMTP\r\n' }, { expect: /^EHLO / }, { send: '250-x\r\n250 AUTH LOGIN PLAIN\r\n' }]
  const plainOptions = { security: 'none' as const, allowPlaintextAuth: true }

  async function scripted(script: Step[], auth: AuthOptions) {
    const scriptedServer = await startScriptedServer(script)
    const wire = recordWire()
    try {
      const result = await sendMail({ host: scriptedServer.host, port: scriptedServer.port, auth, onWire: wire.onWire, ...plainOptions }, envelope, message)
      await scriptedServer.finished
      return { result, wire, written: scriptedServer.written(), mismatches: scriptedServer.mismatches }
    } finally {
      await scriptedServer.close()
    }
  }

  it('bounds a loop of 334 challenges and cancels with "*"', async () => {
    const loop: Step[] = []
    for (let i = 0; i < 6; i++) loop.push({ send: '334 VXNlcm5hbWU6\r\n' }, { expect: /.*/ })
    const { result, written, mismatches } = await scripted(
      [...greeting, { expect: 'AUTH LOGIN' }, ...loop.slice(0, 9), { expect: '*' }, { send: '501 5.7.0 cancelled\r\n' }, { expect: 'QUIT' }, { send: '221 bye\r\n' }],
      { user: USER, password: PASSWORD, mechanism: 'LOGIN' },
    )
    expect(result.error).toMatchObject({ code: 'EPROTOCOL', phase: 'auth' })
    expect(result.error!.message).toMatch(/more than 4 AUTH challenges/)
    expect(written.split('\r\n')).toContain('*')
    expect(mismatches).toEqual([])
  })

  it.each([
    [454, '4.7.0 Temporary authentication failure', /temporary authentication failure/, true],
    [538, '5.7.11 Encryption required for requested authentication mechanism', /requires an encrypted connection/, false],
    [535, '5.7.8 Authentication credentials invalid', /rejected the user name or password/, false],
  ])('explains %i', async (code, text, explanation, temporary) => {
    const { result } = await scripted(
      [...greeting, { expect: /^AUTH PLAIN / }, { send: `${code} ${text}\r\n` }, { expect: 'QUIT' }, { send: '221 bye\r\n' }],
      { user: USER, password: PASSWORD, mechanism: 'PLAIN' },
    )
    expect(result.error).toMatchObject({ code: 'EAUTH', phase: 'auth' })
    expect(result.error!.message).toMatch(explanation)
    expect(result.error!.reply!.code).toBe(code)
    expect(result.error!.temporary ?? false).toBe(temporary)
  })

  it('PLAIN with a server that wants the response after an empty 334', async () => {
    const blob = b64(`\u0000${USER}\u0000${PASSWORD}`)
    const { result, wire, mismatches } = await scripted(
      [
        ...greeting,
        { expect: `AUTH PLAIN ${blob}` },
        { send: '334 \r\n' },
        { expect: blob },
        { send: '235 2.7.0 ok\r\n' },
        { expect: /^MAIL FROM/ },
        { send: '421 enough\r\n' },
      ],
      { user: USER, password: PASSWORD, mechanism: 'PLAIN' },
    )
    // The script answers 235 whatever it reads: only its mismatches say the answer to the
    // empty 334 was the credentials again (and MAIL came after, so the 235 was taken).
    expect(mismatches).toEqual([])
    expect(result.error!.reply!.code).toBe(421)
    expect(wire.lines()).toEqual(expect.arrayContaining(['C: AUTH PLAIN ****', 'S: 334 ', 'C: ****', 'S: 235 2.7.0 ok']))
    expectNoSecrets(wire.dump())
  })
})
