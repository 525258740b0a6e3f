// The message layer: what the user composed → an RFC 5322 / MIME message and an envelope.
// Pure Node; the engine, the services and the CLI use only what is exported here.
export { validateCompose } from './validate'
export { buildEnvelope } from './envelope'
export { messageFactory, type MessageOptions } from './message-source'
export { composeEml } from './eml'
export { parseAddressList, type ParsedAddress } from './address-list'
export { MessageInputError, type FieldError } from './errors'
export { inspectRawMessage, normaliseRawMessage, type RawInspection } from './raw'
export { BINARY_NEEDS, inspectRawFile, rawFileMessageFactory, type RawFileInspection } from './raw-file'
export { inspectTextFile, type TextFileInspection } from './text-file'
export type { ComposeModel, AttachmentInput, HeaderInput } from './types'
export { checkDkimSigning, dkimSignedFactory, type DkimSigning, type DkimKeyType } from './dkim-sign'
