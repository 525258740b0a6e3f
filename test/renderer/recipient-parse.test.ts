import { describe, expect, it } from 'vitest'
import {
  addressError,
  formatRecipient,
  parseRecipient,
  splitRecipientList,
} from '../../renderer/src/domain/recipient-parse'

describe('renderer address checks', () => {
  it('splits on , ; and line breaks but not inside quotes or angle brackets', () => {
    expect(splitRecipientList('a@x.org,b@y.org;c@z.org\nd@w.org\r\ne@v.org')).toEqual([
      'a@x.org',
      'b@y.org',
      'c@z.org',
      'd@w.org',
      'e@v.org',
    ])
    expect(splitRecipientList('"Last, First" <f@x.org>, <odd,part@x.org>')).toEqual([
      '"Last, First" <f@x.org>',
      '<odd,part@x.org>',
    ])
  })

  it('never lets a line break hide inside one entry, even in an unbalanced quote', () => {
    expect(splitRecipientList('"Eve <eve@x.org>\nRCPT TO:<victim@y.org>')).toEqual([
      '"Eve <eve@x.org>',
      'RCPT TO:<victim@y.org>',
    ])
  })

  it.each([
    ['plain@example.com', undefined],
    ['first.last+tag@sub.example.co.uk', undefined],
    ['user@[192.0.2.1]', undefined],
    ['josé@exämple.de', undefined],
    ['', 'the address is empty'],
    ['nul\0@example.com', 'the address contains a line break or NUL'],
    ['cr\r@example.com', 'the address contains a line break or NUL'],
    ['noat.example.com', 'the address has no @'],
    ['a@b@example.com', 'the address has more than one @'],
    ['@example.com', 'nothing before the @'],
    ['user@', 'no domain after the @'],
    ['us er@example.com', 'the address contains a space'],
    ['us<er@example.com', 'the part before the @ contains a character that needs quoting'],
    ['.user@example.com', 'the part before the @ has a misplaced dot'],
    ['user@example..com', 'the domain has a misplaced dot'],
    ['user@exa_mple.com', 'the domain contains a character not allowed in a host name'],
    [`${'a'.repeat(65)}@example.com`, 'the part before the @ is longer than 64 characters'],
  ])('%j → %s', (address, error) => {
    expect(addressError(address)).toBe(error)
  })

  it('parses Name <addr> forms and formats them back', () => {
    expect(parseRecipient('Jane Doe <jane@example.com>')).toEqual({
      input: 'Jane Doe <jane@example.com>',
      address: 'jane@example.com',
      name: 'Jane Doe',
    })
    expect(formatRecipient({ name: 'Doe, Jane', address: 'jane@example.com' })).toBe('"Doe, Jane" <jane@example.com>')
    expect(formatRecipient({ address: 'jane@example.com' })).toBe('jane@example.com')
  })
})
