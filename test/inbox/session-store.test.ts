// Ended session records (main/inbox/session-store.ts): a record is kept the moment it is
// saved, so the inbox lets go of the session's connection then rather than after the
// write; records saved together are written together, and the store stays bounded.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newId } from '../../main/inbox/ids'
import { SESSIONS_DIR, SessionStore } from '../../main/inbox/session-store'
import type { InboxSession } from '../../main/inbox'

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
    expect((await readdir(join(folder, SESSIONS_DIR))).sort()).toEqual([kept.id, ...newest].map((id) => `${id}.json`).sort())
    // Restored from disk: the same records.
    const reopened = await SessionStore.open(folder, 5)
    expect(reopened.list()).toEqual(store.list())
  })
})
