// Ended session records (main/inbox/session-store.ts): a record is kept the moment it is
// saved, so the inbox lets go of the session's connection then rather than after the
// write; records saved together are written together, into one file, and the store stays
// bounded, in memory and on disk.
import { appendFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newId } from '../../main/inbox/ids'
import { SESSIONS_DIR, SESSIONS_FILE, SessionStore } from '../../main/inbox/session-store'
import type { InboxSession } from '../../main/inbox'
import { recordedSessions } from './support/session-records'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })))
})

async function dataDir(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'mailwire-sessions-'))
  folders.push(folder)
  return folder
}

function record(messageIds: string[] = []): InboxSession {
  return {
    id: newId('ses'),
    startedAt: new Date().toISOString(),
    endedAt: new Date().toISOString(),
    messageIds,
    faults: [],
    client: { address: '127.0.0.1', port: 40000 },
    events: [{ at: 0, direction: 'out', text: '220 localhost ESMTP' }],
    eventsTruncated: false,
  }
}

const noMessageKept = (): boolean => false

describe('inbox session store', () => {
  it('keeps a record the moment it is saved, while it is still being written', async () => {
    const store = await SessionStore.open(await dataDir(), 500)
    const records = [...Array(40)].map(() => record())
    const writes = records.map((session) => store.save(session, noMessageKept))
    // Nothing written yet: each is found all the same, so the server can drop the session.
    const found = await Promise.all(records.map((session) => store.get(session.id)))
    expect(found).toEqual(records)
    expect(store.list().map((summary) => summary.id)).toEqual(records.map((session) => session.id).reverse())
    await Promise.all(writes)
    expect(await Promise.all(records.map((session) => store.get(session.id)))).toEqual(records)
  })

  it('keeps at most maxSessions unreferenced records, in memory and on disk, however many end', async () => {
    const folder = await dataDir()
    const store = await SessionStore.open(folder, 5)
    const kept = record(['msg-000000000-000000000'])
    const isKept = (id: string): boolean => id === kept.messageIds[0]
    await store.save(kept, isKept)
    const records = [...Array(60)].map(() => record())
    await Promise.all(records.map((session) => store.save(session, isKept)))
    await store.idle()
    const newest = records.slice(-5).map((session) => session.id)
    expect(store.list().map((summary) => summary.id)).toEqual([...newest.reverse(), kept.id])
    expect(await store.get(records[0]!.id)).toBeUndefined()
    expect((await recordedSessions(folder)).ids.sort()).toEqual([kept.id, ...newest].sort())
    // Restored from disk: the same records.
    const reopened = await SessionStore.open(folder, 5)
    expect(reopened.list()).toEqual(store.list())
  })

  it('writes every record into one file, not a file per session', async () => {
    const folder = await dataDir()
    const store = await SessionStore.open(folder, 500)
    const records = [...Array(30)].map(() => record())
    await Promise.all(records.map((session) => store.save(session, noMessageKept)))
    // Creating a file per session was the largest cost of a one-message session (issue 22).
    expect(await readdir(join(folder, SESSIONS_DIR))).toEqual([SESSIONS_FILE])
    expect((await recordedSessions(folder)).ids).toEqual(records.map((session) => session.id))
    const reopened = await SessionStore.open(folder, 500)
    expect(await Promise.all(records.map((session) => reopened.get(session.id)))).toEqual(records)
  })

  it('rewrites away the records it dropped, so the file stays bounded however many sessions end', async () => {
    const folder = await dataDir()
    const store = await SessionStore.open(folder, 5)
    // Larger than the rewrite's 64 KiB buffers, and kept throughout (its message is kept).
    const big = { ...record(['msg-000000000-000000000']), events: [...Array(100)].map((_, at) => ({ at, direction: 'in' as const, text: 'x'.repeat(2000) })) }
    const isKept = (id: string): boolean => id === big.messageIds[0]
    await store.save(big, isKept)
    for (let round = 0; round < 40; round++) {
      await Promise.all([...Array(10)].map(() => store.save(record(), isKept)))
    }
    const { ids, lines } = await recordedSessions(folder)
    expect(ids).toEqual(store.list().map((summary) => summary.id).reverse())
    expect(ids).toHaveLength(6)
    // Dead lines up to the live count and 100 more, and the last batch's.
    expect(lines).toBeLessThanOrEqual(6 + 6 + 100 + 20)
    expect(await Promise.all(ids.map(async (id) => (await store.get(id))?.id))).toEqual(ids)
    expect(await store.get(big.id)).toEqual(big)
    expect(await (await SessionStore.open(folder, 5)).get(big.id)).toEqual(big)
  })

  it('skips a line a crash cut short, and the next start writes the file clean', async () => {
    const folder = await dataDir()
    const store = await SessionStore.open(folder, 500)
    const whole = record()
    await store.save(whole, noMessageKept)
    const path = join(folder, SESSIONS_DIR, SESSIONS_FILE)
    await appendFile(path, '{"put":{"id":"ses-')
    const reopened = await SessionStore.open(folder, 500)
    expect(reopened.list().map((summary) => summary.id)).toEqual([whole.id])
    const next = record()
    await reopened.save(next, noMessageKept)
    expect((await recordedSessions(folder)).ids).toEqual([whole.id, next.id])
    expect(await (await SessionStore.open(folder, 500)).get(next.id)).toEqual(next)
  })

  it('takes over the records of a folder from before the file (a file per session), oldest first', async () => {
    const folder = await dataDir()
    const sessions = join(folder, SESSIONS_DIR)
    await mkdir(sessions, { recursive: true })
    const records = [...Array(3)].map(() => record())
    for (const session of records) await writeFile(join(sessions, `${session.id}.json`), JSON.stringify(session))
    await writeFile(join(sessions, `.${records[0]!.id}.json.1.a.tmp`), '{')
    const store = await SessionStore.open(folder, 500)
    expect(store.list().map((summary) => summary.id)).toEqual(records.map((session) => session.id).reverse())
    expect(await store.get(records[1]!.id)).toEqual(records[1])
    expect(await readdir(sessions)).toEqual([SESSIONS_FILE])
  })
})
