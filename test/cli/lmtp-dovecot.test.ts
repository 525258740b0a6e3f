// `mailwire send --protocol lmtp` against Dovecot's real LMTP server (RFC 2033): LHLO, one
// reply per recipient after the message, each in the result's recipient table, and the
// exit code from them. alice has a mailbox, bob has none (refused at RCPT), carol's quota
// is ten bytes (accepted at RCPT, refused after the message: the LMTP case SMTP cannot show).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SendResult } from '../../main/smtp/types'
import { canRunDovecot, startDovecot, type Dovecot } from '../support/dovecot'
import { ensureBuiltCli, runBuiltCli } from './support/built-cli'

const ALICE = 'alice@lmtp.test'
const BOB = 'bob@lmtp.test'
const CAROL = 'carol@lmtp.test'

describe.skipIf(!canRunDovecot() && !process.env['CI'])('LMTP against Dovecot', () => {
  let dovecot: Dovecot
  beforeAll(async () => {
    ensureBuiltCli()
    dovecot = await startDovecot([{ address: ALICE }, { address: CAROL, quota: '*:storage=10B' }])
  })
  afterAll(() => dovecot?.stop())

  const send = (...extra: string[]) =>
    runBuiltCli(['send', '--server', `${dovecot.host}:${dovecot.port}`, '--tls', 'none', '--protocol', 'lmtp', '--from', 'qa@example.test', '--to', `${ALICE}, ${BOB}, ${CAROL}`, ...extra])

  it('delivers to alice, shows bob refused at RCPT and carol refused after the message, exits 1', async () => {
    const run = await send('--subject', 'LMTP per recipient', '--body', 'one reply each')
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/-> LHLO \S+$/m)
    expect(run.stdout).toMatch(/^Partly delivered: 1 of 3 recipients delivered/m)
    expect(run.stdout).toMatch(new RegExp(`^  delivered  ${ALICE} +250 2\\.0\\.0 <${ALICE}> \\S+ Saved`, 'm'))
    expect(run.stdout).toMatch(new RegExp(`^  refused    ${BOB} +550 5\\.1\\.1 `, 'm'))
    expect(run.stdout).toMatch(new RegExp(`^  refused    ${CAROL} +552 5\\.2\\.2 .*[Qq]uota`, 'm'))
    expect(dovecot.messages(ALICE)).toHaveLength(1)
    expect(dovecot.messages(ALICE)[0]).toContain('Subject: LMTP per recipient')
    expect(dovecot.messages(CAROL)).toEqual([])
  })

  it('--json gives each accepted recipient its own reply to the message; BDAT ends with one reply each', async () => {
    const run = await send('--subject', 'LMTP over BDAT', '--body', 'chunked', '--chunking', 'auto', '--json')
    expect(run.code).toBe(1)
    const { result } = JSON.parse(run.stdout) as { result: SendResult }
    expect(result.status).toBe('partial')
    expect(result.chunks).toBe(1)
    expect(result.recipients.map((recipient) => [recipient.address, recipient.reply.code, recipient.delivery?.code, recipient.accepted])).toEqual([
      [ALICE, 250, 250, true],
      [BOB, 550, undefined, false],
      [CAROL, 250, 552, false],
    ])
    expect(dovecot.messages(ALICE).some((message) => message.includes('Subject: LMTP over BDAT'))).toBe(true)
  })

  it('all delivered: exit 0 and the headline says so', async () => {
    const run = await runBuiltCli(['send', '--server', `${dovecot.host}:${dovecot.port}`, '--tls', 'none', '--protocol', 'lmtp', '--from', 'qa@example.test', '--to', ALICE, '--body', 'x'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Delivered: the recipient has the message \(LMTP\)\./m)
  })
})
