import { describe, expect, it } from 'vitest'
import { palette, shouldUseColor } from '../../main/report/colors'

describe('shouldUseColor', () => {
  it('colours a terminal and not a pipe', () => {
    expect(shouldUseColor({ isTTY: true, env: {} })).toBe(true)
    expect(shouldUseColor({ isTTY: false, env: {} })).toBe(false)
  })

  it('turns colour off with NO_COLOR, but not with an empty NO_COLOR', () => {
    expect(shouldUseColor({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false)
    expect(shouldUseColor({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true)
  })

  it('forces colour with FORCE_COLOR, even into a pipe, and FORCE_COLOR=0 forces it off', () => {
    expect(shouldUseColor({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true)
    expect(shouldUseColor({ isTTY: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(true)
    expect(shouldUseColor({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false)
  })
})

describe('palette', () => {
  it('paints with SGR codes when on and returns text untouched when off', () => {
    expect(palette(true).red('no')).toBe('\u001b[31mno\u001b[39m')
    expect(palette(false).red('no')).toBe('no')
  })
})
