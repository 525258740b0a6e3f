// `npm start`: open the desktop app where there is a display; on a machine without one,
// say so and let the CLI do the main job.
import { spawnSync } from 'node:child_process'
import { join, relative } from 'node:path'

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
  const cliPath = join(__dirname, 'cli.js')
  const cli = spawnSync(process.execPath, [cliPath, '--help'], { stdio: 'inherit' })
  // The help says `mailwire`; until the package is installed, this is how to call it here.
  const here = `node ${relative(process.cwd(), cliPath) || cliPath}`
  process.stdout.write(
    [
      '',
      `Try it from this checkout (${here} is the mailwire command):`,
      `  ${here} probe 127.0.0.1:25`,
      `  ${here} send --server 127.0.0.1:25 --from me@example.com --to you@example.com --subject Hi --body "Hello"`,
      '',
    ].join('\n'),
  )
  process.exit(cli.status ?? 1)
}
