// Terminal colour for the human transcript. Colour is decided once per run from where the
// output goes, never per line: a transcript piped to a file or a pager stays plain text.

export interface ColorEnvironment {
  /** Whether the stream the transcript goes to is a terminal. */
  isTTY: boolean
  env: Record<string, string | undefined>
}

/**
 * Colour on a terminal unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it
 * on (or off with 0/false), and wins over NO_COLOR the way Node's own tools do.
 */
export function shouldUseColor({ isTTY, env }: ColorEnvironment): boolean {
  const force = env['FORCE_COLOR']
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  if (env['NO_COLOR']) return false
  return isTTY
}

type Paint = (text: string) => string

export interface Palette {
  enabled: boolean
  dim: Paint
  bold: Paint
  red: Paint
  green: Paint
  yellow: Paint
  blue: Paint
  magenta: Paint
  cyan: Paint
}

// SGR pairs: each closes only what it opened, so nested paints keep the outer style.
const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`

const identity: Paint = (text) => text

const colored: Palette = {
  enabled: true,
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  magenta: sgr(35, 39),
  cyan: sgr(36, 39),
}

const plain: Palette = {
  enabled: false,
  dim: identity,
  bold: identity,
  red: identity,
  green: identity,
  yellow: identity,
  blue: identity,
  magenta: identity,
  cyan: identity,
}

export function palette(color: boolean | undefined): Palette {
  return color ? colored : plain
}

/** The colour of a reply by its class: 2xx fine, 3xx waiting for more, 4xx try later, 5xx no. */
export function paintForCode(colors: Palette, code: number | undefined): Paint {
  if (code === undefined) return identity
  if (code >= 500) return colors.red
  if (code >= 400) return colors.yellow
  if (code >= 300) return colors.cyan
  if (code >= 200) return colors.green
  return identity
}
