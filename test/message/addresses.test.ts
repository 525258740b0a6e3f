import { describe, expect, it } from 'vitest'
import { parseAddressList } from '../../main/message/index'

function one(text: string) {
  const parsed = parseAddressList(text)
  expect(parsed).toHaveLength(1)
  return parsed[0]!
}

describe('parseAddressList: accepted forms', () => {
  it.each([
    ['jane@example.com', 'jane@example.com', undefined],
    ['Jane Doe <jane@example.com>', 'jane@example.com', 'Jane Doe'],
    ['"Doe, Jane" <jane@example.com>', 'jane@example.com', 'Doe, Jane'],
    ['"Jane \\"JJ\\" Doe" <jane@example.com>', 'jane@example.com', 'Jane "JJ" Doe'],
    ['<jane@example.com>', 'jane@example.com', undefined],
    ['  < jane@example.com >  ', 'jane@example.com', undefined],
    ['Jürgen Müller <jurgen@example.com>', 'jurgen@example.com', 'Jürgen Müller'],
    ['"john doe"@example.com', '"john doe"@example.com', undefined],
    ['"john"@example.com', 'john@example.com', undefined],
    ['first.last+tag@sub.example.com', 'first.last+tag@sub.example.com', undefined],
    ['user%other.test@relay.test', 'user%other.test@relay.test', undefined],
    ['josé@bücher.example', 'josé@bücher.example', undefined],
    ['用户 <用户@例子.测试>', '用户@例子.测试', '用户'],
    ['root@[127.0.0.1]', 'root@[127.0.0.1]', undefined],
    ['root@[IPv6:::1]', 'root@[IPv6:::1]', undefined],
    ['postmaster@localhost', 'postmaster@localhost', undefined],
  ])('%s', (input, address, name) => {
    const parsed = one(input)
    expect(parsed.error).toBeUndefined()
    expect(parsed.address).toBe(address)
    expect(parsed.name).toBe(name)
    expect(parsed.input).toBe(input.trim())
  })
})

describe('parseAddressList: pasted lists', () => {
  it('splits on commas, semicolons and line breaks, but not inside quotes', () => {
    const parsed = parseAddressList(
      'a@x.test, "Doe, Jane" <jane@x.test>; B <b@x.test>\nc@x.test\r\n\r\nd@x.test;\r e@x.test,',
    )
    expect(parsed.map((p) => [p.address, p.name, p.error])).toEqual([
      ['a@x.test', undefined, undefined],
      ['jane@x.test', 'Doe, Jane', undefined],
      ['b@x.test', 'B', undefined],
      ['c@x.test', undefined, undefined],
      ['d@x.test', undefined, undefined],
      ['e@x.test', undefined, undefined],
    ])
  })

  it('marks the one bad entry and keeps the good ones', () => {
    const parsed = parseAddressList('good@x.test, bad address@x.test, Other <other@x.test>')
    expect(parsed).toHaveLength(3)
    expect(parsed[0]).toEqual({ input: 'good@x.test', address: 'good@x.test' })
    expect(parsed[1]).toEqual({ input: 'bad address@x.test', address: '', error: 'contains a space' })
    expect(parsed[2]).toMatchObject({ address: 'other@x.test', name: 'Other' })
  })

  it('does not split a source route inside angle brackets, and refuses it whole', () => {
    const parsed = parseAddressList('<@a.test,@b.test:c@d.test>')
    expect(parsed).toHaveLength(1)
    expect(parsed[0]?.error).toMatch(/source route/)
  })

  it('returns nothing for blank input', () => {
    expect(parseAddressList('  \n ,; ')).toEqual([])
  })
})

describe('parseAddressList: refused, naming the character or the trick', () => {
  it.each([
    ['"user@attacker.test"@legit.test', /quoted local part.*'@'/],
    ['a@good.test(x)evil.test', /'\('.*comment/],
    ['a(x)@good.test', /'\('.*comment/],
    ['<a@good.test> (evil)', /'\('/],
    ['@a.test:c@d.test', /source route/],
    ['<@a.test:c@d.test>', /source route/],
    ['jane doe@x.test', /contains a space/],
    ['<jane doe@x.test>', /contains a space/],
    ['<jane@x .test>', /contains a space in the domain/],
    ['<a<b@x.test>', /'<'/],
    ['a>b@x.test', /'>'/],
    ['"a<b"@x.test', /'<'/],
    ['<a@x.test>>', /text after '>'/],
    ['Jane <jane@x.test', /missing the closing '>'/],
    ['<a@x.test> <b@x.test>', /text after '>'/],
    ['"unterminated@x.test', /unterminated quote/],
    ['jane', /no '@'/],
    ['jane@', /no domain/],
    ['@x.test', /nothing before '@'/],
    ['a@b@x.test', /second '@'/],
    ['a@x..test', /empty label/],
    ['a@x.test.', /empty label/],
    ['.a@x.test', /misplaced '\.'/],
    ['a..b@x.test', /misplaced '\.'/],
    ['a@-x.test', /'-'/],
    ['a@x_y.test', /'_'/],
    ['a@192.0.2.1', /\[192\.0\.2\.1\]/],
    ['a@[999.1.1.1]', /address literal/],
    ['a@xn--.test', /not a valid international name/],
    ['adm\u200Bin@x.test', /invisible character \(U\+200B\)/],
    [`${'a'.repeat(65)}@x.test`, /local part longer than 64/],
    [`a@${'b'.repeat(64)}.test`, /label longer than 63/],
    [`Jane ${'x'.repeat(1000)} <a@x.test>`, /name that has a word of 1000/],
  ])('%s', (input, message) => {
    const parsed = one(input)
    expect(parsed.address).toBe('')
    expect(parsed.error).toMatch(message)
  })

  it('names NUL and control characters inside an entry', () => {
    expect(one('a\0b@x.test').error).toBe('contains a NUL character (U+0000)')
    expect(one('a\x07b@x.test').error).toBe('contains a control character (U+0007)')
  })
})
