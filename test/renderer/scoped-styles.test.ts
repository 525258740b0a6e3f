import { expect, it } from 'vitest'

// Every stylesheet of the renderer, by its path from this folder (not loaded).
const SHEETS = Object.keys(import.meta.glob('../../renderer/src/**/*.css'))
const GLOBAL_STYLES = '../../renderer/src/styles/'

it('scopes styles to their feature: only styles/ is global CSS, every other sheet a module', () => {
  expect(SHEETS).toContain('../../renderer/src/styles/base.css')
  expect(SHEETS.filter((path) => !path.startsWith(GLOBAL_STYLES) && !path.endsWith('.module.css'))).toEqual([])
})
