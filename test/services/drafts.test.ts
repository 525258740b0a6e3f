import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ComposeModel } from '../../preload/contract'
import { createDraftService } from '../../main/services/drafts'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()
const now = () => new Date('2026-01-28T12:00:00.000Z')

const draft = (subject: string): ComposeModel => ({
  from: 'Alice <alice@mailwire.test>',
  to: ['bob@mailwire.test'],
  cc: [],
  bcc: [],
  subject,
  text: 'Hello\r\nBob',
  attachments: [{ path: '/tmp/report.pdf', filename: 'report.pdf' }],
  headers: [{ name: 'X-Test', value: '1' }],
})

describe('drafts', () => {
  it('restores the last saved draft after a restart', async () => {
    const dir = await tempDir()
    const file = join(dir, 'draft.json')
    const drafts = createDraftService(file, now)
    expect(await drafts.load()).toBeNull()
    await drafts.save(draft('first'))
    await drafts.save(draft('second'))
    expect(await createDraftService(file, now).load()).toEqual(draft('second'))
  })

  it('keeps attachments by path and drops bytes', async () => {
    const dir = await tempDir()
    const drafts = createDraftService(join(dir, 'draft.json'), now)
    await drafts.save({ ...draft('x'), attachments: [{ path: '/tmp/a.txt' }, { content: new Uint8Array([1, 2]), filename: 'b.bin' }] })
    expect((await drafts.load())?.attachments).toEqual([{ path: '/tmp/a.txt' }])
  })

  it('sets a corrupt draft aside instead of failing or overwriting it', async () => {
    const dir = await tempDir()
    const file = join(dir, 'draft.json')
    await writeFile(file, '{"version":1,"draft":')
    expect(await createDraftService(file, now).load()).toBeNull()
    const names = await readdir(dir)
    expect(names).toHaveLength(1)
    expect(names[0]).toMatch(/^draft\.json\.unreadable-\d+$/)
    expect(await readFile(join(dir, names[0]!), 'utf8')).toBe('{"version":1,"draft":')
  })

  it('tells the quit flow when the next save has landed', async () => {
    const drafts = createDraftService(join(await tempDir(), 'draft.json'), now)
    const landed = drafts.nextSave(10_000)
    await drafts.save(draft('flushed'))
    expect(await landed).toBe(true)
    expect(await drafts.nextSave(0)).toBe(false)
  })
})
