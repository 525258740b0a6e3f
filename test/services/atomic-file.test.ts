import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  isTempFileName,
  readJsonFile,
  removeStaleTempFiles,
  writeFileAtomic,
  writeJsonAtomic,
} from '../../main/storage/atomic-file'
import { createDraftService } from '../../main/services/drafts'
import { prepareAtomicWriter, startAtomicWriter } from './support/atomic-writer-child'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const dir = await tempDir()
    const file = join(dir, 'doc.json')
    await writeJsonAtomic(file, { n: 1 })
    await writeJsonAtomic(file, { n: 2 })
    expect(await readJsonFile(file)).toEqual({ state: 'ok', value: { n: 2 } })
    expect(await readdir(dir)).toEqual(['doc.json'])
  })

  // Windows has no POSIX mode bits: there the file's ACL, not this test, keeps it private.
  it.skipIf(process.platform === 'win32')('creates files readable by their owner only', async () => {
    const dir = await tempDir()
    const file = join(dir, 'private.json')
    await writeFileAtomic(file, 'secret-ish')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('lands concurrent writes to one path in the order they were asked for', async () => {
    const dir = await tempDir()
    const file = join(dir, 'draft.json')
    const big = 'x'.repeat(4 * 1024 * 1024)
    // The first write is the slowest: without the per-path queue it would rename last.
    await Promise.all([writeFileAtomic(file, `1${big}`), writeFileAtomic(file, '2'), writeFileAtomic(file, '3')])
    expect(await readFile(file, 'utf8')).toBe('3')
  })

  it('keeps the previous version when the write fails, and removes its temp file', async () => {
    const dir = await tempDir()
    const file = join(dir, 'doc.json')
    await writeJsonAtomic(file, { n: 1 })
    // A folder where the file should be makes the rename fail after the temp file is written.
    const blocked = join(dir, 'blocked')
    await writeFileAtomic(join(blocked, 'inner'), 'x')
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow()
    expect((await readdir(dir)).filter(isTempFileName)).toEqual([])
    expect(await readJsonFile(file)).toEqual({ state: 'ok', value: { n: 1 } })
  })

  it('reports a corrupt JSON file instead of throwing', async () => {
    const dir = await tempDir()
    const file = join(dir, 'doc.json')
    await writeFile(file, '{"n": 1')
    expect((await readJsonFile(file)).state).toBe('corrupt')
    expect(await readJsonFile(join(dir, 'missing.json'))).toEqual({ state: 'missing' })
  })
})

describe('a crash in the middle of a write', () => {
  it('keeps the previous draft readable when the writing process is killed', async () => {
    const dir = await tempDir()
    const script = await prepareAtomicWriter(dir)
    // 8 MiB per save: long enough to catch a write in progress and kill the writer there.
    const filler = 8 * 1024 * 1024
    const data = join(dir, 'data')
    const draftFile = join(data, 'draft.json')
    const writer = startAtomicWriter(script, draftFile, filler)
    await writer.writing(2)
    const leftBehind = await writer.killMidWrite()

    expect(await readdir(data)).toContain(leftBehind)
    const draft = await createDraftService(draftFile, () => new Date()).load()
    // A complete earlier version, never a torn one (a torn JSON would load as null).
    expect(draft?.subject).toMatch(/^version \d+$/)
    const version = Number(draft!.subject.split(' ')[1])
    expect(draft!.text).toBe(`v${version}${' '.repeat(filler)}`)

    // The next start removes what the kill left half-written.
    expect(await removeStaleTempFiles(data)).toEqual([leftBehind])
    expect(await readdir(data)).toEqual(['draft.json'])
  })

  it('ignores a partial temp file left behind, and cleans it up', async () => {
    const dir = await tempDir()
    const draftFile = join(dir, 'draft.json')
    const drafts = createDraftService(draftFile, () => new Date())
    const saved = { from: 'a@x.test', to: ['b@x.test'], cc: [], bcc: [], subject: 'kept', text: 'body', attachments: [], headers: [] }
    await drafts.save(saved)
    // What a crash between writing and renaming leaves: a truncated newer version.
    const partial = join(dir, '.draft.json.4242.0123456789ab.tmp')
    await writeFile(partial, '{"version":1,"savedAt":"2026-01-01T00:00:00.000Z","draft":{"from":"a@x.test","subj')

    expect(await drafts.load()).toEqual(saved)
    expect(await removeStaleTempFiles(dir)).toEqual(['.draft.json.4242.0123456789ab.tmp'])
    expect(await readdir(dir)).toEqual(['draft.json'])
  })
})
