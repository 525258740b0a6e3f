// The Inbox view's pure parts and its store wiring, in jsdom with the fake API: the
// inbox's session record as wire events, the preview document, live arrivals, and the
// fault notice beside Send that appears only for the local inbox profile.
import { act, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { InboxSession, MessageSummary } from '../../preload/contract'
import { inboxSessionToWire } from '../../renderer/src/domain/inbox-session-events'
import { PREVIEW_CSP, previewDocument } from '../../renderer/src/features/inbox/html-preview'
import { SendBar } from '../../renderer/src/features/compose/SendBar'
import { renderWithStore } from './support/render-app'
import { testProfile } from './support/fake-api'

const record = (events: InboxSession['events']): Pick<InboxSession, 'events'> => ({ events })

const summary = (id: string, subject: string): MessageSummary => ({
  id,
  sessionId: 'ses-000000001-000abcdef',
  receivedAt: '2026-01-28T12:00:00.000Z',
  size: 321,
  envelope: { mailFrom: 'you@mailwire.test', rcptTo: ['inbox@mailwire.test'], bodyType: '7bit', smtpUtf8: false },
  to: [{ name: '', address: 'inbox@mailwire.test' }],
  subject,
  secure: true,
})

describe("the inbox's session record as wire events", () => {
  it('maps directions to kinds, reply codes to badges, commands to phases, and marks lines after TLS', () => {
    const events = inboxSessionToWire(
      record([
        { at: 0.4, direction: 'out', text: '220 localhost ESMTP Mailwire local test inbox' },
        { at: 1, direction: 'in', text: 'EHLO [127.0.0.1]' },
        { at: 1.1, direction: 'out', text: '250-localhost Nice to meet you' },
        { at: 1.1, direction: 'out', text: '250 SIZE 52428800' },
        { at: 2, direction: 'in', text: 'STARTTLS' },
        { at: 2.1, direction: 'out', text: '220 2.0.0 Ready to start TLS' },
        { at: 9, direction: 'info', text: 'TLS started: TLSv1.3, TLS_AES_256_GCM_SHA384' },
        { at: 10, direction: 'in', text: 'MAIL FROM:<you@mailwire.test>' },
        { at: 10.2, direction: 'out', text: '250 2.1.0 Accepted' },
        { at: 11, direction: 'in', text: 'RCPT TO:<reject-me@mailwire.test>' },
        { at: 11, direction: 'info', text: 'fault refuseRecipient: answered RCPT TO:<reject-me@mailwire.test> with 550' },
        { at: 11.1, direction: 'out', text: '550 5.1.1 <reject-me@mailwire.test>: Recipient address rejected' },
        { at: 12, direction: 'in', text: 'QUIT' },
        { at: 12.1, direction: 'out', text: '221 2.0.0 Bye' },
        { at: 12.2, direction: 'info', text: 'connection closed' },
      ]),
    )
    expect(events.map((event) => [event.seq, event.kind, event.phase, event.secure, event.reply?.code ?? null, event.reply?.enhanced ?? null])).toEqual([
      [0, 'server', 'greeting', false, 220, null],
      [1, 'client', 'ehlo', false, null, null],
      [2, 'server', 'ehlo', false, 250, null],
      [3, 'server', 'ehlo', false, 250, null],
      [4, 'client', 'starttls', false, null, null],
      [5, 'server', 'starttls', false, 220, '2.0.0'],
      [6, 'tls', 'starttls', false, null, null],
      [7, 'client', 'mail', true, null, null],
      [8, 'server', 'mail', true, 250, '2.1.0'],
      [9, 'client', 'rcpt', true, null, null],
      [10, 'error', 'rcpt', true, null, null],
      [11, 'server', 'rcpt', true, 550, '5.1.1'],
      [12, 'client', 'quit', true, null, null],
      [13, 'server', 'quit', true, 221, '2.0.0'],
      [14, 'info', 'quit', true, null, null],
    ])
    expect(events[6]!.at).toBe(9)
  })

  it('keeps the phase on lines that start none (masked SASL data, RSET) and reads no code from text', () => {
    const events = inboxSessionToWire(
      record([
        { at: 0, direction: 'in', text: 'AUTH PLAIN ********' },
        { at: 1, direction: 'out', text: '235 2.7.0 Authentication successful' },
        { at: 2, direction: 'in', text: '********' },
        { at: 3, direction: 'out', text: '2500 is not a reply' },
      ]),
    )
    expect(events.map((event) => event.phase)).toEqual(['auth', 'auth', 'auth', 'auth'])
    expect(events[3]!.reply).toBeUndefined()
  })
})

describe('the HTML preview document', () => {
  it('puts its policy before any of the message, whatever the message starts with', () => {
    const hostile = '</head><meta http-equiv="Content-Security-Policy" content="default-src *"><script>alert(1)</script>'
    const document = previewDocument(hostile)
    const policy = document.indexOf(`<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`)
    expect(policy).toBeGreaterThan(0)
    // The message's own policy and script are gone: ours is the only one.
    expect(document.match(/http-equiv/g)).toHaveLength(1)
    expect(document).not.toContain('<script')
    expect(PREVIEW_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'")
  })

  it('removes every element that opens a connection by itself, and keeps the look of the mail', () => {
    const trap = 'http://127.0.0.1:1'
    const mail = [
      '<html><head><style>h1{color:#1f5fd1}</style><link rel="stylesheet" href="' + trap + '/s.css">',
      '<link rel="preconnect" href="' + trap + '"><meta http-equiv="refresh" content="0;url=' + trap + '"><base href="' + trap + '/"></head>',
      '<body><h1 style="font-family:Georgia">Quarterly</h1>',
      '<iframe src="' + trap + '/frame"></iframe><object data="' + trap + '/object"></object><embed src="' + trap + '/embed">',
      '<frameset><frame src="' + trap + '/frame2"></frameset><portal src="' + trap + '/portal"></portal>',
      '<svg><foreignObject><iframe src="' + trap + '/svg-frame"></iframe></foreignObject></svg>',
      '<img alt="inline" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p>Text</p></body></html>',
    ].join('')
    const body = previewDocument(mail).split('<body>')[1]!
    for (const element of ['iframe', 'frame', 'frameset', 'object', 'embed', 'portal', 'link', 'meta', 'base']) {
      expect(body, element).not.toMatch(new RegExp(`<${element}[\\s>]`, 'i'))
    }
    expect(body).not.toContain(trap)
    expect(body).toContain('<style>h1{color:#1f5fd1}</style>')
    expect(body).toContain('<h1 style="font-family:Georgia">Quarterly</h1>')
    expect(body).toContain('src="data:image/gif;base64,R0lGODlhAQABAAAAACw="')
  })
})

describe('the inbox store', () => {
  it('adds arrivals at the top once, and shows the fault notice beside Send only for the local inbox', async () => {
    const local = testProfile({ id: 'local-inbox', name: 'Local test inbox', port: 0, kind: 'local-inbox' })
    const other = testProfile({ id: 'p2', name: 'Relay' })
    const { store, api } = renderWithStore(<SendBar />, { apiOptions: { profiles: [local, other] } })
    await act(async () => {
      await store.getState().loadProfiles()
      store.getState().selectProfile('local-inbox')
    })

    store.getState().inboxMessageArrived(summary('msg-000000001-000aaaaaa', 'first'))
    store.getState().inboxMessageArrived(summary('msg-000000002-000bbbbbb', 'second'))
    store.getState().inboxMessageArrived(summary('msg-000000001-000aaaaaa', 'first'))
    expect(store.getState().inbox.messages.map((message) => message.subject)).toEqual(['second', 'first'])

    expect(screen.queryByTestId('send-fault-notice')).toBeNull()
    await act(async () => {
      await store.getState().setInboxFaults({ rcpt451: true, slowReplies: 1500 })
    })
    expect(api.calls.faultsSet).toEqual([{ rcpt451: true, slowReplies: 1500 }])
    expect(screen.getByTestId('send-fault-notice').textContent).toContain('451 on every RCPT · replies 1,500 ms late')

    act(() => store.getState().selectProfile('p2'))
    expect(screen.queryByTestId('send-fault-notice')).toBeNull()
  })
})
