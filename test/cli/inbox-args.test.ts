// The pure parts of `mailwire inbox` and `send --local`: flags to arguments, fault flags to
// the inbox's presets, the per-user data folder, what counts as loopback, and --help.
import { describe, expect, it } from 'vitest'
import { parseArgs } from '../../main/cli/args'
import { defaultInboxDataDir } from '../../main/cli/data-dir'
import { describeFaults, parseFaultFlags } from '../../main/cli/fault-flags'
import { helpFor, HELP } from '../../main/cli/help'
import { isLoopback } from '../../main/cli/listen-address'

describe('send --local arguments', () => {
  it('fills in From and To, requires STARTTLS by default, and has no server or CA', () => {
    const parsed = parseArgs(['send', '--local', '--subject', 'hi'])
    expect(parsed).toMatchObject({
      command: 'send-local',
      args: { from: 'you@mailwire.test', to: ['inbox@mailwire.test'], tls: 'starttls', subject: 'hi', faults: {}, json: false },
    })
    expect(parsed.command === 'send-local' && 'server' in parsed.args).toBe(false)
  })

  it('keeps the addresses, TLS mode and faults it is given', () => {
    const parsed = parseArgs([
      'send', '--local', '--from', 'Me <me@x.test>', '--to', 'a@x.test', '--to', 'b@x.test', '--tls', 'none',
      '--fault', 'refuse-recipient=b*', '--fault', 'slow-replies=25', '--json',
    ])
    expect(parsed).toMatchObject({
      command: 'send-local',
      args: { from: 'Me <me@x.test>', to: ['a@x.test', 'b@x.test'], tls: 'none', faults: { refuseRecipient: 'b*', slowReplies: 25 }, json: true },
    })
  })

  it('still requires --server for a plain send, and names --local as the alternative', () => {
    expect(() => parseArgs(['send', '--from', 'a@x.test', '--to', 'b@x.test'])).toThrow(/^--server is required \(or --local/)
  })
})

describe('inbox arguments', () => {
  it('listens on 127.0.0.1, on a free port, by default', () => {
    expect(parseArgs(['inbox'])).toEqual({ command: 'inbox', args: { host: '127.0.0.1', port: 0, faults: {}, json: false } })
  })

  it('takes a port, an address (IPv6 with or without brackets), a folder and faults', () => {
    expect(parseArgs(['inbox', '--port', '2525', '--host', '[::1]', '--data-dir', '/tmp/x', '--fault', 'greeting-421'])).toEqual({
      command: 'inbox',
      args: { host: '::1', port: 2525, dataDir: '/tmp/x', faults: { greeting421: true }, json: false },
    })
    expect(parseArgs(['inbox', '--host', 'localhost'])).toMatchObject({ args: { host: 'localhost' } })
  })

  it('takes --max-clients for a larger pool (or a smaller limit), and refuses what is not a count', () => {
    expect(parseArgs(['inbox', '--max-clients', '120'])).toMatchObject({ command: 'inbox', args: { maxClients: 120 } })
    expect(parseArgs(['inbox'])).not.toHaveProperty('args.maxClients')
    for (const bad of ['0', '-1', '1001', '12.5', 'many', '']) {
      expect(() => parseArgs(['inbox', '--max-clients', bad])).toThrow(`--max-clients must be a number from 1 to 1000 (got '${bad}')`)
    }
    expect(() => parseArgs(['send', '--local', '--max-clients', '5'])).toThrow(/max-clients/)
    expect(helpFor('inbox')).toContain('--max-clients N        clients connected at once, 1 to 1000 (default 100')
  })

  it('has its own help topic', () => {
    expect(parseArgs(['inbox', '--help'])).toEqual({ command: 'help', topic: 'inbox' })
    expect(parseArgs(['help', 'inbox'])).toEqual({ command: 'help', topic: 'inbox' })
  })
})

describe('fault flags', () => {
  it('map to the inbox presets, and back to the words the user typed', () => {
    const faults = parseFaultFlags(['refuse-recipient=reject*', 'greeting-421', 'rcpt-451', 'slow-replies=250', 'disconnect-mid-data=100'])
    expect(faults).toEqual({ refuseRecipient: 'reject*', greeting421: true, rcpt451: true, slowReplies: 250, disconnectMidData: 100 })
    expect(describeFaults(faults)).toBe('refuse-recipient=reject*, greeting-421, rcpt-451, slow-replies=250, disconnect-mid-data=100')
    expect(describeFaults({})).toBe('none')
  })

  it('leave out a delay of 0 (off) but keep a disconnect at byte 0', () => {
    expect(parseFaultFlags(['slow-replies=0', 'disconnect-mid-data=0'])).toEqual({ disconnectMidData: 0 })
  })
})

describe('the per-user data folder', () => {
  const home = '/home/ann'
  it('follows XDG on Linux, only when $XDG_DATA_HOME is absolute', () => {
    expect(defaultInboxDataDir({}, 'linux', home)).toBe('/home/ann/.local/share/mailwire/inbox-cli')
    expect(defaultInboxDataDir({ XDG_DATA_HOME: '/data/ann' }, 'linux', home)).toBe('/data/ann/mailwire/inbox-cli')
    expect(defaultInboxDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', home)).toBe('/home/ann/.local/share/mailwire/inbox-cli')
  })

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultInboxDataDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/Mailwire/inbox-cli')
    expect(defaultInboxDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Mailwire\\inbox-cli',
    )
    expect(defaultInboxDataDir({}, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Mailwire\\inbox-cli')
  })
})

describe('loopback', () => {
  it('is 127.0.0.0/8, ::1 and localhost; anything else gets the warning', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', '::ffff:127.0.0.1']) expect(isLoopback(host), host).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1']) expect(isLoopback(host), host).toBe(false)
  })
})

describe('--help', () => {
  it('documents send --local and mailwire inbox, their faults, JSON and exit codes', () => {
    expect(HELP).toContain('mailwire send --local [--from ADDR] [--to ADDR ...]')
    expect(HELP).toContain('mailwire inbox [--port N] [--host ADDRESS] [--data-dir PATH] [--max-clients N] [--fault NAME[=VALUE] ...] [--json]')
    for (const fault of ['refuse-recipient=PATTERN', 'greeting-421', 'rcpt-451', 'slow-replies=MS', 'disconnect-mid-data=BYTES']) {
      expect(helpFor('inbox')).toContain(fault)
    }
    expect(helpFor('inbox')).toContain('{"event":"listening"')
    expect(helpFor('send')).toContain('"inbox": { "session", "message" }')
    expect(helpFor('send')).toContain('you@mailwire.test')
    expect(helpFor('inbox')).toContain('Windows %APPDATA%\\Mailwire\\inbox-cli')
  })
})
