// What the engine reads through DATA: composed once the server's capabilities are known.
import type { Capabilities, MessageFactory, MessageSource } from '../smtp/types'
import type { ComposeModel } from './types'
import type { ComposePlan } from './compose'
import { MessageInputError } from './errors'
import { newFixedParts, type FixedParts } from './fixed-parts'
import { BUFFERED_ATTACHMENTS_LIMIT, BUFFERED_TEXT_FILE_LIMIT, SOURCE_CHUNK_BYTES } from './limits'
import { readModelAddresses, type ModelAddresses } from './model-addresses'
import { inspectRawMessage, normaliseRawMessage } from './raw'
import type { TextFileInspection } from './text-file'
import { validateCompose } from './validate'

export interface MessageOptions {
  /** Attachments up to this many bytes in total are composed into memory (exact size). */
  bufferLimit?: number
  /** Date header; now by default. */
  date?: Date
  /** Message-ID without angle brackets; a random id on the From domain by default. */
  messageId?: string
  /** The text body from this inspected file instead of model.text (`mailwire send --body-file`). */
  textFile?: TextFileInspection
}

/**
 * Checks the model now (throws MessageInputError, before any connection is made) and
 * returns the factory the engine calls after EHLO. The model is copied: later edits in
 * the UI do not change a message being sent. Date, Message-ID and MIME boundaries are
 * fixed here, so the message is the same whenever it is composed.
 */
export function messageFactory(model: ComposeModel, options: MessageOptions = {}): MessageFactory {
  const snapshot = copyModel(model)
  const addresses = checkedAddresses(snapshot)
  if (snapshot.raw !== undefined) {
    const raw = snapshot.raw
    return (caps: Capabilities) => rawSource(raw, caps)
  }
  const fixed = fixedParts(addresses, options)
  const limit = options.bufferLimit ?? BUFFERED_ATTACHMENTS_LIMIT
  const textFile = options.textFile
  if (textFile && textFile.problems.length > 0) throw new MessageInputError(textFile.problems)
  const textFileStreams = textFile !== undefined && textFile.size > BUFFERED_TEXT_FILE_LIMIT
  return async (caps: Capabilities) => {
    const { planMessage } = await loadComposer()
    const plan = await planMessage(snapshot, addresses, caps, fixed, textFile)
    return plan.attachmentBytes <= limit && !textFileStreams ? bufferedSource(plan) : streamedSource(plan)
  }
}

/**
 * compose.ts and the MIME library under it (nodemailer's MailComposer, about 50 ms of CPU to
 * load, more than the rest of a small send) are loaded when a message is first composed:
 * a raw message, a --data-file send, a probe and the CLI's start never pay for them.
 */
export function loadComposer(): Promise<typeof import('./compose')> {
  return import('./compose')
}

/** RFC 5322 §3.6.4 msg-id without its brackets: printable ASCII, one '@', no '<' or '>'. */
const MESSAGE_ID = /^[\x21-\x3b=?\x41-\x7e]+@[\x21-\x3b=?\x41-\x7e]+$/

export function checkedAddresses(model: ComposeModel): ModelAddresses {
  const errors = validateCompose(model)
  const { addresses } = readModelAddresses(model)
  if (errors.length > 0 || !addresses) throw new MessageInputError(errors)
  return addresses
}

export function fixedParts(addresses: ModelAddresses, options: MessageOptions): FixedParts {
  const messageId = options.messageId?.replace(/^<|>$/g, '')
  if (messageId !== undefined && !MESSAGE_ID.test(messageId)) {
    throw new MessageInputError({ field: 'messageId', message: 'is not id-left@id-right in printable ASCII (RFC 5322 §3.6.4)' })
  }
  return newFixedParts(addresses.from.mailbox.domain.ascii, options.date, messageId)
}

/** Sent as typed, like telnet: UTF-8 headers ask for SMTPUTF8 only when it is offered. */
function rawSource(raw: string, caps: Capabilities): MessageSource {
  const bytes = normaliseRawMessage(raw)
  const { eightBit, utf8Headers } = inspectRawMessage(raw)
  return { open: () => chunks(bytes), size: bytes.length, eightBit, smtpUtf8: utf8Headers && caps.smtpUtf8 }
}

async function bufferedSource(plan: ComposePlan): Promise<MessageSource> {
  const bytes = await plan.build()
  return { open: () => chunks(bytes), size: bytes.length, eightBit: plan.eightBit, binary: plan.binary, smtpUtf8: plan.smtpUtf8 }
}

/** Above the buffer limit: composed afresh from disk on every open(), size unknown. */
function streamedSource(plan: ComposePlan): MessageSource {
  return { open: () => plan.stream(), eightBit: plan.eightBit, binary: plan.binary, smtpUtf8: plan.smtpUtf8 }
}

async function* chunks(bytes: Buffer): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += SOURCE_CHUNK_BYTES) {
    yield bytes.subarray(offset, offset + SOURCE_CHUNK_BYTES)
  }
}

function copyModel(model: ComposeModel): ComposeModel {
  return {
    ...model,
    to: [...(model.to ?? [])],
    cc: [...(model.cc ?? [])],
    bcc: [...(model.bcc ?? [])],
    attachments: (model.attachments ?? []).map((a) => ({ ...a })),
    headers: (model.headers ?? []).map((h) => ({ ...h })),
  }
}
