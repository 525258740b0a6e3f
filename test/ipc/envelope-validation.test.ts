// The envelope options of session:start and draft:save, and the session controls: every
// field checked, CR and LF refused where they would reach a command line (issue 14).
import { describe, expect, it } from 'vitest'
import type { ComposeModel } from '../../preload/contract'
import { PayloadError, checkPayload, type Check } from '../../main/ipc/validate/checks'
import { composeDraft } from '../../main/ipc/validate/compose'
import { profileInput } from '../../main/ipc/validate/profile'
import { sessionStart } from '../../main/ipc/validate/requests'

const compose = (envelope: unknown): ComposeModel =>
  ({
    from: 'alice@mailwire.test',
    to: ['bob@mailwire.test'],
    cc: [],
    bcc: [],
    subject: 'Hello',
    text: 'Hi\n',
    attachments: [],
    headers: [],
    envelope,
  }) as ComposeModel

const start = (envelope: unknown, controls?: unknown) => ({
  profileId: 'p1',
  compose: compose(envelope),
  ...(controls !== undefined ? { controls } : {}),
})

function refusedField<T>(check: Check<T>, payload: unknown): string {
  try {
    checkPayload(check, payload)
  } catch (error) {
    if (error instanceof PayloadError) return error.field
    throw error
  }
  throw new Error('the payload was accepted')
}

describe('the envelope of session:start', () => {
  it('keeps a full, valid choice as it is', () => {
    const envelope = {
      from: '',
      to: ['dave@mailwire.test'],
      dsn: { notify: ['SUCCESS', 'DELAY'], ret: 'HDRS', envid: 'batch-7', orcpt: true },
      requireTls: true,
    }
    expect(checkPayload(sessionStart, start(envelope)).compose.envelope).toEqual(envelope)
  })

  it.each([
    ['a CR LF in the sender', { from: 'a@b.test\r\nRCPT TO:<x@y.test>' }, 'envelope.from'],
    ['an LF in a recipient', { to: ['ok@b.test', 'x@y.test\nDATA'] }, 'envelope.to[1]'],
    ['a CR in the ENVID', { dsn: { envid: 'id\rQUIT' } }, 'envelope.dsn.envid'],
    ['a name with the address', { from: 'Alice <alice@b.test>' }, 'envelope.from'],
    ['a space in a recipient', { to: ['a b@c.test'] }, 'envelope.to[0]'],
    ['an empty recipient', { to: [''] }, 'envelope.to[0]'],
    ['an ENVID over 100 characters', { dsn: { envid: 'x'.repeat(101) } }, 'envelope.dsn.envid'],
    ['NEVER with FAILURE', { dsn: { notify: ['NEVER', 'FAILURE'] } }, 'envelope.dsn.notify'],
    ['an unknown NOTIFY word', { dsn: { notify: ['SOMETIMES'] } }, 'envelope.dsn.notify[0]'],
    ['an empty NOTIFY list', { dsn: { notify: [] } }, 'envelope.dsn.notify'],
    ['an unknown RET', { dsn: { ret: 'BODY' } }, 'envelope.dsn.ret'],
    ['a REQUIRETLS that is not a boolean', { requireTls: 'yes' }, 'envelope.requireTls'],
    ['recipients that are not a list', { to: 'a@b.test' }, 'envelope.to'],
  ])('refuses %s', (_name, envelope, field) => {
    expect(refusedField(sessionStart, start(envelope))).toBe(field)
  })

  it('keeps a half-typed envelope in a draft (types and sizes only)', () => {
    const draft = checkPayload(composeDraft, compose({ from: 'Alice <half', to: ['x y'], dsn: { notify: [] } }))
    expect(draft.envelope).toEqual({ from: 'Alice <half', to: ['x y'], dsn: { notify: [] } })
    expect(refusedField(composeDraft, compose({ to: [42] }))).toBe('envelope.to[0]')
  })
})

describe('the controls of session:start', () => {
  it('keeps valid controls', () => {
    const controls = { quitAfter: 'dot', pipelining: 'off', chunking: 'force', chunkSize: 1000, forceExtensions: true }
    expect(checkPayload(sessionStart, start(undefined, controls)).controls).toEqual(controls)
  })

  it.each([
    ['an unknown step', { quitAfter: 'never' }, 'controls.quitAfter'],
    ['an unknown hang-up step', { dropAfter: 'quit' }, 'controls.dropAfter'],
    ['both a stop and a hang-up', { quitAfter: 'rcpt', dropAfter: 'mail' }, 'controls.dropAfter'],
    ['a chunk size of 0', { chunkSize: 0 }, 'controls.chunkSize'],
    ['a chunk size that is not whole', { chunkSize: 1.5 }, 'controls.chunkSize'],
    ['an unknown chunking mode', { chunking: 'always' }, 'controls.chunking'],
    ['an unknown pipelining mode', { pipelining: 'on' }, 'controls.pipelining'],
    ['force extensions that is not a boolean', { forceExtensions: 1 }, 'controls.forceExtensions'],
  ])('refuses %s', (_name, controls, field) => {
    expect(refusedField(sessionStart, start(undefined, controls))).toBe(field)
  })
})

describe('the profile protocol', () => {
  const profile = (protocol: unknown) => ({
    name: 'LMTP',
    host: '127.0.0.1',
    port: 24,
    security: 'none',
    username: '',
    clientName: '',
    allowInvalidCertificate: false,
    allowPlaintextAuth: false,
    caPem: '',
    protocol,
  })
  it('takes smtp or lmtp and refuses anything else', () => {
    expect(checkPayload(profileInput, profile('lmtp')).protocol).toBe('lmtp')
    expect(checkPayload(profileInput, profile(undefined)).protocol).toBeUndefined()
    expect(refusedField(profileInput, profile('esmtp'))).toBe('protocol')
  })
})
