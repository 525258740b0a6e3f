// The compose form, saved as the user types (the renderer debounces) and restored at
// start. Every save replaces draft.json atomically, so a crash or a kill keeps the last
// complete draft. Sessions never touch it: a failed send leaves the draft as it was.
import { rename } from 'node:fs/promises'
import type { ComposeModel } from '../../preload/contract'
import { readJsonFile, writeJsonAtomic } from '../storage/atomic-file'

const DRAFT_VERSION = 1

interface DraftFile {
  version: number
  savedAt: string
  draft: ComposeModel
}

export interface DraftService {
  load(): Promise<ComposeModel | null>
  save(draft: ComposeModel): Promise<void>
  /** Resolves when the next save lands (true), or false after `timeoutMs`: the quit flow. */
  nextSave(timeoutMs: number): Promise<boolean>
  /** Resolves once every save received so far is on disk. */
  flush(): Promise<void>
}

export function createDraftService(file: string, now: () => Date): DraftService {
  let pending: Promise<void> = Promise.resolve()
  const waiters = new Set<() => void>()

  return {
    async load() {
      const read = await readJsonFile<DraftFile>(file)
      if (read.state === 'missing') return null
      if (read.state === 'ok' && read.value?.version === DRAFT_VERSION && isDraftLike(read.value.draft)) {
        return read.value.draft
      }
      // Not ours to fix, not ours to lose: keep it aside, start from an empty form.
      await rename(file, `${file}.unreadable-${Date.now()}`)
      return null
    },
    save(draft) {
      const write = writeJsonAtomic(file, {
        version: DRAFT_VERSION,
        savedAt: now().toISOString(),
        draft: storable(draft),
      } satisfies DraftFile).then(() => undefined)
      pending = write.catch(() => undefined)
      void write.then(() => {
        for (const wake of waiters) wake()
      }, () => undefined)
      return write
    },
    nextSave(timeoutMs) {
      return new Promise((resolve) => {
        const done = (saved: boolean) => {
          clearTimeout(timer)
          waiters.delete(wake)
          resolve(saved)
        }
        const wake = () => done(true)
        const timer = setTimeout(() => done(false), timeoutMs)
        waiters.add(wake)
      })
    },
    flush: () => pending,
  }
}

/** Attachments are kept by path: bytes do not belong in a JSON draft. */
function storable(draft: ComposeModel): ComposeModel {
  return {
    ...draft,
    attachments: draft.attachments
      .filter((attachment) => attachment.path !== undefined)
      .map(({ content: _content, ...byPath }) => byPath),
  }
}

function isDraftLike(value: unknown): value is ComposeModel {
  if (typeof value !== 'object' || value === null) return false
  const draft = value as Partial<ComposeModel>
  return (
    typeof draft.from === 'string' &&
    Array.isArray(draft.to) &&
    Array.isArray(draft.cc) &&
    Array.isArray(draft.bcc) &&
    typeof draft.subject === 'string' &&
    typeof draft.text === 'string' &&
    Array.isArray(draft.attachments) &&
    Array.isArray(draft.headers)
  )
}
