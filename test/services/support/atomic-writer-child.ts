// Runs main/storage/atomic-file.ts in a child Node process, so a test can kill
// it with SIGKILL in the middle of a write: the closest thing to a crash or a power cut
// we can cause. The TypeScript is transpiled (no bundler, no loader) into a temp folder.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import ts from 'typescript'

const HELPER = join(__dirname, '..', '..', '..', 'main', 'storage', 'atomic-file.ts')

// Saves draft-shaped documents of `fillerBytes` each, versions 1, 2, 3…, forever. The
// text is built before each write and the child says "writing N" just before it starts,
// so a kill on that line lands inside the write (the bytes, the fsync or the rename).
const CHILD_SCRIPT = `
import { writeFileAtomic } from './atomic-file.mjs'
const [target, fillerBytes] = process.argv.slice(2)
// Built once: each loop only joins strings, so nearly all its time is spent writing.
const filler = ' '.repeat(Number(fillerBytes))
for (let version = 1; ; version++) {
  const json = '{"version":1,"savedAt":"' + new Date().toISOString() + '","draft":{"from":"a@mailwire.test",' +
    '"to":["b@mailwire.test"],"cc":[],"bcc":[],"subject":"version ' + version + '","text":"v' + version + filler +
    '","attachments":[],"headers":[]}}'
  process.stdout.write('writing ' + version + '\\n')
  await writeFileAtomic(target, json)
}
`

export async function prepareAtomicWriter(folder: string): Promise<string> {
  const source = await readFile(HELPER, 'utf8')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  })
  await writeFile(join(folder, 'atomic-file.mjs'), outputText)
  const script = join(folder, 'writer.mjs')
  await writeFile(script, CHILD_SCRIPT)
  return script
}

export interface RunningWriter {
  child: ChildProcess
  /** Resolves when the child starts writing version `version` (every earlier one is saved). */
  writing(version: number): Promise<void>
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>
  /**
   * SIGKILL as soon as a temp file of the target holds bytes: the write has begun and not
   * yet been renamed. Returns the temp file's name, as the kill left it.
   */
  killMidWrite(): Promise<string>
}

export function startAtomicWriter(script: string, target: string, fillerBytes: number): RunningWriter {
  const child = spawn(process.execPath, [script, target, String(fillerBytes)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let last = 0
  const waiters: Array<{ version: number; resolve: () => void }> = []
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const match = /^writing (\d+)$/.exec(line)
    if (!match) return
    last = Number(match[1])
    for (const waiter of waiters.filter((w) => w.version <= last)) waiter.resolve()
  })
  return {
    child,
    writing: (version) =>
      new Promise<void>((resolve, reject) => {
        if (last >= version) return resolve()
        waiters.push({ version, resolve })
        void exited.then(() => reject(new Error(`the writer exited before writing version ${version}`)))
      }),
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    async killMidWrite() {
      const folder = dirname(target)
      const prefix = `.${target.slice(folder.length + 1)}.`
      // Polls without sleeping: each turn of the loop yields to the event loop once.
      for (;;) {
        if (child.exitCode !== null) throw new Error('the writer exited on its own')
        const names = await readdir(folder).catch(() => [] as string[])
        const temp = names.find((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
        const size = temp ? await stat(join(folder, temp)).then((info) => info.size, () => 0) : 0
        if (temp && size > 0) {
          child.kill('SIGKILL')
          await exited
          return temp
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
    },
  }
}
