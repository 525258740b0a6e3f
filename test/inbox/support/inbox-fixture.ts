// A fresh data folder per test, and an inbox that is always stopped afterwards.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { startLocalInbox } from '../../../main/inbox'
import type { LocalInbox, LocalInboxOptions } from '../../../main/inbox'

export function useInboxFixture() {
  const folders: string[] = []
  const inboxes: LocalInbox[] = []

  afterEach(async () => {
    await Promise.all(inboxes.splice(0).map((inbox) => inbox.stop()))
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })))
  })

  return {
    async dataDir(): Promise<string> {
      const folder = await mkdtemp(join(tmpdir(), 'mailwire-inbox-'))
      folders.push(folder)
      return folder
    },
    async start(options: Partial<LocalInboxOptions> = {}): Promise<LocalInbox> {
      const inbox = await startLocalInbox({ dataDir: options.dataDir ?? (await this.dataDir()), ...options })
      inboxes.push(inbox)
      return inbox
    },
  }
}

/** Every file under a folder, with its bytes. */
export async function filesUnder(folder: string): Promise<Array<{ path: string; bytes: Buffer }>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile())
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name)
      return { path, bytes: await readFile(path) }
    }),
  )
}

/** Resolves with the next session record the inbox finishes. */
export function nextSession(inbox: LocalInbox) {
  return new Promise<Parameters<Parameters<LocalInbox['onSession']>[0]>[0]>((resolve) => {
    const stop = inbox.onSession((session) => {
      stop()
      resolve(session)
    })
  })
}
