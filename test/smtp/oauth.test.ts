// XOAUTH2 and OAUTHBEARER (RFC 7628) against scripted servers: the exact initial response,
// success, and the JSON error in a 334 answered as each mechanism asks (an empty line for
// XOAUTH2, one ^A for OAUTHBEARER), decoded into the log and the result. The token never
// appears, in any encoding. Also: a mechanism the server does not offer, forced.
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp/index'
import type { AuthOptions, MessageFactory } from '../../main/smtp/types'
import { startScriptedServer, type Step } from './support/scripted-server'
import { recordWire } from './support/wire'

const USER = 'ann@example.test'
const TOKEN = 'ya29.Token-Secret-4f7e1c9a'
const b64 = (text: string) => Buffer.from(text).toString('base64')
const BEARER = b64(`n,a=${USER},\u0001auth=Bearer ${TOKEN}\u0001\u0001`)
const XOAUTH2 = b64(`user=${USER}\u0001auth=Bearer ${TOKEN}\u0001\u0001`)
const JSON_ERROR = { status: 'invalid_token', scope: 'https://mail.google.com/', schemes: 'bearer' }

const message: MessageFactory = () => ({ open: async function* () { yield Buffer.from('Subject: t\r\n\r\nhi\r\n') }, eightBit: false })
const envelope = { from: USER, to: ['b@example.test'] }

function tokenForms(): string[] {
  return [TOKEN, b64(TOKEN), BEARER, XOAUTH2, b64(`x${TOKEN}`).slice(4, -4), b64(`xy${TOKEN}`).slice(4, -4)]
}

const greeting = (auth: string): Step[] => [{ send: '220 x ESMTP\r\n' }, { expect: /^EHLO / }, { send: `250-x\r\n250 AUTH ${auth}\r\n` }]
const transaction: Step[] = [
  { expect: `MAIL FROM:<${USER}>` },
  { send: '250 ok\r\n' },
  { expect: 'RCPT TO:<b@example.test>' },
  { send: '250 ok\r\n' },
  { expect: 'DATA' },
  { send: '354 go\r\n' },
  { readData: true },
  { send: '250 queued\r\n' },
  { expect: 'QUIT' },
  { send: '221 bye\r\n' },
]
const quit: Step[] = [{ expect: 'QUIT' }, { send: '221 bye\r\n' }]

async function scripted(script: Step[], auth: AuthOptions) {
  const server = await startScriptedServer(script)
  const wire = recordWire()
  try {
    const result = await sendMail({ host: server.host, port: server.port, security: 'none', allowPlaintextAuth: true, auth, onWire: wire.onWire }, envelope, message)
    await server.finished
    for (const form of tokenForms()) {
      expect(wire.dump().includes(form), `log leaked ${form}`).toBe(false)
      expect(JSON.stringify(result).includes(form), `result leaked ${form}`).toBe(false)
    }
    return { result, wire, written: server.written(), mismatches: server.mismatches }
  } finally {
    await server.close()
  }
}

describe('OAuth2 bearer tokens', () => {
  it('OAUTHBEARER: the RFC 7628 initial response, masked; logged in', async () => {
    const { result, wire, mismatches } = await scripted(
      [...greeting('OAUTHBEARER XOAUTH2'), { expect: `AUTH OAUTHBEARER ${BEARER}` }, { send: '235 2.7.0 ok\r\n' }, ...transaction],
      { user: USER, password: TOKEN, mechanism: 'OAUTHBEARER' },
    )
    expect(mismatches).toEqual([])
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
    expect(wire.lines()).toContain('C: AUTH OAUTHBEARER ****')
  })

  it('XOAUTH2: logged in', async () => {
    const { result, mismatches } = await scripted(
      [...greeting('XOAUTH2'), { expect: `AUTH XOAUTH2 ${XOAUTH2}` }, { send: '235 2.7.0 ok\r\n' }, ...transaction],
      { user: USER, password: TOKEN, mechanism: 'XOAUTH2' },
    )
    expect(mismatches).toEqual([])
    expect(result.status, JSON.stringify(result.error)).toBe('sent')
  })

  it('OAUTHBEARER refused: answers the JSON 334 with ^A, decodes the error into the log and the result', async () => {
    const { result, wire, written, mismatches } = await scripted(
      [
        ...greeting('OAUTHBEARER'),
        { expect: /^AUTH OAUTHBEARER / },
        { send: `334 ${b64(JSON.stringify(JSON_ERROR))}\r\n` },
        { expect: 'AQ==' },
        { send: '535 5.7.8 Username and Password not accepted\r\n' },
        ...quit,
      ],
      { user: USER, password: TOKEN, mechanism: 'OAUTHBEARER' },
    )
    expect(mismatches).toEqual([])
    expect(written.split('\r\n')).toContain('AQ==')
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'EAUTH', phase: 'auth', oauth: JSON_ERROR })
    expect(result.error!.message).toContain('status invalid_token, scope https://mail.google.com/, schemes bearer')
    expect(wire.lines()).toContain('I: the OAuth2 error: status invalid_token, scope https://mail.google.com/, schemes bearer; answering with one ^A, as RFC 7628 3.2.3 asks to end the exchange')
    expect(wire.lines()).toContain('C: AQ==')
  })

  it('XOAUTH2 refused: answers the JSON 334 with an empty line, and the error is decoded', async () => {
    const google = { status: '400', schemes: 'Bearer', scope: 'https://mail.google.com/' }
    const { result, wire, mismatches } = await scripted(
      [...greeting('XOAUTH2'), { expect: /^AUTH XOAUTH2 / }, { send: `334 ${b64(JSON.stringify(google))}\r\n` }, { expect: '' }, { send: '535 5.7.8 no\r\n' }, ...quit],
      { user: USER, password: TOKEN, mechanism: 'XOAUTH2' },
    )
    expect(mismatches).toEqual([])
    expect(result.error).toMatchObject({ code: 'EAUTH', oauth: google })
    expect(wire.lines()).toContain('C: ')
  })

  it('a mechanism the server does not offer is refused before AUTH, unless forced', async () => {
    const refused = await scripted([...greeting('PLAIN'), ...quit], { user: USER, password: TOKEN, mechanism: 'OAUTHBEARER' })
    expect(refused.result.error).toMatchObject({ code: 'EAUTH' })
    expect(refused.result.error!.message).toMatch(/does not offer AUTH OAUTHBEARER \(it offers: PLAIN\)/)
    expect(refused.written).not.toContain('AUTH')

    const forced = await scripted(
      [...greeting('PLAIN'), { expect: `AUTH OAUTHBEARER ${BEARER}` }, { send: '235 2.7.0 ok\r\n' }, ...transaction],
      { user: USER, password: TOKEN, mechanism: 'OAUTHBEARER', forceMechanism: true },
    )
    expect(forced.mismatches).toEqual([])
    expect(forced.result.status, JSON.stringify(forced.result.error)).toBe('sent')
    expect(forced.wire.lines()).toContain('I: the server does not offer AUTH OAUTHBEARER: trying it anyway, as asked')
  })
})
