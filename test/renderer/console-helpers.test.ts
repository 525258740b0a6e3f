import { describe, expect, it } from 'vitest'
import { completeVerb, KNOWN_VERBS } from '../../renderer/src/features/console/verb-completion'
import { freshCursor, moveInHistory } from '../../renderer/src/features/console/command-history'
import { rememberable } from '../../renderer/src/store/console-slice'
import { parsePorts } from '../../renderer/src/store/probe-slice'
import type { ConsoleStatus } from '../../preload/contract'

describe('completeVerb', () => {
  it('completes every known verb from its first letters, whatever the case', () => {
    for (const verb of KNOWN_VERBS) expect(completeVerb(verb.toLowerCase(), 'me.test')?.text.startsWith(verb), verb).toBe(true)
    expect(completeVerb('ma', 'me.test')).toEqual({ text: 'MAIL FROM:<', candidates: ['MAIL'] })
    expect(completeVerb('HE', 'me.test')).toEqual({ text: 'HEL', candidates: ['HELO', 'HELP'] })
    expect(completeVerb('ehlo', '')).toEqual({ text: 'EHLO ', candidates: ['EHLO'] })
  })

  it('leaves alone what is not a verb being typed', () => {
    expect(completeVerb('', 'me.test')).toBeUndefined()
    expect(completeVerb('MAIL FROM:<a', 'me.test')).toBeUndefined()
    expect(completeVerb('XYZ', 'me.test')).toBeUndefined()
  })
})

describe('moveInHistory', () => {
  it('goes back and forth and restores the line being typed', () => {
    const history = ['EHLO a', 'NOOP']
    const up = moveInHistory(history, freshCursor(history), 'RS', -1)!
    expect(up.text).toBe('NOOP')
    const upAgain = moveInHistory(history, up.cursor, up.text, -1)!
    expect(upAgain.text).toBe('EHLO a')
    expect(moveInHistory(history, upAgain.cursor, upAgain.text, -1)).toBeUndefined()
    const down = moveInHistory(history, upAgain.cursor, upAgain.text, 1)!
    const back = moveInHistory(history, down.cursor, down.text, 1)!
    expect(back.text).toBe('RS')
    expect(moveInHistory(history, back.cursor, back.text, 1)).toBeUndefined()
    expect(moveInHistory([], freshCursor([]), '', -1)).toBeUndefined()
  })
})

describe('rememberable', () => {
  const status = (code: number) => ({ lastReply: { code, lines: [] } }) as unknown as ConsoleStatus
  it('keeps the mechanism of an AUTH line and nothing typed after a 334', () => {
    expect(rememberable('AUTH PLAIN AGFubgBz', status(250))).toBe('AUTH PLAIN')
    expect(rememberable('auth login', status(250))).toBe('auth login')
    expect(rememberable('YW5u', status(334))).toBeUndefined()
    expect(rememberable('NOOP', undefined)).toBe('NOOP')
    expect(rememberable('   ', undefined)).toBeUndefined()
  })
})

describe('parsePorts', () => {
  it('reads a short list of ports, and says what is wrong otherwise', () => {
    expect(parsePorts('25, 465 587,25')).toEqual([25, 465, 587])
    expect(parsePorts('')).toMatch(/at least one/)
    expect(parsePorts('25, http')).toMatch(/numbers from 1 to 65535/)
    expect(parsePorts('0')).toMatch(/numbers from 1 to 65535/)
    expect(parsePorts('1 2 3 4 5 6 7 8 9')).toMatch(/At most 8/)
  })
})
