// Files appear whole or not at all: written to a temp name in the same folder, flushed,
// then renamed. A crash leaves at worst a temp file, which the next start removes.
import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'

export const TEMP_SUFFIX = '.partial'

export function tempPathFor(path: string): string {
  return `${path}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<number> {
  const temp = tempPathFor(path)
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  try {
    const handle = await open(temp, 'w', mode)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return bytes.length
}

export async function writeJsonAtomic(path: string, value: unknown, mode?: number): Promise<number> {
  return writeFileAtomic(path, `${JSON.stringify(value)}\n`, mode)
}
