// The .eml kept in history: the very bytes the engine sent when it got as far as asking
// for the message (MessageSource.open() gives a fresh stream each time), or a fresh
// composition when the session ended before that. Kept only under a size bound.
import type { EmlInfo, MessageFactory, MessageSource } from '../../../preload/contract'

/** Messages larger than this are not copied into history (the user still has the draft). */
export const MAX_KEPT_MESSAGE_BYTES = 25 * 1024 * 1024

export interface KeptMessage {
  info: EmlInfo
  bytes?: Buffer
}

/** Wraps a factory to remember the MessageSource the engine used. */
export function rememberingFactory(factory: MessageFactory): { factory: MessageFactory; source(): MessageSource | undefined } {
  let last: MessageSource | undefined
  return {
    factory: async (capabilities) => {
      last = await factory(capabilities)
      return last
    },
    source: () => last,
  }
}

export async function keepMessage(
  source: MessageSource | undefined,
  composeEml: () => Promise<Buffer>,
  bound = MAX_KEPT_MESSAGE_BYTES,
): Promise<KeptMessage> {
  if (!source) {
    const bytes = await composeEml()
    return bytes.length <= bound ? { info: { kept: true, bytes: bytes.length }, bytes } : tooLarge(bytes.length, bound)
  }
  if (source.size !== undefined && source.size > bound) return tooLarge(source.size, bound)
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of source.open()) {
    total += chunk.byteLength
    // Stop reading at the bound: the exact size of a huge message is not worth the I/O.
    if (total > bound) return tooLarge(source.size, bound)
    // A copy: a source may read its chunks into the same two buffers (MessageSource.open).
    chunks.push(Buffer.from(chunk))
  }
  return { info: { kept: true, bytes: total }, bytes: Buffer.concat(chunks) }
}

function tooLarge(bytes: number | undefined, bound: number): KeptMessage {
  return { info: { kept: false, ...(bytes !== undefined ? { bytes } : {}), reason: `it is larger than ${sizeText(bound)}` } }
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MiB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`
  return `${bytes} bytes`
}
