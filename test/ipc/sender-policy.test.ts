import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { APP_INDEX_URL, APP_ORIGIN } from '../../main/app-protocol'
import { createSenderPolicy } from '../../main/ipc/sender-policy'

const INDEX = resolve('/opt/Mailwire/resources/app.asar/out/renderer/index.html')
const packaged = createSenderPolicy({ appOrigin: APP_ORIGIN })
const dev = createSenderPolicy({ devServerUrl: 'http://127.0.0.1:5173/', appOrigin: APP_ORIGIN })
const main = (url: string) => ({ url, isMainFrame: true })

describe('the sender check', () => {
  it('allows the main frame of the packaged page, served from app://mailwire', () => {
    expect(packaged.allows(main(APP_INDEX_URL))).toBe(true)
    expect(packaged.allows(main(`${APP_INDEX_URL}#/history`))).toBe(true)
    expect(packaged.allows(main('app://mailwire/'))).toBe(true)
  })

  it('allows the main frame of the dev server, any path on its origin', () => {
    expect(dev.allows(main('http://127.0.0.1:5173/'))).toBe(true)
    expect(dev.allows(main('http://127.0.0.1:5173/index.html?x=1'))).toBe(true)
  })

  it('refuses subframes, even of our own page', () => {
    expect(packaged.allows({ url: APP_INDEX_URL, isMainFrame: false })).toBe(false)
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
    // The packaged page was once file://; no file: page is trusted any more, not even ours.
    pathToFileURL(INDEX).href,
    'file:///tmp/index.html',
    'app://mailwire.evil/index.html',
    'app://mailwire:1/index.html',
    'app://user@mailwire/index.html',
    'app://MAILWIRE.evil/',
    'app://evil/index.html',
    'apps://mailwire/index.html',
    'https://mailwire/index.html',
    'http://127.0.0.1:5173/',
  ])('refuses %s when packaged', (url) => {
    expect(packaged.allows(main(url))).toBe(false)
  })

  it('ignores a dev server URL that is not http(s), and an app origin that is not one', () => {
    const odd = createSenderPolicy({ devServerUrl: 'file:///tmp/', appOrigin: APP_ORIGIN })
    expect(odd.allows(main('file:///tmp/index.html'))).toBe(false)
    expect(odd.allows(main(APP_INDEX_URL))).toBe(true)
    for (const appOrigin of ['file:///tmp/', 'https://mailwire', 'app://mailwire/index.html', 'app://u:p@mailwire']) {
      expect(createSenderPolicy({ appOrigin }).allows(main(APP_INDEX_URL)), appOrigin).toBe(false)
    }
  })
})
