// AUTH takes any credentials, marks them as test credentials, and never keeps a password:
// not in the session record, not in any file of the data folder, in no encoding.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sendMail } from '../../main/smtp'
import type { AuthMechanism } from '../../main/smtp'
import { filesUnder, nextSession, useInboxFixture } from './support/inbox-fixture'
import { fixedMessage, plainMessage } from './support/messages'
import { RawSmtpClient } from './support/raw-smtp-client'

const fixture = useInboxFixture()

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** Every form a secret could take on its way through: as is, and base64 alone or in a SASL blob. */
function forms(user: string, secret: string): string[] {
  return [secret, b64(secret), b64(`\0${user}\0${secret}`), b64(`user=${user}\x01auth=Bearer ${secret}\x01\x01`)]
}

async function expectNowhere(dataDir: string, records: unknown[], secrets: string[]): Promise<void> {
  const files = await filesUnder(dataDir)
  expect(files.length).toBeGreaterThan(0)
  for (const secret of secrets) {
    for (const file of files) expect(file.bytes.includes(secret), `${secret} in ${file.path}`).toBe(false)
    for (const record of records) expect(JSON.stringify(record)).not.toContain(secret)
  }
}

describe('local inbox: AUTH with test credentials', () => {
  it.each<AuthMechanism>(['PLAIN', 'LOGIN', 'CRAM-MD5'])(
    'accepts any credentials with %s and keeps the user name but never the password',
    async (mechanism) => {
      const dataDir = await fixture.dataDir()
      const inbox = await fixture.start({ dataDir })
      const sessionDone = nextSession(inbox)
      const user = `user-${randomBytes(4).toString('hex')}`
      const password = `pw-${randomBytes(12).toString('hex')}`

      const result = await sendMail(
        { host: inbox.host, port: inbox.port, security: 'starttls', ca: inbox.caPem, auth: { user, password, mechanism } },
        { from: 'sender@example.test', to: ['rcpt@example.test'] },
        fixedMessage(plainMessage('auth')),
      )
      expect(result.error).toBeUndefined()
      expect(result.status).toBe('sent')

      const session = await sessionDone
      expect(session.auth).toEqual({ method: mechanism, username: user, testCredentials: true })
      expect(inbox.messages()[0]?.authUser).toBe(user)
      expect(session.events.map((event) => event.text)).toContain(
        `AUTH ${mechanism} as "${user}": test credentials accepted (the password is neither checked nor kept)`,
      )
      expect(session.events).toContainEqual(
        expect.objectContaining({ direction: 'out', text: '235 2.7.0 Authentication successful' }),
      )

      await inbox.stop()
      await expectNowhere(dataDir, [session, await inbox.session(session.id)], forms(user, password))
    },
  )

  it('masks every AUTH payload line in the record (initial response, LOGIN exchange, XOAUTH2 token)', async () => {
    const dataDir = await fixture.dataDir()
    const inbox = await fixture.start({ dataDir })
    const sessionDone = nextSession(inbox)
    const client = await RawSmtpClient.connect(inbox.port)
    await client.reply()
    await client.command('EHLO client.test')
    expect(await client.command('STARTTLS')).toEqual(['220 2.0.0 Ready to start TLS'])
    await client.startTls(inbox.caPem)
    await client.command('EHLO client.test')

    const password = `pw-${randomBytes(12).toString('hex')}`
    expect(await client.command(`AUTH LOGIN ${b64('login-user')}`)).toEqual(['334 UGFzc3dvcmQ6'])
    expect(await client.command(b64(password))).toEqual(['235 2.7.0 Authentication successful'])
    expect(await client.command('RSET')).toEqual(['250 2.0.0 Flushed'])
    expect(await client.command('QUIT')).toEqual(['221 2.0.0 Bye'])

    const session = await sessionDone
    const inbound = session.events.filter((event) => event.direction === 'in').map((event) => event.text)
    expect(inbound).toEqual(['EHLO client.test', 'STARTTLS', 'EHLO client.test', 'AUTH LOGIN ****', '****', 'RSET', 'QUIT'])
    await inbox.stop()
    await expectNowhere(dataDir, [session], [...forms('login-user', password), b64('login-user')])
  })

  it('accepts an XOAUTH2 token without keeping it', async () => {
    const dataDir = await fixture.dataDir()
    const inbox = await fixture.start({ dataDir })
    const sessionDone = nextSession(inbox)
    const client = await RawSmtpClient.connect(inbox.port)
    await client.reply()
    await client.command('EHLO client.test')
    await client.command('STARTTLS')
    await client.startTls(inbox.caPem)
    await client.command('EHLO client.test')
    const token = `tok-${randomBytes(16).toString('hex')}`
    expect(await client.command(`AUTH XOAUTH2 ${b64(`user=oauth-user\x01auth=Bearer ${token}\x01\x01`)}`)).toEqual([
      '235 2.7.0 Authentication successful',
    ])
    await client.command('QUIT')

    const session = await sessionDone
    expect(session.auth).toEqual({ method: 'XOAUTH2', username: 'oauth-user', testCredentials: true })
    expect(session.events.find((event) => event.text.startsWith('AUTH XOAUTH2'))?.text).toBe('AUTH XOAUTH2 ****')
    await inbox.stop()
    await expectNowhere(dataDir, [session], forms('oauth-user', token))
  })

  it('refuses AUTH before STARTTLS, like a real server, unless insecure AUTH is allowed', async () => {
    const strict = await fixture.start()
    const client = await RawSmtpClient.connect(strict.port)
    await client.reply()
    await client.command('EHLO client.test')
    expect(await client.command(`AUTH PLAIN ${b64('\0user\0secret')}`)).toEqual([
      '538 5.7.0 Error: Must issue a STARTTLS command first',
    ])
    await client.command('QUIT')

    const lenient = await fixture.start({ allowInsecureAuth: true })
    const plain = await RawSmtpClient.connect(lenient.port)
    await plain.reply()
    await plain.command('EHLO client.test')
    expect(await plain.command(`AUTH PLAIN ${b64('\0user\0secret')}`)).toEqual(['235 2.7.0 Authentication successful'])
    await plain.command('QUIT')
  })
})
