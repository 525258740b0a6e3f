#!/usr/bin/env node
// A packaging dry run that needs no Electron download: electron-builder packs the app
// (`--linux dir`, the asar) around a stand-in Electron distribution (electronDist: a fake
// `electron` executable and the files electron-builder copies), with the fuses off because
// there is no real binary to flip them in. Then it checks what a user's install would hold.
// `npm run package:check` (after `npm run build`). Offline: npmRebuild is off, the Linux
// `dir` target needs no tool download, and the fuses step is skipped.
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(ROOT, 'package.json'))
const { Arch, Platform, build } = require('electron-builder')
const asar = require('@electron/asar')

const failures = []
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failures.push(what)
}

/** What electron-builder copies from an unpacked Electron for Linux: the binary and resources/. */
async function standInElectron(dir) {
  await mkdir(join(dir, 'resources'), { recursive: true })
  await mkdir(join(dir, 'locales'), { recursive: true })
  await writeFile(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron for the packaging dry run: not runnable" >&2\nexit 1\n')
  await chmod(join(dir, 'electron'), 0o755)
  await writeFile(join(dir, 'locales', 'en-US.pak'), '')
  await writeFile(join(dir, 'LICENSE'), 'stand-in\n')
  await writeFile(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n')
}

/** Every require() of a CommonJS bundle that names a package (not a relative file, not Node's). */
function packageRequires(source) {
  const names = new Set()
  for (const [, id] of source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
    if (id.startsWith('.') || id.startsWith('node:') || builtinModules.includes(id) || id === 'electron') continue
    names.add(id)
  }
  return [...names]
}

/** A CommonJS target of package.json "exports": the require, node or default condition. */
function requireTarget(value) {
  if (typeof value === 'string') return value
  if (!value || typeof value !== 'object') return undefined
  for (const condition of ['require', 'node', 'default']) {
    const target = requireTarget(value[condition])
    if (target) return target
  }
  return undefined
}

/**
 * Node's require() resolution of a package id inside the asar (from out/main, so the top
 * node_modules): "exports" when the package has them, else main or the path with .js or
 * /index.js. The file it lands on must be packed.
 */
function resolvesInAsar(files, readJson, id) {
  const parts = id.split('/')
  const pkgName = id.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
  const subpath = id.slice(pkgName.length)
  const base = `/node_modules/${pkgName}`
  if (!files.has(`${base}/package.json`)) return false
  const manifest = readJson(`node_modules/${pkgName}/package.json`)
  const candidates = []
  if (manifest.exports !== undefined) {
    const exported = typeof manifest.exports === 'string' || !Object.keys(manifest.exports).some((key) => key.startsWith('.'))
      ? { '.': manifest.exports }
      : manifest.exports
    const target = requireTarget(exported[`.${subpath}`])
    if (!target) return false
    candidates.push(posix.join(base, target))
  } else {
    const entry = subpath ? `.${subpath}` : (manifest.main ?? 'index.js')
    const path = posix.join(base, entry)
    candidates.push(path, `${path}.js`, `${path}/index.js`)
  }
  return candidates.some((candidate) => files.has(candidate))
}

async function main() {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) throw new Error('out/ is missing: run `npm run build` first')
  const work = await mkdtemp(join(tmpdir(), 'mailwire-package-check-'))
  try {
    const electronDist = join(work, 'electron-dist')
    await standInElectron(electronDist)
    const output = join(work, 'dist')
    let linux = { desktop: '', icons: [] }
    await build({
      projectDir: ROOT,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: {
        electronDist,
        directories: { output, buildResources: 'build' },
        // The fuses live in the real binary; the stand-in has none. The release build flips them.
        electronFuses: null,
        // The deb and AppImage targets (which need tools we cannot download) write the desktop
        // entry and icons with this helper, from the same configuration: ask it directly.
        afterPack: async (context) => {
          const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper')
          const helper = new LinuxTargetHelper(context.packager)
          const exec = `"/opt/${context.packager.appInfo.productFilename}/${context.packager.executableName}" %U`
          linux = { desktop: await helper.computeDesktopEntry(context.packager.platformSpecificBuildOptions, exec), icons: await helper.icons }
        },
      },
    })
    const appDir = join(output, 'linux-unpacked')
    const asarPath = join(appDir, 'resources', 'app.asar')
    check(existsSync(asarPath), 'resources/app.asar exists')
    check(existsSync(join(appDir, 'mailwire-app')), 'the executable is named mailwire-app (not the CLI\'s mailwire)')
    const files = new Set(asar.listPackage(asarPath, { isPack: false }).map((file) => file.split('\\').join('/')))
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))
    const readPacked = (path) => JSON.parse(asar.extractFile(asarPath, path).toString('utf8'))
    const packedPkg = readPacked('package.json')

    check(files.has('/package.json'), 'package.json is in the asar')
    check(packedPkg.main === 'out/main/index.js', 'its main is out/main/index.js')
    check(!('devDependencies' in packedPkg) && !('scripts' in packedPkg), 'its devDependencies and scripts are stripped')
    for (const file of ['/out/main/index.js', '/out/main/cli.js', '/out/preload/index.js', '/out/renderer/index.html', '/build/icon.png']) {
      check(files.has(file), `${file} is in the asar`)
    }
    const strays = [...files].filter((file) => /^\/(main|preload|renderer\/src|test|bench|scripts|node_modules\/\.bin)\//.test(file) || /\.(ts|tsx|map)$/.test(file) && !file.startsWith('/node_modules/'))
    check(strays.length === 0, `no sources, tests or maps${strays.length ? `: ${strays.slice(0, 5).join(', ')}` : ''}`)
    const packedTop = new Set([...files].filter((file) => /^\/node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(file)).map((file) => file.slice('/node_modules/'.length, -'/package.json'.length)))
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => packedTop.has(name))
    check(devOnly.length === 0, `no devDependencies in the asar${devOnly.length ? `: ${devOnly.join(', ')}` : ''}`)
    // Nor anything only they need: every packed package is reached from "dependencies".
    const manifestOf = (name) => JSON.parse(asar.extractFile(asarPath, posix.join('node_modules', name, 'package.json')).toString('utf8'))
    const reached = new Set()
    const visit = (name) => {
      if (reached.has(name) || !packedTop.has(name)) return
      reached.add(name)
      const manifest = manifestOf(name)
      for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dep)
    }
    Object.keys(pkg.dependencies).forEach(visit)
    const unreached = [...packedTop].filter((name) => !reached.has(name))
    check(unreached.length === 0, `every packed package is a runtime dependency or one of theirs${unreached.length ? `; not: ${unreached.join(', ')}` : ''}`)
    for (const name of Object.keys(pkg.dependencies)) check(packedTop.has(name), `runtime dependency ${name} is in the asar`)

    const bundles = [...files].filter((file) => /^\/out\/main\/.*\.js$/.test(file)).map((file) => file.slice(1))
    check(bundles.includes('out/main/index.js') && bundles.includes('out/main/cli.js'), `main bundles: ${bundles.join(', ')}`)
    for (const bundle of bundles) {
      const source = asar.extractFile(asarPath, bundle).toString('utf8')
      const ids = packageRequires(source)
      const missing = ids.filter((id) => !resolvesInAsar(files, readPacked, id))
      check(missing.length === 0, `every require of ${bundle} resolves inside the asar (${ids.join(', ')})${missing.length ? `; missing: ${missing.join(', ')}` : ''}`)
      const undeclared = ids.map((id) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0])).filter((name) => !(name in pkg.dependencies))
      check(undeclared.length === 0, `${bundle} requires only declared dependencies${undeclared.length ? `: ${undeclared.join(', ')}` : ''}`)
    }
    // Each runtime dependency's own dependencies must be packed too.
    const nested = []
    for (const name of packedTop) {
      const manifest = JSON.parse(asar.extractFile(asarPath, posix.join('node_modules', name, 'package.json')).toString('utf8'))
      for (const dep of Object.keys(manifest.dependencies ?? {})) {
        if (!packedTop.has(dep) && !files.has(`/node_modules/${name}/node_modules/${dep}/package.json`)) nested.push(`${name} → ${dep}`)
      }
    }
    check(nested.length === 0, `every packed package's dependencies are packed${nested.length ? `: ${nested.join(', ')}` : ''}`)

    const icons = existsSync(join(appDir, 'resources')) ? await readdir(join(appDir, 'resources')) : []
    check(!icons.includes('default_app.asar'), 'no default_app.asar')
    const linuxIcons = await readdir(join(ROOT, 'build', 'icons'))
    check(['16x16.png', '32x32.png', '48x48.png', '256x256.png', '512x512.png'].every((icon) => linuxIcons.includes(icon)), 'build/icons has the Linux sizes')
    check(existsSync(join(ROOT, 'build', 'icon.icns')) && existsSync(join(ROOT, 'build', 'icon.ico')), 'build/icon.icns and build/icon.ico exist (macOS, Windows)')
    const { desktop, icons: packedIcons } = linux
    check(/^Name=Mailwire$/m.test(desktop), 'the desktop entry is named Mailwire')
    check(/^Exec=.*mailwire-app/m.test(desktop), 'the desktop entry runs mailwire-app')
    check(/^Icon=\S+$/m.test(desktop), 'the desktop entry names an icon')
    check(/^StartupWMClass=Mailwire$/m.test(desktop) && /^Categories=Development;$/m.test(desktop), 'StartupWMClass and category as configured')
    const iconSizes = packedIcons.map((icon) => icon.size)
    check(packedIcons.every((icon) => icon.file.startsWith(join(ROOT, 'build', 'icons'))) && [16, 32, 48, 256, 512].every((size) => iconSizes.includes(size)), `the packages' icons are ours from build/icons (${iconSizes.join(', ')})`)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  if (failures.length) {
    console.error(`package check: ${failures.length} failed`)
    process.exit(1)
  }
  console.log('package check: all passed')
}

await main()
