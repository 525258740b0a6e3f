// The window's size and position, remembered between runs (JSON in the data folder,
// written atomically), and brought back on screen when a display has gone since.
import { readJsonFile, writeJsonAtomic } from './storage/atomic-file'

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  /** Absent: let the OS place the window (first run, or the saved place is off screen). */
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false }
export const MIN_WINDOW_SIZE = { width: 900, height: 560 }
/** A window counts as on screen when at least this much of its title bar area is visible. */
const MIN_VISIBLE_PX = 64

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** The saved state, or the default when there is none or it makes no sense. */
export async function loadWindowState(file: string): Promise<WindowState> {
  const read = await readJsonFile<Partial<WindowState>>(file)
  if (read.state !== 'ok' || typeof read.value !== 'object' || read.value === null) return { ...DEFAULT_WINDOW_STATE }
  const { x, y, width, height, maximized } = read.value
  if (!finite(width) || !finite(height)) return { ...DEFAULT_WINDOW_STATE }
  return {
    ...(finite(x) && finite(y) ? { x: Math.round(x), y: Math.round(y) } : {}),
    width: Math.max(MIN_WINDOW_SIZE.width, Math.round(width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.round(height)),
    maximized: maximized === true,
  }
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeJsonAtomic(file, state).then(() => undefined)
}

/**
 * Keep the saved position only if the window's top strip shows on one of today's
 * displays; otherwise let the OS place it. The size shrinks to fit the largest display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (workAreas.length === 0) return state
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b))
  const width = Math.min(state.width, largest.width)
  const height = Math.min(state.height, largest.height)
  const fitted: WindowState = { width, height, maximized: state.maximized }
  if (state.x === undefined || state.y === undefined) return fitted
  const strip = { x: state.x, y: state.y, width, height: MIN_VISIBLE_PX }
  const visible = workAreas.some((area) => overlap(strip, area).width >= MIN_VISIBLE_PX && overlap(strip, area).height > 0)
  return visible ? { ...fitted, x: state.x, y: state.y } : fitted
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  }
}
