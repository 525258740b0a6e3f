import { describe, expect, it } from 'vitest'
import type { ComposeModel, ProfileInput } from '../../preload/contract'
import { PayloadError, checkPayload, type Check } from '../../main/ipc/validate/checks'
import { composeDraft, composeForSending } from '../../main/ipc/validate/compose'
import { id } from '../../main/ipc/validate/ids'
import { MAX_BODY_CHARS, MAX_HEADER_VALUE_CHARS, MAX_RECIPIENTS_PER_LIST } from '../../main/ipc/validate/limits'
import { profileInput } from '../../main/ipc/validate/profile'
import { historyExport, sessionStart } from '../../main/ipc/validate/requests'

const compose = (overrides: Partial<ComposeModel> = {}): ComposeModel => ({
  from: 'Alice <alice@mailwire.test>',
  to: ['bob@mailwire.test'],
  cc: [],
  bcc: [],
  subject: 'Hello',
  text: 'Line one\r\nLine two\n',
  attachments: [{ path: '/tmp/report.pdf' }],
  headers: [{ name: 'X-Test', value: 'yes' }],
  ...overrides,
})

const profile = (overrides: Record<string, unknown> = {}): ProfileInput => ({
  name: 'Relay',
  host: 'smtp.mailwire.test',
  port: 587,
  security: 'starttls',
  username: 'alice',
  clientName: 'client.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: '',
  password: 'secret',
  ...(overrides as Partial<ProfileInput>),
})

/** The field a check refuses the payload for (and that it does refuse it). */
function refusedField<T>(check: Check<T>, payload: unknown): string {
  try {
    checkPayload(check, payload)
  } catch (error) {
    expect(error).toBeInstanceOf(PayloadError)
    return (error as PayloadError).field
  }
  throw new Error(`accepted: ${JSON.stringify(payload).slice(0, 200)}`)
}

describe('compose payloads for sending', () => {
  it('accepts a normal message and returns only known keys', () => {
    // An own "__proto__" key, as JSON or a structured clone can carry one.
    const payload = { ...compose(), extra: 'dropped', ...JSON.parse('{"__proto__": {"polluted": true}}') }
    const checked = checkPayload(composeForSending, payload)
    expect(checked).toEqual(compose())
    expect(Object.keys(checked)).not.toContain('extra')
    expect((checked as unknown as { polluted?: boolean }).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(checked)).toBe(Object.prototype)
  })

  it.each([
    ['from', { from: 'alice@mailwire.test\r\nRCPT TO:<victim@evil.test>' }],
    ['to[1]', { to: ['bob@mailwire.test', 'carol@mailwire.test\nbcc: x@evil.test'] }],
    ['cc[0]', { cc: ['carol@mailwire.test\r'] }],
    ['bcc[0]', { bcc: ['dave@mailwire.test\0'] }],
    ['replyTo', { replyTo: 'x@mailwire.test\n' }],
    ['subject', { subject: 'Hi\r\nBcc: victim@evil.test' }],
    ['headers[0].value', { headers: [{ name: 'X-Test', value: 'a\r\nX-Injected: 1' }] }],
    ['headers[0].name', { headers: [{ name: 'X-Test\n', value: 'a' }] }],
    ['attachments[0].filename', { attachments: [{ path: '/tmp/a', filename: 'a\r\n.txt' }] }],
  ])('refuses CR, LF or NUL in %s', (field, overrides) => {
    expect(refusedField(composeForSending, compose(overrides as Partial<ComposeModel>))).toBe(field)
  })

  it.each([
    ['', 'not an object'],
    ['', null],
    ['', ['array']],
    ['from', { ...compose(), from: 42 }],
    ['to', { ...compose(), to: 'bob@mailwire.test' }],
    ['to[0]', { ...compose(), to: [{ address: 'bob@mailwire.test' }] }],
    ['subject', { ...compose(), subject: undefined }],
    ['text', { ...compose(), text: null }],
    ['html', { ...compose(), html: 7 }],
    ['headers[0]', { ...compose(), headers: ['X-Test: 1'] }],
    ['attachments[0].path', { ...compose(), attachments: [{ filename: 'a.txt' }] }],
    ['attachments[0].path', { ...compose(), attachments: [{ path: 'relative/a.txt' }] }],
    ['attachments[0].content', { ...compose(), attachments: [{ path: '/tmp/a', content: new Uint8Array(3) }] }],
  ])('refuses the wrong type in %s', (field, payload) => {
    expect(refusedField(composeForSending, payload)).toBe(field)
  })

  it('refuses oversize strings and lists', () => {
    expect(refusedField(composeForSending, compose({ subject: 'x'.repeat(MAX_HEADER_VALUE_CHARS + 1) }))).toBe('subject')
    expect(refusedField(composeForSending, compose({ text: 'x'.repeat(MAX_BODY_CHARS + 1) }))).toBe('text')
    expect(refusedField(composeForSending, compose({ to: Array(MAX_RECIPIENTS_PER_LIST + 1).fill('a@b.test') }))).toBe('to')
    expect(refusedField(composeForSending, compose({ from: `${'a'.repeat(1000)}@mailwire.test` }))).toBe('from')
  })
})

