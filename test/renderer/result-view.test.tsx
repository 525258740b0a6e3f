import { describe, expect, it } from 'vitest'
import { act, cleanup, screen, within } from '@testing-library/react'
import type { SendResult, SendStatus } from '../../preload/contract'
import { ResultPanel } from '../../renderer/src/features/result/ResultPanel'
import resultStyles from '../../renderer/src/features/result/result.module.css'
import { renderWithStore } from './support/render-app'
import { wireEvent } from './support/wire-events'

const accepted = (address: string) => ({ address, accepted: true, reply: { code: 250, enhanced: '2.1.5', lines: ['Ok'] } })
const refused = (address: string) => ({
  address,
  accepted: false,
  reply: { code: 550, enhanced: '5.1.1', lines: [`<${address}>: Recipient address rejected`] },
})

function result(status: SendStatus, patch: Partial<SendResult> = {}): SendResult {
  return {
    status,
    recipients: [accepted('a@example.test'), refused('reject-b@example.test')],
    timings: [
      { phase: 'connect', start: 0, end: 2 },
      { phase: 'greeting', start: 2, end: 4 },
      { phase: 'ehlo', start: 4, end: 5 },
      { phase: 'starttls', start: 5, end: 15 },
      { phase: 'ehlo', start: 15, end: 16 },
      { phase: 'mail', start: 16, end: 17 },
      { phase: 'rcpt', start: 17, end: 19 },
      { phase: 'data', start: 19, end: 30 },
      { phase: 'quit', start: 30, end: 31 },
    ],
    dataBytes: 420,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 31,
    ...patch,
  }
}

function showResult(value: SendResult) {
  const rendered = renderWithStore(<ResultPanel />)
  act(() => {
    rendered.store.getState().applySessionState({ sessionId: 's1', state: 'connecting' })
    rendered.store.getState().applySessionResult({ sessionId: 's1', result: value, historyId: 'h1' })
  })
  return rendered
}

describe('result view', () => {
  it.each<[SendStatus, Partial<SendResult>, string]>([
    ['sent', { recipients: [accepted('a@example.test'), accepted('b@example.test')] }, 'The server accepted the message for all 2 recipients.'],
    ['partial', {}, 'The server accepted the message for 1 of 2 recipients; the others were refused.'],
    ['refused', { recipients: [refused('x@example.test')] }, 'The server refused every recipient; nothing was sent.'],
    ['failed', { error: { code: 'ETIMEOUT', message: 'no reply in 300 s', command: 'DATA' } }, 'The session ended before the message was accepted.'],
    ['unknown', {}, 'The server never confirmed the message; it may have been delivered.'],
  ])('shows %s with its colour and a plain sentence', (status, patch, sentence) => {
    showResult(result(status, patch))
    const banner = screen.getByTestId('result-status')
    expect(banner.dataset['status']).toBe(status)
    expect(banner.classList.contains(resultStyles[`status-${status}`]!)).toBe(true)
    expect(within(banner).getByTestId('status-sentence')!.textContent).toBe(sentence)
    // The pill says the status; the sentence does not say it again.
    expect(banner.textContent).toBe(`${within(banner).getByTestId('status-pill')!.textContent}${sentence}`)
    expect(screen.getByTestId('session-status').getAttribute('aria-live')).toBe('polite')
  })

  it('lists each recipient with code, enhanced code and text, and the queue id', () => {
    showResult(result('partial', { queueId: '4ZxY1k2LmNz', finalReply: { code: 250, enhanced: '2.0.0', lines: ['Ok: queued as 4ZxY1k2LmNz'] } }))
    const rows = screen.getAllByTestId('recipient-result')
    expect(rows.map((row) => row.dataset['accepted'])).toEqual(['true', 'false'])
    expect(within(rows[1]!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'reject-b@example.test',
      '✗ refused',
      '550 5.1.1',
      '<reject-b@example.test>: Recipient address rejected',
    ])
    expect(screen.getByTestId('queue-id').textContent).toBe('4ZxY1k2LmNz')
  })

  it('draws a waterfall of the steps, TLS and envelope included, EHLO counted twice', () => {
    showResult(result('sent'))
    const steps = screen.getAllByRole('rowheader').map((cell) => cell.textContent)
    expect(steps).toEqual(['connect', 'greeting', 'EHLO', 'TLS', 'envelope', 'data', 'quit'])
    const ehlo = screen.getByTestId('waterfall-EHLO')
    expect(within(ehlo).getAllByTestId('waterfall-bar')).toHaveLength(2)
    expect(within(ehlo).getByTestId('waterfall-time')!.textContent).toBe('2.0 ms')
    expect(within(screen.getByTestId('waterfall-TLS')).getByTestId('waterfall-time')!.textContent).toBe('10 ms')
  })

  it('shows the error with its code, the command and the reply when the session failed', () => {
    showResult(
      result('failed', {
        recipients: [],
        error: {
          code: 'EPROTOCOL',
          message: 'The server refused the message',
          command: 'DATA',
          reply: { code: 554, enhanced: '5.7.1', lines: ['Rejected <b>spam</b>'] },
        },
      }),
    )
    const error = screen.getByTestId('result-error')
    expect(error.textContent).toContain('EPROTOCOL')
    expect(error.textContent).toContain('after DATA')
    expect(error.textContent).toContain('554 5.7.1 Rejected <b>spam</b>')
    expect(error.querySelector('b')).toBeNull()
  })

  it('names the profile options that would get past a failure, never an engine option', () => {
    showResult(
      result('failed', {
        recipients: [],
        error: {
          code: 'ETLS',
          message: 'certificate of mx.example.test not trusted: the certificate has expired [CERT_HAS_EXPIRED]; not continuing',
          phase: 'starttls',
          remedy: 'trust-certificate',
        },
      }),
    )
    expect(screen.getByTestId('error-remedy').textContent).toBe(
      'To trust it, paste its CA under "Custom CA (PEM)" in the server\'s settings (More options), or turn on "Accept an invalid certificate" there.',
    )
    cleanup()
    showResult(
      result('failed', {
        recipients: [],
        error: { code: 'EPOLICY', message: 'refusing to send the password over a connection without TLS; nothing was sent', remedy: 'allow-cleartext-auth' },
      }),
    )
    expect(screen.getByTestId('error-remedy').textContent).toMatch(/"Allow the password over a connection without TLS"/)
    cleanup()
    showResult(result('failed', { recipients: [], error: { code: 'ETIMEOUT', message: 'no reply in 300 s' } }))
    expect(screen.queryByTestId('error-remedy')).toBeNull()
  })

  it('shows upload progress while DATA runs', () => {
    const { store } = renderWithStore(<ResultPanel />)
    act(() => {
      store.getState().applySessionState({ sessionId: 's1', state: 'connecting' })
      store.getState().applySessionState({ sessionId: 's1', state: 'running', phase: 'data' })
      store.getState().appendWireBatch({
        sessionId: 's1',
        events: [wireEvent('info', 'message data', { seq: 0, phase: 'data', bytes: 2_500_000, totalBytes: 10_000_000 })],
      })
    })
    expect(screen.getByTestId('session-status').textContent).toContain('Sending… DATA')
    const progress = screen.getByTestId('upload-progress')
    expect(progress.textContent).toBe('2.5 MB of 10 MB (25%)')
    expect(progress.querySelector('progress')!.value).toBe(2_500_000)
  })
})
