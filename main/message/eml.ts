// The .eml a user can save: the message as it would be sent to the most basic server.
import type { ComposeModel } from './types'
import { checkedAddresses, fixedParts, loadComposer, type MessageOptions } from './message-source'
import { normaliseRawMessage } from './raw'

/**
 * 7-bit, with A-label domains: it opens in any mail program and can be sent anywhere.
 * Pass the same `date` and `messageId` as to messageFactory to save the message that was
 * sent. Throws MessageInputError when the model is invalid.
 */
export async function composeEml(model: ComposeModel, options: MessageOptions = {}): Promise<Buffer> {
  const addresses = checkedAddresses(model)
  if (model.raw !== undefined) return normaliseRawMessage(model.raw)
  const { planMessage } = await loadComposer()
  const plan = await planMessage(model, addresses, { eightBitMime: false, smtpUtf8: false }, fixedParts(addresses, options))
  return plan.build()
}
