// The queue id a server names in its reply to the final dot, in the forms servers use:
//   250 2.0.0 Ok: queued as 4BQJ2X0Zz1z1          (Postfix)
//   250 OK id=1u8Xyz-000Abc-4Q                      (Exim)
//   250 2.6.0 <20240101.abc@host> Queued mail       (Exchange, smtp-server style ids)
import type { Reply } from './types'

const FORMS = [/\bqueued as\s+([^\s,;]+)/i, /\bid=([^\s,;]+)/i, /<([^<>\s]+)>/]

export function parseQueueId(reply: Reply): string | undefined {
  const text = reply.lines.join(' ')
  for (const form of FORMS) {
    const match = form.exec(text)
    if (match?.[1]) return match[1].replace(/[.)\]]+$/, '')
  }
  return undefined
}