describe('draft payloads', () => {
  it('accept a half-typed form with line breaks, but still check types and sizes', () => {
    const halfTyped = compose({ to: ['bob@mail\nwire'], subject: 'draft\r\n', attachments: [{ path: 'relative.txt' }] })
    expect(checkPayload(composeDraft, halfTyped)).toEqual(halfTyped)
    expect(refusedField(composeDraft, compose({ text: 'x'.repeat(MAX_BODY_CHARS + 1) }))).toBe('text')
    expect(refusedField(composeDraft, { ...compose(), cc: [1] })).toBe('cc[0]')
  })
})

describe('session start payloads', () => {
  it('names compose fields as the form does', () => {
    const request = { profileId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', compose: compose() }
    expect(checkPayload(sessionStart, request)).toEqual(request)
    expect(refusedField(sessionStart, { ...request, compose: compose({ to: ['a\r\n'] }) })).toBe('to[0]')
    expect(refusedField(sessionStart, { ...request, profileId: '../../etc/passwd' })).toBe('profileId')
    expect(refusedField(sessionStart, { compose: compose() })).toBe('profileId')
  })
})

describe('profile payloads', () => {
  it('accepts a profile and trims the host', () => {
    expect(checkPayload(profileInput, profile({ host: ' smtp.mailwire.test ' }))).toEqual(profile())
    expect(checkPayload(profileInput, profile({ host: '::1', clientName: '[127.0.0.1]' }))).toMatchObject({ host: '::1' })
  })

  it('says what is wrong with a host the resolver would rewrite', () => {
    const message = (host: string) => {
      try {
        checkPayload(profileInput, profile({ host }))
      } catch (error) {
        return (error as Error).message
      }
      return 'accepted'
    }
    expect(message('127.0.0.1\r\n')).toBe('host contains a control character (U+000D).')
    expect(message('\u0007smtp.mailwire.test')).toBe('host contains a control character (U+0007).')
    expect(message('0x7f.1')).toBe('host is not an IPv4 address in the usual form: it would be read as 127.0.0.1 (write 127.0.0.1 if that is meant).')
    expect(message('[::1]')).toBe('accepted')
    expect(message('bücher.example')).toBe('accepted')
  })

  it.each([
    ['host', { host: 'smtp.mailwire.test\r\nQUIT' }],
    ['host', { host: 'smtp mailwire test' }],
    ['host', { host: '' }],
    ['host', { host: 'a/b' }],
    ['host', { host: '127.0.0.1\t' }],
    ['host', { host: '0x7f.1' }],
    ['host', { host: '127.1' }],
    ['host', { host: '2130706433' }],
    ['host', { host: '[1:2]' }],
    ['port', { port: 0 }],
    ['port', { port: 65536 }],
    ['port', { port: 25.5 }],
    ['port', { port: '25' }],
    ['security', { security: 'tls' }],
    ['username', { username: 'alice\r\n' }],
    ['password', { password: 'pass\nword' }],
    ['password', { password: 7 }],
    ['clientName', { clientName: 'client name' }],
    ['allowInvalidCertificate', { allowInvalidCertificate: 'yes' }],
    ['caPem', { caPem: 'not a certificate' }],
    ['caPem', { caPem: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----' }],
    ['name', { name: '' }],
    ['id', { id: '../x' }],
  ])('refuses a bad %s', (field, overrides) => {
    expect(refusedField(profileInput, profile(overrides))).toBe(field)
  })
})

describe('ids and exports', () => {
  it('accepts generated ids only', () => {
    expect(checkPayload(id, '20260128T120000000-1a2b3c4d')).toBe('20260128T120000000-1a2b3c4d')
    for (const bad of ['', '../x', 'a/b', 'a'.repeat(65), 5, null]) expect(refusedField(id, bad)).toBe('')
  })

  it('accepts the three export formats', () => {
    expect(checkPayload(historyExport, { id: 'abc-1', format: 'eml' })).toEqual({ id: 'abc-1', format: 'eml' })
    expect(refusedField(historyExport, { id: 'abc-1', format: 'pdf' })).toBe('format')
  })
})
