// Small UI preferences (selected server, split width) in localStorage. Nothing secret
// goes here, and a storage failure (private mode, quota) just forgets the preference.

export function readPreference(key: string): string | undefined {
  try {
    return globalThis.localStorage?.getItem(key) ?? undefined
  } catch {
    return undefined
  }
}

export function writePreference(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value)
  } catch {
    // Preferences are a convenience; losing one is harmless.
  }
}
