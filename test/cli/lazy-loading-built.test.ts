// The built `mailwire send` loads only what the send needs (issue 18, start-up): the MIME
// library when it composes a message, mailauth's signer when it signs. Each run records
// the modules the process loaded (support/record-loaded-modules.mjs), and the message that
// arrived is checked, so a part loaded later still does its work.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { dkimVerify } from 'mailauth/lib/dkim/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rsaKeyPair, tableResolver } from '../support/dkim-keys'
import { ensureBuiltCli, runBuiltCli } from './support/built-cli'
import { inProcessServer, type InProcessServer } from './support/smtp-server'
import { tempFiles, type TempFiles } from './support/temp-files'

const RECORDER = pathToFileURL(join(__dirname, 'support', 'record-loaded-modules.mjs')).href
const MAILAUTH = /node_modules\/mailauth\//
/** The MIME library is bundled into the chunk that composes (electron.vite.config.ts). */
const MIME_LIBRARY = /out\/main\/chunks\/compose-[^/]*\.js$/
/** What nodemailer's URL fetcher would load; the build leaves the fetcher out. */
const URL_FETCHING = ['node:http', 'node:https', 'node:zlib']

let server: InProcessServer
let files: TempFiles
let caPath: string
beforeAll(async () => {
  ensureBuiltCli()
  server = await inProcessServer()
  files = tempFiles()
  caPath = files.write('ca.pem', server.caPem)
})
afterAll(async () => {
  await server.stop()
  files.remove()
})

let runs = 0
/** Runs the built CLI's send; returns its exit code and the modules it loaded. */
async function send(...args: string[]): Promise<{ code: number; stderr: string; loaded: string[] }> {
  const record = files.write(`loaded-${++runs}.txt`, '')
  const run = await runBuiltCli(
    ['send', '--server', `127.0.0.1:${server.port}`, '--ca', caPath, '--from', 'ann@sender.test', '--to', 'bob@rcpt.test', ...args],
    { NODE_OPTIONS: `--import ${RECORDER}`, MAILWIRE_TEST_LOADED_MODULES: record },
  )
  return { code: run.code, stderr: run.stderr, loaded: readFileSync(record, 'utf8').split('\n') }
}

describe('the built mailwire send loads what it uses', () => {
  it('a --data-file send loads neither the MIME library nor mailauth', async () => {
    const eml = files.write('small.eml', 'From: ann@sender.test\r\nTo: bob@rcpt.test\r\nSubject: raw\r\nDate: Thu, 01 Jan 2026 00:00:00 +0000\r\n\r\nhi\r\n')
    const run = await send('--data-file', eml)
    expect(run.code, run.stderr).toBe(0)
    expect(server.messages.at(-1)!.raw).toContain('Subject: raw')
    expect(run.loaded.filter((path) => MIME_LIBRARY.test(path) || MAILAUTH.test(path))).toEqual([])
  })

  it('a composed send loads the MIME library but not mailauth', async () => {
    const run = await send('--subject', 'composed', '--body', 'hi')
    expect(run.code, run.stderr).toBe(0)
    expect(server.messages.at(-1)!.raw).toMatch(/^Subject: composed\r$/m)
    expect(run.loaded.some((path) => MIME_LIBRARY.test(path))).toBe(true)
    expect(run.loaded.filter((path) => MAILAUTH.test(path))).toEqual([])
    expect(run.loaded.filter((path) => URL_FETCHING.includes(path))).toEqual([])
    // Timings come from process.hrtime (main/smtp/monotonic-clock.ts), not perf_hooks' 2 ms.
    expect(run.loaded).not.toContain('node:perf_hooks')
  })

  it('a --dkim-* send loads the signer when it signs, and the signature verifies', async () => {
    const key = rsaKeyPair()
    const keyPath = files.write('dkim.pem', key.privateKey)
    const run = await send('--subject', 'signed', '--body', 'hi', '--dkim-domain', 'sender.test', '--dkim-selector', 's1', '--dkim-key', keyPath)
    expect(run.code, run.stderr).toBe(0)
    expect(run.loaded.some((path) => MAILAUTH.test(path))).toBe(true)
    const raw = server.messages.at(-1)!.raw
    const { results } = await dkimVerify(Buffer.from(raw), { resolver: tableResolver({ 's1._domainkey.sender.test': [key.record] }) })
    expect(results[0]?.status.result).toBe('pass')
  })
})
