// `npm start`: open the desktop app where there is a display. Without one, do the main job
// on the command line: send a first message to a temporary local test inbox and show both
// sides of that real SMTP session.
import { spawnSync } from 'node:child_process'
import { join, relative } from 'node:path'

const hasDisplay =
  process.platform === 'win32' ||
  process.platform === 'darwin' ||
  Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'])

if (hasDisplay) {
  const app = spawnSync('npx', ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit', shell: process.platform === 'win32' })
  process.exit(app.status ?? 1)
}

const cliPath = join(__dirname, 'cli.js')
// Until the package is installed, this is how to call `mailwire` from this checkout.
const mailwire = `node ${relative(process.cwd(), cliPath) || cliPath}`
process.stdout.write(`No display found: sending a first message with the mailwire CLI (${mailwire} send --local).\n\n`)
const body = 'Hello! This message went through a real SMTP session: greeting, EHLO, STARTTLS, MAIL, RCPT, DATA.'
const cli = spawnSync(process.execPath, [cliPath, 'send', '--local', '--subject', 'Hello from Mailwire', '--body', body], { stdio: 'inherit' })
process.stdout.write(
  `\nNext: ${mailwire} send --server HOST:PORT --from … --to …, ${mailwire} inbox (keep a test inbox running), ${mailwire} --help\n`,
)
process.exit(cli.status ?? 1)
