// `mailwire send --repeat` against the real Postfix: every copy over every connection is
// delivered, and a recipient Postfix refuses shows as one kind of failure with its reply.
import { expect, it } from 'vitest'
import { describeWithPostfix } from '../support/postfix-suite'
import { uniqueMailbox, waitForMail } from '../support/postfix'
import { cli } from './support/capture-io'

interface LoadJson {
  load: { requested: number; accepted: number; notSent: number; replyCodes: Record<string, number>; failures: Array<{ summary: string; count: number }> }
}

describeWithPostfix('mailwire send --repeat ↔ Postfix', (postfix) => {
  it('delivers 30 copies over 3 connections; a refused second recipient is one kind of failure', async () => {
    const to = uniqueMailbox('load')
    const run = await cli([
      'send', '--server', `${postfix.host}:${postfix.port}`, '--tls', 'none', '--helo', 'load.mailwire.test',
      '--from', 'load@mailwire.test', '--to', to, '--to', 'reject-load@mailwire.test', '--subject', 'Load', '--body', 'One of many.',
      '--repeat', '30', '--connections', '3', '--json',
    ])
    const parsed = JSON.parse(run.stdout) as LoadJson
    expect(parsed.load).toMatchObject({ requested: 30, accepted: 30, notSent: 0, replyCodes: { '250': 30 } })
    expect(parsed.load.failures).toEqual([expect.objectContaining({ summary: '550 5.1.1 <reject-load@mailwire.test>: Recipient address rejected: Recipient refused by test policy', count: 30 })])
    // Partly refused: the exit says the server refused something.
    expect(run.code).toBe(1)
    expect(await waitForMail(to, 30)).toHaveLength(30)
  })
})
