const UNITS = ['bytes', 'kB', 'MB', 'GB']

/** A byte count for people: "812 bytes", "1.4 MB" (powers of 1000, like file managers). */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`
}

/** "1 message", "3 messages": a count with its noun (nouns that take an s). */
export function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`
}
