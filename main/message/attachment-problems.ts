// Attachments checked when the user composes, before anything connects. Apart from
// attachments.ts, which prepares them with the MIME library's type table only when the
// message is composed (compose.ts is loaded on use).
import { statSync } from 'node:fs'
import type { AttachmentInput } from './types'
import { controlCharacterProblem } from './characters'

/** RFC 2045 §5.1: type "/" subtype, both tokens, then optional parameters. */
const CONTENT_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*(;.*)?$/

export function attachmentProblem(attachment: AttachmentInput): string | undefined {
  const { path, content, filename, contentType } = attachment
  if (path !== undefined && content !== undefined) return 'has both a file path and content'
  if (path === undefined && content === undefined) return 'has neither a file path nor content'
  if (path !== undefined) {
    const control = controlCharacterProblem(path)
    if (control) return `has a file path that ${control}`
    const problem = fileProblem(path)
    if (problem) return problem
  }
  if (filename !== undefined) {
    const control = controlCharacterProblem(filename)
    if (control) return `has a file name that ${control}`
    if (filename.trim() === '') return 'has an empty file name'
  }
  if (contentType !== undefined) {
    const control = controlCharacterProblem(contentType)
    if (control) return `has a content type that ${control}`
    if (!CONTENT_TYPE.test(contentType)) return `has a content type that is not type/subtype: ${contentType}`
    if (/^multipart\//i.test(contentType)) return 'cannot have a multipart/* content type'
  }
  return undefined
}

function fileProblem(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return `is not a regular file: ${path}`
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? `file not found: ${path}` : `cannot be read (${code ?? 'error'}): ${path}`
  }
  return undefined
}
