// Where `mailwire inbox` keeps its messages by default: a per-user data folder, named after
// the CLI so it never mixes with the desktop app's own inbox (which lives under the app's
// userData folder).
import { homedir } from 'node:os'
import { posix, win32 } from 'node:path'

const FOLDER = 'inbox-cli'

/**
 * Linux and others: $XDG_DATA_HOME/mailwire/inbox-cli (XDG Base Directory spec: only an
 * absolute $XDG_DATA_HOME counts, else ~/.local/share). macOS: ~/Library/Application
 * Support/Mailwire/inbox-cli. Windows: %APPDATA%\Mailwire\inbox-cli.
 */
export function defaultInboxDataDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const appData = env['APPDATA'] || win32.join(home, 'AppData', 'Roaming')
    return win32.join(appData, 'Mailwire', FOLDER)
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Mailwire', FOLDER)
  const xdg = env['XDG_DATA_HOME']
  const dataHome = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share')
  return posix.join(dataHome, 'mailwire', FOLDER)
}
