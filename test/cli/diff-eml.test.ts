// mailwire diff sent.eml arrived.eml: the app's Sent vs arrived on a terminal, with real
// messages from our composer. Exit 0 when only line endings differ, 1 when a header or
// the body does, 2 for a file it cannot read or a session file beside a message.
import { afterAll, describe, expect, it } from 'vitest'
import { composeEml } from '../../main/message/index'
import { cli } from './support/capture-io'
import { tempFiles } from './support/temp-files'
import { model } from '../message/helpers'

const files = tempFiles()
afterAll(() => files.remove())

describe('mailwire diff with two .eml files', () => {
  it('marks the trace field a relay added and the subject it tagged; exit codes 0, 1 and 2', async () => {
    const sent = (await composeEml(model({ subject: 'Quarterly figures' }), { date: new Date('2026-12-03T10:00:00Z'), messageId: 'cli.1@mailwire.test' })).toString('latin1')
    const sentPath = files.write('sent.eml', Buffer.from(sent, 'latin1'))

    // The same message saved with LF line ends: nothing differs that matters.
    const saved = await cli(['diff', sentPath, files.write('saved.eml', Buffer.from(sent.replace(/\r\n/g, '\n'), 'latin1'))])
    expect(saved.stderr).toBe('')
    expect(saved.code).toBe(0)
    expect(saved.stdout).toContain('Body: the same but for line endings')

    const relayed = `Received: from relay.test by mx.test; Thu, 3 Dec 2026 10:00:01 +0000\r\n${sent.replace('Subject: Quarterly', 'Subject: [EXT] Quarterly')}`
    const run = await cli(['diff', sentPath, files.write('arrived.eml', Buffer.from(relayed, 'latin1'))])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^\+ Received: from relay\.test by mx\.test; .* \(added at the top\)$/m)
    expect(run.stdout).toMatch(/^! Subject: Quarterly figures\n +→ \[EXT\] Quarterly figures$/m)
    expect(run.stdout).toContain('1 header added, 1 header changed, 0 headers removed; the body arrived byte for byte.')

    const json = await cli(['diff', sentPath, files.write('arrived2.eml', Buffer.from(relayed, 'latin1')), '--json'])
    expect(json.code).toBe(1)
    expect((JSON.parse(json.stdout) as { headers: Array<{ kind: string }> }).headers.filter((change) => change.kind === 'added')).toHaveLength(1)

    expect((await cli(['diff', sentPath, files.write('session.json', '{}')])).code).toBe(2)
    const missing = await cli(['diff', sentPath, `${sentPath}.gone.eml`])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot read .*gone\.eml: ENOENT/)
  })
})
