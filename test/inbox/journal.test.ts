// The kept-message journal (main/inbox/journal.ts): changes made together are committed
// together and in order, a line cut short by a crash is skipped, and dead lines are
// rewritten away so the file stays bounded by the entries that are live.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Journal } from '../../main/inbox/journal'

interface Entry {
  id: string
  n: number
}
const isEntry = (value: unknown): value is Entry => typeof (value as Entry).n === 'number'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })))
})

async function journalPath(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'mailwire-journal-'))
  folders.push(folder)
  return join(folder, 'journal.jsonl')
}

async function lineCount(path: string): Promise<number> {
  return (await readFile(path, 'utf8')).split('\n').filter(Boolean).length
}

describe('inbox journal', () => {
  it('commits changes made together, in order, and reads them back', async () => {
    const path = await journalPath()
    const { journal, values, existed } = await Journal.open(path, isEntry)
    expect({ values, existed }).toEqual({ values: [], existed: false })
    await Promise.all([...Array(20).keys()].map((n) => journal.put({ id: `e${n}`, n })))
    await Promise.all([journal.delete('e3'), journal.put({ id: 'e0', n: 100 })])
    const reopened = await Journal.open(path, isEntry)
    expect(reopened.existed).toBe(true)
    expect(reopened.values.map((entry) => entry.n)).toEqual([...[...Array(20).keys()].filter((n) => n !== 0 && n !== 3), 100])
  })

  it('skips a line cut short by a crash, and appends after it on a line of its own', async () => {
    const path = await journalPath()
    const { journal } = await Journal.open(path, isEntry)
    await journal.put({ id: 'a', n: 1 })
    await appendFile(path, '{"put":{"id":"b","n"')
    const second = await Journal.open(path, isEntry)
    expect(second.values).toEqual([{ id: 'a', n: 1 }])
    await second.journal.put({ id: 'c', n: 3 })
    expect((await Journal.open(path, isEntry)).values).toEqual([
      { id: 'a', n: 1 },
      { id: 'c', n: 3 },
    ])
  })

  it('rewrites dead lines away: 500 puts and deletes leave a file of the live entries and a bounded rest', async () => {
    const path = await journalPath()
    const { journal } = await Journal.open(path, isEntry)
    for (let n = 0; n < 500; n++) {
      await journal.put({ id: `e${n}`, n })
      if (n >= 10) await journal.delete(`e${n - 10}`)
    }
    expect(await lineCount(path)).toBeLessThanOrEqual(2 * 10 + 100 + 2)
    await journal.clear()
    expect((await Journal.open(path, isEntry)).values).toEqual([])
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
