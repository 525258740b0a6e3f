// The pure parts of the Electron shell: window state, menu, CSP and external links.
import { readFileSync } from 'node:fs'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import type { AppCommand } from '../../preload/contract'
import { APP_INDEX_URL, APP_ORIGIN, appProtocolHandler, resolveAppFile } from '../../main/app-protocol'
import { contentSecurityPolicy } from '../../main/csp'
import { isSafeExternalUrl } from '../../main/external-links'
import { HELP_LINKS, menuTemplate } from '../../main/menu-template'
import { createSenderPolicy } from '../../main/ipc/sender-policy'
import { permissionAllowed } from '../../main/permissions'
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from '../../main/window-state'
import { useTempDirs } from './support/temp-dir'

const tempDir = useTempDirs()

describe('window state', () => {
  it('round-trips through an atomic JSON file', async () => {
    const file = join(await tempDir(), 'window-state.json')
    expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE)
    await saveWindowState(file, { x: 100, y: 50, width: 1400, height: 900, maximized: true })
    expect(await loadWindowState(file)).toEqual({ x: 100, y: 50, width: 1400, height: 900, maximized: true })
  })

  it('falls back to the default for nonsense, and enforces the minimum size', async () => {
    const file = join(await tempDir(), 'window-state.json')
    await writeFile(file, '{"width": "wide"}')
    expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE)
    await writeFile(file, '{"width": 10, "height": 10, "x": 5}')
    expect(await loadWindowState(file)).toEqual({ width: 900, height: 560, maximized: false })
  })

  it('keeps a position that is on screen, and drops one on a display that is gone', () => {
    const laptop = { x: 0, y: 0, width: 1440, height: 900 }
    const external = { x: 1440, y: 0, width: 2560, height: 1440 }
    const onExternal = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false }
    expect(fitToDisplays(onExternal, [laptop, external])).toEqual(onExternal)
    expect(fitToDisplays(onExternal, [laptop])).toEqual({ width: 1440, height: 900, maximized: false })
    // Only the very edge on screen: not enough to grab the title bar.
    expect(fitToDisplays({ x: 1420, y: 0, width: 1000, height: 800, maximized: false }, [laptop])).toEqual({
      width: 1000,
      height: 800,
      maximized: false,
    })
  })
})

describe('the application menu', () => {
  const build = (platform: NodeJS.Platform, isPackaged = true) => {
    const commands: AppCommand[] = []
    const opened: string[] = []
    const template = menuTemplate(
      { platform, appName: 'Mailwire', isPackaged },
      { command: (c) => commands.push(c), openExternal: (url) => opened.push(url) },
    )
    return { template, commands, opened }
  }
  const items = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[]
  const click = (item: MenuItemConstructorOptions | undefined) =>
    (item?.click as unknown as () => void)()

  it('has the usual menus on each platform', () => {
    expect(build('darwin').template.map((menu) => menu.label ?? menu.role)).toEqual(['Mailwire', 'File', 'editMenu', 'View', 'windowMenu', 'help'])
    expect(build('win32').template.map((menu) => menu.label ?? menu.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help'])
  })

  it('sends File commands to the page, with Send on Ctrl/Cmd+Enter', () => {
    const { template, commands } = build('linux')
    const file = items(template.find((menu) => menu.label === 'File')!)
    const send = file.find((item) => item.label === 'Send')
    expect(send?.accelerator).toBe('CmdOrCtrl+Enter')
    click(send)
    click(file.find((item) => item.label === 'New Message'))
    click(file.find((item) => item.label === 'Cancel Send'))
    expect(commands).toEqual(['send', 'new-message', 'cancel'])
    expect(file.at(-1)?.role).toBe('quit')
  })

  it('offers developer tools only to developers, and opens help links externally', () => {
    const view = (packaged: boolean) => items(build('linux', packaged).template.find((menu) => menu.label === 'View')!)
    expect(view(true).some((item) => item.role === 'toggleDevTools')).toBe(false)
    expect(view(false).some((item) => item.role === 'toggleDevTools')).toBe(true)
    const { template, opened } = build('linux')
    for (const item of items(template.find((menu) => menu.role === 'help')!).filter((i) => i.click)) click(item)
    expect(opened).toEqual(HELP_LINKS.map((link) => link.url))
    expect(opened.every(isSafeExternalUrl)).toBe(true)
  })
})

describe('the content security policy', () => {
  it('allows only our own scripts when packaged, and inline styles for the HTML preview frame', () => {
    const csp = contentSecurityPolicy()
    expect(csp).toContain("script-src 'self';")
    // The local inbox's srcdoc preview inherits this policy; received mail is styled inline.
    expect(csp).toContain("style-src 'self' 'unsafe-inline';")
    expect(csp).toContain("img-src 'self' data:;")
    expect(csp).toContain("connect-src 'self';")
    expect(csp).toContain("object-src 'none'")
    expect(csp.replace("style-src 'self' 'unsafe-inline';", '')).not.toContain('unsafe')
  })

  it('is matched by the page\'s own <meta> policy, whose comment says what both allow', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1]!
    // A page is held to both policies, so each directive must allow the same in each (what
    // one adds the other takes away). frame-ancestors is the header's alone: a <meta> policy
    // may not carry it (CSP 3, section 6.4.2).
    const directives = (policy: string) =>
      Object.fromEntries(
        policy
          .split(';')
          .map((part) => part.trim().split(/\s+/))
          .filter((words) => words[0])
          .map(([name, ...sources]) => [name!, sources.sort()]),
      )
    const { 'frame-ancestors': frameAncestors, ...header } = directives(contentSecurityPolicy())
    expect(frameAncestors).toEqual(["'none'"])
    expect(directives(meta)).toEqual(header)
    const comment = html.slice(0, html.indexOf('<meta\n')).split('<!--').pop()!
    expect(comment).not.toMatch(/no inline styles/)
    expect(comment).toMatch(/inline styles/)
  })

  it('lets the dev server inject styles and its preamble, and reach its own WebSocket only', () => {
    const csp = contentSecurityPolicy('http://localhost:5173/')
    expect(csp).toContain("connect-src 'self' ws://localhost:5173")
    expect(csp).toContain("script-src 'self' 'unsafe-inline'")
    expect(csp).not.toContain('unsafe-eval')
  })
})

