import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createSenderPolicy } from '../../main/ipc/sender-policy'

const INDEX = resolve('/opt/Mailwire/resources/app.asar/out/renderer/index.html')
const packaged = createSenderPolicy({ rendererIndexFile: INDEX })
const dev = createSenderPolicy({ devServerUrl: 'http://127.0.0.1:5173/', rendererIndexFile: INDEX })
const main = (url: string) => ({ url, isMainFrame: true })

describe('the sender check', () => {
  it('allows the main frame of the packaged page', () => {
    expect(packaged.allows(main(pathToFileURL(INDEX).href))).toBe(true)
    expect(packaged.allows(main(`${pathToFileURL(INDEX).href}#/history`))).toBe(true)
  })

  it('allows the main frame of the dev server, any path on its origin', () => {
    expect(dev.allows(main('http://127.0.0.1:5173/'))).toBe(true)
    expect(dev.allows(main('http://127.0.0.1:5173/index.html?x=1'))).toBe(true)
  })

  it('refuses subframes, even of our own page', () => {
    expect(packaged.allows({ url: pathToFileURL(INDEX).href, isMainFrame: false })).toBe(false)
    expect(dev.allows({ url: 'http://127.0.0.1:5173/', isMainFrame: false })).toBe(false)
  })

  it.each([
    'http://127.0.0.1:5173.evil.test/',
    'http://127.0.0.1:5173@evil.test/',
    'http://user:pass@127.0.0.1:5173/',
    'http://127.0.0.1:5174/',
    'https://127.0.0.1:5173/',
    'http://localhost:5173/',
    'http://127.0.0.1.evil.test:5173/',
    'https://evil.test/',
    'file:///tmp/index.html',
    'about:blank',
    'about:srcdoc',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/index.html',
    'not a url',
    '',
  ])('refuses %s from the main frame', (url) => {
    expect(dev.allows(main(url))).toBe(false)
  })

  it.each([
    'file:///tmp/index.html',
    `file://evil.test${pathToFileURL(INDEX).pathname}`,
    pathToFileURL(join(INDEX, '..', 'other.html')).href,
    pathToFileURL(`${INDEX}.evil.html`).href,
    pathToFileURL(INDEX).href.replace(/index\.html$/, 'index%2Ehtml/x'),
    pathToFileURL(INDEX).href.replace('/out/renderer/', '/out%2Frenderer/'),
    'http://127.0.0.1:5173/',
  ])('refuses %s when packaged', (url) => {
    expect(packaged.allows(main(url))).toBe(false)
  })

  it('ignores a dev server URL that is not http(s)', () => {
    const odd = createSenderPolicy({ devServerUrl: 'file:///tmp/', rendererIndexFile: INDEX })
    expect(odd.allows(main('file:///tmp/index.html'))).toBe(false)
    expect(odd.allows(main(pathToFileURL(INDEX).href))).toBe(true)
  })
})
