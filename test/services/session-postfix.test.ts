// The session service against the real Postfix: STARTTLS and implicit TLS with the test
// CA, delivery read back from the mailbox, a partial acceptance saved as such.
import { expect, it } from 'vitest'
import type { ProfileInput } from '../../preload/contract'
import { postfixProfile } from '../support/postfix-profile'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { appUnderTest } from './support/app-under-test'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()

describeWithPostfix('the session service against Postfix', (postfix) => {
  const profile = (overrides: Partial<ProfileInput> = {}) => postfixProfile(postfix, { name: 'Postfix', ...overrides })
  const compose = (to: string[], subject: string) => ({
    from: 'Mailwire Tests <tests@mailwire.test>',
    to,
    cc: [],
    bcc: [],
    subject,
    text: 'Délivré par Postfix.\n.\nA line with a lone dot above.\n',
    attachments: [],
    headers: [],
  })

  it('delivers over STARTTLS and keeps the queue id in history', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const saved = await app.saveProfile(profile())
    const mailbox = uniqueMailbox('svc-starttls')
    const { result, historyId } = await app.runSession({ profileId: saved.id, compose: compose([mailbox], 'Via STARTTLS') })
    expect(result.status).toBe('sent')
    expect(result.tls).toMatchObject({ mode: 'starttls', authorized: true })
    const [delivered] = await waitForMail(mailbox)
    expect(delivered).toContain('Subject: Via STARTTLS')
    expect(delivered).toMatch(/\r?\n\.\r?\nA line with a lone dot above\./)
    expect(app.services.history.list()[0]).toMatchObject({ id: historyId, status: 'sent', port: postfix.port })
    // The id is Postfix's own, the one it wrote into the Received header of this delivery.
    expect(result.queueId).toMatch(/^[0-9A-Za-z]{6,}$/)
    expect(delivered).toMatch(new RegExp(`^Received: [^]*?\\bid ${result.queueId}\\b`, 'm'))
    expect((await app.services.history.get(historyId)).result.queueId).toBe(result.queueId)
  })

  it('delivers over implicit TLS', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const saved = await app.saveProfile(profile({ port: postfix.implicitTlsPort, security: 'implicit' }))
    const mailbox = uniqueMailbox('svc-implicit')
    const { result } = await app.runSession({ profileId: saved.id, compose: compose([mailbox], 'Via implicit TLS') })
    expect(result.status).toBe('sent')
    expect(result.tls?.mode).toBe('implicit')
    expect(await waitForMail(mailbox)).toHaveLength(1)
  })

  it('records a partial acceptance: one delivered, one refused with 550 5.1.1', async () => {
    const app = await appUnderTest({ dataDir: await tempDir() })
    const saved = await app.saveProfile(profile())
    const mailbox = uniqueMailbox('svc-partial')
    const refused = 'reject-svc@mailwire.test'
    const { result, historyId } = await app.runSession({ profileId: saved.id, compose: compose([mailbox, refused], 'Partly') })
    expect(result.status).toBe('partial')
    expect(result.recipients.find((r) => r.address === refused)).toMatchObject({ accepted: false, reply: { code: 550, enhanced: '5.1.1' } })
    expect(await waitForMail(mailbox)).toHaveLength(1)
    expect(app.services.history.list()[0]).toMatchObject({ id: historyId, status: 'partial', recipients: 2 })
  })
})