describe('external links', () => {
  it.each(['https://www.rfc-editor.org/rfc/rfc5321', 'mailto:postmaster@example.com'])('opens %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true)
  })
  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'https://user:pass@example.com/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false)
  })
})

describe('web permissions', () => {
  const policy = createSenderPolicy({ appOrigin: APP_ORIGIN })
  const page = { url: APP_INDEX_URL, isMainFrame: true }

  it('lets our own page write to the clipboard (navigator.clipboard.writeText), nothing more', () => {
    expect(permissionAllowed('clipboard-sanitized-write', page, policy)).toBe(true)
    for (const permission of ['clipboard-read', 'notifications', 'media', 'openExternal', 'fullscreen', 'unknown']) {
      expect(permissionAllowed(permission, page, policy), permission).toBe(false)
    }
  })

  it('refuses the clipboard to a subframe (the HTML preview) and to any other page', () => {
    expect(permissionAllowed('clipboard-sanitized-write', { url: 'about:srcdoc', isMainFrame: false }, policy)).toBe(false)
    expect(permissionAllowed('clipboard-sanitized-write', { ...page, isMainFrame: false }, policy)).toBe(false)
    expect(permissionAllowed('clipboard-sanitized-write', { url: 'https://mailwire.invalid/', isMainFrame: true }, policy)).toBe(false)
    expect(permissionAllowed('clipboard-sanitized-write', { url: 'file:///tmp/index.html', isMainFrame: true }, policy)).toBe(false)
  })
})

describe('the app:// page (out/renderer, nothing else)', () => {
  /** out/renderer with a page and a script, a secret beside it, and links that lead out. */
  async function renderer() {
    const base = await tempDir()
    const root = join(base, 'renderer')
    await mkdir(join(root, 'assets'), { recursive: true })
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Mailwire</title>')
    await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
    await writeFile(join(base, 'secret.txt'), 'id_rsa')
    await mkdir(join(base, 'outside'))
    await writeFile(join(base, 'outside', 'x.js'), 'evil')
    await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
    await symlink(join(base, 'outside'), join(root, 'linked-dir'))
    await symlink(join(root, 'assets', 'index-abc.js'), join(root, 'inside-link.js'))
    return { base, root }
  }

  it('serves the page and its files, / as index.html', async () => {
    const { root } = await renderer()
    expect(await resolveAppFile(root, APP_INDEX_URL)).toBe(join(root, 'index.html'))
    expect(await resolveAppFile(root, 'app://mailwire/')).toBe(join(root, 'index.html'))
    expect(await resolveAppFile(root, 'app://mailwire')).toBe(join(root, 'index.html'))
    expect(await resolveAppFile(root, 'app://mailwire/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'))
    // A link that stays inside is followed, to its real path.
    expect(await resolveAppFile(root, 'app://mailwire/inside-link.js')).toBe(join(root, 'assets', 'index-abc.js'))
  })

  it.each([
    'app://mailwire/../secret.txt',
    'app://mailwire/assets/../../secret.txt',
    'app://mailwire/%2e%2e/secret.txt',
    'app://mailwire/%2E%2E/secret.txt',
    'app://mailwire/..%2fsecret.txt',
    'app://mailwire/..%2Fsecret.txt',
    'app://mailwire/assets/..%5c..%5csecret.txt',
    'app://mailwire/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://mailwire/%2Fetc%2Fpasswd',
    'app://mailwire//etc/passwd',
    'app://mailwire/index.html%00.js',
    'app://mailwire/%E0%A4%A',
    'app://mailwire/assets/link.txt',
    'app://mailwire/linked-dir/x.js',
    'app://mailwire/assets',
    'app://mailwire/assets/',
    'app://mailwire/missing.js',
    'app://evil/index.html',
    'app://mailwire:8080/index.html',
    'app://user@mailwire/index.html',
    'file:///etc/passwd',
    'https://mailwire/index.html',
  ])('refuses %s', async (url) => {
    const { root } = await renderer()
    expect(await resolveAppFile(root, url)).toBeUndefined()
  })

  it('refuses an absolute path given as the URL path, even one inside the folder', async () => {
    const { root } = await renderer()
    expect(await resolveAppFile(root, `app://mailwire/${encodeURIComponent(join(root, 'index.html'))}`)).toBeUndefined()
    expect(await resolveAppFile(root, `app://mailwire${join(root, 'index.html')}`)).toBeUndefined()
  })

  it('answers with the file, its type and our CSP; 404 for anything refused, 405 for a POST', async () => {
    const { root } = await renderer()
    const handle = appProtocolHandler(root, contentSecurityPolicy())
    const page = await handle(new Request(APP_INDEX_URL))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy())
    expect(await page.text()).toContain('<title>Mailwire</title>')
    const script = await handle(new Request('app://mailwire/assets/index-abc.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await handle(new Request('app://mailwire/%2e%2e/secret.txt'))).status).toBe(404)
    expect((await handle(new Request('app://mailwire/assets/link.txt'))).status).toBe(404)
    expect((await handle(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }))).status).toBe(405)
  })
})
