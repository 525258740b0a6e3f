// File names suggested in save dialogs for what came in over SMTP. A received file name is
// the sender's text: it may hold path separators, control characters or a name Windows
// refuses, so the dialog only ever gets a tame base name (the user still confirms it).

/** Long enough for any real name; file systems allow 255 bytes. */
const MAX_SUGGESTED_NAME_CHARS = 120
/** Characters no common file system takes in a name, and the ones that walk folders. */
const UNSAFE = /[\\/:*?"<>|\x00-\x1f\x7f]+/g
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i
/** Bidi overrides and zero-width characters: they make a name read as another ("exe.pdf"). */
const INVISIBLE_FORMAT = /\p{Cf}+/gu

export function safeFileName(name: string | undefined, fallback: string): string {
  let clean = (name ?? '').normalize('NFC').replace(INVISIBLE_FORMAT, '').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim()
  // Leading dots hide a file (or name the folder above); trailing dots and spaces vanish on Windows.
  clean = clean.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '')
  if (clean === '' || WINDOWS_RESERVED.test(clean)) clean = fallback
  if (clean.length <= MAX_SUGGESTED_NAME_CHARS) return clean
  const dot = clean.lastIndexOf('.')
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : ''
  return clean.slice(0, MAX_SUGGESTED_NAME_CHARS - extension.length) + extension
}
