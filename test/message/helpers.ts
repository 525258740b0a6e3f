// Shared fixtures for the message tests: a minimal model, capabilities, and readers.
import { simpleParser, type ParsedMail } from 'mailparser'
import type { ComposeModel } from '../../main/message/types'
import type { Capabilities, MessageSource } from '../../main/smtp/types'
import { messageFactory } from '../../main/message/index'

export function model(overrides: Partial<ComposeModel> = {}): ComposeModel {
  return {
    from: 'Sender <sender@mailwire.test>',
    to: ['rcpt@mailwire.test'],
    cc: [],
    bcc: [],
    subject: 'Hello',
    text: 'Hello there.\n',
    attachments: [],
    headers: [],
    ...overrides,
  }
}

export function caps(overrides: Partial<Capabilities> = {}): Capabilities {
  return {
    raw: [],
    helo: false,
    pipelining: true,
    eightBitMime: false,
    smtpUtf8: false,
    enhancedStatusCodes: true,
    startTls: false,
    auth: [],
    dsn: false,
    chunking: false,
    ...overrides,
  }
}

export async function readSource(source: MessageSource): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const chunk of source.open()) parts.push(Buffer.from(chunk))
  return Buffer.concat(parts)
}

/** Composes `m` for a server with `c` and returns the bytes and the source. */
export async function compose(m: ComposeModel, c: Partial<Capabilities> = {}): Promise<{ bytes: Buffer; source: MessageSource }> {
  const source = await messageFactory(m)(caps(c))
  return { bytes: await readSource(source), source }
}

export async function composeAndParse(m: ComposeModel, c: Partial<Capabilities> = {}): Promise<{ bytes: Buffer; mail: ParsedMail; source: MessageSource }> {
  const { bytes, source } = await compose(m, c)
  return { bytes, source, mail: await simpleParser(bytes) }
}

/** The header section of a message as text (up to the first empty line). */
export function headerSection(bytes: Buffer): string {
  const text = bytes.toString('utf8')
  return text.slice(0, text.indexOf('\r\n\r\n'))
}

/** Unfolded header lines of the top-level header section. */
export function headerLines(bytes: Buffer): string[] {
  return headerSection(bytes).replace(/\r\n[ \t]/g, ' ').split('\r\n')
}
