// `npm start`: open the desktop app where there is a display; on a machine without one,
// say so and let the CLI do the main job.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const hasDisplay =
  process.platform === 'win32' ||
  process.platform === 'darwin' ||
  Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'])

if (hasDisplay) {
  const run = spawnSync('npx', ['electron-vite', 'preview', '--skipBuild'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  process.exit(run.status ?? 1)
} else {
  process.stdout.write('No display found: running the mailwire CLI instead.\n\n')
  const cli = spawnSync(process.execPath, [join(__dirname, 'cli.js'), '--help'], { stdio: 'inherit' })
  process.exit(cli.status ?? 1)
}
