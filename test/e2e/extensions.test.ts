// Issue 14 in the UI, end to end: the built renderer in Chromium with the real preload,
// IPC handlers, services and engine behind it. A BDAT session (chunking forced, to a
// scripted server that offers CHUNKING), an attachment sent unencoded with BINARYMIME, an LMTP session with one reply per recipient (an
// in-process smtp-server in LMTP mode), and a session stopped after RCPT; screenshots of
// each in both themes.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ProfileInput } from '../../preload/contract'
import { startSmtpServer, type TestServer } from '../smtp/support/smtp-server'
import { startBdatServer, type BdatServer } from '../support/bdat-server'
import { startApp, type RunningApp } from './support/harness'
import { readLog } from './support/read-log'

let app: RunningApp | undefined
let servers: Array<BdatServer | TestServer> = []
afterEach(async () => {
  await app?.close()
  app = undefined
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

const plainProfile = (name: string, port: number, overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name,
  host: '127.0.0.1',
  port,
  security: 'none',
  username: '',
  clientName: 'client.mailwire.test',
  allowInvalidCertificate: false,
  allowPlaintextAuth: false,
  caPem: '',
  ...overrides,
})

async function compose(page: Page, to: string[], subject: string, text: string) {
  await page.getByTestId('from-input').fill('Mailwire E2E <e2e@mailwire.test>')
  await page.getByTestId('to-input').fill(`${to.join(', ')},`)
  await page.getByTestId('subject-input').fill(subject)
  await page.getByTestId('body-input').fill(text)
}

async function bothThemes(running: RunningApp, name: string) {
  await running.page.emulateMedia({ colorScheme: 'light' })
  await running.screenshot(`${name}-light`)
  await running.page.emulateMedia({ colorScheme: 'dark' })
  await running.screenshot(`${name}-dark`)
  await running.page.emulateMedia({ colorScheme: 'light' })
}

describe('SMTP extensions from the Send view', () => {
  it('sends with BDAT chunks when chunking is forced: each chunk in the log, the message byte-exact, no dot-stuffing', async () => {
    const bdat = await startBdatServer()
    servers.push(bdat)
    app = await startApp({ profiles: [plainProfile('Scripted BDAT', bdat.port)] })
    const { page } = app
    // Lines that start with a dot: DATA would double them, BDAT sends them as they are.
    const lines = Array.from({ length: 60 }, (_, index) => (index % 10 === 0 ? `.line ${index} starts with a dot` : `line ${index} of the chunked body`))
    await compose(page, ['bob@mailwire.test'], 'Chunked with BDAT', `${lines.join('\n')}\n`)

    await page.getByTestId('advanced-section-toggle').click()
    await page.getByTestId('advanced-chunking-force').check()
    await page.getByTestId('advanced-chunk-size').fill('1000')
    await page.getByTestId('advanced-section-toggle').click()
    expect(await page.getByTestId('advanced-section-summary').textContent()).toBe('BDAT always, 1000 bytes chunks')
    await page.getByTestId('send-button').click()

    const status = page.getByTestId('result-status')
    await status.waitFor()
    expect(await status.getAttribute('data-status')).toBe('sent')
    expect(await page.getByTestId('queue-id').textContent()).toBe('BDAT1')

    const chunks = bdat.commands.filter((line) => line.startsWith('BDAT'))
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.slice(0, -1).every((line) => line === 'BDAT 1000')).toBe(true)
    expect(chunks.at(-1)).toMatch(/^BDAT \d+ LAST$/)
    expect(bdat.commands).not.toContain('DATA')
    const received = bdat.messages[0]!.toString('utf8')
    expect(received).toContain('\r\n.line 10 starts with a dot\r\n')
    expect(received).not.toContain('..line')

    const log = await readLog(page)
    expect(log.filter((row) => row.kind === 'client' && row.text.startsWith('BDAT')).map((row) => row.text)).toEqual(chunks)
    await bothThemes(app, 'bdat-session')
    expect(app.consoleErrors).toEqual([])
  })

  it('sends an attachment unencoded with BODY=BINARYMIME when the server offers it and BDAT is on', async () => {
    const bdat = await startBdatServer({ binaryMime: true })
    servers.push(bdat)
    app = await startApp({ profiles: [plainProfile('Scripted BINARYMIME', bdat.port)] })
    const { page } = app
    // NUL, bare CR and LF, a dot at a line start and 8-bit octets: what base64 would protect.
    const blob = Buffer.concat([Buffer.from('\0\r.\n.dot\r\n\xff', 'latin1'), Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 13) % 256))])
    const path = join(app.dataDir, 'blob.bin')
    await writeFile(path, blob)
    await compose(page, ['bob@mailwire.test'], 'Binary attachment', 'The attachment goes as it is.\n')
    app.dialogs.openAnswers.push([path])
    await page.getByTestId('attach-button').click()
    await page.getByTestId('attachment').filter({ hasText: 'blob.bin' }).waitFor()
    await page.getByTestId('advanced-section-toggle').click()
    await page.getByTestId('advanced-chunking-auto').check()
    await page.getByTestId('advanced-section-toggle').click()
    await page.getByTestId('send-button').click()

    const status = page.getByTestId('result-status')
    await status.waitFor()
    expect(await status.getAttribute('data-status')).toBe('sent')
    expect(bdat.commands).toContain('MAIL FROM:<e2e@mailwire.test> BODY=BINARYMIME')
    const received = bdat.messages[0]!
    expect(received.includes(blob)).toBe(true)
    expect((await simpleParser(received)).attachments[0]?.content).toEqual(blob)
    const log = await readLog(page)
    expect(log.some((row) => row.kind === 'client' && row.text === 'MAIL FROM:<e2e@mailwire.test> BODY=BINARYMIME')).toBe(true)
    await bothThemes(app, 'binarymime-session')
    expect(app.consoleErrors).toEqual([])
  })

  it('speaks LMTP from the profile and shows each recipient’s own delivery reply', async () => {
    const lmtp = await startSmtpServer({
      lmtp: true,
      onData(stream, _session, callback) {
        stream.resume()
        stream.on('end', () =>
          callback(null, ['2.0.0 <bob@mailwire.test> delivered to INBOX', Object.assign(new Error('5.2.2 <carol@mailwire.test> Mailbox is full'), { responseCode: 552 })] as unknown as string),
        )
      },
    })
    servers.push(lmtp)
    app = await startApp({ profiles: [plainProfile('Delivery agent (LMTP)', lmtp.port, { protocol: 'lmtp' })] })
    const { page } = app
    await compose(page, ['bob@mailwire.test', 'carol@mailwire.test'], 'Over LMTP', 'One delivered, one not.\n')
    await page.getByTestId('send-button').click()

    const status = page.getByTestId('result-status')
    await status.waitFor()
    expect(await status.getAttribute('data-status')).toBe('partial')
    const rows = page.getByTestId('recipient-result')
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-accepted')))).toEqual(['true', 'false'])
    expect(await page.getByTestId('recipient-delivery').allTextContents()).toEqual([
      '250 2.0.0 <bob@mailwire.test> delivered to INBOX',
      '552 5.2.2 <carol@mailwire.test> Mailbox is full',
    ])
    expect(await rows.nth(1).textContent()).toContain('✗ not delivered')
    expect(await page.getByTestId('status-sentence').textContent()).toBe('Delivered to 1 of 2 recipients; the others were not.')

    const log = await readLog(page)
    expect(log.find((row) => row.kind === 'client')?.text).toBe('LHLO client.mailwire.test')
    // After the message, one reply per recipient, in RCPT order (RFC 2033 4.2).
    const replies = log.filter((row) => row.kind === 'server').map((row) => row.text)
    expect(replies.slice(-3)).toEqual(['250 2.0.0 <bob@mailwire.test> delivered to INBOX', '552 5.2.2 <carol@mailwire.test> Mailbox is full', expect.stringMatching(/^221 /)])
    await bothThemes(app, 'lmtp-result')
    expect(app.consoleErrors).toEqual([])
  })

  it('stops after RCPT with the null sender and DSN, and the log marks where the session was ended on purpose', async () => {
    const smtp = await startSmtpServer({ hideDSN: false })
    servers.push(smtp)
    app = await startApp({ profiles: [plainProfile('In-process SMTP', smtp.port)] })
    const { page } = app
    await compose(page, ['bob@mailwire.test'], 'Bounce test', 'Never sent.\n')
    await page.getByTestId('envelope-section-toggle').click()
    await page.getByTestId('envelope-sender-null').check()
    await page.getByTestId('dsn-notify-failure').check()
    await page.getByTestId('dsn-ret-hdrs').check()
    await page.getByTestId('advanced-section-toggle').click()
    await page.getByTestId('advanced-stop-quit').check()
    await page.getByTestId('advanced-step').selectOption('rcpt')
    await page.getByTestId('send-button').click()

    const status = page.getByTestId('result-status')
    await status.waitFor()
    expect(await page.getByTestId('status-pill').textContent()).toBe('Stopped')
    const log = await readLog(page)
    const clients = log.filter((row) => row.kind === 'client').map((row) => row.text)
    expect(clients).toEqual(['EHLO client.mailwire.test', 'MAIL FROM:<> RET=HDRS', 'RCPT TO:<bob@mailwire.test> NOTIFY=FAILURE', 'QUIT'])
    const stop = page.locator('[data-testid="wire-row"][data-stop="quit"]')
    expect(await stop.getByTestId('stop-badge').textContent()).toBe('■ stopped on purpose')
    expect(smtp.received).toHaveLength(0)
    await bothThemes(app, 'stopped-after-rcpt')
    expect(app.consoleErrors).toEqual([])
  })
})
