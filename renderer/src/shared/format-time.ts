const pad = (value: number) => String(value).padStart(2, '0')

/**
 * A moment for lists: "16:29:38" today, "Jan 28 16:29" this year, "2025-12-31 16:29"
 * before. Local time, fixed formats (not the locale's), so columns line up.
 */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  if (date.toDateString() === now.toDateString()) return `${time}:${pad(date.getSeconds())}`
  if (date.getFullYear() === now.getFullYear()) {
    return `${date.toLocaleString('en', { month: 'short' })} ${date.getDate()} ${time}`
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`
}

/** The full local date and time, for a title or a detail line. */
export function formatFullTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}
