// The .eml kept in history is the sent bytes, copied as they pass: a message source may read
// its chunks into two buffers in turn (MessageSource.open), so keeping the chunks themselves
// would keep whatever those buffers held last.
import { expect, it } from 'vitest'
import { keepMessage } from '../../main/services/session/kept-message'
import type { MessageSource } from '../../main/smtp/types'

it('keeps the bytes a source gave, even when the source reuses its buffers', async () => {
  const message = Buffer.from('Subject: kept\r\n\r\n' + 'line of the body\r\n'.repeat(100))
  const source: MessageSource = {
    open: async function* () {
      const buffers = [Buffer.alloc(64), Buffer.alloc(64)]
      for (let offset = 0, turn = 0; offset < message.length; offset += 64, turn = 1 - turn) {
        const chunk = buffers[turn]!.subarray(0, message.copy(buffers[turn]!, 0, offset, offset + 64))
        yield chunk
      }
    },
    size: message.length,
    eightBit: false,
  }
  const kept = await keepMessage(source, () => Promise.reject(new Error('not composed again')))
  expect(kept.info).toEqual({ kept: true, bytes: message.length })
  expect(kept.bytes?.toString()).toBe(message.toString())
})
