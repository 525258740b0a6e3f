// The real engine and message layer behind the session service.
import { buildEnvelope, composeEml, messageFactory, validateCompose } from '../../message'
import { sendMail } from '../../smtp'
import type { SessionEngine } from './session-service'

export const defaultSessionEngine: SessionEngine = {
  sendMail,
  validateCompose,
  buildEnvelope,
  messageFactory,
  composeEml,
}
