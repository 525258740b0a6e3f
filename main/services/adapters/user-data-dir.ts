// Where the app keeps its files: Electron's per-user data folder (~/.config/Mailwire,
// ~/Library/Application Support/Mailwire, %APPDATA%\Mailwire).
import { app } from 'electron'

export function userDataDir(): string {
  return app.getPath('userData')
}
