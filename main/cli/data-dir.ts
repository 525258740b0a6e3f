// The CLI's per-user folders: where `mailwire inbox` keeps its messages by default (named
// after the CLI so it never mixes with the desktop app's own inbox, which lives under the
// app's userData folder), and where the CLI caches compiled code.
import { homedir } from 'node:os'
import { posix, win32 } from 'node:path'

type Env = Record<string, string | undefined>

/**
 * Linux and others: $XDG_DATA_HOME/mailwire/inbox-cli (XDG Base Directory spec: only an
 * absolute $XDG_DATA_HOME counts, else ~/.local/share). macOS: ~/Library/Application
 * Support/Mailwire/inbox-cli. Windows: %APPDATA%\Mailwire\inbox-cli.
 */
export function defaultInboxDataDir(env: Env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env['APPDATA'] || win32.join(home, 'AppData', 'Roaming'), 'Mailwire', 'inbox-cli')
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Mailwire', 'inbox-cli')
  return posix.join(xdgFolder(env['XDG_DATA_HOME'], home, '.local/share'), 'mailwire', 'inbox-cli')
}

/**
 * Linux and others: $XDG_CACHE_HOME/mailwire/code (else ~/.cache). macOS:
 * ~/Library/Caches/Mailwire/code. Windows: %LOCALAPPDATA%\Mailwire\Cache\code (a cache is
 * not for the roaming profile).
 */
export function codeCacheDir(env: Env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env['LOCALAPPDATA'] || win32.join(home, 'AppData', 'Local'), 'Mailwire', 'Cache', 'code')
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'Mailwire', 'code')
  return posix.join(xdgFolder(env['XDG_CACHE_HOME'], home, '.cache'), 'mailwire', 'code')
}

/** An XDG base folder: only an absolute value counts (the spec), else the default under home. */
function xdgFolder(value: string | undefined, home: string, fallback: string): string {
  return value && posix.isAbsolute(value) ? value : posix.join(home, fallback)
}
